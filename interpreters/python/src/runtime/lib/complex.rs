//! The native half of `complex`: loads the bundled `_pyvgc_complex` on first use and routes
//! `complex(...)` calls and imaginary literals to it.
//!
//! The runtime creates the built-in class `complex` at start-up with an empty namespace (so
//! `isinstance(x, complex)` works from the start without loading anything); the first imaginary
//! literal or call installs the Python-written methods on that same class. pyvgc's start-up
//! therefore pays nothing for programs that never use complex numbers.

use crate::runtime::ops;
use crate::runtime::value::Value;
use crate::runtime::vm::{PyResult, Vm};

/// The `_pyvgc_complex` module, with its methods installed on the built-in class.
fn module(vm: &mut Vm) -> PyResult<Value> {
    let globals = vm.builtins;
    let m = crate::runtime::import::import_name(vm, "_pyvgc_complex", globals, Value::NONE, 0)?;
    let installed = crate::runtime::import::import_from(vm, m, "complex")?;
    if installed.is_none() {
        let Some(cls) = ops::dict_get_str(vm.builtins, "complex") else {
            return Err(vm.new_error("RuntimeError", "the built-in class complex is missing"));
        };
        let install = crate::runtime::import::import_from(vm, m, "_install")?;
        ops::call(vm, install, &[cls], &[])?;
    }
    Ok(m)
}

/// `complex(real=0, imag=0)` and `complex(string)`.
pub fn construct(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let m = module(vm)?;
    let new = crate::runtime::import::import_from(vm, m, "_new")?;
    ops::call(vm, new, args, kwargs)
}

/// The value of the imaginary literal `xj`.
pub fn imag_constant(vm: &mut Vm, x: f64) -> PyResult<Value> {
    let m = module(vm)?;
    let imag = crate::runtime::import::import_from(vm, m, "imag")?;
    ops::call(vm, imag, &[Value::float(x)], &[])
}

/// `a ** b` for a negative float `a` and a non-integral `b`: the complex result CPython gives.
pub fn float_pow(vm: &mut Vm, a: f64, b: f64) -> PyResult<Value> {
    let m = module(vm)?;
    let pow = crate::runtime::import::import_from(vm, m, "float_pow")?;
    ops::call(vm, pow, &[Value::float(a), Value::float(b)], &[])
}
