//! The registry of native standard modules (`math`, `random`, `time`, ...), written by pylib in
//! `runtime/lib/`.
//!
//! How to add a module (pylib): put it in `src/runtime/lib/<name>.rs`, declare it below with
//! `pub mod <name>;`, and add one line `("<name>", <name>::init)` to `NATIVE_MODULES`. `init` has
//! the type [`ModuleInit`]: it builds and returns the module object, e.g.
//!
//! ```ignore
//! pub fn init(vm: &mut Vm) -> PyResult<Value> {
//!     let m = vm.new_module("math");
//!     vm.module_set(m, "pi", Value::float(std::f64::consts::PI));
//!     vm.module_add_fn(m, "sqrt", sqrt);
//!     Ok(m)
//! }
//! fn sqrt(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> { ... }
//! ```
//!
//! The API a native module uses is listed in `runtime.rs`'s module documentation. `sys` is not in
//! this registry: the runtime builds it (`builtins::make_sys`).

use super::value::Value;
use super::vm::{PyResult, Vm};

/// Builds a native module object.
pub type ModuleInit = fn(&mut Vm) -> PyResult<Value>;

/// Native modules by import name. pylib owns the entries of this list.
pub static NATIVE_MODULES: &[(&str, ModuleInit)] = &[];

/// The registry the importer searches before the file system.
pub fn native_modules() -> &'static [(&'static str, ModuleInit)] {
    NATIVE_MODULES
}
