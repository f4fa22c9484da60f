//! Methods of built-in types that the standard-library side of pyvgc adds: `slice.indices`.
//!
//! They work on Python ints of any size (a slice of a `range` beyond 64 bits is resolved with
//! them), through `BigInt`. They are installed on the built-in classes by `builtins::methods`.

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use crate::runtime::object::Kind;
use crate::runtime::ops;
use crate::runtime::value::Value;
use crate::runtime::vm::{PyResult, Vm};

/// An `__index__` operand as a BigInt, or CPython's TypeError with `what` as its message.
fn index_big(vm: &mut Vm, v: Value, what: &str) -> PyResult<BigInt> {
    if let Some(b) = ops::as_bigint(v) {
        return Ok(b);
    }
    if matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::Instance(_)))
        && let Some(f) = ops::lookup_type(vm, ops::type_of(vm, v), "__index__")
    {
        let r = ops::call(vm, f, &[v], &[])?;
        if let Some(b) = ops::as_bigint(r) {
            return Ok(b);
        }
    }
    if what.is_empty() {
        let t = ops::type_name(vm, v);
        return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
    }
    Err(vm.type_error(what.to_string()))
}

/// `slice.indices(length)`: `(start, stop, step)` clamped to a sequence of `length` items, as
/// CPython's `_PySlice_GetLongIndices`.
pub fn slice_indices(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.type_error("slice.indices() takes no keyword arguments"));
    }
    if args.len() != 2 {
        return Err(vm.type_error(format!(
            "slice.indices() takes exactly one argument ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    let Some(Kind::Slice(a, b, c)) = Vm::obj_ref(args[0]).map(|o| &o.kind) else {
        return Err(vm.type_error("descriptor 'indices' requires a 'slice' object"));
    };
    let (a, b, c) = (*a, *b, *c);
    let length = index_big(vm, args[1], "")?;
    if length.is_negative() {
        return Err(vm.value_error("length should not be negative"));
    }
    const MSG: &str = "slice indices must be integers or None or have an __index__ method";
    let step = if c.is_none() {
        BigInt::one()
    } else {
        index_big(vm, c, MSG)?
    };
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let negative = step.is_negative();
    let (lower, upper) = if negative {
        (-BigInt::one(), &length - 1)
    } else {
        (BigInt::zero(), length.clone())
    };
    let clamp = |vm: &mut Vm, v: Value, default: &BigInt| -> PyResult<BigInt> {
        if v.is_none() {
            return Ok(default.clone());
        }
        let mut i = index_big(vm, v, MSG)?;
        if i.is_negative() {
            i += &length;
            if i < lower {
                i = lower.clone();
            }
        } else if i > upper {
            i = upper.clone();
        }
        Ok(i)
    };
    let (start_default, stop_default) = if negative {
        (upper.clone(), lower.clone())
    } else {
        (lower.clone(), upper.clone())
    };
    let start = clamp(vm, a, &start_default)?;
    let stop = clamp(vm, b, &stop_default)?;
    let items = vec![
        vm.new_bigint(start),
        vm.new_bigint(stop),
        vm.new_bigint(step),
    ];
    Ok(vm.new_tuple(items))
}
