//! Imports: `sys.modules`, native modules from `runtime::lib`, and `.py` modules and packages found
//! on the search path (the script's folder, then `sys.path`).
//!
//! A module is registered in `sys.modules` before its body runs (so circular imports see the
//! partly initialised module, as in CPython) and removed again if the body raises. Relative imports
//! resolve against the importing module's `__package__`. There are no import hooks, `.pyc` files,
//! namespace packages or zip imports.

use std::path::{Path, PathBuf};

use super::object::Kind;
use super::ops::{self, as_str};
use super::value::Value;
use super::vm::{PyResult, Vm};

impl Vm {
    /// A new, empty module object named `name`.
    pub fn new_module(&mut self, name: &str) -> Value {
        let d = self.new_dict();
        let dg = d.as_obj().expect("dict");
        let n = self.new_str(name);
        ops::dict_set_str(self, dg, "__name__", n);
        ops::dict_set_str(self, dg, "__doc__", Value::NONE);
        ops::dict_set_str(self, dg, "__package__", Value::NONE);
        let cls = self.types.module;
        Value::obj(self.alloc(cls, Kind::Module(dg)))
    }
    /// Sets attribute `name` of module `m`.
    pub fn module_set(&mut self, m: Value, name: &str, v: Value) {
        if let Some(Kind::Module(d)) = Vm::obj_ref(m).map(|o| &o.kind) {
            ops::dict_set_str(self, *d, name, v);
        }
    }
    /// Adds native function `f` as attribute `name` of module `m`.
    pub fn module_add_fn(&mut self, m: Value, name: &str, f: super::vm::NativeFn) {
        let v = self.new_native(name, f);
        self.module_set(m, name, v);
    }
    /// The module's namespace dict.
    pub fn module_dict(m: Value) -> Option<vgc::Gc<super::object::Obj>> {
        match Vm::obj_ref(m).map(|o| &o.kind) {
            Some(Kind::Module(d)) => Some(*d),
            _ => None,
        }
    }
}

fn resolve_name(
    vm: &mut Vm,
    name: &str,
    globals: vgc::Gc<super::object::Obj>,
    level: i64,
) -> PyResult<String> {
    if level <= 0 {
        return Ok(name.to_string());
    }
    let pkg = ops::dict_get_str(globals, "__package__")
        .and_then(as_str)
        .map(|s| s.to_string())
        .or_else(|| {
            let n = ops::dict_get_str(globals, "__name__")
                .and_then(as_str)?
                .to_string();
            let is_pkg = ops::dict_get_str(globals, "__path__").is_some();
            Some(if is_pkg {
                n
            } else {
                n.rsplit_once('.')
                    .map(|(a, _)| a.to_string())
                    .unwrap_or_default()
            })
        })
        .unwrap_or_default();
    if pkg.is_empty() {
        return Err(vm.new_error(
            "ImportError",
            "attempted relative import with no known parent package",
        ));
    }
    let mut parts: Vec<&str> = pkg.split('.').collect();
    for _ in 1..level {
        if parts.len() <= 1 {
            return Err(vm.new_error(
                "ImportError",
                "attempted relative import beyond top-level package",
            ));
        }
        parts.pop();
    }
    let base = parts.join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

/// `__import__(name, globals, None, fromlist, level)`.
pub fn import_name(
    vm: &mut Vm,
    name: &str,
    globals: vgc::Gc<super::object::Obj>,
    fromlist: Value,
    level: i64,
) -> PyResult<Value> {
    let full = resolve_name(vm, name, globals, level)?;
    let mut module = Value::NONE;
    let mut top = Value::NONE;
    let mut prefix = String::new();
    for (i, part) in full.split('.').enumerate() {
        if i > 0 {
            prefix.push('.');
        }
        prefix.push_str(part);
        let parent = module;
        module = import_one(vm, &prefix, parent)?;
        if i == 0 {
            top = module;
        }
        if !parent.is_none() {
            vm.module_set(parent, part, module);
        }
    }
    let has_from = match Vm::obj_ref(fromlist).map(|o| &o.kind) {
        Some(Kind::Tuple(t)) => !t.is_empty(),
        _ => false,
    };
    if has_from || level > 0 && name.is_empty() {
        return Ok(module);
    }
    if level > 0 {
        // `from . import x` style handled above; `import .a` is a syntax error.
        return Ok(module);
    }
    Ok(top)
}

fn import_one(vm: &mut Vm, full: &str, parent: Value) -> PyResult<Value> {
    let key = vm.new_str(full);
    if let Some(m) = ops::dict_lookup(vm, vm.modules, key)? {
        return Ok(m);
    }
    if full == "sys" {
        let m = super::builtins::make_sys(vm);
        ops::dict_set(vm, vm.modules, key, m)?;
        return Ok(m);
    }
    for (n, init) in super::lib::native_modules() {
        if *n == full {
            let m = init(vm)?;
            ops::dict_set(vm, vm.modules, key, m)?;
            return Ok(m);
        }
    }
    // Search the file system.
    let leaf = full.rsplit('.').next().unwrap_or(full);
    let dirs: Vec<PathBuf> = if parent.is_none() {
        let mut d = vec![PathBuf::from(&vm.script_dir)];
        d.extend(vm.sys_path.iter().map(PathBuf::from));
        d
    } else {
        let p = Vm::module_dict(parent).and_then(|d| ops::dict_get_str(d, "__path__"));
        match p
            .and_then(|p| match Vm::obj_ref(p).map(|o| &o.kind) {
                Some(Kind::List(l)) => l.borrow().first().copied(),
                _ => None,
            })
            .and_then(as_str)
        {
            Some(dir) => vec![PathBuf::from(dir)],
            None => vec![],
        }
    };
    for dir in dirs {
        let pkg_init = dir.join(leaf).join("__init__.py");
        if pkg_init.is_file() {
            return load_file(vm, full, &pkg_init, Some(&dir.join(leaf)));
        }
        let file = dir.join(format!("{leaf}.py"));
        if file.is_file() {
            return load_file(vm, full, &file, None);
        }
    }
    let cls = vm.exc["ModuleNotFoundError"];
    let m = vm.new_string(format!("No module named '{full}'"));
    let e = vm.new_exception(cls, vec![m]);
    let n = vm.new_str(full);
    vm.module_set(Value::NONE, "", Value::NONE);
    let nk = vm.intern("name");
    ops::set_instance_attr(e.as_obj().expect("exc"), nk, n);
    Err(super::vm::PyErr(e))
}

/// Compiles and runs a module file, registering it under `name`.
pub fn load_file(vm: &mut Vm, name: &str, path: &Path, pkg_dir: Option<&Path>) -> PyResult<Value> {
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            return Err(vm.new_error(
                "ImportError",
                format!("cannot read {}: {e}", path.display()),
            ));
        }
    };
    let filename = path.to_string_lossy().to_string();
    let code = match crate::compiler::compile_module(&source, &filename) {
        Ok(c) => c,
        Err(e) => return Err(super::builtins::syntax_error_value(vm, &e)),
    };
    let m = vm.new_module(name);
    let d = Vm::module_dict(m).expect("module dict");
    let f = vm.new_str(&filename);
    ops::dict_set_str(vm, d, "__file__", f);
    let package = match pkg_dir {
        Some(dir) => {
            let p = vm.new_str(&dir.to_string_lossy());
            let l = vm.new_list(vec![p]);
            ops::dict_set_str(vm, d, "__path__", l);
            name.to_string()
        }
        None => name
            .rsplit_once('.')
            .map(|(a, _)| a.to_string())
            .unwrap_or_default(),
    };
    let p = vm.new_str(&package);
    ops::dict_set_str(vm, d, "__package__", p);
    let key = vm.new_str(name);
    ops::dict_set(vm, vm.modules, key, m)?;
    let code = vm.load_code(std::rc::Rc::new(code));
    vm.temp_roots.push(m);
    let r = super::interp::run_code(vm, code, d, Value::obj(d), Value::NONE);
    vm.temp_roots.pop();
    if let Err(e) = r {
        let _ = ops::dict_del(vm, vm.modules, key);
        return Err(e);
    }
    // The module may have replaced itself in sys.modules.
    Ok(ops::dict_lookup(vm, vm.modules, key)?.unwrap_or(m))
}

/// `from m import name`.
pub fn import_from(vm: &mut Vm, m: Value, name: &str) -> PyResult<Value> {
    if let Some(v) = ops::getattr_opt(vm, m, name)? {
        return Ok(v);
    }
    let mname = ops::getattr_opt(vm, m, "__name__")?
        .and_then(as_str)
        .unwrap_or("?")
        .to_string();
    let sub = format!("{mname}.{name}");
    let key = vm.new_str(&sub);
    if let Some(v) = ops::dict_lookup(vm, vm.modules, key)? {
        return Ok(v);
    }
    // A submodule not imported yet.
    if Vm::module_dict(m)
        .and_then(|d| ops::dict_get_str(d, "__path__"))
        .is_some()
        && let Ok(v) = import_one(vm, &sub, m)
    {
        vm.module_set(m, name, v);
        return Ok(v);
    }
    let file = ops::getattr_opt(vm, m, "__file__")?
        .and_then(as_str)
        .map(|s| s.to_string());
    let msg = match file {
        Some(f) => format!("cannot import name '{name}' from '{mname}' ({f})"),
        None => format!("cannot import name '{name}' from '{mname}' (unknown location)"),
    };
    Err(vm.new_error("ImportError", msg))
}

/// `from m import *`.
pub fn import_star(vm: &mut Vm, m: Value, target: vgc::Gc<super::object::Obj>) -> PyResult<()> {
    let Some(d) = Vm::module_dict(m) else {
        return Ok(());
    };
    let names: Vec<Value> = match ops::dict_get_str(d, "__all__") {
        Some(all) => ops::collect(vm, all)?,
        None => match &d.kind {
            Kind::Dict(t) => t
                .borrow()
                .keys()
                .into_iter()
                .filter(|k| !as_str(*k).unwrap_or("_").starts_with('_'))
                .collect(),
            _ => vec![],
        },
    };
    for n in names {
        let v = ops::getattr(vm, m, n)?;
        ops::dict_set(vm, target, n, v)?;
    }
    Ok(())
}
