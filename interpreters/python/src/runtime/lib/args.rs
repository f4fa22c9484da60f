//! Argument checking for native library functions, with CPython's messages.
//!
//! CPython's C functions come in a few calling conventions whose arity errors read differently
//! (`math.sqrt() takes exactly one argument (2 given)` for one-argument functions, `pow expected 2
//! arguments, got 1` for Argument Clinic ones); these helpers produce each form so the native
//! modules in `lib/` match them without repeating the text.

use crate::runtime::Value;
use crate::runtime::ops;
use crate::runtime::vm::{PyResult, Vm};

/// A one-argument function (`METH_O`): `qualname` is how CPython names it, e.g. `math.sqrt`.
pub fn one(vm: &mut Vm, qualname: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    if args.len() != 1 {
        return Err(vm.type_error(format!(
            "{qualname}() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    Ok(args[0])
}

/// An Argument Clinic function with exactly `n` positional arguments: `pow expected 2 arguments,
/// got 1`.
pub fn exact<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [Value],
    kw: &[(Value, Value)],
    n: usize,
) -> PyResult<&'a [Value]> {
    no_keywords(vm, name, kw)?;
    if args.len() != n {
        return Err(vm.type_error(format!(
            "{name} expected {n} argument{}, got {}",
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(args)
}

/// Between `min` and `max` positional arguments, with the `... expected at least/most` messages.
pub fn range<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [Value],
    kw: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_keywords(vm, name, kw)?;
    if args.len() < min {
        return Err(vm.type_error(format!(
            "{name} expected at least {min} argument{}, got {}",
            if min == 1 { "" } else { "s" },
            args.len()
        )));
    }
    if args.len() > max {
        return Err(vm.type_error(format!(
            "{name} expected at most {max} argument{}, got {}",
            if max == 1 { "" } else { "s" },
            args.len()
        )));
    }
    Ok(args)
}

/// Rejects keyword arguments: `name() takes no keyword arguments`.
pub fn no_keywords(vm: &mut Vm, name: &str, kw: &[(Value, Value)]) -> PyResult<()> {
    if kw.is_empty() {
        return Ok(());
    }
    Err(vm.type_error(format!("{name}() takes no keyword arguments")))
}

/// The keyword arguments as (name, value), rejecting names not in `allowed` with CPython's
/// "'x' is an invalid keyword argument for name()" message.
pub fn keywords(
    vm: &mut Vm,
    name: &str,
    kw: &[(Value, Value)],
    allowed: &[&str],
) -> PyResult<Vec<(&'static str, Value)>> {
    let mut out = Vec::with_capacity(kw.len());
    for &(k, v) in kw {
        let key = ops::as_str(k).unwrap_or("?");
        if !allowed.contains(&key) {
            return Err(vm.type_error(format!(
                "'{key}' is an invalid keyword argument for {name}()"
            )));
        }
        out.push((key, v));
    }
    Ok(out)
}

/// A real number argument as f64: `must be real number, not str`. Objects with `__float__` are
/// converted through it.
pub fn real(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = ops::as_f64(vm, v)? {
        return Ok(f);
    }
    if ops::getattr_opt(vm, v, "__float__")?.is_some() {
        let r = ops::call_method(vm, v, "__float__", &[])?;
        if let Some(f) = ops::as_f64(vm, r)? {
            return Ok(f);
        }
    }
    let t = ops::type_name(vm, v);
    Err(vm.type_error(format!("must be real number, not {t}")))
}

/// An integer argument (`__index__` semantics) as i64.
pub fn int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    ops::index_i64(vm, v)
}

/// An integer argument as BigInt: `'float' object cannot be interpreted as an integer`.
pub fn bigint(vm: &mut Vm, v: Value) -> PyResult<num_bigint::BigInt> {
    match ops::as_bigint(v) {
        Some(b) => Ok(b),
        None => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// An int result, unboxed when it fits.
pub fn int_value(vm: &mut Vm, b: num_bigint::BigInt) -> Value {
    vm.new_bigint(b)
}
