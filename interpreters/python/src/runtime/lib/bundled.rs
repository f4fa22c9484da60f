//! Standard modules pyvgc ships as Python source (`lib/py/*.py`), compiled and run on first import.
//!
//! Modules that are naturally Python (collections, functools, dataclasses, enum, typing, json,
//! ...) are written in Python for pyvgc (not copied from CPython) and checked against CPython's own
//! standard library by `tests/lib_bundled_py.rs`. Each is embedded with `include_str!`; its
//! `ModuleInit` compiles the source with pyvgc's compiler and runs it in a fresh module that is
//! put into `sys.modules` first, so modules importing each other (even circularly) behave as
//! file-based imports do. A file named `a__b.py` is the submodule `a.b`; `a` then gets a
//! `__path__` so it counts as a package. Tracebacks through these modules name them
//! `<pyvgc-lib>/<file>.py`.

use crate::runtime::Value;
use crate::runtime::interp;
use crate::runtime::ops;
use crate::runtime::vm::{PyResult, Vm};

/// (module name, file name, source) of every bundled module.
pub static SOURCES: &[(&str, &str, &str)] = &[
    (
        "_pyvgc_args",
        "_pyvgc_args.py",
        include_str!("py/_pyvgc_args.py"),
    ),
    (
        "_pyvgc_bigrange",
        "_pyvgc_bigrange.py",
        include_str!("py/_pyvgc_bigrange.py"),
    ),
    (
        "_pyvgc_tbtypes",
        "_pyvgc_tbtypes.py",
        include_str!("py/_pyvgc_tbtypes.py"),
    ),
    (
        "_pyvgc_complex",
        "_pyvgc_complex.py",
        include_str!("py/_pyvgc_complex.py"),
    ),
    ("abc", "abc.py", include_str!("py/abc.py")),
    ("argparse", "argparse.py", include_str!("py/argparse.py")),
    ("base64", "base64.py", include_str!("py/base64.py")),
    ("bisect", "bisect.py", include_str!("py/bisect.py")),
    ("calendar", "calendar.py", include_str!("py/calendar.py")),
    ("cmath", "cmath.py", include_str!("py/cmath.py")),
    (
        "collections",
        "collections.py",
        include_str!("py/collections.py"),
    ),
    (
        "collections.abc",
        "collections__abc.py",
        include_str!("py/collections__abc.py"),
    ),
    (
        "contextlib",
        "contextlib.py",
        include_str!("py/contextlib.py"),
    ),
    ("copy", "copy.py", include_str!("py/copy.py")),
    ("csv", "csv.py", include_str!("py/csv.py")),
    (
        "dataclasses",
        "dataclasses.py",
        include_str!("py/dataclasses.py"),
    ),
    ("datetime", "datetime.py", include_str!("py/datetime.py")),
    ("decimal", "decimal.py", include_str!("py/decimal.py")),
    ("enum", "enum.py", include_str!("py/enum.py")),
    ("fnmatch", "fnmatch.py", include_str!("py/fnmatch.py")),
    ("fractions", "fractions.py", include_str!("py/fractions.py")),
    ("functools", "functools.py", include_str!("py/functools.py")),
    ("glob", "glob.py", include_str!("py/glob.py")),
    ("hashlib", "hashlib.py", include_str!("py/hashlib.py")),
    ("heapq", "heapq.py", include_str!("py/heapq.py")),
    ("importlib", "importlib.py", include_str!("py/importlib.py")),
    ("inspect", "inspect.py", include_str!("py/inspect.py")),
    ("io", "io.py", include_str!("py/io.py")),
    ("itertools", "itertools.py", include_str!("py/itertools.py")),
    ("json", "json.py", include_str!("py/json.py")),
    ("keyword", "keyword.py", include_str!("py/keyword.py")),
    ("logging", "logging.py", include_str!("py/logging.py")),
    ("numbers", "numbers.py", include_str!("py/numbers.py")),
    ("operator", "operator.py", include_str!("py/operator.py")),
    ("os", "os.py", include_str!("py/os.py")),
    ("pathlib", "pathlib.py", include_str!("py/pathlib.py")),
    ("posixpath", "posixpath.py", include_str!("py/posixpath.py")),
    ("pprint", "pprint.py", include_str!("py/pprint.py")),
    ("queue", "queue.py", include_str!("py/queue.py")),
    ("random", "random.py", include_str!("py/random.py")),
    ("re", "re.py", include_str!("py/re.py")),
    ("secrets", "secrets.py", include_str!("py/secrets.py")),
    ("shlex", "shlex.py", include_str!("py/shlex.py")),
    ("shutil", "shutil.py", include_str!("py/shutil.py")),
    (
        "statistics",
        "statistics.py",
        include_str!("py/statistics.py"),
    ),
    ("string", "string.py", include_str!("py/string.py")),
    ("struct", "struct.py", include_str!("py/struct.py")),
    ("tempfile", "tempfile.py", include_str!("py/tempfile.py")),
    ("textwrap", "textwrap.py", include_str!("py/textwrap.py")),
    ("traceback", "traceback.py", include_str!("py/traceback.py")),
    ("types", "types.py", include_str!("py/types.py")),
    ("typing", "typing.py", include_str!("py/typing.py")),
    ("uuid", "uuid.py", include_str!("py/uuid.py")),
    ("warnings", "warnings.py", include_str!("py/warnings.py")),
];

/// Compiles and runs bundled module `name`, returning the module object.
pub fn load(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let Some(&(_, file, source)) = SOURCES.iter().find(|(n, _, _)| *n == name) else {
        return Err(vm.new_error("ModuleNotFoundError", format!("No module named '{name}'")));
    };
    let filename = format!("<pyvgc-lib>/{file}");
    let code = match crate::compiler::compile_module(source, &filename) {
        Ok(c) => c,
        Err(e) => return Err(crate::runtime::builtins::syntax_error_value(vm, &e)),
    };
    let m = vm.new_module(name);
    let Some(d) = Vm::module_dict(m) else {
        return Err(vm.new_error("SystemError", "new module without a namespace"));
    };
    let f = vm.new_str(&filename);
    ops::dict_set_str(vm, d, "__file__", f);
    let is_package = SOURCES.iter().any(|(n, _, _)| {
        n.len() > name.len() && n.starts_with(name) && n.as_bytes()[name.len()] == b'.'
    });
    let package = if is_package {
        let l = vm.new_list(vec![]);
        ops::dict_set_str(vm, d, "__path__", l);
        name.to_string()
    } else {
        name.rsplit_once('.')
            .map(|(a, _)| a.to_string())
            .unwrap_or_default()
    };
    let p = vm.new_str(&package);
    ops::dict_set_str(vm, d, "__package__", p);
    let key = vm.new_str(name);
    let modules = vm.modules;
    ops::dict_set(vm, modules, key, m)?;
    let code = vm.load_code(std::rc::Rc::new(code));
    vm.temp_roots.push(m);
    let r = interp::run_code(vm, code, d, Value::obj(d), Value::NONE);
    vm.temp_roots.pop();
    if let Err(e) = r {
        let _ = ops::dict_del(vm, modules, key);
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    Ok(ops::dict_lookup(vm, modules, key)?.unwrap_or(m))
}

macro_rules! bundled_inits {
    ($($fn_name:ident => $module:literal),* $(,)?) => {
        $(
            #[doc = concat!("Imports the bundled `", $module, "`.")]
            pub fn $fn_name(vm: &mut Vm) -> PyResult<Value> {
                load(vm, $module)
            }
        )*
        /// The registry entries for every bundled module.
        pub static ENTRIES: &[(&str, crate::runtime::lib::ModuleInit)] = &[$(($module, $fn_name)),*];
    };
}

bundled_inits! {
    init_pyvgc_args => "_pyvgc_args",
    init_pyvgc_bigrange => "_pyvgc_bigrange",
    init_pyvgc_complex => "_pyvgc_complex",
    init_pyvgc_tbtypes => "_pyvgc_tbtypes",
    init_abc => "abc",
    init_argparse => "argparse",
    init_base64 => "base64",
    init_bisect => "bisect",
    init_calendar => "calendar",
    init_cmath => "cmath",
    init_collections => "collections",
    init_collections_abc => "collections.abc",
    init_contextlib => "contextlib",
    init_copy => "copy",
    init_csv => "csv",
    init_dataclasses => "dataclasses",
    init_datetime => "datetime",
    init_decimal => "decimal",
    init_enum => "enum",
    init_fnmatch => "fnmatch",
    init_fractions => "fractions",
    init_functools => "functools",
    init_glob => "glob",
    init_hashlib => "hashlib",
    init_heapq => "heapq",
    init_importlib => "importlib",
    init_inspect => "inspect",
    init_io => "io",
    init_itertools => "itertools",
    init_json => "json",
    init_keyword => "keyword",
    init_logging => "logging",
    init_numbers => "numbers",
    init_operator => "operator",
    init_os => "os",
    init_pathlib => "pathlib",
    init_posixpath => "posixpath",
    init_pprint => "pprint",
    init_queue => "queue",
    init_random => "random",
    init_re => "re",
    init_secrets => "secrets",
    init_shlex => "shlex",
    init_shutil => "shutil",
    init_statistics => "statistics",
    init_string => "string",
    init_struct => "struct",
    init_tempfile => "tempfile",
    init_textwrap => "textwrap",
    init_traceback => "traceback",
    init_types => "types",
    init_typing => "typing",
    init_uuid => "uuid",
    init_warnings => "warnings",
}

/// `range(...)` whose bounds or length do not fit 64 bits: an instance of
/// `_pyvgc_bigrange.range`, which computes with Python ints.
pub fn big_range(vm: &mut Vm, args: &[crate::runtime::Value]) -> PyResult<crate::runtime::Value> {
    use crate::runtime::Value;
    let globals = vm.builtins;
    let m = crate::runtime::import::import_name(vm, "_pyvgc_bigrange", globals, Value::NONE, 0)?;
    let cls = crate::runtime::import::import_from(vm, m, "range")?;
    let (start, stop, step) = match args {
        [stop] => (Value::int(0), *stop, Value::int(1)),
        [start, stop] => (*start, *stop, Value::int(1)),
        [start, stop, step, ..] => (*start, *stop, *step),
        [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
    };
    crate::runtime::ops::call(vm, cls, &[start, stop, step], &[])
}

/// `cls[args]` for a class without `__class_getitem__` (`list[int]`): a
/// `types.GenericAlias`, which prints as CPython prints it.
pub fn generic_alias(
    vm: &mut Vm,
    origin: crate::runtime::Value,
    args: crate::runtime::Value,
) -> PyResult<crate::runtime::Value> {
    use crate::runtime::Value;
    let globals = vm.builtins;
    let m = crate::runtime::import::import_name(vm, "types", globals, Value::NONE, 0)?;
    let cls = crate::runtime::import::import_from(vm, m, "GenericAlias")?;
    crate::runtime::ops::call(vm, cls, &[origin, args], &[])
}

/// `a | b` of classes and None (PEP 604): `types._union(a, b)`, a `types.UnionType`.
pub fn union_type(
    vm: &mut Vm,
    a: crate::runtime::Value,
    b: crate::runtime::Value,
) -> PyResult<crate::runtime::Value> {
    use crate::runtime::Value;
    let globals = vm.builtins;
    let m = crate::runtime::import::import_name(vm, "types", globals, Value::NONE, 0)?;
    let f = crate::runtime::import::import_from(vm, m, "_union")?;
    crate::runtime::ops::call(vm, f, &[a, b], &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_has_a_registry_entry_and_compiles() {
        assert_eq!(SOURCES.len(), ENTRIES.len());
        for (name, file, source) in SOURCES {
            assert!(
                ENTRIES.iter().any(|(n, _)| n == name),
                "{name} has no registry entry"
            );
            if let Err(e) = crate::compiler::compile_module(source, file) {
                panic!("{file} does not compile: {}", e.render());
            }
        }
    }
}
