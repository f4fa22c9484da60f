//! Methods of the built-in types: str, list, tuple, dict, set/frozenset, int, float, bytes,
//! generators, iterators and files.
//!
//! The text algorithms are `support::strings`; these wrappers convert arguments and results and
//! raise CPython's argument errors. Methods that are rarely used and not listed here raise
//! AttributeError as any missing attribute does (see COMPATIBILITY.md).

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use super::{CbErr, add_methods, check_args, check_kwargs, kwarg, margs, str_arg};
use crate::runtime::interp::{self, GenOut};
use crate::runtime::lib::builtin_extras as extras;
use crate::runtime::object::{FileState, Kind};
use crate::runtime::ops::{self, as_str};
use crate::runtime::value::{self, Value};
use crate::runtime::vm::{NativeFn, PyErr, PyResult, Vm};
use crate::support::{self, strings};

type M = (&'static str, NativeFn);

pub(super) fn install(vm: &mut Vm) {
    let str_m: &[M] = &[
        ("join", str_join),
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("splitlines", str_splitlines),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
        ("upper", str_upper),
        ("lower", str_lower),
        ("casefold", str_casefold),
        ("title", str_title),
        ("capitalize", str_capitalize),
        ("swapcase", str_swapcase),
        ("replace", str_replace),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("find", str_find),
        ("rfind", str_rfind),
        ("index", str_index),
        ("rindex", str_rindex),
        ("count", str_count),
        ("format", str_format),
        ("format_map", str_format_map),
        ("isdigit", str_isdigit),
        ("isdecimal", str_isdecimal),
        ("isnumeric", str_isnumeric),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isspace", str_isspace),
        ("isupper", str_isupper),
        ("islower", str_islower),
        ("istitle", str_istitle),
        ("isidentifier", str_isidentifier),
        ("isascii", str_isascii),
        ("isprintable", str_isprintable),
        ("center", str_center),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("zfill", str_zfill),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("expandtabs", str_expandtabs),
        ("encode", str_encode),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("translate", str_translate),
        ("__len__", any_len),
        ("__contains__", any_contains),
        ("__getitem__", any_getitem),
    ];
    let t = vm.types.str_;
    add_methods(vm, t, str_m);
    let mk = vm.new_native("maketrans", str_maketrans);
    let smc = vm.types.staticmethod;
    let sm = Value::obj(vm.alloc(smc, Kind::StaticMethod(mk)));
    super::class_set(vm, t, "maketrans", sm);

    let list_m: &[M] = &[
        ("append", list_append),
        ("extend", list_extend),
        ("insert", list_insert),
        ("pop", list_pop),
        ("remove", list_remove),
        ("index", seq_index_m),
        ("count", seq_count),
        ("sort", list_sort),
        ("reverse", list_reverse),
        ("clear", list_clear),
        ("copy", list_copy),
        ("__len__", any_len),
        ("__contains__", any_contains),
        ("__getitem__", any_getitem),
        ("__setitem__", any_setitem),
        ("__iter__", any_iter),
    ];
    let t = vm.types.list;
    add_methods(vm, t, list_m);
    let tuple_m: &[M] = &[
        ("index", seq_index_m),
        ("count", seq_count),
        ("__len__", any_len),
        ("__contains__", any_contains),
        ("__getitem__", any_getitem),
        ("__iter__", any_iter),
    ];
    let t = vm.types.tuple;
    add_methods(vm, t, tuple_m);
    let t = vm.types.range;
    add_methods(vm, t, &[("index", seq_index_m), ("count", seq_count)]);

    let dict_m: &[M] = &[
        ("get", dict_get),
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
        ("pop", dict_pop),
        ("popitem", dict_popitem),
        ("setdefault", dict_setdefault),
        ("update", dict_update),
        ("clear", dict_clear),
        ("copy", dict_copy),
        ("__len__", any_len),
        ("__contains__", any_contains),
        ("__getitem__", any_getitem),
        ("__setitem__", any_setitem),
        ("__iter__", any_iter),
    ];
    let t = vm.types.dict;
    add_methods(vm, t, dict_m);
    let fk = vm.new_native("fromkeys", dict_fromkeys);
    let cmc = vm.types.classmethod;
    let cm = Value::obj(vm.alloc(cmc, Kind::ClassMethod(fk)));
    super::class_set(vm, t, "fromkeys", cm);

    let set_m: &[M] = &[
        ("add", set_add),
        ("remove", set_remove),
        ("discard", set_discard),
        ("pop", set_pop),
        ("clear", set_clear),
        ("copy", set_copy),
        ("update", set_update),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("intersection_update", set_intersection_update),
        ("difference_update", set_difference_update),
        (
            "symmetric_difference_update",
            set_symmetric_difference_update,
        ),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
        ("__len__", any_len),
        ("__contains__", any_contains),
        ("__iter__", any_iter),
    ];
    let t = vm.types.set;
    add_methods(vm, t, set_m);
    let fset_m: &[M] = &[
        ("copy", set_copy),
        ("union", set_union),
        ("intersection", set_intersection),
        ("difference", set_difference),
        ("symmetric_difference", set_symmetric_difference),
        ("issubset", set_issubset),
        ("issuperset", set_issuperset),
        ("isdisjoint", set_isdisjoint),
        ("__len__", any_len),
        ("__contains__", any_contains),
        ("__iter__", any_iter),
    ];
    let t = vm.types.frozenset;
    add_methods(vm, t, fset_m);

    let int_m: &[M] = &[
        ("bit_length", int_bit_length),
        ("bit_count", int_bit_count),
        ("conjugate", num_self),
        ("__index__", num_self),
        ("to_bytes", int_to_bytes),
        ("as_integer_ratio", int_as_integer_ratio),
    ];
    let t = vm.types.int;
    add_methods(vm, t, int_m);
    let fb = vm.new_native("from_bytes", int_from_bytes);
    let cm = Value::obj(vm.alloc(cmc, Kind::ClassMethod(fb)));
    super::class_set(vm, t, "from_bytes", cm);
    let float_m: &[M] = &[
        ("is_integer", float_is_integer),
        ("conjugate", num_self),
        ("as_integer_ratio", float_as_integer_ratio),
        ("hex", float_hex),
    ];
    let t = vm.types.float;
    add_methods(vm, t, float_m);
    let fh = vm.new_native("fromhex", float_fromhex);
    let cm = Value::obj(vm.alloc(cmc, Kind::ClassMethod(fh)));
    super::class_set(vm, t, "fromhex", cm);

    let gen_m: &[M] = &[
        ("send", gen_send),
        ("throw", gen_throw),
        ("close", gen_close),
        ("__next__", iter_next_m),
        ("__iter__", iter_self),
    ];
    let t = vm.types.generator;
    add_methods(vm, t, gen_m);
    for t in vm.types.iters {
        add_methods(vm, t, &[("__next__", iter_next_m), ("__iter__", iter_self)]);
    }

    let file_m: &[M] = &[
        ("read", file_read),
        ("readline", file_readline),
        ("readlines", file_readlines),
        ("write", file_write),
        ("writelines", file_writelines),
        ("close", file_close),
        ("seek", extras::file_seek),
        ("tell", extras::file_tell),
        ("seekable", extras::file_seekable),
        ("readable", extras::file_readable),
        ("writable", extras::file_writable),
        ("flush", file_flush),
        ("__enter__", iter_self),
        ("__exit__", file_exit),
        ("__iter__", iter_self),
        ("__next__", iter_next_m),
    ];
    let t = vm.types.file;
    add_methods(vm, t, file_m);
    let t = vm.types.slice;
    add_methods(vm, t, &[("indices", extras::slice_indices)]);

    let t = vm.types.type_;
    add_methods(vm, t, &[("mro", type_mro)]);
}

fn recv_str<'a>(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<&'a str> {
    match args.first().and_then(|v| as_str(*v)) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' for 'str' objects doesn't apply to this object"
        ))),
    }
}

fn opt_i64(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => Ok(Some(ops::index_i64(vm, *v)?)),
    }
}

fn sup<T>(vm: &mut Vm, r: support::Result<T>) -> PyResult<T> {
    r.map_err(|e| vm.support_error(e))
}

fn strs(vm: &mut Vm, parts: Vec<&str>) -> Value {
    let vs: Vec<Value> = parts.into_iter().map(|p| vm.new_str(p)).collect();
    vm.new_list(vs)
}

// ---------------------------------------------------------------- generic dunders

fn any_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__len__", args, 1, 1)?;
    Ok(Value::int(ops::len(vm, args[0])? as i64))
}

fn any_contains(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__contains__", args, 2, 2)?;
    Ok(Value::bool(ops::contains(vm, args[0], args[1])?))
}

fn any_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__getitem__", args, 2, 2)?;
    ops::getitem(vm, args[0], args[1])
}

fn any_setitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__setitem__", args, 3, 3)?;
    ops::setitem(vm, args[0], args[1], args[2])?;
    Ok(Value::NONE)
}

fn any_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__iter__", args, 1, 1)?;
    ops::get_iter(vm, args[0])
}

fn iter_self(_vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args.first().copied().unwrap_or(Value::NONE))
}

fn iter_next_m(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__next__", args, 1, 1)?;
    if let Some(Kind::Generator(_)) = Vm::obj_ref(args[0]).map(|o| &o.kind) {
        return match interp::gen_step(vm, args[0], Value::NONE, None)? {
            GenOut::Yield(v) => Ok(v),
            GenOut::Return(v) => Err(interp::stop_iteration(vm, v)),
        };
    }
    match ops::next(vm, args[0])? {
        Some(v) => Ok(v),
        None => Err(interp::stop_iteration(vm, Value::NONE)),
    }
}

fn num_self(_vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(args.first().copied().unwrap_or(Value::NONE))
}

fn type_mro(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let m = match Vm::obj_ref(args[0]).map(|o| &o.kind) {
        Some(Kind::Type(t)) => t.mro.borrow().iter().map(|c| Value::obj(*c)).collect(),
        _ => vec![],
    };
    Ok(vm.new_list(m))
}

// ---------------------------------------------------------------- str

fn str_join(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let sep = recv_str(vm, args, "join")?;
    let a = margs(vm, "str.join", args, 1, 1)?;
    // A list or tuple is read in place (no copy of its items); anything else is collected first.
    let out = match Vm::obj_ref(a[0]).map(|o| &o.kind) {
        Some(Kind::List(l)) => join_strs(sep, &l.borrow()),
        Some(Kind::Tuple(t)) => join_strs(sep, t),
        _ => {
            let items = ops::collect(vm, a[0])?;
            join_strs(sep, &items)
        }
    };
    match out {
        Ok(s) => Ok(vm.new_string(s)),
        Err((i, it)) => {
            let t = ops::type_name(vm, it);
            Err(vm.type_error(format!(
                "sequence item {i}: expected str instance, {t} found"
            )))
        }
    }
}

/// Concatenates `items` with `sep` between them into a string allocated once at its exact length
/// (so turning it into the str's boxed storage does not reallocate), or returns the index and
/// value of the first item that is not a str.
fn join_strs(sep: &str, items: &[Value]) -> Result<String, (usize, Value)> {
    let mut len = sep.len() * items.len().saturating_sub(1);
    for (i, it) in items.iter().enumerate() {
        match as_str(*it) {
            Some(s) => len += s.len(),
            None => return Err((i, *it)),
        }
    }
    let mut out = String::with_capacity(len);
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(as_str(*it).unwrap_or_default());
    }
    Ok(out)
}

fn split_args(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
) -> PyResult<(Option<&'static str>, i64)> {
    check_kwargs(vm, name, kwargs, &["sep", "maxsplit"])?;
    let a = margs(vm, name, args, 0, 2)?;
    let sep = match a.first().copied().or(kwarg(kwargs, "sep")) {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => Some(str_arg(vm, v, "must be str or None, not")?),
    };
    let maxsplit = match a.get(1).copied().or(kwarg(kwargs, "maxsplit")) {
        None => -1,
        Some(v) => ops::index_i64(vm, v)?,
    };
    Ok((sep, maxsplit))
}

fn str_split(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "split")?;
    let (sep, n) = split_args(vm, args, kwargs, "split")?;
    let r = strings::split(s, sep, n);
    let parts = sup(vm, r)?;
    Ok(strs(vm, parts))
}

fn str_rsplit(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "rsplit")?;
    let (sep, n) = split_args(vm, args, kwargs, "rsplit")?;
    let r = strings::rsplit(s, sep, n);
    let parts = sup(vm, r)?;
    Ok(strs(vm, parts))
}

fn str_splitlines(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "splitlines")?;
    let a = margs(vm, "splitlines", args, 0, 1)?;
    let keep = match a.first().copied().or(kwarg(kwargs, "keepends")) {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let parts = strings::splitlines(s, keep);
    Ok(strs(vm, parts))
}

fn strip_chars(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Option<&'static str>> {
    let a = margs(vm, name, args, 0, 1)?;
    match a.first() {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => match as_str(*v) {
            Some(s) => Ok(Some(s)),
            None => {
                let t = ops::type_name(vm, *v);
                Err(vm.type_error(format!("{name} arg must be None or str, not {t}")))
            }
        },
    }
}

fn str_strip(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "strip")?;
    let c = strip_chars(vm, args, "strip")?;
    Ok(vm.new_str(strings::strip(s, c)))
}
fn str_lstrip(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "lstrip")?;
    let c = strip_chars(vm, args, "lstrip")?;
    Ok(vm.new_str(strings::lstrip(s, c)))
}
fn str_rstrip(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "rstrip")?;
    let c = strip_chars(vm, args, "rstrip")?;
    Ok(vm.new_str(strings::rstrip(s, c)))
}

macro_rules! str_map {
    ($name:ident, $py:expr, $f:expr) => {
        fn $name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
            let s = recv_str(vm, args, $py)?;
            margs(vm, $py, args, 0, 0)?;
            let f: fn(&str) -> String = $f;
            Ok(vm.new_string(f(s)))
        }
    };
}
str_map!(str_upper, "upper", strings::upper);
str_map!(str_lower, "lower", strings::lower);
str_map!(str_casefold, "casefold", strings::casefold);
str_map!(str_title, "title", strings::title);
str_map!(str_capitalize, "capitalize", strings::capitalize);
str_map!(str_swapcase, "swapcase", strings::swapcase);

macro_rules! str_pred {
    ($name:ident, $py:expr, $f:expr) => {
        fn $name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
            let s = recv_str(vm, args, $py)?;
            margs(vm, $py, args, 0, 0)?;
            let f: fn(&str) -> bool = $f;
            Ok(Value::bool(f(s)))
        }
    };
}
str_pred!(str_isdigit, "isdigit", strings::isdigit);
str_pred!(str_isdecimal, "isdecimal", strings::isdecimal);
str_pred!(str_isnumeric, "isnumeric", strings::isnumeric);
str_pred!(str_isalpha, "isalpha", strings::isalpha);
str_pred!(str_isalnum, "isalnum", strings::isalnum);
str_pred!(str_isspace, "isspace", strings::isspace);
str_pred!(str_isupper, "isupper", strings::isupper);
str_pred!(str_islower, "islower", strings::islower);
str_pred!(str_istitle, "istitle", strings::istitle);
str_pred!(str_isidentifier, "isidentifier", strings::isidentifier);
str_pred!(str_isascii, "isascii", strings::isascii);
str_pred!(str_isprintable, "isprintable", strings::isprintable);

fn str_replace(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "replace")?;
    let a = margs(vm, "replace", args, 2, 3)?;
    let old = str_arg(vm, a[0], "replace() argument 1")?;
    let new = str_arg(vm, a[1], "replace() argument 2")?;
    let n = match a.get(2) {
        Some(v) => ops::index_i64(vm, *v)?,
        None => -1,
    };
    Ok(vm.new_string(strings::replace(s, old, new, n)))
}

fn prefix_test(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
    f: fn(&str, &str, Option<i64>, Option<i64>) -> bool,
) -> PyResult<Value> {
    let s = recv_str(vm, args, name)?;
    let a = margs(vm, name, args, 1, 3)?;
    let start = opt_i64(vm, a.get(1))?;
    let end = opt_i64(vm, a.get(2))?;
    if let Some(Kind::Tuple(t)) = Vm::obj_ref(a[0]).map(|o| &o.kind) {
        for p in t.iter() {
            let p = str_arg(vm, *p, "tuple for startswith must only contain str, not")?;
            if f(s, p, start, end) {
                return Ok(Value::TRUE);
            }
        }
        return Ok(Value::FALSE);
    }
    match as_str(a[0]) {
        Some(p) => Ok(Value::bool(f(s, p, start, end))),
        None => {
            let t = ops::type_name(vm, a[0]);
            Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {t}"
            )))
        }
    }
}

fn str_startswith(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    prefix_test(vm, args, "startswith", strings::startswith)
}
fn str_endswith(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    prefix_test(vm, args, "endswith", strings::endswith)
}

fn find_args(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
) -> PyResult<(&'static str, &'static str, Option<i64>, Option<i64>)> {
    let s = recv_str(vm, args, name)?;
    let a = margs(vm, name, args, 1, 3)?;
    let sub = match as_str(a[0]) {
        Some(x) => x,
        None => {
            let t = ops::type_name(vm, a[0]);
            return Err(vm.type_error(format!("must be str, not {t}")));
        }
    };
    let start = opt_i64(vm, a.get(1))?;
    let end = opt_i64(vm, a.get(2))?;
    Ok((s, sub, start, end))
}

fn str_find(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, a, b) = find_args(vm, args, "find")?;
    Ok(Value::int(strings::find(s, sub, a, b)))
}
fn str_rfind(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, a, b) = find_args(vm, args, "rfind")?;
    Ok(Value::int(strings::rfind(s, sub, a, b)))
}
fn str_index(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, a, b) = find_args(vm, args, "index")?;
    match strings::find(s, sub, a, b) {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::int(i)),
    }
}
fn str_rindex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, a, b) = find_args(vm, args, "rindex")?;
    match strings::rfind(s, sub, a, b) {
        -1 => Err(vm.value_error("substring not found")),
        i => Ok(Value::int(i)),
    }
}
fn str_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (s, sub, a, b) = find_args(vm, args, "count")?;
    Ok(Value::int(strings::count(s, sub, a, b) as i64))
}

fn fill_char(vm: &mut Vm, v: Option<&Value>, name: &str) -> PyResult<char> {
    match v {
        None => Ok(' '),
        Some(v) => match as_str(*v) {
            Some(s) if s.chars().count() == 1 => Ok(s.chars().next().expect("one char")),
            _ => Err(vm.type_error(format!(
                "{name}() argument 2 must be a unicode character, not str"
            ))),
        },
    }
}

/// `center`, `ljust` and `rjust`: a width and an optional fill character, then `pad`.
fn str_pad(
    vm: &mut Vm,
    args: &[Value],
    name: &str,
    pad: fn(&str, i64, char) -> String,
) -> PyResult<Value> {
    let s = recv_str(vm, args, name)?;
    let a = margs(vm, name, args, 1, 2)?;
    let w = ops::index_i64(vm, a[0])?;
    let f = fill_char(vm, a.get(1), name)?;
    Ok(vm.new_string(pad(s, w, f)))
}
fn str_center(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    str_pad(vm, args, "center", strings::center)
}
fn str_ljust(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    str_pad(vm, args, "ljust", strings::ljust)
}
fn str_rjust(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    str_pad(vm, args, "rjust", strings::rjust)
}
fn str_zfill(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "zfill")?;
    let a = margs(vm, "zfill", args, 1, 1)?;
    let w = ops::index_i64(vm, a[0])?;
    Ok(vm.new_string(strings::zfill(s, w)))
}
fn str_expandtabs(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "expandtabs")?;
    let a = margs(vm, "expandtabs", args, 0, 1)?;
    let n = match a.first().copied().or(kwarg(kwargs, "tabsize")) {
        Some(v) => ops::index_i64(vm, v)?,
        None => 8,
    };
    Ok(vm.new_string(strings::expandtabs(s, n)))
}

fn str_partition(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "partition")?;
    let a = margs(vm, "partition", args, 1, 1)?;
    let sep = str_arg(vm, a[0], "partition() argument")?;
    let r = strings::partition(s, sep);
    let (x, y, z) = sup(vm, r)?;
    let vs = vec![vm.new_str(x), vm.new_str(y), vm.new_str(z)];
    Ok(vm.new_tuple(vs))
}
fn str_rpartition(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "rpartition")?;
    let a = margs(vm, "rpartition", args, 1, 1)?;
    let sep = str_arg(vm, a[0], "rpartition() argument")?;
    let r = strings::rpartition(s, sep);
    let (x, y, z) = sup(vm, r)?;
    let vs = vec![vm.new_str(x), vm.new_str(y), vm.new_str(z)];
    Ok(vm.new_tuple(vs))
}

fn str_encode(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "encode", kwargs, &["encoding", "errors"])?;
    let s = recv_str(vm, args, "encode")?;
    let a = margs(vm, "encode", args, 0, 2)?;
    let enc = a.first().copied().or(kwarg(kwargs, "encoding"));
    let errors = a.get(1).copied().or(kwarg(kwargs, "errors"));
    super::bytes::encode(vm, s, enc, errors)
}

fn str_removeprefix(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "removeprefix")?;
    let a = margs(vm, "removeprefix", args, 1, 1)?;
    let p = str_arg(vm, a[0], "removeprefix() argument")?;
    Ok(vm.new_str(s.strip_prefix(p).unwrap_or(s)))
}
fn str_removesuffix(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "removesuffix")?;
    let a = margs(vm, "removesuffix", args, 1, 1)?;
    let p = str_arg(vm, a[0], "removesuffix() argument")?;
    Ok(vm.new_str(s.strip_suffix(p).unwrap_or(s)))
}

fn str_maketrans(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "maketrans", args, 1, 3)?;
    let d = vm.new_dict();
    let dg = d.as_obj().expect("dict");
    if args.len() == 1 {
        let items = match Vm::obj_ref(args[0]).map(|o| &o.kind) {
            Some(Kind::Dict(t)) => t.borrow().items(),
            _ => {
                return Err(
                    vm.type_error("if you give only one argument to maketrans it must be a dict")
                );
            }
        };
        for (k, v) in items {
            let k = match as_str(k) {
                Some(s) if s.chars().count() == 1 => {
                    Value::int(s.chars().next().expect("char") as i64)
                }
                _ => k,
            };
            ops::dict_set(vm, dg, k, v)?;
        }
        return Ok(d);
    }
    let x: Vec<char> = str_arg(vm, args[0], "maketrans() argument 1")?
        .chars()
        .collect();
    let y: Vec<char> = str_arg(vm, args[1], "maketrans() argument 2")?
        .chars()
        .collect();
    if x.len() != y.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.iter().zip(y.iter()) {
        ops::dict_set(vm, dg, Value::int(*a as i64), Value::int(*b as i64))?;
    }
    if let Some(z) = args.get(2) {
        let z = str_arg(vm, *z, "maketrans() argument 3")?;
        for c in z.chars() {
            ops::dict_set(vm, dg, Value::int(c as i64), Value::NONE)?;
        }
    }
    Ok(d)
}

fn str_translate(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "translate")?;
    let a = margs(vm, "translate", args, 1, 1)?;
    let table = a[0];
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match ops::getitem(vm, table, Value::int(c as i64)) {
            Ok(v) if v.is_none() => {}
            Ok(v) => {
                if let Some(i) = ops::as_i64(v) {
                    match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => {
                            return Err(
                                vm.value_error("character mapping must be in range(0x110000)")
                            );
                        }
                    }
                } else if let Some(t) = as_str(v) {
                    out.push_str(t);
                } else {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            }
            Err(e) if vm.exc_matches(e.0, "LookupError") => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(vm.new_string(out))
}

struct FmtCb<'a> {
    vm: &'a mut Vm,
    args: Vec<Value>,
    kwargs: Option<Value>,
    kwlist: Vec<(Value, Value)>,
}

impl support::strformat::FormatFields for FmtCb<'_> {
    type Value = Value;
    type Error = CbErr;
    fn arg(&mut self, key: support::strformat::FieldKey<'_>) -> Result<Value, CbErr> {
        match key {
            support::strformat::FieldKey::Index(i) => match self.args.get(i) {
                Some(v) => Ok(*v),
                None => Err(CbErr::Py(self.vm.index_error(format!(
                    "Replacement index {i} out of range for positional args tuple"
                )))),
            },
            support::strformat::FieldKey::Name(n) => {
                if let Some((_, v)) = self.kwlist.iter().find(|(k, _)| as_str(*k) == Some(n)) {
                    return Ok(*v);
                }
                let k = self.vm.new_str(n);
                match self.kwargs {
                    Some(m) => ops::getitem(self.vm, m, k).map_err(CbErr::Py),
                    None => Err(CbErr::Py(self.vm.key_error(k))),
                }
            }
        }
    }
    fn access(
        &mut self,
        value: Value,
        step: support::strformat::Accessor<'_>,
    ) -> Result<Value, CbErr> {
        match step {
            support::strformat::Accessor::Attr(n) => {
                let k = self.vm.intern(n);
                ops::getattr(self.vm, value, k).map_err(CbErr::Py)
            }
            support::strformat::Accessor::Index(i) => {
                ops::getitem(self.vm, value, Value::int(i as i64)).map_err(CbErr::Py)
            }
            support::strformat::Accessor::Key(k) => {
                let k = self.vm.new_str(k);
                ops::getitem(self.vm, value, k).map_err(CbErr::Py)
            }
        }
    }
    fn convert(&mut self, value: Value, c: char) -> Result<Value, CbErr> {
        let s = match c {
            's' => ops::to_str(self.vm, value),
            'a' => ops::repr(self.vm, value).map(|s| super::ascii_escape(&s)),
            _ => ops::repr(self.vm, value),
        }
        .map_err(CbErr::Py)?;
        Ok(self.vm.new_string(s))
    }
    fn format(&mut self, value: Value, spec: &str) -> Result<String, CbErr> {
        super::format_value(self.vm, value, spec).map_err(CbErr::Py)
    }
}

fn str_format(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "format")?;
    let mut cb = FmtCb {
        vm,
        args: args[1..].to_vec(),
        kwargs: None,
        kwlist: kwargs.to_vec(),
    };
    let r = support::strformat::str_format(s, &mut cb);
    match r {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => Err(e.into_py(vm)),
    }
}

fn str_format_map(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = recv_str(vm, args, "format_map")?;
    let a = margs(vm, "format_map", args, 1, 1)?;
    let mut cb = FmtCb {
        vm,
        args: vec![],
        kwargs: Some(a[0]),
        kwlist: vec![],
    };
    let r = support::strformat::str_format(s, &mut cb);
    match r {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => Err(e.into_py(vm)),
    }
}

// ---------------------------------------------------------------- list and tuple

fn list_of(vm: &mut Vm, v: Value, name: &str) -> PyResult<&'static RefCell<Vec<Value>>> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::List(l)) => Ok(l),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' for 'list' objects doesn't apply to this object"
        ))),
    }
}

fn list_append(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "list.append", args, 1, 1)?;
    let l = list_of(vm, args[0], "append")?;
    l.borrow_mut().push(a[0]);
    Vm::barrier(args[0].as_obj().expect("list"));
    Ok(Value::NONE)
}

fn list_extend(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "list.extend", args, 1, 1)?;
    let l = list_of(vm, args[0], "extend")?;
    let items = ops::collect(vm, a[0])?;
    l.borrow_mut().extend(items);
    Vm::barrier(args[0].as_obj().expect("list"));
    Ok(Value::NONE)
}

fn list_insert(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "insert", args, 2, 2)?;
    let l = list_of(vm, args[0], "insert")?;
    let i = ops::index_i64(vm, a[0])?;
    let mut l = l.borrow_mut();
    let n = l.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(i as usize, a[1]);
    drop(l);
    Vm::barrier(args[0].as_obj().expect("list"));
    Ok(Value::NONE)
}

fn list_pop(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "pop", args, 0, 1)?;
    let l = list_of(vm, args[0], "pop")?;
    let n = l.borrow().len() as i64;
    if n == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match a.first() {
        Some(v) => ops::index_i64(vm, *v)?,
        None => n - 1,
    };
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(l.borrow_mut().remove(j as usize))
}

fn list_remove(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "list.remove", args, 1, 1)?;
    let l = list_of(vm, args[0], "remove")?;
    let items = l.borrow().clone();
    for (i, x) in items.iter().enumerate() {
        if x.is(a[0]) || ops::eq(vm, *x, a[0])? {
            let mut lm = l.borrow_mut();
            if i < lm.len() {
                lm.remove(i);
            }
            return Ok(Value::NONE);
        }
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn seq_items(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    ops::collect(vm, v)
}

fn seq_index_m(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "index", args, 1, 3)?;
    let items = seq_items(vm, args[0])?;
    let n = items.len() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let start = norm(opt_i64(vm, a.get(1))?.unwrap_or(0));
    let end = norm(opt_i64(vm, a.get(2))?.unwrap_or(n));
    for i in start..end {
        if items[i as usize].is(a[0]) || ops::eq(vm, items[i as usize], a[0])? {
            return Ok(Value::int(i));
        }
    }
    let what = match Vm::obj_ref(args[0]).map(|o| &o.kind) {
        Some(Kind::List(_)) => {
            let r = ops::repr(vm, a[0])?;
            return Err(vm.value_error(format!("{r} is not in list")));
        }
        Some(Kind::Range(..)) => {
            let r = ops::repr(vm, a[0])?;
            return Err(vm.value_error(format!("{r} is not in range")));
        }
        _ => "tuple.index(x): x not in tuple",
    };
    Err(vm.value_error(what))
}

fn seq_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "count", args, 1, 1)?;
    let items = seq_items(vm, args[0])?;
    let mut n = 0;
    for x in items {
        if x.is(a[0]) || ops::eq(vm, x, a[0])? {
            n += 1;
        }
    }
    Ok(Value::int(n))
}

fn list_sort(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "sort", kwargs, &["key", "reverse"])?;
    if args.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let l = list_of(vm, args[0], "sort")?;
    let mut items = std::mem::take(&mut *l.borrow_mut());
    let key = kwarg(kwargs, "key").filter(|k| !k.is_none());
    let reverse = match kwarg(kwargs, "reverse") {
        Some(r) => ops::truthy(vm, r)?,
        None => false,
    };
    let r = super::funcs::sort_values(vm, &mut items, key, reverse);
    let modified = !l.borrow().is_empty();
    *l.borrow_mut() = items;
    Vm::barrier(args[0].as_obj().expect("list"));
    r?;
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::NONE)
}

fn list_reverse(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    margs(vm, "reverse", args, 0, 0)?;
    let l = list_of(vm, args[0], "reverse")?;
    l.borrow_mut().reverse();
    Ok(Value::NONE)
}

fn list_clear(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let l = list_of(vm, args[0], "clear")?;
    l.borrow_mut().clear();
    Ok(Value::NONE)
}

fn list_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let l = list_of(vm, args[0], "copy")?;
    let items = l.borrow().clone();
    Ok(vm.new_list(items))
}

// ---------------------------------------------------------------- dict

fn dict_obj(vm: &mut Vm, v: Value) -> PyResult<vgc::Gc<crate::runtime::object::Obj>> {
    match v.as_obj().filter(|o| matches!(o.kind, Kind::Dict(_))) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("descriptor requires a 'dict' object")),
    }
}

fn dict_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "get", args, 1, 2)?;
    let d = dict_obj(vm, args[0])?;
    Ok(ops::dict_lookup(vm, d, a[0])?.unwrap_or(a.get(1).copied().unwrap_or(Value::NONE)))
}

fn dict_view(vm: &mut Vm, args: &[Value], k: u8) -> PyResult<Value> {
    dict_obj(vm, args[0])?;
    let cls = match k {
        0 => vm.types.dict_keys,
        1 => vm.types.dict_values,
        _ => vm.types.dict_items,
    };
    Ok(Value::obj(vm.alloc(cls, Kind::DictView(args[0], k))))
}

fn dict_keys(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dict_view(vm, args, 0)
}
fn dict_values(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dict_view(vm, args, 1)
}
fn dict_items(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    dict_view(vm, args, 2)
}

fn dict_pop(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "pop", args, 1, 2)?;
    let d = dict_obj(vm, args[0])?;
    match ops::dict_del(vm, d, a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(v) => Ok(*v),
            None => Err(vm.key_error(a[0])),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let d = dict_obj(vm, args[0])?;
    let e = match &d.kind {
        Kind::Dict(t) => t.borrow_mut().pop_last(),
        _ => None,
    };
    match e {
        Some(e) => Ok(vm.new_tuple(vec![e.key, e.value])),
        None => Err(vm.new_error("KeyError", "popitem(): dictionary is empty")),
    }
}

fn dict_setdefault(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "setdefault", args, 1, 2)?;
    let d = dict_obj(vm, args[0])?;
    if let Some(v) = ops::dict_lookup(vm, d, a[0])? {
        return Ok(v);
    }
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    ops::dict_set(vm, d, a[0], v)?;
    Ok(v)
}

/// `d.update(src)`: a mapping (has `keys`) or an iterable of pairs.
pub fn dict_update_from(vm: &mut Vm, d: Value, src: Value) -> PyResult<()> {
    let dg = dict_obj(vm, d)?;
    if let Some(Kind::Dict(t)) = Vm::obj_ref(src).map(|o| &o.kind) {
        let items = t.borrow().items();
        for (k, v) in items {
            ops::dict_set(vm, dg, k, v)?;
        }
        return Ok(());
    }
    if ops::getattr_opt(vm, src, "keys")?.is_some() {
        let keys = ops::call_method(vm, src, "keys", &[])?;
        for k in ops::collect(vm, keys)? {
            let v = ops::getitem(vm, src, k)?;
            ops::dict_set(vm, dg, k, v)?;
        }
        return Ok(());
    }
    let items = match ops::collect(vm, src) {
        Ok(i) => i,
        Err(e) => {
            if vm.exc_matches(e.0, "TypeError") {
                let t = ops::type_name(vm, src);
                return Err(vm.type_error(format!("'{t}' object is not iterable")));
            }
            return Err(e);
        }
    };
    for (i, it) in items.into_iter().enumerate() {
        let pair = match ops::collect(vm, it) {
            Ok(p) => p,
            Err(_) => {
                return Err(vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )));
            }
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        ops::dict_set(vm, dg, pair[0], pair[1])?;
    }
    Ok(())
}

fn dict_update(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "update", args, 0, 1)?;
    if let Some(src) = a.first() {
        dict_update_from(vm, args[0], *src)?;
    }
    let dg = dict_obj(vm, args[0])?;
    for (k, v) in kwargs {
        ops::dict_set(vm, dg, *k, *v)?;
    }
    Ok(Value::NONE)
}

fn dict_clear(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let d = dict_obj(vm, args[0])?;
    if let Kind::Dict(t) = &d.kind {
        t.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

fn dict_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let n = vm.new_dict();
    dict_update_from(vm, n, args[0])?;
    Ok(n)
}

fn dict_fromkeys(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    // args[0] is the class (a classmethod).
    let a = margs(vm, "fromkeys", args, 1, 2)?;
    let v = a.get(1).copied().unwrap_or(Value::NONE);
    let d = vm.new_dict();
    let dg = d.as_obj().expect("dict");
    for k in ops::collect(vm, a[0])? {
        ops::dict_set(vm, dg, k, v)?;
    }
    Ok(d)
}

// ---------------------------------------------------------------- set

fn set_obj(vm: &mut Vm, v: Value) -> PyResult<vgc::Gc<crate::runtime::object::Obj>> {
    match v
        .as_obj()
        .filter(|o| matches!(o.kind, Kind::Set(_) | Kind::FrozenSet(_)))
    {
        Some(s) => Ok(s),
        None => Err(vm.type_error("descriptor requires a 'set' object")),
    }
}

fn set_add(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "set.add", args, 1, 1)?;
    let s = set_obj(vm, args[0])?;
    ops::set_add(vm, s, a[0])?;
    Ok(Value::NONE)
}

fn set_remove_impl(vm: &mut Vm, args: &[Value], raise: bool) -> PyResult<Value> {
    let a = margs(vm, "remove", args, 1, 1)?;
    let s = set_obj(vm, args[0])?;
    match ops::set_find(vm, s, a[0])? {
        Some(i) => {
            if let Kind::Set(t) = &s.kind {
                t.borrow_mut().remove_slot(i);
            }
            Ok(Value::NONE)
        }
        None if raise => Err(vm.key_error(a[0])),
        None => Ok(Value::NONE),
    }
}

fn set_remove(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    set_remove_impl(vm, args, true)
}
fn set_discard(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    set_remove_impl(vm, args, false)
}

fn set_pop(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = set_obj(vm, args[0])?;
    if let Kind::Set(t) = &s.kind {
        let first = t.borrow().slot_from(0);
        if let Some((i, v)) = first {
            t.borrow_mut().remove_slot(i);
            return Ok(v);
        }
    }
    Err(vm.new_error("KeyError", "pop from an empty set"))
}

fn set_clear(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = set_obj(vm, args[0])?;
    if let Kind::Set(t) = &s.kind {
        t.borrow_mut().clear();
    }
    Ok(Value::NONE)
}

fn set_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = set_obj(vm, args[0])?;
    let frozen = matches!(s.kind, Kind::FrozenSet(_));
    let items = ops::collect(vm, args[0])?;
    let n = vm.new_set(frozen);
    let ng = n.as_obj().expect("set");
    for x in items {
        ops::set_add(vm, ng, x)?;
    }
    Ok(n)
}

fn set_update(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = set_obj(vm, args[0])?;
    for a in &args[1..] {
        for x in ops::collect(vm, *a)? {
            ops::set_add(vm, s, x)?;
        }
    }
    Ok(Value::NONE)
}

/// Turns any iterable into a set value (for the method forms that accept iterables).
fn as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if matches!(
        Vm::obj_ref(v).map(|o| &o.kind),
        Some(Kind::Set(_) | Kind::FrozenSet(_))
    ) {
        return Ok(v);
    }
    let n = vm.new_set(false);
    let ng = n.as_obj().expect("set");
    for x in ops::collect(vm, v)? {
        ops::set_add(vm, ng, x)?;
    }
    Ok(n)
}

fn set_multi(vm: &mut Vm, args: &[Value], op: crate::bytecode::BinOp) -> PyResult<Value> {
    set_obj(vm, args[0])?;
    let mut acc = set_copy(vm, &args[..1], &[])?;
    for a in &args[1..] {
        let b = as_set(vm, *a)?;
        acc = super::set_op(vm, acc, b, op)?;
    }
    Ok(acc)
}

fn set_union(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    set_multi(vm, args, crate::bytecode::BinOp::Or)
}
fn set_intersection(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    set_multi(vm, args, crate::bytecode::BinOp::And)
}
fn set_difference(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    set_multi(vm, args, crate::bytecode::BinOp::Sub)
}
fn set_symmetric_difference(
    vm: &mut Vm,
    args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult<Value> {
    margs(vm, "symmetric_difference", args, 1, 1)?;
    set_multi(vm, args, crate::bytecode::BinOp::Xor)
}

fn set_replace_contents(vm: &mut Vm, target: Value, src: Value) -> PyResult<()> {
    let s = set_obj(vm, target)?;
    let items = ops::collect(vm, src)?;
    if let Kind::Set(t) = &s.kind {
        t.borrow_mut().clear();
    }
    for x in items {
        ops::set_add(vm, s, x)?;
    }
    Ok(())
}

fn set_intersection_update(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let r = set_multi(vm, args, crate::bytecode::BinOp::And)?;
    set_replace_contents(vm, args[0], r)?;
    Ok(Value::NONE)
}
fn set_difference_update(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let r = set_multi(vm, args, crate::bytecode::BinOp::Sub)?;
    set_replace_contents(vm, args[0], r)?;
    Ok(Value::NONE)
}
fn set_symmetric_difference_update(
    vm: &mut Vm,
    args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult<Value> {
    let r = set_multi(vm, args, crate::bytecode::BinOp::Xor)?;
    set_replace_contents(vm, args[0], r)?;
    Ok(Value::NONE)
}

fn subset(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let bs = as_set(vm, b)?;
    let bg = bs.as_obj().expect("set");
    for x in ops::collect(vm, a)? {
        if ops::set_find(vm, bg, x)?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_issubset(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "issubset", args, 1, 1)?;
    Ok(Value::bool(subset(vm, args[0], a[0])?))
}
fn set_issuperset(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "issuperset", args, 1, 1)?;
    Ok(Value::bool(subset(vm, a[0], args[0])?))
}
fn set_isdisjoint(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "isdisjoint", args, 1, 1)?;
    let s = set_obj(vm, args[0])?;
    for x in ops::collect(vm, a[0])? {
        if ops::set_find(vm, s, x)?.is_some() {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

// ---------------------------------------------------------------- int and float

fn int_of(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    match ops::as_bigint(v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error("descriptor requires an 'int' object")),
    }
}

fn int_bit_length(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let b = int_of(vm, args[0])?;
    Ok(Value::int(b.abs().bits() as i64))
}

fn int_bit_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let b = int_of(vm, args[0])?;
    let (_, digits) = b.abs().to_u64_digits();
    Ok(Value::int(
        digits.iter().map(|d| d.count_ones() as i64).sum(),
    ))
}

fn int_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let b = int_of(vm, args[0])?;
    let n = vm.new_bigint(b);
    Ok(vm.new_tuple(vec![n, Value::int(1)]))
}

fn int_to_bytes(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let b = int_of(vm, args[0])?;
    let length = match args.get(1).copied().or(kwarg(kwargs, "length")) {
        Some(v) => ops::index_i64(vm, v)? as usize,
        None => 1,
    };
    let order = match args.get(2).copied().or(kwarg(kwargs, "byteorder")) {
        Some(v) => str_arg(vm, v, "to_bytes() argument 'byteorder'")?.to_string(),
        None => "big".into(),
    };
    let signed = match kwarg(kwargs, "signed") {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    if b.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = b.to_signed_bytes_le();
    if !signed && bytes.len() > 1 && *bytes.last().unwrap_or(&1) == 0 {
        bytes.pop();
    }
    if bytes.len() > length && !(b.is_zero() && length == 0) {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if b.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if order == "big" {
        bytes.reverse();
    }
    Ok(vm.new_bytes(bytes))
}

fn int_from_bytes(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let a = &args[1.min(args.len())..];
    let Some(b) = a.first().and_then(|v| ops::bytes_of(*v)) else {
        return Err(vm.type_error("cannot convert to bytes"));
    };
    let order = match a.get(1).copied().or(kwarg(kwargs, "byteorder")) {
        Some(v) => str_arg(vm, v, "from_bytes() argument 'byteorder'")?.to_string(),
        None => "big".into(),
    };
    let signed = match kwarg(kwargs, "signed") {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let r = if order == "big" {
        if signed {
            BigInt::from_signed_bytes_be(&b)
        } else {
            BigInt::from_bytes_be(num_bigint::Sign::Plus, &b)
        }
    } else if signed {
        BigInt::from_signed_bytes_le(&b)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &b)
    };
    Ok(vm.new_bigint(r))
}

fn float_of(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if v.tag == value::FLOAT {
        Ok(v.as_float_raw())
    } else {
        Err(vm.type_error("descriptor requires a 'float' object"))
    }
}

fn float_is_integer(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = float_of(vm, args[0])?;
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn float_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = float_of(vm, args[0])?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let sign = if bits >> 63 == 1 { -1 } else { 1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = if exp == 0 {
        (bits & ((1 << 52) - 1)) << 1
    } else {
        (bits & ((1 << 52) - 1)) | (1 << 52)
    };
    let mut num = BigInt::from(mant) * BigInt::from(sign);
    let mut e = exp - 1075;
    let mut den = BigInt::from(1);
    if num.is_zero() {
        return Ok(vm.new_tuple(vec![Value::int(0), Value::int(1)]));
    }
    while e < 0 && (&num % 2u32).is_zero() {
        num /= 2;
        e += 1;
    }
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let n = vm.new_bigint(num);
    let d = vm.new_bigint(den);
    Ok(vm.new_tuple(vec![n, d]))
}

fn float_hex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let f = float_of(vm, args[0])?;
    if !f.is_finite() {
        return Ok(vm.new_string(support::float_repr(f)));
    }
    if f == 0.0 {
        return Ok(vm.new_str(if f.is_sign_negative() {
            "-0x0.0p+0"
        } else {
            "0x0.0p+0"
        }));
    }
    let bits = f.to_bits();
    let neg = bits >> 63 == 1;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    // CPython always prints all 13 fraction digits (`(3.0).hex()` is '0x1.8000000000000p+1').
    let hex = format!("{mant:013x}");
    Ok(vm.new_string(format!(
        "{}0x{lead}.{hex}p{}{e}",
        if neg { "-" } else { "" },
        if e >= 0 { "+" } else { "" }
    )))
}

/// `float.fromhex(s)` (a classmethod: `args[0]` is the class).
fn float_fromhex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "fromhex", args, 1, 1)?;
    let Some(text) = as_str(a[0]) else {
        let t = ops::type_name(vm, a[0]);
        return Err(vm.type_error(format!("fromhex() argument must be str, not {t}")));
    };
    match parse_hex_float(text) {
        Ok(f) => Ok(Value::float(f)),
        Err(true) => Err(vm.overflow_error("hexadecimal value too large to represent as a float")),
        Err(false) => Err(vm.value_error("invalid hexadecimal floating-point string")),
    }
}

/// Parses `[sign]['0x']digits['.'digits]['p'[sign]exponent]`, `inf`, `infinity` or `nan` as
/// CPython's `float.fromhex` does, rounding to nearest with ties to even (subnormals included).
/// `Err(true)` is an overflow, `Err(false)` malformed text.
fn parse_hex_float(text: &str) -> Result<f64, bool> {
    let t = text.trim();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    if lower == "inf" || lower == "infinity" {
        return Ok(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Ok(f64::NAN);
    }
    let b = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp_text) = match b.find('p') {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    let (int_digits, frac_digits) = match mant.find('.') {
        Some(i) => (&mant[..i], &mant[i + 1..]),
        None => (mant, ""),
    };
    let digits = || int_digits.bytes().chain(frac_digits.bytes());
    if int_digits.len() + frac_digits.len() == 0 || !digits().all(|c| c.is_ascii_hexdigit()) {
        return Err(false);
    }
    let mut exp: i64 = match exp_text {
        None => 0,
        Some(e) => {
            let unsigned = e.strip_prefix(['+', '-']).unwrap_or(e);
            if unsigned.is_empty() || !unsigned.bytes().all(|c| c.is_ascii_digit()) {
                return Err(false);
            }
            // Exponents this large overflow or underflow whatever the digits are.
            let v = unsigned.parse::<i64>().unwrap_or(i64::MAX).min(1 << 40);
            if e.starts_with('-') { -v } else { v }
        }
    };
    exp -= 4 * frac_digits.len() as i64;
    // Up to 60 significant bits are kept; later non-zero digits only make the value a little
    // larger than the kept bits (the sticky bit for rounding).
    let mut m: u64 = 0;
    let mut sticky = false;
    for c in digits() {
        let d = u64::from((c as char).to_digit(16).unwrap_or(0));
        if m >> 56 == 0 {
            m = m * 16 + d;
        } else {
            exp += 4;
            sticky |= d != 0;
        }
    }
    if m == 0 {
        return Ok(if neg { -0.0 } else { 0.0 });
    }
    let top = i64::from(63 - m.leading_zeros()) + exp;
    if top > 1023 {
        return Err(true);
    }
    // The exponent of the result's least significant bit: 52 below the top bit, or the
    // subnormal limit.
    let lsb = (top - 52).max(-1074);
    let shift = lsb - exp;
    let mut q: u64 = if shift <= 0 {
        m << (-shift)
    } else if shift >= 64 {
        0
    } else {
        let q = m >> shift;
        let rem = m & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        if rem > half || (rem == half && (sticky || q & 1 == 1)) {
            q + 1
        } else {
            q
        }
    };
    let bits = if q >= 1 << 52 {
        let mut biased = lsb + 52 + 1023;
        if q == 1 << 53 {
            q >>= 1;
            biased += 1;
        }
        if biased >= 2047 {
            return Err(true);
        }
        ((biased as u64) << 52) | (q & ((1 << 52) - 1))
    } else {
        q
    };
    let f = f64::from_bits(bits);
    Ok(if neg { -f } else { f })
}

// ---------------------------------------------------------------- generators

fn gen_send(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "send", args, 1, 1)?;
    match interp::gen_step(vm, args[0], a[0], None)? {
        GenOut::Yield(v) => Ok(v),
        GenOut::Return(v) => Err(interp::stop_iteration(vm, v)),
    }
}

fn gen_throw(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "throw", args, 1, 3)?;
    let mut e = a[0];
    if super::is_exc_class(vm, e) {
        let arg = a.get(1).copied().filter(|v| !v.is_none());
        e = ops::call(vm, e, &arg.into_iter().collect::<Vec<_>>(), &[])?;
    } else {
        e = interp::make_exception(vm, e)?;
    }
    // Thrown into a generator that has not started, the exception is raised at once (no code
    // of the body runs, so its `try` blocks do not catch it) and the generator is finished.
    if let Some(Kind::Generator(s)) = Vm::obj_ref(args[0]).map(|o| &o.kind) {
        let mut s = s.borrow_mut();
        if !s.started && !s.running {
            s.finished = true;
            return Err(crate::runtime::vm::PyErr(e));
        }
    }
    match interp::gen_step(vm, args[0], Value::NONE, Some(e))? {
        GenOut::Yield(v) => Ok(v),
        GenOut::Return(v) => Err(interp::stop_iteration(vm, v)),
    }
}

fn gen_close(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let g = args[0];
    let (started, finished) = match Vm::obj_ref(g).map(|o| &o.kind) {
        Some(Kind::Generator(s)) => {
            let s = s.borrow();
            (s.started, s.finished)
        }
        _ => return Ok(Value::NONE),
    };
    if finished {
        return Ok(Value::NONE);
    }
    if !started {
        if let Some(Kind::Generator(s)) = Vm::obj_ref(g).map(|o| &o.kind) {
            s.borrow_mut().finished = true;
        }
        return Ok(Value::NONE);
    }
    let cls = vm.exc["GeneratorExit"];
    let e = vm.new_exception(cls, vec![]);
    match interp::gen_step(vm, g, Value::NONE, Some(e)) {
        Ok(GenOut::Yield(_)) => {
            Err(vm.new_error("RuntimeError", "generator ignored GeneratorExit"))
        }
        Ok(GenOut::Return(_)) => Ok(Value::NONE),
        Err(err)
            if vm.exc_matches(err.0, "GeneratorExit") || vm.exc_matches(err.0, "StopIteration") =>
        {
            Ok(Value::NONE)
        }
        Err(err) => Err(err),
    }
}

// ---------------------------------------------------------------- files

pub(crate) fn open_file(vm: &mut Vm, path: &str, mode: &str) -> PyResult<Value> {
    let binary = mode.contains('b');
    let (reader, writer, pos) = match extras::open_buffered(path, mode) {
        Ok(parts) => parts,
        Err(e) => return Err(os_error(vm, e, path)),
    };
    let cls = vm.types.file;
    Ok(Value::obj(vm.alloc(
        cls,
        Kind::File(RefCell::new(FileState {
            name: Rc::from(path),
            mode: Rc::from(mode),
            binary,
            reader,
            pos,
            writer,
            closed: false,
            special: 0,
        })),
    )))
}

fn os_error(vm: &mut Vm, e: std::io::Error, path: &str) -> PyErr {
    crate::runtime::lib::oserror::from_io(vm, &e, Some(path), None)
}

fn file_state(vm: &mut Vm, f: Value) -> PyResult<&'static RefCell<FileState>> {
    match Vm::obj_ref(f).map(|o| &o.kind) {
        Some(Kind::File(s)) => {
            if s.borrow().closed {
                return Err(vm.value_error("I/O operation on closed file."));
            }
            Ok(s)
        }
        _ => Err(vm.type_error("not a file")),
    }
}

fn file_text(vm: &mut Vm, st: &FileState, bytes: &[u8]) -> PyResult<Value> {
    if st.binary {
        Ok(vm.new_bytes(bytes.to_vec()))
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(vm.new_str(s)),
            Err(_) => Err(vm.new_error(
                "UnicodeDecodeError",
                "'utf-8' codec can't decode the file contents",
            )),
        }
    }
}

fn stdin_line() -> String {
    let mut s = String::new();
    let _ = std::io::stdin().read_line(&mut s);
    s
}

pub(crate) fn file_readline_raw(vm: &mut Vm, f: Value) -> PyResult<String> {
    let st = file_state(vm, f)?;
    let mut s = st.borrow_mut();
    if s.special == 3 {
        return Ok(stdin_line());
    }
    let Some(data) = &s.reader else {
        drop(s);
        return Err(extras::unsupported(vm, "not readable"));
    };
    let start = s.pos;
    let end = data[start..]
        .iter()
        .position(|c| *c == b'\n')
        .map(|i| start + i + 1)
        .unwrap_or(data.len());
    let line = String::from_utf8_lossy(&data[start..end]).into_owned();
    s.pos = end;
    Ok(line)
}

fn file_read(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = file_state(vm, args[0])?;
    if st.borrow().special == 3 {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
        return Ok(vm.new_string(s));
    }
    let n = match args.get(1) {
        Some(v) if !v.is_none() => ops::index_i64(vm, *v)?,
        _ => -1,
    };
    let s = st.borrow();
    let Some(data) = &s.reader else {
        drop(s);
        return Err(extras::unsupported(vm, "not readable"));
    };
    let start = s.pos;
    let end = if n < 0 {
        data.len()
    } else if s.binary {
        (start + n as usize).min(data.len())
    } else {
        // n characters.
        let text = String::from_utf8_lossy(&data[start..]);
        start
            + text
                .chars()
                .take(n as usize)
                .map(|c| c.len_utf8())
                .sum::<usize>()
    };
    let chunk = data[start..end].to_vec();
    drop(s);
    st.borrow_mut().pos = end;
    let s = st.borrow();
    file_text(vm, &s, &chunk)
}

fn file_readline(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let l = file_readline_raw(vm, args[0])?;
    Ok(vm.new_string(l))
}

fn file_readlines(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let mut out = Vec::new();
    loop {
        let l = file_readline_raw(vm, args[0])?;
        if l.is_empty() {
            break;
        }
        out.push(vm.new_string(l));
    }
    Ok(vm.new_list(out))
}

fn file_write(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "write", args, 1, 1)?;
    let st = file_state(vm, args[0])?;
    let special = st.borrow().special;
    let binary = st.borrow().binary;
    let (bytes, n) = if binary {
        match ops::bytes_of(a[0]) {
            Some(b) => {
                let n = b.len();
                (b, n)
            }
            None => {
                let t = ops::type_name(vm, a[0]);
                return Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")));
            }
        }
    } else {
        match as_str(a[0]) {
            Some(s) => (s.as_bytes().to_vec(), s.chars().count()),
            None => {
                let t = ops::type_name(vm, a[0]);
                return Err(vm.type_error(format!("write() argument must be str, not {t}")));
            }
        }
    };
    match special {
        1 => {
            let _ = vm.out.borrow_mut().write_all(&bytes);
        }
        2 => {
            let _ = vm.out.borrow_mut().flush();
            let _ = std::io::stderr().write_all(&bytes);
        }
        _ => {
            let mut s = st.borrow_mut();
            if s.writer.is_none() {
                drop(s);
                return Err(extras::unsupported(vm, "not writable"));
            }
            if let Err(e) = extras::write_bytes(&mut s, &bytes) {
                drop(s);
                return Err(vm.new_error("OSError", e.to_string()));
            }
        }
    }
    Ok(Value::int(n as i64))
}

fn file_writelines(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = margs(vm, "writelines", args, 1, 1)?;
    for l in ops::collect(vm, a[0])? {
        file_write(vm, &[args[0], l], &[])?;
    }
    Ok(Value::NONE)
}

fn file_close(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if let Some(Kind::File(s)) = Vm::obj_ref(args[0]).map(|o| &o.kind) {
        let mut s = s.borrow_mut();
        if s.special == 0 {
            s.closed = true;
            s.writer = None;
            s.reader = None;
        }
    }
    let _ = vm;
    Ok(Value::NONE)
}

fn file_flush(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let _ = vm.out.borrow_mut().flush();
    Ok(Value::NONE)
}

fn file_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    file_close(vm, &args[..1], &[])?;
    Ok(Value::FALSE)
}

#[allow(dead_code)]
fn big_to_value(vm: &mut Vm, b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) => Value::int(i),
        None => vm.new_bigint(b),
    }
}
