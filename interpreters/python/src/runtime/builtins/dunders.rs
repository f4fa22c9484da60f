//! The data-model methods of the built-in types as callable attributes: `int.__add__`,
//! `(3).__mul__(5)`, `str.__format__`, `object.__str__`, `list.__eq__`, ...
//!
//! The interpreter never calls these for built-in values (`ops` has the operations inline); they
//! exist for Python code that names them, as `enum`, `fractions` and user subclasses calling
//! `super().__add__(other)` do. Each one checks its receiver's type and returns NotImplemented
//! for operands of other types, as CPython's slot wrappers do, and runs the built-in operation
//! without dispatching to Python overrides again (`ops::builtin_binop`), so a subclass that calls
//! its base's method does not recurse into itself.

use super::{add_methods, check_args};
use crate::bytecode::{BinOp, CmpOp};
use crate::runtime::object::Kind;
use crate::runtime::ops::{self, as_str};
use crate::runtime::value::{self, Value};
use crate::runtime::vm::{NativeFn, PyResult, Vm, is_subclass};

type M = (&'static str, NativeFn);

/// Which built-in family a method belongs to: decides which receivers and operands it accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fam {
    Int,
    Float,
    Seq,
}

macro_rules! binops {
    ($($fwd:ident, $rev:ident, $op:expr;)*) => {
        $(
            fn $fwd(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
                binop(vm, args, $op, false)
            }
            fn $rev(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
                binop(vm, args, $op, true)
            }
        )*
    };
}

binops! {
    d_add, d_radd, BinOp::Add;
    d_sub, d_rsub, BinOp::Sub;
    d_mul, d_rmul, BinOp::Mul;
    d_truediv, d_rtruediv, BinOp::TrueDiv;
    d_floordiv, d_rfloordiv, BinOp::FloorDiv;
    d_mod, d_rmod, BinOp::Mod;
    d_pow, d_rpow, BinOp::Pow;
    d_and, d_rand, BinOp::And;
    d_or, d_ror, BinOp::Or;
    d_xor, d_rxor, BinOp::Xor;
    d_lshift, d_rlshift, BinOp::LShift;
    d_rshift, d_rrshift, BinOp::RShift;
}

macro_rules! cmps {
    ($($name:ident, $op:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
                cmp(vm, args, $op)
            }
        )*
    };
}

cmps! {
    d_lt, CmpOp::Lt;
    d_le, CmpOp::Le;
    d_eq, CmpOp::Eq;
    d_ne, CmpOp::Ne;
    d_gt, CmpOp::Gt;
    d_ge, CmpOp::Ge;
}

pub(super) fn install(vm: &mut Vm) {
    let arith: &[M] = &[
        ("__add__", d_add),
        ("__radd__", d_radd),
        ("__sub__", d_sub),
        ("__rsub__", d_rsub),
        ("__mul__", d_mul),
        ("__rmul__", d_rmul),
        ("__truediv__", d_truediv),
        ("__rtruediv__", d_rtruediv),
        ("__floordiv__", d_floordiv),
        ("__rfloordiv__", d_rfloordiv),
        ("__mod__", d_mod),
        ("__rmod__", d_rmod),
        ("__pow__", d_pow),
        ("__rpow__", d_rpow),
        ("__divmod__", d_divmod),
        ("__rdivmod__", d_rdivmod),
        ("__neg__", d_neg),
        ("__pos__", d_pos),
        ("__abs__", d_abs),
        ("__bool__", d_bool),
        ("__int__", d_int),
        ("__float__", d_float),
        ("__trunc__", d_int),
    ];
    let bits: &[M] = &[
        ("__and__", d_and),
        ("__rand__", d_rand),
        ("__or__", d_or),
        ("__ror__", d_ror),
        ("__xor__", d_xor),
        ("__rxor__", d_rxor),
        ("__lshift__", d_lshift),
        ("__rlshift__", d_rlshift),
        ("__rshift__", d_rshift),
        ("__rrshift__", d_rrshift),
        ("__invert__", d_invert),
    ];
    let common: &[M] = &[
        ("__repr__", d_repr),
        ("__str__", d_str),
        ("__format__", d_format),
        ("__hash__", d_hash),
        ("__lt__", d_lt),
        ("__le__", d_le),
        ("__eq__", d_eq),
        ("__ne__", d_ne),
        ("__gt__", d_gt),
        ("__ge__", d_ge),
    ];
    let t = vm.types.int;
    add_methods(vm, t, common);
    add_methods(vm, t, arith);
    add_methods(vm, t, bits);
    let t = vm.types.float;
    add_methods(vm, t, common);
    add_methods(vm, t, arith);
    let seq: &[M] = &[("__add__", d_add), ("__mul__", d_mul), ("__rmul__", d_rmul)];
    for t in [
        vm.types.str_,
        vm.types.list,
        vm.types.tuple,
        vm.types.bytes,
        vm.types.bytearray,
    ] {
        add_methods(vm, t, common);
        add_methods(vm, t, seq);
    }
    let t = vm.types.str_;
    add_methods(vm, t, &[("__mod__", d_mod)]);
    for t in [vm.types.dict, vm.types.set, vm.types.frozenset] {
        add_methods(vm, t, common);
    }
    for t in [vm.types.dict, vm.types.set, vm.types.frozenset] {
        add_methods(vm, t, &[("__or__", d_or), ("__ror__", d_ror)]);
    }
    for t in [vm.types.set, vm.types.frozenset] {
        add_methods(
            vm,
            t,
            &[
                ("__and__", d_and),
                ("__rand__", d_rand),
                ("__sub__", d_sub),
                ("__rsub__", d_rsub),
                ("__xor__", d_xor),
                ("__rxor__", d_rxor),
            ],
        );
    }
    // Mutable containers are unhashable: their `__hash__` is None, as CPython shows it
    // (`list.__hash__ is None`, what dataclasses and `collections.abc.Hashable` test).
    for t in [
        vm.types.list,
        vm.types.bytearray,
        vm.types.dict,
        vm.types.set,
    ] {
        if let Kind::Type(ty) = &t.kind {
            let d = ty.dict;
            ops::dict_set_str(vm, d, "__hash__", Value::NONE);
        }
    }
    let t = vm.types.bool_;
    add_methods(vm, t, &[("__repr__", d_repr), ("__str__", d_str)]);
    let o = vm.types.object;
    add_methods(
        vm,
        o,
        &[
            ("__str__", object_str),
            ("__format__", object_format),
            ("__lt__", not_implemented),
            ("__le__", not_implemented),
            ("__gt__", not_implemented),
            ("__ge__", not_implemented),
            ("__delattr__", object_delattr),
            ("__dir__", object_dir),
            ("__sizeof__", object_sizeof),
            ("__reduce__", object_reduce),
            ("__reduce_ex__", object_reduce),
            ("__getstate__", object_getstate),
        ],
    );
    let be = vm.types.base_exception;
    add_methods(vm, be, &[("__str__", exception_str)]);
    let hook = vm.new_native("__subclasshook__", not_implemented);
    let cmc = vm.types.classmethod;
    let hook = Value::obj(vm.alloc(cmc, Kind::ClassMethod(hook)));
    super::class_set(vm, o, "__subclasshook__", hook);
}

/// `object.__lt__` and friends, `object.__subclasshook__`: NotImplemented, so the other operand
/// (or the default) decides.
fn not_implemented(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Ok(vm.not_implemented)
}

fn object_delattr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__delattr__", args, 2, 2)?;
    ops::delattr(vm, args[0], args[1])?;
    Ok(Value::NONE)
}

fn object_dir(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__dir__", args, 1, 1)?;
    let dir = ops::dict_get_str(vm.builtins, "dir").unwrap_or(Value::NONE);
    ops::call(vm, dir, &[args[0]], &[])
}

fn object_sizeof(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__sizeof__", args, 1, 1)?;
    // CPython's size of a plain instance header; pyvgc objects have their own layout.
    Ok(Value::int(16))
}

fn object_reduce(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    Err(vm.not_implemented("pickling (__reduce__/__reduce_ex__)"))
}

fn object_getstate(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__getstate__", args, 1, 1)?;
    match ops::getattr_opt(vm, args[0], "__dict__")? {
        Some(d) if ops::len(vm, d)? > 0 => Ok(d),
        _ => Ok(Value::NONE),
    }
}

/// The family of a value for these methods (bools count as ints).
fn fam(v: Value) -> Option<Fam> {
    match v.tag {
        value::INT | value::TRUE | value::FALSE => Some(Fam::Int),
        value::FLOAT => Some(Fam::Float),
        _ => match Vm::obj_ref(v).map(|o| &o.kind) {
            Some(Kind::BigInt(_)) => Some(Fam::Int),
            Some(_) => Some(Fam::Seq),
            None => None,
        },
    }
}

/// The operand is one this receiver's method handles: ints take ints, floats take ints and
/// floats; containers leave the check to the built-in operation.
fn accepts(recv: Fam, other: Value) -> bool {
    matches!(
        (recv, fam(other)),
        (Fam::Int, Some(Fam::Int)) | (Fam::Float, Some(Fam::Int | Fam::Float)) | (Fam::Seq, _)
    )
}

fn binop(vm: &mut Vm, args: &[Value], op: BinOp, reflected: bool) -> PyResult<Value> {
    let name = format!("__{}{}__", if reflected { "r" } else { "" }, op.dunder());
    check_args(vm, &name, args, 2, 2)?;
    let (me, other) = (args[0], args[1]);
    let Some(f) = fam(me) else {
        return Ok(vm.not_implemented);
    };
    if !accepts(f, other) {
        return Ok(vm.not_implemented);
    }
    let (x, y) = if reflected { (other, me) } else { (me, other) };
    Ok(ops::builtin_binop(vm, x, y, op)?.unwrap_or(vm.not_implemented))
}

fn cmp(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult<Value> {
    check_args(vm, "comparison", args, 2, 2)?;
    let (me, other) = (args[0], args[1]);
    let Some(f) = fam(me) else {
        return Ok(vm.not_implemented);
    };
    let compatible = match f {
        Fam::Int | Fam::Float => matches!(fam(other), Some(Fam::Int | Fam::Float)),
        Fam::Seq => {
            // Containers compare with their own kind (list with list, str with str, ...).
            let same = |v: Value| Vm::obj_ref(v).map(|o| std::mem::discriminant(&o.kind));
            same(me) == same(other)
                || (ops::bytes_of(me).is_some() && ops::bytes_of(other).is_some())
                || matches!(
                    (
                        Vm::obj_ref(me).map(|o| &o.kind),
                        Vm::obj_ref(other).map(|o| &o.kind)
                    ),
                    (
                        Some(Kind::Set(_) | Kind::FrozenSet(_)),
                        Some(Kind::Set(_) | Kind::FrozenSet(_))
                    )
                )
        }
    };
    if !compatible {
        return Ok(vm.not_implemented);
    }
    ops::compare(vm, me, other, op)
}

fn d_divmod_impl(vm: &mut Vm, args: &[Value], reflected: bool) -> PyResult<Value> {
    check_args(vm, "__divmod__", args, 2, 2)?;
    let (me, other) = (args[0], args[1]);
    let Some(f) = fam(me) else {
        return Ok(vm.not_implemented);
    };
    if f == Fam::Seq || !accepts(f, other) {
        return Ok(vm.not_implemented);
    }
    let (x, y) = if reflected { (other, me) } else { (me, other) };
    let q = ops::binary_op(vm, x, y, BinOp::FloorDiv)?;
    let r = ops::binary_op(vm, x, y, BinOp::Mod)?;
    Ok(vm.new_tuple(vec![q, r]))
}
fn d_divmod(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    d_divmod_impl(vm, args, false)
}
fn d_rdivmod(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    d_divmod_impl(vm, args, true)
}

/// A number receiver (the unary methods are only installed on int and float).
fn num_recv(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    check_args(vm, name, args, 1, 1)?;
    match fam(args[0]) {
        Some(Fam::Int | Fam::Float) => Ok(args[0]),
        _ => {
            let t = ops::type_name(vm, args[0]);
            Err(vm.type_error(format!(
                "descriptor '{name}' requires a number, but received a '{t}'"
            )))
        }
    }
}

fn d_neg(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = num_recv(vm, args, "__neg__")?;
    ops::unary_neg(vm, v)
}
fn d_pos(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = num_recv(vm, args, "__pos__")?;
    Ok(match v.tag {
        value::TRUE => Value::int(1),
        value::FALSE => Value::int(0),
        _ => v,
    })
}
fn d_abs(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = num_recv(vm, args, "__abs__")?;
    let lt = ops::compare(vm, v, Value::int(0), CmpOp::Lt)?;
    if lt.is(Value::TRUE) {
        ops::unary_neg(vm, v)
    } else {
        d_pos(vm, args, &[])
    }
}
fn d_invert(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = num_recv(vm, args, "__invert__")?;
    // ~x == -x - 1 for every int.
    let n = ops::unary_neg(vm, v)?;
    ops::binary_op(vm, n, Value::int(1), BinOp::Sub)
}
fn d_bool(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = num_recv(vm, args, "__bool__")?;
    Ok(Value::bool(ops::truthy(vm, v)?))
}
fn d_int(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = num_recv(vm, args, "__int__")?;
    let int = Value::obj(vm.types.int);
    ops::call(vm, int, &[v], &[])
}
fn d_float(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = num_recv(vm, args, "__float__")?;
    let float = Value::obj(vm.types.float);
    ops::call(vm, float, &[v], &[])
}

/// The receiver of a method of the built-in type of `args[0]`.
fn recv(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    check_args(vm, name, args, 1, 1)?;
    Ok(args[0])
}

fn d_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(vm, args, "__repr__")?;
    let s = ops::repr_builtin(vm, v)?;
    Ok(vm.new_string(s))
}

fn d_str(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(vm, args, "__str__")?;
    if let Some(s) = as_str(v) {
        // `str.__str__` of a subclass object is the plain string.
        return Ok(vm.new_str(s));
    }
    let s = ops::repr_builtin(vm, v)?;
    Ok(vm.new_string(s))
}

fn d_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = recv(vm, args, "__hash__")?;
    Ok(Value::int(ops::hash(vm, v)?))
}

fn d_format(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__format__", args, 2, 2)?;
    let (v, spec) = (args[0], args[1]);
    if as_str(spec).is_none() {
        let t = ops::type_name(vm, spec);
        return Err(vm.type_error(format!("__format__() argument must be str, not {t}")));
    }
    // A subclass object is formatted as its built-in value (str subclasses as plain str).
    let v = match as_str(v) {
        Some(s) if !vgc::Gc::ptr_eq(ops::type_of(vm, v), vm.types.str_) => vm.new_str(s),
        _ => v,
    };
    let spec = as_str(spec).unwrap_or("");
    let r = super::format_value(vm, v, spec)?;
    Ok(vm.new_string(r))
}

/// `object.__str__(self)`: `repr(self)` (the exception classes' `str` for exceptions).
fn object_str(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__str__", args, 1, 1)?;
    let v = args[0];
    let s = if is_subclass(ops::type_of(vm, v), vm.types.base_exception) {
        ops::exc_str(vm, v)?
    } else {
        ops::repr(vm, v)?
    };
    Ok(vm.new_string(s))
}

/// `object.__format__(self, spec)`: `str(self)` for an empty spec, TypeError otherwise.
fn object_format(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__format__", args, 2, 2)?;
    let spec = as_str(args[1]).unwrap_or("");
    if !spec.is_empty() {
        let t = ops::type_name(vm, args[0]);
        return Err(vm.type_error(format!(
            "unsupported format string passed to {t}.__format__"
        )));
    }
    let s = ops::to_str(vm, args[0])?;
    Ok(vm.new_string(s))
}

/// `BaseException.__str__(self)`: the message made from `args`.
fn exception_str(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    check_args(vm, "__str__", args, 1, 1)?;
    let s = ops::exc_str(vm, args[0])?;
    Ok(vm.new_string(s))
}
