//! `_pyvgc_os`: the operating-system calls behind the bundled `os.py` (POSIX only).
//!
//! Each function is a thin wrapper over `std::fs`/`std::env`; failures raise the OSError subclass
//! CPython raises for that errno (`FileNotFoundError`, `PermissionError`, ...) with CPython's text
//! `[Errno 2] No such file or directory: 'x'`. `stat` returns a plain tuple that `os.py` wraps in
//! `stat_result`. Not provided: file descriptors (`open`/`read`/`write` on ints), `fork`/`exec`,
//! `os.system`, permissions changes, symlink creation.

use super::args;
use crate::runtime::Value;
use crate::runtime::ops;
use crate::runtime::vm::{PyErr, PyResult, Vm};

fn os_error(vm: &mut Vm, e: &std::io::Error, path: Option<&str>) -> PyErr {
    super::oserror::from_io(vm, e, path, None)
}

fn path_arg(vm: &mut Vm, v: Value) -> PyResult<String> {
    match ops::as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {t}"
            )))
        }
    }
}

fn o_getcwd(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "getcwd", a, kw, 0)?;
    match std::env::current_dir() {
        Ok(p) => Ok(vm.new_string(p.to_string_lossy().into_owned())),
        Err(e) => Err(os_error(vm, &e, None)),
    }
}

fn o_chdir(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "chdir", a, kw, 1)?;
    let p = path_arg(vm, a[0])?;
    std::env::set_current_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

fn o_listdir(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "listdir", a, kw, 1)?;
    let p = path_arg(vm, a[0])?;
    let entries = std::fs::read_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| os_error(vm, &e, Some(&p)))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    let values: Vec<Value> = names.into_iter().map(|n| vm.new_string(n)).collect();
    Ok(vm.new_list(values))
}

fn one_path(vm: &mut Vm, name: &str, a: &[Value], kw: &[(Value, Value)]) -> PyResult<String> {
    let a = args::exact(vm, name, a, kw, 1)?;
    path_arg(vm, a[0])
}

fn o_mkdir(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "mkdir", a, kw)?;
    std::fs::create_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

fn o_rmdir(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "rmdir", a, kw)?;
    std::fs::remove_dir(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

fn o_remove(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "remove", a, kw)?;
    std::fs::remove_file(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(Value::NONE)
}

fn o_rename(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "rename", a, kw, 2)?;
    let from = path_arg(vm, a[0])?;
    let to = path_arg(vm, a[1])?;
    if let Err(e) = std::fs::rename(&from, &to) {
        return Err(super::oserror::from_io(vm, &e, Some(&from), Some(&to)));
    }
    Ok(Value::NONE)
}

fn stat_tuple(vm: &mut Vm, md: &std::fs::Metadata) -> Value {
    use std::os::unix::fs::MetadataExt;
    let items = vec![
        Value::int(md.mode() as i64),
        Value::int(md.ino() as i64),
        Value::int(md.dev() as i64),
        Value::int(md.nlink() as i64),
        Value::int(md.uid() as i64),
        Value::int(md.gid() as i64),
        Value::int(md.size() as i64),
        Value::float(md.atime() as f64 + md.atime_nsec() as f64 * 1e-9),
        Value::float(md.mtime() as f64 + md.mtime_nsec() as f64 * 1e-9),
        Value::float(md.ctime() as f64 + md.ctime_nsec() as f64 * 1e-9),
    ];
    vm.new_tuple(items)
}

fn o_stat(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "stat", a, kw)?;
    let md = std::fs::metadata(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(stat_tuple(vm, &md))
}

fn o_lstat(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let p = one_path(vm, "lstat", a, kw)?;
    let md = std::fs::symlink_metadata(&p).map_err(|e| os_error(vm, &e, Some(&p)))?;
    Ok(stat_tuple(vm, &md))
}

fn o_environ(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "environ", a, kw, 0)?;
    let d = vm.new_dict();
    let Some(dict) = d.as_obj() else { return Ok(d) };
    for (k, v) in std::env::vars_os() {
        let k = vm.new_string(k.to_string_lossy().into_owned());
        let v = vm.new_string(v.to_string_lossy().into_owned());
        ops::dict_set(vm, dict, k, v)?;
    }
    Ok(d)
}

fn o_putenv(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "putenv", a, kw, 2)?;
    let k = path_arg(vm, a[0])?;
    let v = path_arg(vm, a[1])?;
    if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    // SAFETY: pyvgc runs Python code on one thread; no other thread reads the environment
    // concurrently.
    unsafe { std::env::set_var(&k, &v) };
    Ok(Value::NONE)
}

fn o_unsetenv(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let k = one_path(vm, "unsetenv", a, kw)?;
    if k.is_empty() || k.contains('=') || k.contains('\0') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    // SAFETY: as in `putenv`, the environment is only touched from the interpreter's thread.
    unsafe { std::env::remove_var(&k) };
    Ok(Value::NONE)
}

fn o_getpid(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "getpid", a, kw, 0)?;
    Ok(Value::int(std::process::id() as i64))
}

fn o_cpu_count(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "cpu_count", a, kw, 0)?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::int(n.get() as i64),
        Err(_) => Value::NONE,
    })
}

fn o_urandom(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    use std::io::Read;
    let a = args::exact(vm, "urandom", a, kw, 1)?;
    let n = args::int(vm, a[0])?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| os_error(vm, &e, None))?;
    Ok(vm.new_bytes(buf))
}

/// Builds the module.
pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_pyvgc_os");
    let fns: &[(&str, super::math::Native)] = &[
        ("getcwd", o_getcwd),
        ("chdir", o_chdir),
        ("listdir", o_listdir),
        ("mkdir", o_mkdir),
        ("rmdir", o_rmdir),
        ("remove", o_remove),
        ("rename", o_rename),
        ("stat", o_stat),
        ("lstat", o_lstat),
        ("environ", o_environ),
        ("putenv", o_putenv),
        ("unsetenv", o_unsetenv),
        ("getpid", o_getpid),
        ("cpu_count", o_cpu_count),
        ("urandom", o_urandom),
    ];
    for &(name, f) in fns {
        vm.module_add_fn(m, name, f);
    }
    Ok(m)
}
