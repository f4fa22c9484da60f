//! `OSError` as CPython builds it: the `errno`, `strerror`, `filename` and `filename2` attributes,
//! the subclass chosen from the errno (`OSError(2, "x")` is a `FileNotFoundError`), and its `str()`
//! (`[Errno 2] No such file or directory: 'x'`).
//!
//! The exception constructor, `BaseException.__init__`, `str()` of exceptions and the modules that
//! raise OS errors call in here, so every OSError pyvgc makes or a program makes has the same
//! attributes. Errno values are Linux's. Windows' `winerror` (the fourth argument) is accepted and
//! ignored, as CPython does on POSIX.

use crate::runtime::object::{Kind, Obj};
use crate::runtime::ops;
use crate::runtime::value::Value;
use crate::runtime::vm::{PyErr, PyResult, Vm, is_subclass};
use vgc::Gc;

/// The OSError subclass CPython raises for a Linux errno (PEP 3151's table).
pub fn subclass_for_errno(errno: i64) -> Option<&'static str> {
    Some(match errno {
        11 | 114 | 115 => "BlockingIOError",
        10 => "ChildProcessError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        17 => "FileExistsError",
        2 => "FileNotFoundError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        4 => "InterruptedError",
        1 | 13 => "PermissionError",
        3 => "ProcessLookupError",
        110 => "TimeoutError",
        _ => return None,
    })
}

fn is_os_error(vm: &Vm, cls: Gc<Obj>) -> bool {
    vm.exc
        .get("OSError")
        .is_some_and(|os| is_subclass(cls, *os))
}

/// The class a call `cls(*args)` instantiates: `OSError` itself with an int errno becomes the
/// errno's subclass; every other class stays.
pub fn class_for_call(vm: &Vm, cls: Gc<Obj>, args: &[Value]) -> Gc<Obj> {
    let Some(os) = vm.exc.get("OSError").copied() else {
        return cls;
    };
    if !Gc::ptr_eq(cls, os) || !(2..=5).contains(&args.len()) {
        return cls;
    }
    let errno = args[0].is_int().then_some(args[0].payload);
    match errno.and_then(subclass_for_errno) {
        Some(name) => vm.exc.get(name).copied().unwrap_or(cls),
        None => cls,
    }
}

/// Sets the OSError attributes of a new instance of an OSError class from its constructor
/// arguments and returns the `args` it keeps (CPython drops the filenames from `args`).
/// Instances of other classes keep all arguments.
pub fn init_args(vm: &mut Vm, inst: Gc<Obj>, args: &[Value]) -> Vec<Value> {
    if !is_os_error(vm, inst.class()) {
        return args.to_vec();
    }
    let (errno, strerror, filename, filename2) = if (2..=5).contains(&args.len()) {
        (
            args[0],
            args[1],
            args.get(2).copied().unwrap_or(Value::NONE),
            args.get(4).copied().unwrap_or(Value::NONE),
        )
    } else {
        (Value::NONE, Value::NONE, Value::NONE, Value::NONE)
    };
    for (name, v) in [
        ("errno", errno),
        ("strerror", strerror),
        ("filename", filename),
        ("filename2", filename2),
    ] {
        let n = vm.intern(name);
        ops::set_instance_attr(inst, n, v);
    }
    if (3..=5).contains(&args.len()) && !filename.is_none() {
        args[..2].to_vec()
    } else {
        args.to_vec()
    }
}

/// A new OSError (of the errno's subclass) as the runtime raises it, e.g. for `open()`.
pub fn new_os_error(
    vm: &mut Vm,
    errno: i64,
    strerror: &str,
    filename: Option<&str>,
    filename2: Option<&str>,
) -> PyErr {
    let name = subclass_for_errno(errno).unwrap_or("OSError");
    let cls = vm.exc[name];
    let mut args = vec![Value::int(errno), vm.new_str(strerror)];
    if let Some(f) = filename {
        args.push(vm.new_str(f));
        if let Some(f2) = filename2 {
            args.push(Value::NONE);
            args.push(vm.new_str(f2));
        }
    }
    let inst = vm.new_instance(cls);
    let kept = init_args(vm, inst, &args);
    let a = vm.new_tuple(kept);
    let n = vm.intern("args");
    ops::set_instance_attr(inst, n, a);
    PyErr(Value::obj(inst))
}

/// An OSError from a Rust I/O error, with the message text the C library gives (`strerror`).
pub fn from_io(
    vm: &mut Vm,
    e: &std::io::Error,
    filename: Option<&str>,
    filename2: Option<&str>,
) -> PyErr {
    let errno = i64::from(e.raw_os_error().unwrap_or(5));
    let text = e.to_string();
    let strerror = text.split(" (os error").next().unwrap_or("").to_string();
    new_os_error(vm, errno, &strerror, filename, filename2)
}

/// `str()` of an OSError instance as CPython's `OSError_str`, or None to use
/// `BaseException.__str__` (not an OSError, or no errno and strerror).
pub fn os_error_str(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    let Some(o) = Vm::obj_ref(v) else {
        return Ok(None);
    };
    if !matches!(o.kind, Kind::Instance(_)) || !is_os_error(vm, o.class()) {
        return Ok(None);
    }
    let get = |n: &str| ops::get_instance_attr(o, n).unwrap_or(Value::NONE);
    let (errno, strerror, filename, filename2) = (
        get("errno"),
        get("strerror"),
        get("filename"),
        get("filename2"),
    );
    if !filename.is_none() {
        let e = ops::to_str(vm, errno)?;
        let s = ops::to_str(vm, strerror)?;
        let f = ops::repr(vm, filename)?;
        if !filename2.is_none() {
            let f2 = ops::repr(vm, filename2)?;
            return Ok(Some(format!("[Errno {e}] {s}: {f} -> {f2}")));
        }
        return Ok(Some(format!("[Errno {e}] {s}: {f}")));
    }
    if !errno.is_none() && !strerror.is_none() {
        let e = ops::to_str(vm, errno)?;
        let s = ops::to_str(vm, strerror)?;
        return Ok(Some(format!("[Errno {e}] {s}")));
    }
    Ok(None)
}

/// The value of an OSError attribute never set on the instance (`OSError("x").errno` is None).
pub fn missing_attr(vm: &Vm, cls: Gc<Obj>, name: &str) -> Option<Value> {
    (matches!(name, "errno" | "strerror" | "filename" | "filename2") && is_os_error(vm, cls))
        .then_some(Value::NONE)
}
