//! The builtin functions (`print`, `len`, `sorted`, `isinstance`, ...), the constructors of the
//! built-in types, and `sys`'s functions.
//!
//! Each function checks its arguments the way CPython does and raises its messages for the
//! common mistakes; rarely used keyword forms are rejected with a TypeError naming them.

use std::io::Write;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use vgc::Gc;

use super::{add_methods, check_args, check_kwargs, kwarg, str_arg};
use crate::runtime::object::{Kind, Obj};
use crate::runtime::ops::{self, as_str};
use crate::runtime::types::iter::{IterState, IterType};
use crate::runtime::value::{self, Value};
use crate::runtime::vm::{PyErr, PyResult, Vm, is_subclass, type_name_of};
use crate::support;

pub(super) fn install(vm: &mut Vm) {
    let fns: &[(&str, crate::runtime::vm::NativeFn)] = &[
        ("print", print),
        ("len", len),
        ("repr", repr),
        ("ascii", ascii),
        ("abs", abs),
        ("min", min),
        ("max", max),
        ("sum", sum),
        ("sorted", sorted),
        ("reversed", reversed),
        ("enumerate", enumerate),
        ("zip", zip),
        ("map", map),
        ("filter", filter),
        ("iter", iter),
        ("next", next),
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("hasattr", hasattr),
        ("getattr", getattr),
        ("setattr", setattr),
        ("delattr", delattr),
        ("id", id),
        ("hash", hash),
        ("chr", chr),
        ("ord", ord),
        ("hex", hex),
        ("oct", oct),
        ("bin", bin),
        ("round", round),
        ("divmod", divmod),
        ("pow", pow),
        ("all", all),
        ("any", any),
        ("callable", callable),
        ("input", input),
        ("open", open),
        ("format", format),
        ("vars", vars),
        ("globals", globals),
        ("locals", locals),
        ("dir", dir),
        ("exit", sys_exit),
        ("quit", sys_exit),
        ("__build_class__", build_class),
        ("__import__", import),
        ("exec", exec),
        ("eval", eval),
    ];
    let b = vm.builtins;
    for (n, f) in fns {
        let v = vm.new_native(n, *f);
        ops::dict_set_str(vm, b, n, v);
    }
    let o = vm.types.object;
    add_methods(
        vm,
        o,
        &[
            ("__init__", object_init),
            ("__new__", object_new),
            ("__repr__", object_repr),
            ("__setattr__", object_setattr),
            ("__getattribute__", object_getattribute),
            ("__eq__", object_eq),
            ("__ne__", object_ne),
            ("__hash__", object_hash),
        ],
    );
    let isc = vm.new_native("__init_subclass__", object_init);
    let cmc = vm.types.classmethod;
    let isc = Value::obj(vm.alloc(cmc, Kind::ClassMethod(isc)));
    super::class_set(vm, o, "__init_subclass__", isc);
    let p = vm.types.property;
    add_methods(
        vm,
        p,
        &[
            ("setter", property_setter),
            ("getter", property_getter),
            ("deleter", property_deleter),
            ("__get__", property_get),
        ],
    );
    let l = vm.types.list;
    add_methods(vm, l, &[("__init__", list_init)]);
    for t in [vm.types.tuple, vm.types.str_, vm.types.frozenset] {
        add_methods(vm, t, &[("__new__", super::immutable_new)]);
    }
    let ty = vm.types.type_;
    add_methods(
        vm,
        ty,
        &[("__new__", super::type_new), ("__call__", super::type_call)],
    );
    // `complex` gets its methods from the bundled `_pyvgc_complex` at first use (lib::complex).
    let cx = vm.new_class_raw(
        "complex",
        vec![vm.types.object],
        crate::runtime::object::Layout::Builtin,
    );
    let b = vm.builtins;
    ops::dict_set_str(vm, b, "complex", Value::obj(cx));
    let d = vm.types.dict;
    add_methods(vm, d, &[("__init__", dict_init)]);
    let st = vm.types.set;
    add_methods(vm, st, &[("__init__", set_init)]);
    let be = vm.types.base_exception;
    add_methods(
        vm,
        be,
        &[
            ("__init__", exc_init),
            ("with_traceback", exc_with_traceback),
            ("add_note", crate::runtime::lib::pyvgc_traceback::add_note),
        ],
    );
}

fn build_class(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    super::build_class(vm, args, kwargs)
}

fn object_init(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn object_new(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(cls) = args
        .first()
        .and_then(|c| c.as_obj())
        .filter(|c| matches!(c.kind, Kind::Type(_)))
    else {
        return Err(vm.type_error("object.__new__(X): X is not a type object"));
    };
    let o = vm.new_instance(cls);
    if is_subclass(cls, vm.types.base_exception) {
        let kept = crate::runtime::lib::oserror::init_args(vm, o, &args[1..]);
        let a = vm.new_tuple(kept);
        let n = vm.intern("args");
        ops::set_instance_attr(o, n, a);
    }
    Ok(Value::obj(o))
}

fn object_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__repr__", args, 1, 1)?;
    let s = ops::default_repr(vm, args[0]);
    Ok(vm.new_string(s))
}

fn object_setattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__setattr__", args, 3, 3)?;
    match args[0].as_obj() {
        Some(o) if matches!(o.kind, Kind::Instance(_)) => {
            ops::check_slots(vm, args[0], as_str(args[1]).unwrap_or("?"))?;
            ops::set_instance_attr(o, args[1], args[2]);
            Ok(Value::NONE)
        }
        _ => {
            ops::setattr(vm, args[0], args[1], args[2])?;
            Ok(Value::NONE)
        }
    }
}

fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__getattribute__", args, 2, 2)?;
    let n = str_arg(vm, args[1], "attribute name")?;
    match ops::getattr_opt(vm, args[0], n)? {
        Some(v) => Ok(v),
        None => Err(ops::attr_missing(vm, args[0], n)),
    }
}

fn object_eq(_vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() == 2 && args[0].is(args[1]) {
        return Ok(Value::TRUE);
    }
    Ok(_vm.not_implemented)
}

fn object_ne(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() == 2 {
        let r = ops::compare(vm, args[0], args[1], crate::bytecode::CmpOp::Eq)?;
        return Ok(Value::bool(!ops::truthy(vm, r)?));
    }
    Ok(vm.not_implemented)
}

fn object_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__hash__", args, 1, 1)?;
    Ok(Value::int((args[0].payload >> 4) & 0x0fff_ffff_ffff_ffff))
}

fn property_parts(vm: &mut Vm, p: Value) -> PyResult<(Value, Value, Value, Value)> {
    match Vm::obj_ref(p).map(|o| &o.kind) {
        Some(Kind::Property(a, b, c, d)) => Ok((*a, *b, *c, *d)),
        _ => Err(vm.type_error("descriptor requires a 'property' object")),
    }
}

fn new_property(vm: &mut Vm, parts: (Value, Value, Value, Value)) -> Value {
    let pc = vm.types.property;
    Value::obj(vm.alloc(pc, Kind::Property(parts.0, parts.1, parts.2, parts.3)))
}

fn property_setter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "setter", args, 2, 2)?;
    let (g, _, d, doc) = property_parts(vm, args[0])?;
    Ok(new_property(vm, (g, args[1], d, doc)))
}

fn property_getter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "getter", args, 2, 2)?;
    let (_, s, d, doc) = property_parts(vm, args[0])?;
    Ok(new_property(vm, (args[1], s, d, doc)))
}

fn property_deleter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "deleter", args, 2, 2)?;
    let (g, s, _, doc) = property_parts(vm, args[0])?;
    Ok(new_property(vm, (g, s, args[1], doc)))
}

fn property_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__get__", args, 2, 3)?;
    let (g, ..) = property_parts(vm, args[0])?;
    if args[1].is_none() {
        return Ok(args[0]);
    }
    ops::call(vm, g, &[args[1]], &[])
}

fn list_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "list", args, 1, 2)?;
    let items = match args.get(1) {
        Some(v) => ops::collect(vm, *v)?,
        None => vec![],
    };
    if let Some(Kind::List(l)) = Vm::obj_ref(args[0]).map(|o| &o.kind) {
        *l.borrow_mut() = items;
        Vm::barrier(args[0].as_obj().expect("list"));
    }
    Ok(Value::NONE)
}

fn dict_init(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "dict", args, 1, 2)?;
    if let Some(src) = args.get(1) {
        super::methods::dict_update_from(vm, args[0], *src)?;
    }
    if let Some(d) = args[0].as_obj() {
        for (k, v) in kwargs {
            ops::dict_set(vm, d, *k, *v)?;
        }
    }
    Ok(Value::NONE)
}

fn set_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "set", args, 1, 2)?;
    if let (Some(src), Some(s)) = (args.get(1), args[0].as_obj()) {
        for x in ops::collect(vm, *src)? {
            ops::set_add(vm, s, x)?;
        }
    }
    Ok(Value::NONE)
}

fn exc_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if let Some(o) = args.first().and_then(|v| v.as_obj()) {
        let kept = crate::runtime::lib::oserror::init_args(vm, o, &args[1..]);
        let a = vm.new_tuple(kept);
        let n = vm.intern("args");
        ops::set_instance_attr(o, n, a);
    }
    Ok(Value::NONE)
}

fn exc_with_traceback(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    crate::runtime::lib::pyvgc_traceback::with_traceback(vm, args, kw)
}

// ---------------------------------------------------------------- output

/// Writes `text` to stdout (the VM's output) or stderr.
pub(crate) fn write_out(vm: &mut Vm, text: &str, stderr: bool) {
    if stderr {
        let _ = vm.out.borrow_mut().flush();
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let _ = vm.out.borrow_mut().write_all(text.as_bytes());
    }
}

/// Prints `values` as `print` does, to `file` (None = stdout).
pub fn builtin_print_to(
    vm: &mut Vm,
    values: &[Value],
    sep: &str,
    end: &str,
    file: Value,
) -> PyResult<()> {
    let mut s = String::new();
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(&ops::to_str(vm, *v)?);
    }
    s.push_str(end);
    if file.is_none() {
        write_out(vm, &s, false);
        return Ok(());
    }
    match Vm::obj_ref(file).map(|o| &o.kind) {
        Some(Kind::File(f)) => {
            let special = f.borrow().special;
            match special {
                1 => write_out(vm, &s, false),
                2 => write_out(vm, &s, true),
                _ => {
                    let t = vm.new_string(s);
                    ops::call_method(vm, file, "write", &[t])?;
                }
            }
        }
        _ => {
            let t = vm.new_string(s);
            ops::call_method(vm, file, "write", &[t])?;
        }
    }
    Ok(())
}

/// `sys.stdout` if the `sys` module has been imported, else None (the process's stdout).
fn current_sys_stdout(vm: &Vm) -> Value {
    ops::dict_get_str(vm.modules, "sys")
        .and_then(Vm::module_dict)
        .and_then(|d| ops::dict_get_str(d, "stdout"))
        .unwrap_or(Value::NONE)
}

fn print(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "print", kwargs, &["sep", "end", "file", "flush"])?;
    let sep = match kwarg(kwargs, "sep") {
        None => " ".to_string(),
        Some(v) if v.is_none() => " ".to_string(),
        Some(v) => match as_str(v) {
            Some(s) => s.to_string(),
            None => {
                let t = ops::type_name(vm, v);
                return Err(vm.type_error(format!("sep must be None or a string, not {t}")));
            }
        },
    };
    let end = match kwarg(kwargs, "end") {
        None => "\n".to_string(),
        Some(v) if v.is_none() => "\n".to_string(),
        Some(v) => match as_str(v) {
            Some(s) => s.to_string(),
            None => {
                let t = ops::type_name(vm, v);
                return Err(vm.type_error(format!("end must be None or a string, not {t}")));
            }
        },
    };
    let file = match kwarg(kwargs, "file") {
        Some(f) if !f.is_none() => f,
        // `print()` writes to whatever `sys.stdout` is now (`contextlib.redirect_stdout`).
        _ => current_sys_stdout(vm),
    };
    builtin_print_to(vm, args, &sep, &end, file)?;
    if kwarg(kwargs, "flush").is_some() {
        let _ = vm.out.borrow_mut().flush();
    }
    Ok(Value::NONE)
}

fn input(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "input", args, 0, 1)?;
    if let Some(p) = args.first() {
        let s = ops::to_str(vm, *p)?;
        write_out(vm, &s, false);
    }
    let _ = vm.out.borrow_mut().flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.new_error("EOFError", "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(vm.new_string(line))
        }
        Err(e) => Err(vm.new_error("OSError", e.to_string())),
    }
}

// ---------------------------------------------------------------- basic functions

fn len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "len", args, 1, 1)?;
    Ok(Value::int(ops::len(vm, args[0])? as i64))
}

fn repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "repr", args, 1, 1)?;
    let s = ops::repr(vm, args[0])?;
    Ok(vm.new_string(s))
}

fn ascii(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "ascii", args, 1, 1)?;
    let s = ops::repr(vm, args[0])?;
    Ok(vm.new_string(super::ascii_escape(&s)))
}

fn abs(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "abs", args, 1, 1)?;
    let v = args[0];
    match v.tag {
        value::INT => {
            return Ok(match v.payload.checked_abs() {
                Some(i) => Value::int(i),
                None => vm.new_bigint(BigInt::from(v.payload).abs()),
            });
        }
        value::FLOAT => return Ok(Value::float(v.as_float_raw().abs())),
        value::TRUE => return Ok(Value::int(1)),
        value::FALSE => return Ok(Value::int(0)),
        _ => {}
    }
    if let Some(b) = ops::as_bigint(v) {
        return Ok(vm.new_bigint(b.abs()));
    }
    ops::unary_dunder(vm, v, "__abs__", "abs()")
}

fn min(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    minmax(vm, args, kwargs, "min", true)
}

fn max(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    minmax(vm, args, kwargs, "max", false)
}

fn minmax(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
    name: &str,
    is_min: bool,
) -> PyResult<Value> {
    check_kwargs(vm, name, kwargs, &["key", "default"])?;
    let key = kwarg(kwargs, "key").filter(|k| !k.is_none());
    let default = kwarg(kwargs, "default");
    let items = match args.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => ops::collect(vm, args[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.to_vec()
        }
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        };
    }
    let mut best = items[0];
    let mut best_key = match key {
        Some(k) => ops::call(vm, k, &[best], &[])?,
        None => best,
    };
    for &it in &items[1..] {
        let k = match key {
            Some(kf) => ops::call(vm, kf, &[it], &[])?,
            None => it,
        };
        let op = if is_min {
            crate::bytecode::CmpOp::Lt
        } else {
            crate::bytecode::CmpOp::Gt
        };
        let r = ops::compare(vm, k, best_key, op)?;
        if ops::truthy(vm, r)? {
            best = it;
            best_key = k;
        }
    }
    Ok(best)
}

fn sum(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "sum", kwargs, &["start"])?;
    check_args(vm, "sum", args, 1, 2)?;
    let mut acc = args
        .get(1)
        .copied()
        .or(kwarg(kwargs, "start"))
        .unwrap_or(Value::int(0));
    if as_str(acc).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let items = ops::collect(vm, args[0])?;
    // Floats are added with compensated summation in CPython 3.12+, but 3.11 adds plainly.
    for it in items {
        acc = ops::binary_op(vm, acc, it, crate::bytecode::BinOp::Add)?;
    }
    Ok(acc)
}

/// Sorts values in place (stable), with an optional key function, raising the comparison errors.
pub(crate) fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys: Vec<Value> = match key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            for it in items.iter() {
                ks.push(ops::call(vm, k, &[*it], &[])?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    // All ints or all floats: compare natively.
    let all_int = keys.iter().all(|k| k.tag == value::INT);
    let all_float = keys.iter().all(|k| k.tag == value::FLOAT);
    let all_str = keys.iter().all(|k| as_str(*k).is_some());
    if all_int {
        idx.sort_by(|&a, &b| keys[a].payload.cmp(&keys[b].payload));
    } else if all_float {
        idx.sort_by(|&a, &b| {
            keys[a]
                .as_float_raw()
                .partial_cmp(&keys[b].as_float_raw())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    } else if all_str {
        idx.sort_by(|&a, &b| as_str(keys[a]).cmp(&as_str(keys[b])));
    } else {
        let mut err: Option<PyErr> = None;
        // A merge sort on the indices that asks Python's `<` (as list.sort does).
        let mut buf = idx.clone();
        merge_sort(vm, &keys, &mut idx, &mut buf, &mut err);
        if let Some(e) = err {
            return Err(e);
        }
    }
    if reverse {
        // Stability with reverse=True: CPython reverses, sorts, reverses. Equivalent: sort by
        // descending key keeping original order among equals.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for &i in &idx {
            match groups.last_mut() {
                Some(g) if key_equal(vm, keys[g[0]], keys[i])? => g.push(i),
                _ => groups.push(vec![i]),
            }
        }
        idx = groups.into_iter().rev().flatten().collect();
    }
    let sorted: Vec<Value> = idx.iter().map(|&i| items[i]).collect();
    *items = sorted;
    Ok(())
}

fn key_equal(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    // "Not less than" both ways means equal for sorting purposes.
    let r = ops::compare(vm, a, b, crate::bytecode::CmpOp::Lt)?;
    if ops::truthy(vm, r)? {
        return Ok(false);
    }
    let r = ops::compare(vm, b, a, crate::bytecode::CmpOp::Lt)?;
    Ok(!ops::truthy(vm, r)?)
}

fn less(vm: &mut Vm, a: Value, b: Value, err: &mut Option<PyErr>) -> bool {
    if err.is_some() {
        return false;
    }
    match ops::compare(vm, a, b, crate::bytecode::CmpOp::Lt).and_then(|r| ops::truthy(vm, r)) {
        Ok(t) => t,
        Err(e) => {
            *err = Some(e);
            false
        }
    }
}

fn merge_sort(
    vm: &mut Vm,
    keys: &[Value],
    idx: &mut [usize],
    buf: &mut [usize],
    err: &mut Option<PyErr>,
) {
    let n = idx.len();
    if n <= 1 {
        return;
    }
    if n <= 8 {
        // Insertion sort.
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(vm, keys[idx[j]], keys[idx[j - 1]], err) {
                idx.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mid = n / 2;
    {
        let (l, r) = idx.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        merge_sort(vm, keys, l, bl, err);
        merge_sort(vm, keys, r, br, err);
    }
    buf[..n].copy_from_slice(idx);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        if less(vm, keys[buf[j]], keys[buf[i]], err) {
            idx[k] = buf[j];
            j += 1;
        } else {
            idx[k] = buf[i];
            i += 1;
        }
        k += 1;
    }
    while i < mid {
        idx[k] = buf[i];
        i += 1;
        k += 1;
    }
    while j < n {
        idx[k] = buf[j];
        j += 1;
        k += 1;
    }
}

fn sorted(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "sort", kwargs, &["key", "reverse"])?;
    if args.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", args.len())));
    }
    let mut items = ops::collect(vm, args[0])?;
    let key = kwarg(kwargs, "key").filter(|k| !k.is_none());
    let reverse = match kwarg(kwargs, "reverse") {
        Some(r) => ops::truthy(vm, r)?,
        None => false,
    };
    sort_values(vm, &mut items, key, reverse)?;
    Ok(vm.new_list(items))
}

fn reversed(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "reversed", args, 1, 1)?;
    let v = args[0];
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::List(l)) => {
            let n = l.borrow().len();
            Ok(ops::new_iter(vm, IterState::Reversed(v, n)))
        }
        Some(Kind::Tuple(t)) => {
            let n = t.len();
            Ok(ops::new_iter(vm, IterState::Reversed(v, n)))
        }
        Some(Kind::Range(a, b, c)) => {
            let n = ops::range_len(*a, *b, *c);
            let last = a + (n - 1) * c;
            Ok(ops::new_iter(vm, IterState::Range(last, a - c, -c)))
        }
        Some(Kind::Str(_)) => {
            let chars: Vec<Value> = as_str(v)
                .unwrap_or("")
                .chars()
                .rev()
                .map(|c| vm.intern(&c.to_string()))
                .collect();
            let l = vm.new_list(chars);
            Ok(ops::new_iter_as(
                vm,
                IterState::Seq(l, 0),
                IterType::Reversed,
            ))
        }
        Some(Kind::Dict(_)) | Some(Kind::DictView(..)) => {
            let ty = match Vm::obj_ref(v).map(|o| &o.kind) {
                Some(Kind::DictView(_, 1)) => IterType::DictReverseValue,
                Some(Kind::DictView(_, 2)) => IterType::DictReverseItem,
                _ => IterType::DictReverseKey,
            };
            let items = ops::collect(vm, v)?;
            let items: Vec<Value> = items.into_iter().rev().collect();
            let l = vm.new_list(items);
            Ok(ops::new_iter_as(vm, IterState::Seq(l, 0), ty))
        }
        Some(Kind::Instance(o)) => {
            let _ = o;
            let cls = ops::type_of(vm, v);
            if let Some(f) = ops::lookup_type(vm, cls, "__reversed__") {
                return ops::call(vm, f, &[v], &[]);
            }
            if ops::lookup_type(vm, cls, "__getitem__").is_some()
                && ops::lookup_type(vm, cls, "__len__").is_some()
            {
                let n = ops::len(vm, v)?;
                let mut items = Vec::with_capacity(n);
                for i in (0..n).rev() {
                    items.push(ops::getitem(vm, v, Value::int(i as i64))?);
                }
                let l = vm.new_list(items);
                return Ok(ops::new_iter_as(
                    vm,
                    IterState::Seq(l, 0),
                    IterType::Reversed,
                ));
            }
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!("'{t}' object is not reversible")))
        }
        _ => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!("'{t}' object is not reversible")))
        }
    }
}

fn enumerate(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "enumerate", kwargs, &["start"])?;
    check_args(vm, "enumerate", args, 1, 2)?;
    let start = args
        .get(1)
        .copied()
        .or(kwarg(kwargs, "start"))
        .unwrap_or(Value::int(0));
    if !ops::is_int_like(start) {
        let t = ops::type_name(vm, start);
        return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
    }
    let it = ops::get_iter(vm, args[0])?;
    Ok(ops::new_iter(vm, IterState::Enumerate(it, start)))
}

fn zip(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "zip", kwargs, &["strict"])?;
    let strict = match kwarg(kwargs, "strict") {
        Some(v) => ops::truthy(vm, v)?,
        None => false,
    };
    let mut its = Vec::with_capacity(args.len());
    for (i, a) in args.iter().enumerate() {
        match ops::get_iter(vm, *a) {
            Ok(it) => its.push(it),
            Err(e) => {
                if vm.exc_matches(e.0, "TypeError") {
                    let t = ops::type_name(vm, *a);
                    return Err(vm
                        .type_error(format!("zip argument #{} must support iteration", i + 1))
                        .with_cause_of(t));
                }
                return Err(e);
            }
        }
    }
    Ok(ops::new_iter(vm, IterState::Zip(its, strict)))
}

trait WithCause {
    fn with_cause_of(self, _t: String) -> Self;
}
impl WithCause for PyErr {
    fn with_cause_of(self, _t: String) -> Self {
        self
    }
}

fn map(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        its.push(ops::get_iter(vm, *a)?);
    }
    Ok(ops::new_iter(vm, IterState::Map(args[0], its)))
}

fn filter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "filter", args, 2, 2)?;
    let it = ops::get_iter(vm, args[1])?;
    Ok(ops::new_iter(vm, IterState::Filter(args[0], it)))
}

fn iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "iter", args, 1, 2)?;
    if args.len() == 2 {
        if !ops::callable(vm, args[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(ops::new_iter(vm, IterState::Callable(args[0], args[1])));
    }
    ops::get_iter(vm, args[0])
}

fn next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "next", args, 1, 2)?;
    let it = args[0];
    let is_iter = match Vm::obj_ref(it).map(|o| &o.kind) {
        Some(Kind::Iter(_) | Kind::Generator(_) | Kind::File(_)) => true,
        Some(Kind::Instance(_)) => {
            let c = ops::type_of(vm, it);
            ops::lookup_type(vm, c, "__next__").is_some()
        }
        _ => false,
    };
    if !is_iter {
        let t = ops::type_name(vm, it);
        return Err(vm.type_error(format!("'{t}' object is not an iterator")));
    }
    if let Some(Kind::Generator(_)) = Vm::obj_ref(it).map(|o| &o.kind) {
        return match crate::runtime::interp::gen_step(vm, it, Value::NONE, None)? {
            crate::runtime::interp::GenOut::Yield(v) => Ok(v),
            crate::runtime::interp::GenOut::Return(v) => match args.get(1) {
                Some(d) => Ok(*d),
                None => Err(crate::runtime::interp::stop_iteration(vm, v)),
            },
        };
    }
    if let Some(Kind::Instance(_)) = Vm::obj_ref(it).map(|o| &o.kind) {
        let c = ops::type_of(vm, it);
        let f = ops::lookup_type(vm, c, "__next__").expect("checked");
        return match ops::call(vm, f, &[it], &[]) {
            Err(e) if args.len() == 2 && vm.exc_matches(e.0, "StopIteration") => Ok(args[1]),
            r => r,
        };
    }
    match ops::next(vm, it)? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(d) => Ok(*d),
            None => Err(crate::runtime::interp::stop_iteration(vm, Value::NONE)),
        },
    }
}

fn class_or_tuple(vm: &mut Vm, c: Value, fname: &str) -> PyResult<Vec<Gc<Obj>>> {
    match Vm::obj_ref(c).map(|o| &o.kind) {
        Some(Kind::Type(_)) => Ok(vec![c.as_obj().expect("class")]),
        Some(Kind::Tuple(t)) => {
            let mut out = Vec::new();
            for x in t.iter().copied() {
                out.extend(class_or_tuple(vm, x, fname)?);
            }
            Ok(out)
        }
        _ => Err(vm.type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn isinstance(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "isinstance", args, 2, 2)?;
    // An object (not a class) as arg 2 with `__instancecheck__`: `int | str` (types.UnionType).
    if let Some(Kind::Instance(_)) = Vm::obj_ref(args[1]).map(|o| &o.kind) {
        let t = ops::type_of(vm, args[1]);
        if let Some(f) = ops::lookup_type(vm, t, "__instancecheck__") {
            let r = ops::call(vm, f, &[args[1], args[0]], &[])?;
            return Ok(Value::bool(ops::truthy(vm, r)?));
        }
    }
    let cs = class_or_tuple(vm, args[1], "isinstance")?;
    let v = args[0];
    for c in cs {
        if ops::isinstance(vm, v, c) {
            return Ok(Value::TRUE);
        }
        if let Some(f) = meta_hook(vm, c, "__instancecheck__") {
            let r = ops::call(vm, f, &[Value::obj(c), v], &[])?;
            if ops::truthy(vm, r)? {
                return Ok(Value::TRUE);
            }
        }
    }
    Ok(Value::FALSE)
}

/// A Python `__instancecheck__`/`__subclasscheck__` of the metaclass of `cls` (abc.ABCMeta's),
/// if it has one.
fn meta_hook(vm: &mut Vm, cls: Gc<Obj>, name: &str) -> Option<Value> {
    let meta = cls.cls.get()?;
    if Gc::ptr_eq(meta, vm.types.type_) {
        return None;
    }
    ops::lookup_type(vm, meta, name)
        .filter(|f| matches!(Vm::obj_ref(*f).map(|o| &o.kind), Some(Kind::Function(_))))
}

fn issubclass(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "issubclass", args, 2, 2)?;
    let Some(a) = args[0].as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    // An object (not a class) as arg 2 with `__subclasscheck__`: `int | str` (types.UnionType).
    if let Some(Kind::Instance(_)) = Vm::obj_ref(args[1]).map(|o| &o.kind) {
        let t = ops::type_of(vm, args[1]);
        if let Some(f) = ops::lookup_type(vm, t, "__subclasscheck__") {
            let r = ops::call(vm, f, &[args[1], args[0]], &[])?;
            return Ok(Value::bool(ops::truthy(vm, r)?));
        }
    }
    let cs = class_or_tuple(vm, args[1], "issubclass")?;
    for c in cs {
        if is_subclass(a, c) {
            return Ok(Value::TRUE);
        }
        if let Some(f) = meta_hook(vm, c, "__subclasscheck__") {
            let r = ops::call(vm, f, &[Value::obj(c), args[0]], &[])?;
            if ops::truthy(vm, r)? {
                return Ok(Value::TRUE);
            }
        }
    }
    Ok(Value::FALSE)
}

fn hasattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "hasattr", args, 2, 2)?;
    let n = str_arg(vm, args[1], "attribute name")?;
    let _ = n;
    match ops::getattr(vm, args[0], args[1]) {
        Ok(_) => Ok(Value::TRUE),
        Err(e) if vm.exc_matches(e.0, "AttributeError") => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
}

fn getattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "getattr", args, 2, 3)?;
    if as_str(args[1]).is_none() {
        let t = ops::type_name(vm, args[1]);
        return Err(vm.type_error(format!("attribute name must be string, not '{t}'")));
    }
    match ops::getattr(vm, args[0], args[1]) {
        Err(e) if args.len() == 3 && vm.exc_matches(e.0, "AttributeError") => Ok(args[2]),
        r => r,
    }
}

fn setattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "setattr", args, 3, 3)?;
    if as_str(args[1]).is_none() {
        let t = ops::type_name(vm, args[1]);
        return Err(vm.type_error(format!("attribute name must be string, not '{t}'")));
    }
    ops::setattr(vm, args[0], args[1], args[2])?;
    Ok(Value::NONE)
}

fn delattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "delattr", args, 2, 2)?;
    ops::delattr(vm, args[0], args[1])?;
    Ok(Value::NONE)
}

fn id(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "id", args, 1, 1)?;
    let v = args[0];
    Ok(Value::int(if v.is_obj() {
        v.payload
    } else {
        v.tag.wrapping_mul(1_000_003) ^ v.payload
    }))
}

fn hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "hash", args, 1, 1)?;
    Ok(Value::int(ops::hash(vm, args[0])?))
}

fn chr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "chr", args, 1, 1)?;
    let i = ops::index_i64(vm, args[0])?;
    match u32::try_from(i).ok().filter(|c| *c < 0x110000) {
        Some(c) => match char::from_u32(c) {
            Some(ch) => Ok(vm.new_string(ch.to_string())),
            None => Err(vm.not_implemented("lone surrogate code points in str")),
        },
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "ord", args, 1, 1)?;
    if let Some(s) = as_str(args[0]) {
        let mut cs = s.chars();
        return match (cs.next(), cs.next()) {
            (Some(c), None) => Ok(Value::int(c as i64)),
            _ => {
                let n = s.chars().count();
                Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {n} found"
                )))
            }
        };
    }
    if let Some(b) = ops::bytes_of(args[0]) {
        if b.len() == 1 {
            return Ok(Value::int(b[0] as i64));
        }
        return Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        )));
    }
    let t = ops::type_name(vm, args[0]);
    Err(vm.type_error(format!("ord() expected string of length 1, but {t} found")))
}

fn int_prefixed(vm: &mut Vm, args: &[Value], name: &str, radix: u32) -> PyResult<Value> {
    check_args(vm, name, args, 1, 1)?;
    let v = args[0];
    let b = match ops::as_bigint(v) {
        Some(b) => b,
        None => {
            if let Some(o) = Vm::obj_ref(v)
                && let Kind::Instance(_) = o.kind
                && let Some(f) = ops::lookup_type(vm, o.class(), "__index__")
            {
                let r = ops::call(vm, f, &[v], &[])?;
                ops::as_bigint(r).unwrap_or_default()
            } else {
                let t = ops::type_name(vm, v);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
        }
    };
    Ok(vm.new_string(support::int_parse::int_to_prefixed(&b, radix)))
}

fn hex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    int_prefixed(vm, args, "hex", 16)
}
fn oct(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    int_prefixed(vm, args, "oct", 8)
}
fn bin(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    int_prefixed(vm, args, "bin", 2)
}

/// Rounds half to even, as Python's `round(x)`.
fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

fn round(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "round", kwargs, &["ndigits"])?;
    check_args(vm, "round", args, 1, 2)?;
    let v = args[0];
    let nd = args
        .get(1)
        .copied()
        .or(kwarg(kwargs, "ndigits"))
        .filter(|n| !n.is_none());
    if ops::is_int_like(v) {
        let Some(nd) = nd else {
            return Ok(if v.tag == value::TRUE || v.tag == value::FALSE {
                Value::int((v.tag == value::TRUE) as i64)
            } else {
                v
            });
        };
        let n = ops::index_i64(vm, nd)?;
        if n >= 0 {
            return Ok(v);
        }
        let b = ops::as_bigint(v).unwrap_or_default();
        let p = num_traits::pow(BigInt::from(10), (-n) as usize);
        let (q, r) = num_integer::Integer::div_mod_floor(&b, &p);
        let twice = &r * 2;
        let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
            q + 1
        } else {
            q
        };
        return Ok(vm.new_bigint(q * p));
    }
    if v.tag == value::FLOAT {
        let x = v.as_float_raw();
        return match nd {
            None => {
                if x.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if x.is_infinite() {
                    return Err(vm.overflow_error("cannot convert float infinity to integer"));
                }
                let r = round_half_even(x);
                Ok(
                    match ops::as_i64(Value::float(r)).or(if r.abs() < 9.2e18 {
                        Some(r as i64)
                    } else {
                        None
                    }) {
                        Some(i) => Value::int(i),
                        None => vm.new_bigint(ops::float_to_bigint(r)),
                    },
                )
            }
            Some(nd) => {
                let n = ops::index_i64(vm, nd)?;
                if !x.is_finite() {
                    return Ok(v);
                }
                // Correctly rounded via the shortest decimal repr: format with n digits.
                if n > 300 {
                    return Ok(v);
                }
                if n < -308 {
                    return Ok(Value::float(0.0 * x.signum()));
                }
                let r = if n >= 0 {
                    let s = format!("{:.*}", n as usize, x);
                    // Rust's formatting rounds half to even on the exact binary value, as CPython.
                    s.parse::<f64>().unwrap_or(x)
                } else {
                    let p = 10f64.powi((-n) as i32);
                    round_half_even(x / p) * p
                };
                Ok(Value::float(r))
            }
        };
    }
    if let Some(o) = Vm::obj_ref(v)
        && let Kind::Instance(_) = o.kind
        && let Some(f) = ops::lookup_type(vm, o.class(), "__round__")
    {
        let mut a = vec![v];
        a.extend(nd);
        return ops::call(vm, f, &a, &[]);
    }
    let t = ops::type_name(vm, v);
    Err(vm.type_error(format!("type {t} doesn't define __round__ method")))
}

fn divmod(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "divmod", args, 2, 2)?;
    let (a, b) = (args[0], args[1]);
    if (ops::is_int_like(a) || a.tag == value::FLOAT)
        && (ops::is_int_like(b) || b.tag == value::FLOAT)
    {
        // CPython names the operation in the float case.
        if (a.tag == value::FLOAT || b.tag == value::FLOAT) && ops::as_f64(vm, b)? == Some(0.0) {
            return Err(vm.zero_div("float divmod()"));
        }
        let q = ops::binary_op(vm, a, b, crate::bytecode::BinOp::FloorDiv)?;
        let r = ops::binary_op(vm, a, b, crate::bytecode::BinOp::Mod)?;
        return Ok(vm.new_tuple(vec![q, r]));
    }
    let cls = ops::type_of(vm, a);
    if let Some(f) = ops::lookup_type(vm, cls, "__divmod__") {
        return ops::call(vm, f, &[a, b], &[]);
    }
    let (x, y) = (ops::type_name(vm, a), ops::type_name(vm, b));
    Err(vm.type_error(format!(
        "unsupported operand type(s) for divmod(): '{x}' and '{y}'"
    )))
}

fn pow(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(vm, "pow", kwargs, &["base", "exp", "mod"])?;
    check_args(vm, "pow", args, 2, 3)?;
    if args.len() == 3 && !args[2].is_none() {
        let (Some(b), Some(e), Some(m)) = (
            ops::as_bigint(args[0]),
            ops::as_bigint(args[1]),
            ops::as_bigint(args[2]),
        ) else {
            return Err(
                vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
            );
        };
        if m.is_zero() {
            return Err(vm.value_error("pow() 3rd argument cannot be 0"));
        }
        let r = if e.is_negative() {
            // Modular inverse.
            let ext = num_integer::Integer::extended_gcd(&b.mod_floor_pos(&m), &m.abs());
            if !ext.gcd.abs().eq(&BigInt::from(1)) {
                return Err(vm.value_error("base is not invertible for the given modulus"));
            }
            let inv = ext.x.mod_floor_pos(&m);
            inv.modpow(&(-e), &m.abs())
        } else {
            b.modpow(&e, &m.abs())
        };
        let r = if m.is_negative() && !r.is_zero() {
            r + &m
        } else {
            r
        };
        return Ok(vm.new_bigint(r));
    }
    ops::binary_op(vm, args[0], args[1], crate::bytecode::BinOp::Pow)
}

trait ModFloorPos {
    fn mod_floor_pos(&self, m: &BigInt) -> BigInt;
}
impl ModFloorPos for BigInt {
    fn mod_floor_pos(&self, m: &BigInt) -> BigInt {
        num_integer::Integer::mod_floor(self, &m.abs())
    }
}

fn all(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "all", args, 1, 1)?;
    let it = ops::get_iter(vm, args[0])?;
    while let Some(x) = ops::next(vm, it)? {
        if !ops::truthy(vm, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn any(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "any", args, 1, 1)?;
    let it = ops::get_iter(vm, args[0])?;
    while let Some(x) = ops::next(vm, it)? {
        if ops::truthy(vm, x)? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn callable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "callable", args, 1, 1)?;
    Ok(Value::bool(ops::callable(vm, args[0])))
}

fn format(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "format", args, 1, 2)?;
    let spec = match args.get(1) {
        Some(s) => str_arg(vm, *s, "format() argument 2")?,
        None => "",
    };
    let s = super::format_value(vm, args[0], spec)?;
    Ok(vm.new_string(s))
}

fn vars(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "vars", args, 0, 1)?;
    if args.is_empty() {
        return locals(vm, args, _kw);
    }
    match ops::getattr_opt(vm, args[0], "__dict__")? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

fn globals(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    match vm.frames.last() {
        Some(f) => Ok(Value::obj(f.globals)),
        None => Ok(vm.new_dict()),
    }
}

fn locals(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(f) = vm.frames.last() else {
        return Ok(vm.new_dict());
    };
    if f.locals.is_obj() {
        return Ok(f.locals);
    }
    // A function frame: a snapshot of its bound locals.
    let (code, base) = (f.code, f.base);
    let names: Vec<std::rc::Rc<str>> = match &code.kind {
        Kind::Code(c) => c.code.varnames.clone(),
        _ => vec![],
    };
    let d = vm.new_dict();
    let dg = d.as_obj().expect("dict");
    for (i, n) in names.iter().enumerate() {
        let v = vm.stack[base + i];
        if !v.is_unbound() {
            ops::dict_set_str(vm, dg, n, v);
        }
    }
    Ok(d)
}

fn dir(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "dir", args, 0, 1)?;
    let mut names: Vec<String> = Vec::new();
    if args.is_empty() {
        let l = locals(vm, args, _kw)?;
        for k in ops::collect(vm, l)? {
            names.push(as_str(k).unwrap_or("").to_string());
        }
    } else {
        let v = args[0];
        if let Some(o) = Vm::obj_ref(v) {
            match &o.kind {
                Kind::Module(d) => {
                    for k in ops::collect(vm, Value::obj(*d))? {
                        names.push(as_str(k).unwrap_or("").to_string());
                    }
                }
                Kind::Instance(i) => {
                    for n in i.shape.borrow().names.iter() {
                        names.push(n.to_string());
                    }
                    // After `vars(obj)`/`obj.__dict__` the attributes live in a dict.
                    if let Some(d) = o.attrs.get().as_obj() {
                        for k in ops::collect(vm, Value::obj(d))? {
                            names.push(as_str(k).unwrap_or("").to_string());
                        }
                    }
                }
                _ => {}
            }
        }
        let cls = match Vm::obj_ref(v).map(|o| &o.kind) {
            Some(Kind::Type(_)) => v.as_obj().expect("class"),
            Some(Kind::Module(_)) => {
                names.sort();
                names.dedup();
                let vs: Vec<Value> = names.iter().map(|n| vm.new_str(n)).collect();
                return Ok(vm.new_list(vs));
            }
            _ => ops::type_of(vm, v),
        };
        if let Kind::Type(t) = &cls.kind {
            // Attributes CPython's type and object provide as descriptors, not dict entries.
            names.push("__class__".into());
            names.push("__doc__".into());
            if t.layout != crate::runtime::object::Layout::Builtin
                && !Gc::ptr_eq(cls, vm.types.object)
            {
                names.push("__dict__".into());
                names.push("__module__".into());
                names.push("__weakref__".into());
            }
            for c in t.mro.borrow().iter() {
                if let Kind::Type(ct) = &c.kind
                    && let Kind::Dict(d) = &ct.dict.kind
                {
                    for k in d.borrow().keys() {
                        names.push(as_str(k).unwrap_or("").to_string());
                    }
                }
            }
        }
    }
    names.sort();
    names.dedup();
    let vs: Vec<Value> = names.iter().map(|n| vm.new_str(n)).collect();
    Ok(vm.new_list(vs))
}

fn import(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__import__", args, 1, 5)?;
    let name = str_arg(vm, args[0], "__import__() argument 1")?.to_string();
    let globals = match args.get(1).and_then(|g| g.as_obj()) {
        Some(g) if matches!(g.kind, Kind::Dict(_)) => g,
        _ => match vm.frames.last() {
            Some(f) => f.globals,
            None => vm.builtins,
        },
    };
    let fromlist = args
        .get(3)
        .copied()
        .or(kwarg(kwargs, "fromlist"))
        .unwrap_or(Value::NONE);
    let level = args
        .get(4)
        .copied()
        .or(kwarg(kwargs, "level"))
        .and_then(ops::as_i64)
        .unwrap_or(0);
    crate::runtime::import::import_name(vm, &name, globals, fromlist, level)
}

fn exec_or_eval(vm: &mut Vm, args: &[Value], is_eval: bool) -> PyResult<Value> {
    let name = if is_eval { "eval" } else { "exec" };
    check_args(vm, name, args, 1, 3)?;
    let src = match as_str(args[0]) {
        Some(s) => s.to_string(),
        None => {
            if let Some(Kind::Code(_)) = Vm::obj_ref(args[0]).map(|o| &o.kind) {
                return Err(vm.not_implemented("exec/eval of code objects"));
            }
            let t = ops::type_name(vm, args[0]);
            return Err(vm.type_error(format!(
                "{name}() arg 1 must be a string, bytes or code object, not {t}"
            )));
        }
    };
    let (fglobals, flocals) = match vm.frames.last() {
        Some(f) => (f.globals, f.locals),
        None => (vm.builtins, Value::NONE),
    };
    let globals = match args.get(1) {
        Some(g) if !g.is_none() => match g.as_obj().filter(|o| matches!(o.kind, Kind::Dict(_))) {
            Some(d) => d,
            None => {
                let t = ops::type_name(vm, *g);
                return Err(vm.type_error(format!("{name}() globals must be a dict, not {t}")));
            }
        },
        _ => fglobals,
    };
    let explicit_globals = args.get(1).is_some_and(|g| !g.is_none());
    let locals = match args.get(2) {
        Some(l) if !l.is_none() => *l,
        _ if explicit_globals => Value::obj(globals),
        _ => {
            if flocals.is_obj() {
                flocals
            } else {
                // In a function: exec/eval see a snapshot of the locals (writes are lost, as in
                // CPython).
                let d = locals(vm, &[], &[])?;
                let dg = d.as_obj().expect("dict");
                let _ = dg;
                d
            }
        }
    };
    if ops::dict_get_str(globals, "__builtins__").is_none() {
        let b = Value::obj(vm.builtins);
        ops::dict_set_str(vm, globals, "__builtins__", b);
    }
    let filename = "<string>";
    let code = if is_eval {
        crate::compiler::compile_eval(src.trim_start_matches([' ', '\t']), filename)
    } else {
        crate::compiler::compile_exec(&src, filename)
    };
    let code = match code {
        Ok(c) => c,
        Err(e) => return Err(super::syntax_error_value(vm, &e)),
    };
    let code = vm.load_code(std::rc::Rc::new(code));
    let r = crate::runtime::interp::run_code(vm, code, globals, locals, Value::NONE)?;
    Ok(if is_eval { r } else { Value::NONE })
}

fn exec(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    exec_or_eval(vm, args, false)
}

fn eval(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    exec_or_eval(vm, args, true)
}

fn open(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    check_kwargs(
        vm,
        "open",
        kwargs,
        &["mode", "encoding", "newline", "errors"],
    )?;
    check_args(vm, "open", args, 1, 3)?;
    let path = str_arg(vm, args[0], "open() argument 'file'")?.to_string();
    let mode = match args.get(1).copied().or(kwarg(kwargs, "mode")) {
        Some(m) => str_arg(vm, m, "open() argument 'mode'")?.to_string(),
        None => "r".to_string(),
    };
    let f = super::methods::open_file(vm, &path, &mode)?;
    crate::runtime::lib::builtin_extras::universal_newlines(vm, f, kwarg(kwargs, "newline"))?;
    Ok(f)
}

// ---------------------------------------------------------------- sys

pub(crate) fn sys_exit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let cls = vm.exc["SystemExit"];
    let e = vm.new_exception(cls, args.iter().take(1).copied().collect());
    let n = vm.intern("code");
    ops::set_instance_attr(
        e.as_obj().expect("exc"),
        n,
        args.first().copied().unwrap_or(Value::NONE),
    );
    Err(PyErr(e))
}

pub(crate) fn sys_getrecursionlimit(
    vm: &mut Vm,
    _args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult<Value> {
    Ok(Value::int(vm.recursion_limit as i64))
}

pub(crate) fn sys_setrecursionlimit(
    vm: &mut Vm,
    args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult<Value> {
    check_args(vm, "setrecursionlimit", args, 1, 1)?;
    let n = ops::index_i64(vm, args[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.recursion_limit = n.min(10_000_000) as usize;
    Ok(Value::NONE)
}

pub(crate) fn sys_exc_info(
    vm: &mut Vm,
    _args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult<Value> {
    let h = vm.handled;
    if h.is_none() {
        return Ok(vm.new_tuple(vec![Value::NONE, Value::NONE, Value::NONE]));
    }
    let t = Value::obj(ops::type_of(vm, h));
    let tb = crate::runtime::lib::pyvgc_traceback::traceback_of(vm, h)?;
    Ok(vm.new_tuple(vec![t, h, tb]))
}

pub(crate) fn sys_intern(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "intern", args, 1, 1)?;
    let s = str_arg(vm, args[0], "intern() argument")?.to_string();
    Ok(vm.intern(&s))
}

pub(crate) fn sys_getsizeof(
    vm: &mut Vm,
    args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult<Value> {
    check_args(vm, "getsizeof", args, 1, 2)?;
    // Sizes of pyvgc's representation, not CPython's.
    Ok(Value::int(match Vm::obj_ref(args[0]).map(|o| &o.kind) {
        Some(Kind::Str(s)) => 48 + s.s.len() as i64,
        Some(Kind::List(l)) => 56 + 16 * l.borrow().len() as i64,
        Some(Kind::Tuple(t)) => 40 + 16 * t.len() as i64,
        _ => 32,
    }))
}

// ---------------------------------------------------------------- traceback display

/// The last line of a traceback for exception `e`: `Type: message` (or just `Type`).
pub fn exc_display_line(vm: &mut Vm, e: Value) -> String {
    let cls = ops::type_of(vm, e);
    let (name, module) = match &cls.kind {
        Kind::Type(t) => (
            t.qualname.borrow().to_string(),
            t.module.borrow().to_string(),
        ),
        _ => ("?".into(), "builtins".into()),
    };
    let full = if module == "builtins" || module == "__main__" {
        name
    } else {
        format!("{module}.{name}")
    };
    let mut msg = match ops::to_str(vm, e) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".into(),
    };
    if let Some(o) = Vm::obj_ref(e)
        && let Some(sg) = ops::get_instance_attr(o, "_pyvgc_suggest").and_then(as_str)
    {
        msg.push_str(&format!(". Did you mean: '{sg}'?"));
    }
    if msg.is_empty() {
        full
    } else {
        format!("{full}: {msg}")
    }
}

// ---------------------------------------------------------------- constructors of built-in types

pub(crate) fn construct_builtin(
    vm: &mut Vm,
    cls: Gc<Obj>,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let t = vm.types;
    let name = type_name_of(cls);
    if name == "complex" {
        return crate::runtime::lib::complex::construct(vm, args, kwargs);
    }
    let no_kw = |vm: &mut Vm, kwargs: &[(Value, Value)]| -> PyResult<()> {
        if kwargs.is_empty() {
            Ok(())
        } else {
            Err(vm.type_error(format!("{name}() takes no keyword arguments")))
        }
    };
    let c = |x: Gc<Obj>| Gc::ptr_eq(cls, x);
    if c(t.int) {
        check_kwargs(vm, "int", kwargs, &["base"])?;
        return int_new(vm, args, kwarg(kwargs, "base"));
    }
    if c(t.float) {
        no_kw(vm, kwargs)?;
        check_args(vm, "float", args, 0, 1)?;
        return float_new(vm, args.first().copied());
    }
    if c(t.str_) {
        check_kwargs(vm, "str", kwargs, &["encoding", "errors", "object"])?;
        check_args(vm, "str", args, 0, 3)?;
        let Some(v) = args.first().copied().or(kwarg(kwargs, "object")) else {
            return Ok(vm.intern(""));
        };
        if args.len() >= 2 || kwarg(kwargs, "encoding").is_some() {
            let Some(b) = ops::bytes_of(v) else {
                let t = ops::type_name(vm, v);
                return Err(vm.type_error(format!(
                    "decoding to str: need a bytes-like object, {t} found"
                )));
            };
            return super::bytes::decode(
                vm,
                &b,
                args.get(1).copied().or(kwarg(kwargs, "encoding")),
                args.get(2).copied().or(kwarg(kwargs, "errors")),
            );
        }
        if as_str(v).is_some() {
            return Ok(v);
        }
        let s = ops::to_str(vm, v)?;
        return Ok(vm.new_string(s));
    }
    if c(t.bool_) {
        no_kw(vm, kwargs)?;
        check_args(vm, "bool", args, 0, 1)?;
        return Ok(Value::bool(match args.first() {
            Some(v) => ops::truthy(vm, *v)?,
            None => false,
        }));
    }
    if c(t.list) {
        no_kw(vm, kwargs)?;
        check_args(vm, "list", args, 0, 1)?;
        let items = match args.first() {
            Some(v) => ops::collect(vm, *v)?,
            None => vec![],
        };
        return Ok(vm.new_list(items));
    }
    if c(t.tuple) {
        no_kw(vm, kwargs)?;
        check_args(vm, "tuple", args, 0, 1)?;
        // An exact tuple is returned as it is; a tuple subclass's items are copied into a plain
        // tuple, as CPython does.
        if let Some(v) = args.first()
            && matches!(Vm::obj_ref(*v).map(|o| &o.kind), Some(Kind::Tuple(_)))
            && Gc::ptr_eq(ops::type_of(vm, *v), t.tuple)
        {
            return Ok(*v);
        }
        let items = match args.first() {
            Some(v) => ops::collect(vm, *v)?,
            None => vec![],
        };
        return Ok(vm.new_tuple(items));
    }
    if c(t.dict) {
        check_args(vm, "dict", args, 0, 1)?;
        let d = vm.new_dict();
        if let Some(src) = args.first() {
            super::methods::dict_update_from(vm, d, *src)?;
        }
        let dg = d.as_obj().expect("dict");
        for (k, v) in kwargs {
            ops::dict_set(vm, dg, *k, *v)?;
        }
        return Ok(d);
    }
    if c(t.set) || c(t.frozenset) {
        no_kw(vm, kwargs)?;
        check_args(vm, &name, args, 0, 1)?;
        let frozen = c(t.frozenset);
        let s = vm.new_set(frozen);
        if let Some(v) = args.first() {
            let items = ops::collect(vm, *v)?;
            let sg = s.as_obj().expect("set");
            for x in items {
                ops::set_add(vm, sg, x)?;
            }
        }
        return Ok(s);
    }
    if c(t.range) {
        no_kw(vm, kwargs)?;
        if args.is_empty() {
            return Err(vm.type_error("range expected at least 1 argument, got 0"));
        }
        check_args(vm, "range", args, 1, 3)?;
        let mut xs = Vec::new();
        for a in args {
            if !ops::is_int_like(*a) {
                if let Some(o) = Vm::obj_ref(*a)
                    && let Kind::Instance(_) = o.kind
                    && let Some(f) = ops::lookup_type(vm, o.class(), "__index__")
                {
                    let r = ops::call(vm, f, &[*a], &[])?;
                    xs.push(ops::index_i64(vm, r)?);
                    continue;
                }
                let t = ops::type_name(vm, *a);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
            match ops::as_i64(*a) {
                Some(i) => xs.push(i),
                None => return crate::runtime::lib::bundled::big_range(vm, args),
            }
        }
        let (s, e, st) = match xs.len() {
            1 => (0, xs[0], 1),
            2 => (xs[0], xs[1], 1),
            _ => (xs[0], xs[1], xs[2]),
        };
        if st == 0 {
            return Err(vm.value_error("range() arg 3 must not be zero"));
        }
        // The length is at most |stop - start|; beyond i64 the built-in range cannot hold it.
        if (i128::from(e) - i128::from(s)).unsigned_abs() > i64::MAX as u128 {
            return crate::runtime::lib::bundled::big_range(vm, args);
        }
        let rc = vm.types.range;
        return Ok(Value::obj(vm.alloc(rc, Kind::Range(s, e, st))));
    }
    if c(t.slice) {
        check_args(vm, "slice", args, 1, 3)?;
        let (a, b, cc) = match args.len() {
            1 => (Value::NONE, args[0], Value::NONE),
            2 => (args[0], args[1], Value::NONE),
            _ => (args[0], args[1], args[2]),
        };
        let sc = vm.types.slice;
        return Ok(Value::obj(vm.alloc(sc, Kind::Slice(a, b, cc))));
    }
    if c(t.object) {
        if !args.is_empty() || !kwargs.is_empty() {
            return Err(vm.type_error("object() takes no arguments"));
        }
        let oc = vm.types.object;
        return Ok(Value::obj(vm.alloc(oc, Kind::Empty)));
    }
    if c(t.type_) {
        if args.len() == 1 {
            return Ok(Value::obj(ops::type_of(vm, args[0])));
        }
        if args.len() == 3 {
            let n = str_arg(vm, args[0], "type.__new__() argument 1")?.to_string();
            let bases = ops::collect(vm, args[1])?;
            let mut bs = Vec::new();
            for b in bases {
                match b.as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) {
                    Some(c) => bs.push(c),
                    None => return Err(vm.type_error("bases must be types")),
                }
            }
            if bs.is_empty() {
                bs.push(vm.types.object);
            }
            let Some(ns) = args[2].as_obj().filter(|o| matches!(o.kind, Kind::Dict(_))) else {
                return Err(vm.type_error("type.__new__() argument 3 must be dict"));
            };
            if ops::dict_get_str(ns, "__module__").is_none()
                && let Some(f) = vm.frames.last()
                && let Some(m) = ops::dict_get_str(f.globals, "__name__")
            {
                ops::dict_set_str(vm, ns, "__module__", m);
            }
            return super::make_class(vm, &n, bs, ns, kwargs).map(Value::obj);
        }
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    if c(t.property) {
        check_kwargs(vm, "property", kwargs, &["fget", "fset", "fdel", "doc"])?;
        let g = |i: usize, n: &str| {
            args.get(i)
                .copied()
                .or(kwarg(kwargs, n))
                .unwrap_or(Value::NONE)
        };
        let (fget, fset, fdel, doc) = (g(0, "fget"), g(1, "fset"), g(2, "fdel"), g(3, "doc"));
        let doc = if doc.is_none() && !fget.is_none() {
            ops::getattr_opt(vm, fget, "__doc__")?.unwrap_or(Value::NONE)
        } else {
            doc
        };
        let pc = vm.types.property;
        return Ok(Value::obj(
            vm.alloc(pc, Kind::Property(fget, fset, fdel, doc)),
        ));
    }
    if c(t.staticmethod) {
        check_args(vm, "staticmethod", args, 1, 1)?;
        let sc = vm.types.staticmethod;
        return Ok(Value::obj(vm.alloc(sc, Kind::StaticMethod(args[0]))));
    }
    if c(t.classmethod) {
        check_args(vm, "classmethod", args, 1, 1)?;
        let cc = vm.types.classmethod;
        return Ok(Value::obj(vm.alloc(cc, Kind::ClassMethod(args[0]))));
    }
    if c(t.super_) {
        let (start, obj) = match args.len() {
            0 => crate::runtime::interp::zero_arg_super(vm)?,
            2 => (args[0], args[1]),
            _ => return Err(vm.type_error("super() takes 0 or 2 arguments")),
        };
        let sc = vm.types.super_;
        return Ok(Value::obj(vm.alloc(sc, Kind::Super(start, obj))));
    }
    if c(t.bytes) || c(t.bytearray) {
        check_kwargs(vm, &name, kwargs, &["encoding", "errors"])?;
        check_args(vm, &name, args, 0, 3)?;
        let data: Vec<u8> = match args.first() {
            None => vec![],
            Some(v) => {
                if let Some(s) = as_str(*v) {
                    let enc = args.get(1).copied().or(kwarg(kwargs, "encoding"));
                    if enc.is_none() {
                        return Err(vm.type_error("string argument without an encoding"));
                    }
                    let errors = args.get(2).copied().or(kwarg(kwargs, "errors"));
                    let e = super::bytes::encode(vm, s, enc, errors)?;
                    ops::bytes_of(e).unwrap_or_default()
                } else if let Some(n) = ops::as_i64(*v) {
                    if n < 0 {
                        return Err(vm.value_error("negative count"));
                    }
                    vec![0; n as usize]
                } else if let Some(b) = ops::bytes_of(*v) {
                    b
                } else {
                    let items = ops::collect(vm, *v)?;
                    let mut out = Vec::with_capacity(items.len());
                    for x in items {
                        match ops::as_i64(x) {
                            Some(i) if (0..256).contains(&i) => out.push(i as u8),
                            Some(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
                            None => {
                                let t = ops::type_name(vm, x);
                                return Err(vm.type_error(format!(
                                    "'{t}' object cannot be interpreted as an integer"
                                )));
                            }
                        }
                    }
                    out
                }
            }
        };
        if c(t.bytearray) {
            let bc = vm.types.bytearray;
            return Ok(Value::obj(
                vm.alloc(bc, Kind::ByteArray(std::cell::RefCell::new(data))),
            ));
        }
        return Ok(vm.new_bytes(data));
    }
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

fn int_new(vm: &mut Vm, args: &[Value], base_kw: Option<Value>) -> PyResult<Value> {
    check_args(vm, "int", args, 0, 2)?;
    let Some(v) = args.first().copied() else {
        return Ok(Value::int(0));
    };
    let base = args.get(1).copied().or(base_kw);
    if let Some(b) = base {
        let base = ops::index_i64(vm, b)?;
        if base != 0 && !(2..=36).contains(&base) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let Some(s) = as_str(v)
            .map(|s| s.to_string())
            .or_else(|| ops::bytes_of(v).map(|b| String::from_utf8_lossy(&b).into_owned()))
        else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        return parse_int_value(vm, &s, base as u32);
    }
    match v.tag {
        value::INT => return Ok(v),
        value::TRUE => return Ok(Value::int(1)),
        value::FALSE => return Ok(Value::int(0)),
        value::FLOAT => {
            let f = v.as_float_raw();
            if f.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.overflow_error("cannot convert float infinity to integer"));
            }
            let t = f.trunc();
            if t.abs() < 9.0e18 {
                return Ok(Value::int(t as i64));
            }
            return Ok(vm.new_bigint(ops::float_to_bigint(t)));
        }
        _ => {}
    }
    if ops::as_bigint(v).is_some() {
        return Ok(v);
    }
    if let Some(s) = as_str(v) {
        let s = s.to_string();
        return parse_int_value(vm, &s, 10);
    }
    if let Some(b) = ops::bytes_of(v) {
        let s = String::from_utf8_lossy(&b).into_owned();
        return parse_int_value(vm, &s, 10);
    }
    if let Some(o) = Vm::obj_ref(v)
        && let Kind::Instance(_) = o.kind
    {
        for m in ["__int__", "__index__", "__trunc__"] {
            if let Some(f) = ops::lookup_type(vm, o.class(), m) {
                return ops::call(vm, f, &[v], &[]);
            }
        }
    }
    let t = ops::type_name(vm, v);
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
    )))
}

fn parse_int_value(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    match support::int_parse::parse_int(s, base, support::int_parse::DEFAULT_MAX_STR_DIGITS) {
        Ok(support::int_parse::ParsedInt::Small(i)) => Ok(Value::int(i)),
        Ok(support::int_parse::ParsedInt::Big(b)) => Ok(vm.new_bigint(b)),
        Err(e) => Err(vm.support_error(e)),
    }
}

pub(crate) fn float_new(vm: &mut Vm, v: Option<Value>) -> PyResult<Value> {
    let Some(v) = v else {
        return Ok(Value::float(0.0));
    };
    if v.tag == value::FLOAT {
        return Ok(v);
    }
    if let Some(s) = as_str(v) {
        return match support::int_parse::parse_float(s) {
            Ok(f) => Ok(Value::float(f)),
            Err(e) => Err(vm.support_error(e)),
        };
    }
    if let Some(o) = Vm::obj_ref(v)
        && let Kind::Instance(_) = o.kind
    {
        for m in ["__float__", "__index__"] {
            if let Some(f) = ops::lookup_type(vm, o.class(), m) {
                let r = ops::call(vm, f, &[v], &[])?;
                return float_new(vm, Some(r));
            }
        }
    }
    match ops::as_f64(vm, v)? {
        Some(f) => Ok(Value::float(f)),
        None => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "float() argument must be a string or a real number, not '{t}'"
            )))
        }
    }
}

#[allow(dead_code)]
fn big_to_f64(b: &BigInt) -> f64 {
    b.to_f64().unwrap_or(f64::INFINITY)
}
