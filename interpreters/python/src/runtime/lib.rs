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

pub mod args;
pub mod builtin_extras;
pub mod bundled;
pub mod complex;
pub mod math;
pub mod oserror;
pub mod pyvgc_inspect;
pub mod pyvgc_os;
pub mod pyvgc_random;
pub mod pyvgc_re;
pub mod pyvgc_traceback;
pub mod time;

use super::value::Value;
use super::vm::{PyResult, Vm};

/// Builds a native module object.
pub type ModuleInit = fn(&mut Vm) -> PyResult<Value>;

/// Native modules by import name. pylib owns the entries of this list.
pub static NATIVE_MODULES: &[(&str, ModuleInit)] = &[
    // Native modules (lib/*.rs).
    ("math", math::init),
    ("_pyvgc_random", pyvgc_random::init),
    ("_pyvgc_os", pyvgc_os::init),
    ("_pyvgc_inspect", pyvgc_inspect::init),
    ("_pyvgc_re", pyvgc_re::init),
    ("_pyvgc_traceback", pyvgc_traceback::init),
    ("time", time::init),
    // Bundled Python sources (lib/py/*.py).
    ("_pyvgc_args", bundled::init_pyvgc_args),
    ("_pyvgc_bigrange", bundled::init_pyvgc_bigrange),
    ("_pyvgc_complex", bundled::init_pyvgc_complex),
    ("_pyvgc_tbtypes", bundled::init_pyvgc_tbtypes),
    ("abc", bundled::init_abc),
    ("argparse", bundled::init_argparse),
    ("base64", bundled::init_base64),
    ("bisect", bundled::init_bisect),
    ("calendar", bundled::init_calendar),
    ("cmath", bundled::init_cmath),
    ("collections", bundled::init_collections),
    ("collections.abc", bundled::init_collections_abc),
    ("contextlib", bundled::init_contextlib),
    ("copy", bundled::init_copy),
    ("csv", bundled::init_csv),
    ("dataclasses", bundled::init_dataclasses),
    ("datetime", bundled::init_datetime),
    ("decimal", bundled::init_decimal),
    ("enum", bundled::init_enum),
    ("fnmatch", bundled::init_fnmatch),
    ("fractions", bundled::init_fractions),
    ("functools", bundled::init_functools),
    ("glob", bundled::init_glob),
    ("hashlib", bundled::init_hashlib),
    ("heapq", bundled::init_heapq),
    ("importlib", bundled::init_importlib),
    ("inspect", bundled::init_inspect),
    ("io", bundled::init_io),
    ("itertools", bundled::init_itertools),
    ("json", bundled::init_json),
    ("keyword", bundled::init_keyword),
    ("logging", bundled::init_logging),
    ("numbers", bundled::init_numbers),
    ("operator", bundled::init_operator),
    ("os", bundled::init_os),
    ("pathlib", bundled::init_pathlib),
    ("posixpath", bundled::init_posixpath),
    ("pprint", bundled::init_pprint),
    ("queue", bundled::init_queue),
    ("random", bundled::init_random),
    ("re", bundled::init_re),
    ("secrets", bundled::init_secrets),
    ("shlex", bundled::init_shlex),
    ("shutil", bundled::init_shutil),
    ("statistics", bundled::init_statistics),
    ("string", bundled::init_string),
    ("struct", bundled::init_struct),
    ("tempfile", bundled::init_tempfile),
    ("textwrap", bundled::init_textwrap),
    ("traceback", bundled::init_traceback),
    ("types", bundled::init_types),
    ("typing", bundled::init_typing),
    ("uuid", bundled::init_uuid),
    ("warnings", bundled::init_warnings),
];

/// The registry the importer searches before the file system.
pub fn native_modules() -> &'static [(&'static str, ModuleInit)] {
    NATIVE_MODULES
}
