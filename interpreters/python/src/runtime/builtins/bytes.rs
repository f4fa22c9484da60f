//! The methods of `bytes` and `bytearray`, and the text codecs (`str.encode`, `bytes.decode`).
//!
//! Positional algorithms (find, count, replace, split on a separator, partition, padding, prefix
//! tests) reuse `support::strings` on a Latin-1 view of the bytes: byte `b` becomes the code point
//! `b`, so code-point indices are byte indices and the result maps back one to one. Algorithms that
//! depend on character classes (whitespace splitting and stripping, case mapping, `isX`
//! predicates, `splitlines`) are written here for ASCII, as CPython's bytes methods are ASCII-only.
//! Every method returns the receiver's type (`bytearray` methods return bytearrays).
//!
//! Codecs: UTF-8, ASCII and Latin-1 with the `strict`, `ignore`, `replace`, `backslashreplace`
//! and `xmlcharrefreplace` error handlers. Other encodings CPython knows (UTF-16, cp1252, ...)
//! raise NotImplementedError; unknown names raise LookupError as in CPython.

use std::cell::RefCell;

use super::{add_methods, check_kwargs, kwarg, margs, str_arg};
use crate::runtime::object::Kind;
use crate::runtime::ops::{self, as_str};
use crate::runtime::value::Value;
use crate::runtime::vm::{NativeFn, PyResult, Vm};
use crate::support::strings;

type M = (&'static str, NativeFn);

pub(super) fn install(vm: &mut Vm) {
    let shared: &[M] = &[
        ("decode", bytes_decode),
        ("hex", bytes_hex),
        ("join", bytes_join),
        ("split", bytes_split),
        ("rsplit", bytes_rsplit),
        ("splitlines", bytes_splitlines),
        ("strip", bytes_strip),
        ("lstrip", bytes_lstrip),
        ("rstrip", bytes_rstrip),
        ("upper", bytes_upper),
        ("lower", bytes_lower),
        ("swapcase", bytes_swapcase),
        ("title", bytes_title),
        ("capitalize", bytes_capitalize),
        ("replace", bytes_replace),
        ("startswith", bytes_startswith),
        ("endswith", bytes_endswith),
        ("find", bytes_find),
        ("rfind", bytes_rfind),
        ("index", bytes_index),
        ("rindex", bytes_rindex),
        ("count", bytes_count),
        ("center", bytes_center),
        ("ljust", bytes_ljust),
        ("rjust", bytes_rjust),
        ("zfill", bytes_zfill),
        ("expandtabs", bytes_expandtabs),
        ("partition", bytes_partition),
        ("rpartition", bytes_rpartition),
        ("removeprefix", bytes_removeprefix),
        ("removesuffix", bytes_removesuffix),
        ("translate", bytes_translate),
        ("isdigit", bytes_isdigit),
        ("isalpha", bytes_isalpha),
        ("isalnum", bytes_isalnum),
        ("isspace", bytes_isspace),
        ("isupper", bytes_isupper),
        ("islower", bytes_islower),
        ("istitle", bytes_istitle),
        ("isascii", bytes_isascii),
        ("__len__", bytes_len),
    ];
    let cmc = vm.types.classmethod;
    let smc = vm.types.staticmethod;
    for t in [vm.types.bytes, vm.types.bytearray] {
        add_methods(vm, t, shared);
        let fh = vm.new_native("fromhex", bytes_fromhex);
        let cm = Value::obj(vm.alloc(cmc, Kind::ClassMethod(fh)));
        super::class_set(vm, t, "fromhex", cm);
        let mt = vm.new_native("maketrans", bytes_maketrans);
        let sm = Value::obj(vm.alloc(smc, Kind::StaticMethod(mt)));
        super::class_set(vm, t, "maketrans", sm);
    }
    let t = vm.types.bytearray;
    add_methods(
        vm,
        t,
        &[
            ("append", bytearray_append),
            ("extend", bytearray_extend),
            ("insert", bytearray_insert),
            ("pop", bytearray_pop),
            ("remove", bytearray_remove),
            ("reverse", bytearray_reverse),
            ("clear", bytearray_clear),
            ("copy", bytearray_copy),
        ],
    );
}

// ---------------------------------------------------------------- values

/// A new bytearray object.
pub(crate) fn new_bytearray(vm: &mut Vm, b: Vec<u8>) -> Value {
    let c = vm.types.bytearray;
    Value::obj(vm.alloc(c, Kind::ByteArray(RefCell::new(b))))
}

/// The receiver's bytes and whether it is a bytearray.
fn recv(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<(Vec<u8>, bool)> {
    let v = args.first().copied().unwrap_or(Value::NONE);
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::Bytes(b)) => Ok((b.to_vec(), false)),
        Some(Kind::ByteArray(b)) => Ok((b.borrow().clone(), true)),
        _ => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'bytes' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

/// A result of the receiver's type.
fn mk(vm: &mut Vm, bytearray: bool, b: Vec<u8>) -> Value {
    if bytearray {
        new_bytearray(vm, b)
    } else {
        vm.new_bytes(b)
    }
}

/// A bytes-like argument.
fn barg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match ops::bytes_of(v) {
        Some(b) => Ok(b),
        None => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")))
        }
    }
}

/// A search argument: bytes-like, or an int in `range(256)`.
fn sub_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(i) = ops::as_i64(v) {
        if !(0..256).contains(&i) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
        return Ok(vec![i as u8]);
    }
    match ops::bytes_of(v) {
        Some(b) => Ok(b),
        None => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "argument should be integer or bytes-like object, not '{t}'"
            )))
        }
    }
}

fn opt_i64(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => Ok(Some(ops::index_i64(vm, *v)?)),
    }
}

/// Bytes as a string of the code points 0..=255.
fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

/// The inverse of `latin1` (every char of the input is below 256).
fn unlatin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| c as u32 as u8).collect()
}

fn parts(vm: &mut Vm, ba: bool, ps: Vec<Vec<u8>>) -> Value {
    let vs: Vec<Value> = ps.into_iter().map(|p| mk(vm, ba, p)).collect();
    vm.new_list(vs)
}

// ---------------------------------------------------------------- ASCII classes

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn all_nonempty(b: &[u8], f: impl Fn(u8) -> bool) -> bool {
    !b.is_empty() && b.iter().all(|&c| f(c))
}

fn islower(b: &[u8]) -> bool {
    b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase)
}

fn isupper(b: &[u8]) -> bool {
    b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)
}

fn istitle(b: &[u8]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &c in b {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn title(b: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    b.iter()
        .map(|&c| {
            let r = if prev_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn capitalize(b: &[u8]) -> Vec<u8> {
    b.iter()
        .enumerate()
        .map(|(i, &c)| {
            if i == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn swapcase(b: &[u8]) -> Vec<u8> {
    b.iter()
        .map(|&c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect()
}

/// `split()` on runs of ASCII whitespace.
fn split_ws(b: &[u8], maxsplit: i64) -> Vec<Vec<u8>> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    let mut i = 0;
    let n = b.len();
    while i < n && is_space(b[i]) {
        i += 1;
    }
    while i < n {
        if out.len() >= limit {
            let mut end = n;
            while end > i && is_space(b[end - 1]) {
                end -= 1;
            }
            out.push(b[i..end].to_vec());
            break;
        }
        let start = i;
        while i < n && !is_space(b[i]) {
            i += 1;
        }
        out.push(b[start..i].to_vec());
        while i < n && is_space(b[i]) {
            i += 1;
        }
    }
    out
}

/// `rsplit()` on runs of ASCII whitespace.
fn rsplit_ws(b: &[u8], maxsplit: i64) -> Vec<Vec<u8>> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    let mut end = b.len();
    while end > 0 && is_space(b[end - 1]) {
        end -= 1;
    }
    while end > 0 {
        if out.len() >= limit {
            let mut start = 0;
            while start < end && is_space(b[start]) {
                start += 1;
            }
            out.push(b[start..end].to_vec());
            break;
        }
        let mut start = end;
        while start > 0 && !is_space(b[start - 1]) {
            start -= 1;
        }
        out.push(b[start..end].to_vec());
        end = start;
        while end > 0 && is_space(b[end - 1]) {
            end -= 1;
        }
    }
    out.reverse();
    out
}

fn splitlines(b: &[u8], keepends: bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < b.len() {
        let brk = match b[i] {
            b'\n' => 1,
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if brk == 0 {
            i += 1;
            continue;
        }
        let end = if keepends { i + brk } else { i };
        out.push(b[start..end].to_vec());
        i += brk;
        start = i;
    }
    if start < b.len() {
        out.push(b[start..].to_vec());
    }
    out
}

// ---------------------------------------------------------------- methods

fn bytes_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (b, _) = recv(vm, args, "__len__")?;
    Ok(Value::int(b.len() as i64))
}

fn bytes_decode(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "decode", kwargs, &["encoding", "errors"])?;
    let (b, _) = recv(vm, args, "decode")?;
    let a = margs(vm, "decode", args, 0, 2)?;
    let enc = a.first().copied().or(kwarg(kwargs, "encoding"));
    let errors = a.get(1).copied().or(kwarg(kwargs, "errors"));
    decode(vm, &b, enc, errors)
}

fn bytes_hex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (b, _) = recv(vm, args, "hex")?;
    let a = margs(vm, "hex", args, 0, 2)?;
    let digits: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let Some(sep) = a.first() else {
        return Ok(vm.new_string(digits.concat()));
    };
    let sep = match as_str(*sep) {
        Some(s) => s.to_string(),
        None => latin1(&barg(vm, *sep)?),
    };
    if sep.chars().count() != 1 {
        return Err(vm.value_error("sep must be length 1."));
    }
    let per = match a.get(1) {
        Some(v) => ops::index_i64(vm, *v)?,
        None => 1,
    };
    if per == 0 {
        return Ok(vm.new_string(digits.concat()));
    }
    // Groups of `per` bytes counted from the right (positive) or the left (negative).
    let n = per.unsigned_abs() as usize;
    let len = digits.len();
    let mut out = String::new();
    for (i, d) in digits.iter().enumerate() {
        let boundary = if per > 0 {
            i > 0 && (len - i).is_multiple_of(n)
        } else {
            i > 0 && i.is_multiple_of(n)
        };
        if boundary {
            out.push_str(&sep);
        }
        out.push_str(d);
    }
    Ok(vm.new_string(out))
}

fn bytes_join(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (sep, ba) = recv(vm, args, "join")?;
    let a = margs(vm, "join", args, 1, 1)?;
    let mut out = Vec::new();
    for (i, it) in ops::collect(vm, a[0])?.into_iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match ops::bytes_of(it) {
            Some(b) => out.extend_from_slice(&b),
            None => {
                let t = ops::type_name(vm, it);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {t} found"
                )));
            }
        }
    }
    Ok(mk(vm, ba, out))
}

fn split_common(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    right: bool,
) -> PyResult<Value> {
    check_kwargs(vm, name, kwargs, &["sep", "maxsplit"])?;
    let (b, ba) = recv(vm, args, name)?;
    let a = margs(vm, name, args, 0, 2)?;
    let sep = match a.first().copied().or(kwarg(kwargs, "sep")) {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => Some(barg(vm, v)?),
    };
    let maxsplit = match a.get(1).copied().or(kwarg(kwargs, "maxsplit")) {
        None => -1,
        Some(v) => ops::index_i64(vm, v)?,
    };
    let ps = match sep {
        None if right => rsplit_ws(&b, maxsplit),
        None => split_ws(&b, maxsplit),
        Some(sep) => {
            let (s, sep) = (latin1(&b), latin1(&sep));
            let r = if right {
                strings::rsplit(&s, Some(&sep), maxsplit)
            } else {
                strings::split(&s, Some(&sep), maxsplit)
            };
            let r = r.map_err(|e| vm.support_error(e))?;
            r.into_iter().map(unlatin1).collect()
        }
    };
    Ok(parts(vm, ba, ps))
}

fn bytes_split(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    split_common(vm, args, kwargs, "split", false)
}
fn bytes_rsplit(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    split_common(vm, args, kwargs, "rsplit", true)
}

fn bytes_splitlines(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "splitlines", kwargs, &["keepends"])?;
    let (b, ba) = recv(vm, args, "splitlines")?;
    let a = margs(vm, "splitlines", args, 0, 1)?;
    let keep = match a.first().copied().or(kwarg(kwargs, "keepends")) {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let ps = splitlines(&b, keep);
    Ok(parts(vm, ba, ps))
}

/// `strip`/`lstrip`/`rstrip`: ASCII whitespace, or the bytes of the argument.
fn strip_common(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, name)?;
    let a = margs(vm, name, args, 0, 1)?;
    let chars = match a.first() {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => Some(barg(vm, *v)?),
    };
    let strip = |c: u8| match &chars {
        None => is_space(c),
        Some(cs) => cs.contains(&c),
    };
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && strip(b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(b[e - 1]) {
            e -= 1;
        }
    }
    Ok(mk(vm, ba, b[s..e].to_vec()))
}

fn bytes_strip(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    strip_common(vm, args, "strip", true, true)
}
fn bytes_lstrip(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    strip_common(vm, args, "lstrip", true, false)
}
fn bytes_rstrip(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    strip_common(vm, args, "rstrip", false, true)
}

macro_rules! bytes_map {
    ($name:ident, $py:expr, $f:expr) => {
        fn $name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
            let (b, ba) = recv(vm, args, $py)?;
            margs(vm, $py, args, 0, 0)?;
            let f: fn(&[u8]) -> Vec<u8> = $f;
            Ok(mk(vm, ba, f(&b)))
        }
    };
}
bytes_map!(bytes_upper, "upper", |b| b.to_ascii_uppercase());
bytes_map!(bytes_lower, "lower", |b| b.to_ascii_lowercase());
bytes_map!(bytes_swapcase, "swapcase", swapcase);
bytes_map!(bytes_title, "title", title);
bytes_map!(bytes_capitalize, "capitalize", capitalize);

macro_rules! bytes_pred {
    ($name:ident, $py:expr, $f:expr) => {
        fn $name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
            let (b, _) = recv(vm, args, $py)?;
            margs(vm, $py, args, 0, 0)?;
            let f: fn(&[u8]) -> bool = $f;
            Ok(Value::bool(f(&b)))
        }
    };
}
bytes_pred!(bytes_isdigit, "isdigit", |b| all_nonempty(b, |c| c
    .is_ascii_digit()));
bytes_pred!(bytes_isalpha, "isalpha", |b| all_nonempty(b, |c| c
    .is_ascii_alphabetic()));
bytes_pred!(bytes_isalnum, "isalnum", |b| all_nonempty(b, |c| c
    .is_ascii_alphanumeric()));
bytes_pred!(bytes_isspace, "isspace", |b| all_nonempty(b, is_space));
bytes_pred!(bytes_isupper, "isupper", isupper);
bytes_pred!(bytes_islower, "islower", islower);
bytes_pred!(bytes_istitle, "istitle", istitle);
bytes_pred!(bytes_isascii, "isascii", |b| b.is_ascii());

fn bytes_replace(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, "replace")?;
    let a = margs(vm, "replace", args, 2, 3)?;
    let old = barg(vm, a[0])?;
    let new = barg(vm, a[1])?;
    let n = match a.get(2) {
        Some(v) => ops::index_i64(vm, *v)?,
        None => -1,
    };
    let r = strings::replace(&latin1(&b), &latin1(&old), &latin1(&new), n);
    Ok(mk(vm, ba, unlatin1(&r)))
}

fn prefix_common(vm: &mut Vm, args: &[Value], name: &str, ends: bool) -> PyResult<Value> {
    let (b, _) = recv(vm, args, name)?;
    let a = margs(vm, name, args, 1, 3)?;
    let start = opt_i64(vm, a.get(1))?;
    let end = opt_i64(vm, a.get(2))?;
    let s = latin1(&b);
    let test = |p: &[u8]| {
        if ends {
            strings::endswith(&s, &latin1(p), start, end)
        } else {
            strings::startswith(&s, &latin1(p), start, end)
        }
    };
    if let Some(Kind::Tuple(t)) = Vm::obj_ref(a[0]).map(|o| &o.kind) {
        for p in t.iter() {
            let p = barg(vm, *p)?;
            if test(&p) {
                return Ok(Value::TRUE);
            }
        }
        return Ok(Value::FALSE);
    }
    match ops::bytes_of(a[0]) {
        Some(p) => Ok(Value::bool(test(&p))),
        None => {
            let t = ops::type_name(vm, a[0]);
            Err(vm.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {t}"
            )))
        }
    }
}

fn bytes_startswith(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    prefix_common(vm, args, "startswith", false)
}
fn bytes_endswith(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    prefix_common(vm, args, "endswith", true)
}

/// `find`, `rfind`, `index`, `rindex` and `count` share their arguments.
fn search_common(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<i64> {
    let (b, _) = recv(vm, args, name)?;
    let a = margs(vm, name, args, 1, 3)?;
    let sub = sub_arg(vm, a[0])?;
    let start = opt_i64(vm, a.get(1))?;
    let end = opt_i64(vm, a.get(2))?;
    let (s, sub) = (latin1(&b), latin1(&sub));
    let r = match name {
        "find" | "index" => strings::find(&s, &sub, start, end),
        "rfind" | "rindex" => strings::rfind(&s, &sub, start, end),
        _ => strings::count(&s, &sub, start, end) as i64,
    };
    if r < 0 && name.ends_with("index") {
        return Err(vm.value_error("subsection not found"));
    }
    Ok(r)
}

fn bytes_find(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    search_common(vm, args, "find").map(Value::int)
}
fn bytes_rfind(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    search_common(vm, args, "rfind").map(Value::int)
}
fn bytes_index(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    search_common(vm, args, "index").map(Value::int)
}
fn bytes_rindex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    search_common(vm, args, "rindex").map(Value::int)
}
fn bytes_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    search_common(vm, args, "count").map(Value::int)
}

fn pad_common(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
    pad: fn(&str, i64, char) -> String,
) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, name)?;
    let a = margs(vm, name, args, 1, 2)?;
    let w = ops::index_i64(vm, a[0])?;
    let fill = match a.get(1) {
        None => b' ',
        Some(v) => match ops::bytes_of(*v) {
            Some(f) if f.len() == 1 => f[0],
            _ => {
                let t = ops::type_name(vm, *v);
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {t}"
                )));
            }
        },
    };
    let r = pad(&latin1(&b), w, fill as char);
    Ok(mk(vm, ba, unlatin1(&r)))
}

fn bytes_center(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    pad_common(vm, args, "center", strings::center)
}
fn bytes_ljust(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    pad_common(vm, args, "ljust", strings::ljust)
}
fn bytes_rjust(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    pad_common(vm, args, "rjust", strings::rjust)
}
fn bytes_zfill(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, "zfill")?;
    let a = margs(vm, "zfill", args, 1, 1)?;
    let w = ops::index_i64(vm, a[0])?;
    let r = strings::zfill(&latin1(&b), w);
    Ok(mk(vm, ba, unlatin1(&r)))
}
fn bytes_expandtabs(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, "expandtabs")?;
    let a = margs(vm, "expandtabs", args, 0, 1)?;
    let n = match a.first().copied().or(kwarg(kwargs, "tabsize")) {
        Some(v) => ops::index_i64(vm, v)?,
        None => 8,
    };
    let r = strings::expandtabs(&latin1(&b), n);
    Ok(mk(vm, ba, unlatin1(&r)))
}

fn partition_common(vm: &mut Vm, args: &[Value], name: &str, right: bool) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, name)?;
    let a = margs(vm, name, args, 1, 1)?;
    let sep = barg(vm, a[0])?;
    let (s, sep) = (latin1(&b), latin1(&sep));
    let r = if right {
        strings::rpartition(&s, &sep)
    } else {
        strings::partition(&s, &sep)
    };
    let (x, y, z) = r.map_err(|e| vm.support_error(e))?;
    let vs = vec![
        mk(vm, ba, unlatin1(x)),
        mk(vm, ba, unlatin1(y)),
        mk(vm, ba, unlatin1(z)),
    ];
    Ok(vm.new_tuple(vs))
}

fn bytes_partition(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    partition_common(vm, args, "partition", false)
}
fn bytes_rpartition(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    partition_common(vm, args, "rpartition", true)
}

fn bytes_removeprefix(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, "removeprefix")?;
    let a = margs(vm, "removeprefix", args, 1, 1)?;
    let p = barg(vm, a[0])?;
    let r = b.strip_prefix(p.as_slice()).unwrap_or(&b).to_vec();
    Ok(mk(vm, ba, r))
}
fn bytes_removesuffix(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, "removesuffix")?;
    let a = margs(vm, "removesuffix", args, 1, 1)?;
    let p = barg(vm, a[0])?;
    let r = b.strip_suffix(p.as_slice()).unwrap_or(&b).to_vec();
    Ok(mk(vm, ba, r))
}

fn bytes_translate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let (b, ba) = recv(vm, args, "translate")?;
    let a = margs(vm, "translate", args, 1, 2)?;
    let table = match a[0] {
        v if v.is_none() => None,
        v => {
            let t = barg(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match a.get(1).copied().or(kwarg(kwargs, "delete")) {
        Some(d) => barg(vm, d)?,
        None => vec![],
    };
    let out: Vec<u8> = b
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(mk(vm, ba, out))
}

fn bytes_maketrans(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    super::check_args(vm, "maketrans", args, 2, 2)?;
    let from = barg(vm, args[0])?;
    let to = barg(vm, args[1])?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255).collect();
    for (f, x) in from.iter().zip(&to) {
        t[*f as usize] = *x;
    }
    Ok(vm.new_bytes(t))
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)`: hex pairs, whitespace allowed between pairs.
fn bytes_fromhex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    super::check_args(vm, "fromhex", args, 2, 2)?;
    let s = str_arg(vm, args[1], "fromhex() argument")?;
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        if cs[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = cs[i].to_digit(16);
        let lo = cs.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) if i + 1 >= cs.len() => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                )));
            }
            (Some(_), None) => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    i + 1
                )));
            }
            (None, _) => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                )));
            }
        }
        i += 2;
    }
    let is_ba = args[0]
        .as_obj()
        .is_some_and(|c| crate::runtime::vm::is_subclass(c, vm.types.bytearray));
    let r = mk(vm, is_ba, out);
    // A subclass (`class B(bytes)`) gets an instance of itself, as CPython calls `cls(result)`.
    if let Some(c) = args[0].as_obj()
        && !vgc::Gc::ptr_eq(c, vm.types.bytes)
        && !vgc::Gc::ptr_eq(c, vm.types.bytearray)
    {
        return ops::call(vm, args[0], &[r], &[]);
    }
    Ok(r)
}

// ---------------------------------------------------------------- bytearray mutation

fn ba_cell(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static RefCell<Vec<u8>>> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::ByteArray(b)) => Ok(b),
        _ => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let i = ops::index_i64(vm, v)?;
    if !(0..256).contains(&i) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

/// The bytes of an iterable argument: bytes-like, or an iterable of ints in `range(256)`.
pub(crate) fn bytes_from_iterable(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = ops::bytes_of(v) {
        return Ok(b);
    }
    if as_str(v).is_some() {
        return Err(vm.type_error("can't extend bytearray with str"));
    }
    let mut out = Vec::new();
    for x in ops::collect(vm, v)? {
        out.push(byte_value(vm, x)?);
    }
    Ok(out)
}

fn bytearray_append(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "append")?;
    let a = margs(vm, "append", args, 1, 1)?;
    let x = byte_value(vm, a[0])?;
    cell.borrow_mut().push(x);
    Ok(Value::NONE)
}

fn bytearray_extend(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "extend")?;
    let a = margs(vm, "extend", args, 1, 1)?;
    let data = bytes_from_iterable(vm, a[0])?;
    cell.borrow_mut().extend(data);
    Ok(Value::NONE)
}

fn bytearray_insert(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "insert")?;
    let a = margs(vm, "insert", args, 2, 2)?;
    let i = ops::index_i64(vm, a[0])?;
    let x = byte_value(vm, a[1])?;
    let n = cell.borrow().len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    cell.borrow_mut().insert(i as usize, x);
    Ok(Value::NONE)
}

fn bytearray_pop(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "pop")?;
    let a = margs(vm, "pop", args, 0, 1)?;
    let n = cell.borrow().len();
    if n == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let i = match a.first() {
        Some(v) => ops::index_i64(vm, *v)?,
        None => -1,
    };
    let j = if i < 0 { i + n as i64 } else { i };
    if !(0..n as i64).contains(&j) {
        return Err(vm.index_error("pop index out of range"));
    }
    let x = cell.borrow_mut().remove(j as usize);
    Ok(Value::int(x as i64))
}

fn bytearray_remove(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "remove")?;
    let a = margs(vm, "remove", args, 1, 1)?;
    let x = byte_value(vm, a[0])?;
    let pos = cell.borrow().iter().position(|c| *c == x);
    match pos {
        Some(p) => {
            cell.borrow_mut().remove(p);
            Ok(Value::NONE)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn bytearray_reverse(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "reverse")?;
    margs(vm, "reverse", args, 0, 0)?;
    cell.borrow_mut().reverse();
    Ok(Value::NONE)
}

fn bytearray_clear(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "clear")?;
    margs(vm, "clear", args, 0, 0)?;
    cell.borrow_mut().clear();
    Ok(Value::NONE)
}

fn bytearray_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cell = ba_cell(vm, args[0], "copy")?;
    margs(vm, "copy", args, 0, 0)?;
    let b = cell.borrow().clone();
    Ok(new_bytearray(vm, b))
}

// ---------------------------------------------------------------- codecs

/// The canonical name of a supported encoding; NotImplementedError for encodings CPython has
/// and pyvgc does not, LookupError for unknown names.
fn codec(vm: &mut Vm, enc: Option<Value>, what: &str) -> PyResult<&'static str> {
    let Some(e) = enc else {
        return Ok("utf-8");
    };
    let raw = str_arg(vm, e, &format!("{what}() argument 'encoding'"))?;
    let norm = raw.to_ascii_lowercase().replace(['_', ' '], "-");
    Ok(match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "cp65001" => "utf-8",
        "ascii" | "us-ascii" | "646" => "ascii",
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" | "8859" | "cp819" => "latin-1",
        "utf-16" | "utf16" | "utf-16-le" | "utf-16-be" | "utf-32" | "utf32" | "utf-32-le"
        | "utf-32-be" | "cp1252" | "windows-1252" | "cp437" | "utf-8-sig" | "idna" | "punycode"
        | "unicode-escape" | "raw-unicode-escape" | "rot13" | "rot-13" => {
            return Err(vm.not_implemented(&format!("the '{raw}' codec")));
        }
        _ => return Err(vm.new_error("LookupError", format!("unknown encoding: {raw}"))),
    })
}

fn error_handler(vm: &mut Vm, errors: Option<Value>) -> PyResult<&'static str> {
    let Some(e) = errors else {
        return Ok("strict");
    };
    let s = str_arg(vm, e, "argument 'errors'")?;
    Ok(match s {
        "strict" => "strict",
        "ignore" => "ignore",
        "replace" => "replace",
        "backslashreplace" => "backslashreplace",
        "xmlcharrefreplace" => "xmlcharrefreplace",
        "surrogateescape" | "surrogatepass" | "namereplace" => {
            return Err(vm.not_implemented(&format!("the '{s}' error handler")));
        }
        _ => {
            return Err(vm.new_error("LookupError", format!("unknown error handler name '{s}'")));
        }
    })
}

/// How CPython names a code point in a codec message: `'\xe9'`, `'\u20ac'`, `'\U0001d11e'`.
fn char_escape(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

/// `str.encode(encoding, errors)`.
pub(crate) fn encode(
    vm: &mut Vm,
    s: &str,
    enc: Option<Value>,
    errors: Option<Value>,
) -> PyResult<Value> {
    let enc = codec(vm, enc, "encode")?;
    let handler = error_handler(vm, errors)?;
    if enc == "utf-8" {
        return Ok(vm.new_bytes(s.as_bytes().to_vec()));
    }
    let limit: u32 = if enc == "ascii" { 128 } else { 256 };
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        match handler {
            "strict" => {
                // CPython reports the whole run of unencodable characters.
                let mut j = i;
                while j < chars.len() && chars[j] as u32 >= limit {
                    j += 1;
                }
                let msg = if j - i == 1 {
                    format!(
                        "'{enc}' codec can't encode character '{}' in position {i}: ordinal not in range({limit})",
                        char_escape(c)
                    )
                } else {
                    format!(
                        "'{enc}' codec can't encode characters in position {i}-{}: ordinal not in range({limit})",
                        j - 1
                    )
                };
                return Err(vm.new_error("UnicodeEncodeError", msg));
            }
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend_from_slice(char_escape(c).as_bytes()),
            _ => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
        }
        i += 1;
    }
    Ok(vm.new_bytes(out))
}

/// `bytes.decode(encoding, errors)`.
pub(crate) fn decode(
    vm: &mut Vm,
    b: &[u8],
    enc: Option<Value>,
    errors: Option<Value>,
) -> PyResult<Value> {
    let enc = codec(vm, enc, "decode")?;
    let handler = error_handler(vm, errors)?;
    match enc {
        "latin-1" => Ok(vm.new_string(latin1(b))),
        "ascii" => {
            let mut out = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 128 {
                    out.push(c as char);
                    continue;
                }
                match handler {
                    "strict" => {
                        return Err(vm.new_error(
                            "UnicodeDecodeError",
                            format!("'ascii' codec can't decode byte 0x{c:02x} in position {i}: ordinal not in range(128)"),
                        ));
                    }
                    "ignore" => {}
                    "replace" => out.push('\u{fffd}'),
                    "backslashreplace" => out.push_str(&format!("\\x{c:02x}")),
                    _ => return Err(xmlchar_decode(vm)),
                }
            }
            Ok(vm.new_string(out))
        }
        _ => {
            let mut out = String::with_capacity(b.len());
            let mut rest = b;
            let mut base = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        // `from_utf8` validated this prefix.
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        let bad = e.error_len().unwrap_or(rest.len() - good);
                        let pos = base + good;
                        match handler {
                            "strict" => {
                                let first = rest[good];
                                let reason = if e.error_len().is_none() {
                                    "unexpected end of data"
                                } else if bad == 1 && !(0xc2..=0xf4).contains(&first) {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                let msg = if bad == 1 {
                                    format!(
                                        "'utf-8' codec can't decode byte 0x{first:02x} in position {pos}: {reason}"
                                    )
                                } else {
                                    format!(
                                        "'utf-8' codec can't decode bytes in position {pos}-{}: {reason}",
                                        pos + bad - 1
                                    )
                                };
                                return Err(vm.new_error("UnicodeDecodeError", msg));
                            }
                            "ignore" => {}
                            "replace" => out.push('\u{fffd}'),
                            "backslashreplace" => {
                                for c in &rest[good..good + bad] {
                                    out.push_str(&format!("\\x{c:02x}"));
                                }
                            }
                            _ => return Err(xmlchar_decode(vm)),
                        }
                        rest = &rest[good + bad..];
                        base = pos + bad;
                    }
                }
            }
            Ok(vm.new_string(out))
        }
    }
}

fn xmlchar_decode(vm: &mut Vm) -> crate::runtime::vm::PyErr {
    vm.type_error("don't know how to handle UnicodeDecodeError in error callback")
}

// ---------------------------------------------------------------- %-formatting

/// `bytes % args`: formatted as text over the Latin-1 view (bytes arguments become Latin-1
/// strings for `%s`/`%b`), then encoded back. A str argument is rejected, as in CPython.
pub(crate) fn bytes_percent(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let (f, ba) = recv(vm, &[fmt], "__mod__")?;
    let conv = |vm: &mut Vm, v: Value| -> PyResult<Value> {
        if as_str(v).is_some() {
            return Err(vm.type_error(
                "%b requires a bytes-like object, or an object that implements __bytes__, not 'str'",
            ));
        }
        Ok(match ops::bytes_of(v) {
            Some(b) => vm.new_string(latin1(&b)),
            None => v,
        })
    };
    let args = match Vm::obj_ref(args).map(|o| &o.kind) {
        Some(Kind::Tuple(t)) => {
            let items = t.to_vec();
            let mut conv_items = Vec::with_capacity(items.len());
            for x in items {
                conv_items.push(conv(vm, x)?);
            }
            vm.new_tuple(conv_items)
        }
        Some(Kind::Dict(_)) => args,
        _ => conv(vm, args)?,
    };
    let fs = bytes_spec_to_str(&latin1(&f));
    let fs = vm.new_string(fs);
    let r = super::str_percent(vm, fs, args)?;
    let s = as_str(r).unwrap_or("");
    if s.chars().any(|c| c as u32 > 255) {
        return Err(vm.type_error(
            "%b requires a bytes-like object, or an object that implements __bytes__, not 'str'",
        ));
    }
    let out = unlatin1(s);
    Ok(mk(vm, ba, out))
}

/// The format string with `%b` conversions spelled `%s` (mapping keys and `%%` left alone).
fn bytes_spec_to_str(f: &str) -> String {
    let mut out = String::with_capacity(f.len());
    let mut in_spec = false;
    let mut in_key = false;
    for c in f.chars() {
        if in_key {
            in_key = c != ')';
            out.push(c);
        } else if in_spec {
            if c == '(' {
                in_key = true;
                out.push(c);
            } else if c.is_ascii_alphabetic() || c == '%' {
                out.push(if c == 'b' { 's' } else { c });
                in_spec = false;
            } else {
                out.push(c);
            }
        } else {
            out.push(c);
            in_spec = c == '%';
        }
    }
    out
}
