//! pyvgc's runtime: Python values and objects on VGC, the interpreter loop, builtins, imports.
//!
//! Values are two words (tag + payload, `value::Value`): small ints, floats, None and bools are
//! immediates, everything else is an `object::Obj` on the VGC heap carrying its class and a
//! `Kind`. `vm::Vm` owns the heap, the value stack and the frames; `interp` runs bytecode with
//! Python calls kept off the native stack; `ops` is the data model (dunder dispatch, arithmetic,
//! comparisons, attributes); `builtins` installs the builtin functions and the methods of the
//! built-in types; `import` finds modules.
//!
//! The loop is written in the metatrace dialect (generic over `metatrace::Mode`, see `interp`
//! and `jit`), so the JIT records and compiles hot Python loops; instructions it does not trace
//! yet stop a recording and run in the plain interpreter.
//!
//! # The API a native module uses (pylib)
//!
//! Register a module in `runtime/lib.rs`'s `NATIVE_MODULES` (see that file). Inside:
//!
//! - A native function is `fn(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) ->
//!   PyResult<Value>` ([`vm::NativeFn`]); for methods the receiver is `args[0]`.
//! - `vm.new_module(name) -> Value`, `vm.module_set(m, name, v)`, `vm.module_add_fn(m, name, f)`.
//! - Values: `Value::int(i64)`, `Value::float(f64)`, `Value::bool(b)`, `Value::NONE`,
//!   `vm.new_str(&str)`, `vm.new_string(String)`, `vm.new_list(Vec<Value>)`,
//!   `vm.new_tuple(Vec<Value>)`, `vm.new_dict()`, `vm.new_set(frozen)`, `vm.new_bytes(Vec<u8>)`,
//!   `vm.new_bigint(BigInt)` (small when it fits), `vm.new_native(name, f)`,
//!   `vm.new_native_with_data(name, f, data)` (read `data` back with `builtins::native_data`).
//! - Reading values: `ops::as_str(v) -> Option<&str>`, `ops::as_i64(v)`, `ops::as_bigint(v)`,
//!   `ops::as_f64(vm, v) -> PyResult<Option<f64>>`, `ops::index_i64(vm, v)`, `ops::collect(vm, v)
//!   -> PyResult<Vec<Value>>` (any iterable), `ops::type_name(vm, v)`.
//! - Protocols: `ops::call(vm, f, args, kwargs)`, `ops::call_method(vm, v, name, args)`,
//!   `ops::getattr_opt(vm, v, name)`, `ops::getitem/setitem`, `ops::repr(vm, v) -> PyResult<String>`,
//!   `ops::to_str`, `ops::hash`, `ops::eq`, `ops::compare(vm, a, b, CmpOp)`, `ops::truthy`,
//!   `ops::get_iter` + `ops::next(vm, it) -> PyResult<Option<Value>>`, `ops::dict_set(vm, d, k, v)`,
//!   `ops::dict_lookup(vm, d, k)`, `ops::dict_get_str(d, name)`.
//! - Raising: return `Err(vm.type_error(msg))`, `vm.value_error`, `vm.index_error`,
//!   `vm.attr_error`, `vm.zero_div`, `vm.overflow_error`, `vm.key_error(key)`,
//!   `vm.new_error("ClassName", msg)` for any built-in exception, `vm.support_error(e)` for a
//!   `support::Error`.
//! - Classes: `vm.new_class_raw(name, bases, Layout::Instance)` then set methods in its dict
//!   with `ops::dict_set_str(vm, cls_dict, name, native)`.
//! - State a module keeps between calls: `vm.module_state` (by module name, `Box<dyn Any>`).
//! - Native code may hold `Value`s in Rust locals while it runs: collections never happen inside
//!   a native call (nested interpreter loops it starts do not collect either).

pub mod builtins;
pub mod import;
pub mod interp;
pub mod jit;
pub mod lib;
pub mod object;
pub mod ops;
pub mod types;
pub mod value;
pub mod vm;

pub use value::Value;
pub use vm::{PyErr, PyResult, Vm};
