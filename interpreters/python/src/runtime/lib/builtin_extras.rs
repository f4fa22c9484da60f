//! Methods of built-in types that the standard-library side of pyvgc adds: `slice.indices`, and
//! the positioning half of files (`seek`, `tell`, `seekable`, `readable`, `writable`, writes of
//! `+` modes, universal newlines when reading text).
//!
//! `slice.indices` works on Python ints of any size (a slice of a `range` beyond 64 bits is
//! resolved with it), through `BigInt`. A file opened for reading, or in a `+` mode, keeps its
//! contents in memory (`FileState::reader`) with a byte position; a `+` mode also holds the OS
//! file and writes go to both at that position, so reads after writes see them. Write-only modes
//! stream to the OS file. Text-mode `tell()` returns the byte offset (CPython's opaque cookie is
//! the same number for UTF-8 text without decoder state). These are installed on the built-in
//! classes by `builtins::methods`.

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use std::cell::RefCell;
use std::io::{Seek, SeekFrom, Write};

use crate::runtime::object::{FileState, Kind};
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

fn file_of(vm: &mut Vm, f: Value) -> PyResult<&'static RefCell<FileState>> {
    match Vm::obj_ref(f).map(|o| &o.kind) {
        Some(Kind::File(s)) => {
            if s.borrow().closed {
                return Err(vm.value_error("I/O operation on closed file."));
            }
            Ok(s)
        }
        _ => Err(vm.type_error("descriptor requires a file object")),
    }
}

/// `open()` of a file for reading or in a `+` mode: its contents and, for writing modes, the OS
/// file open for writing. `mode` is Python's mode string.
pub fn open_buffered(
    path: &str,
    mode: &str,
) -> std::io::Result<(Option<Vec<u8>>, Option<std::fs::File>, usize)> {
    let plus = mode.contains('+');
    let mut o = std::fs::OpenOptions::new();
    if mode.contains('a') {
        o.append(true).create(true);
    } else if mode.contains('x') {
        o.write(true).create_new(true);
    } else if mode.contains('w') {
        o.write(true).create(true).truncate(true);
    } else if plus {
        o.write(true);
    } else {
        let data = std::fs::read(path)?;
        return Ok((Some(data), None, 0));
    }
    let file = o.open(path)?;
    if !plus {
        // Append mode starts at the end: `tell()` is the file's size.
        let pos = if mode.contains('a') {
            file.metadata().map(|m| m.len() as usize).unwrap_or(0)
        } else {
            0
        };
        return Ok((None, Some(file), pos));
    }
    let data = std::fs::read(path)?;
    let pos = if mode.contains('a') { data.len() } else { 0 };
    Ok((Some(data), Some(file), pos))
}

/// Writes `bytes` at the file's position (at the end in append modes) and advances it. A file
/// with contents in memory (a `+` mode) updates them too.
pub fn write_bytes(st: &mut FileState, bytes: &[u8]) -> std::io::Result<()> {
    let append = st.mode.contains('a');
    let FileState {
        reader,
        writer,
        pos,
        ..
    } = st;
    let Some(w) = writer.as_mut() else {
        return Err(std::io::Error::other("not writable"));
    };
    match reader.as_mut() {
        Some(data) => {
            let at = if append {
                data.len()
            } else {
                (*pos).min(data.len())
            };
            let end = at + bytes.len();
            if end > data.len() {
                data.resize(end, 0);
            }
            data[at..end].copy_from_slice(bytes);
            if !append {
                w.seek(SeekFrom::Start(at as u64))?;
            }
            w.write_all(bytes)?;
            *pos = end;
        }
        None => {
            w.write_all(bytes)?;
            *pos = if append {
                w.metadata()
                    .map(|m| m.len() as usize)
                    .unwrap_or(*pos + bytes.len())
            } else {
                *pos + bytes.len()
            };
        }
    }
    Ok(())
}

/// `f.seek(offset, whence=0)`: the new absolute position.
pub fn file_seek(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if !(2..=3).contains(&args.len()) {
        return Err(vm.type_error(format!(
            "seek expected at least 1 argument, got {}",
            args.len().saturating_sub(1)
        )));
    }
    let st = file_of(vm, args[0])?;
    let offset = ops::index_i64(vm, args[1])?;
    let whence = match args.get(2) {
        Some(w) => ops::index_i64(vm, *w)?,
        None => 0,
    };
    let (binary, special) = {
        let s = st.borrow();
        (s.binary, s.special)
    };
    if special != 0 {
        return Err(vm.new_error("OSError", "[Errno 29] Illegal seek"));
    }
    if !binary && whence != 0 && offset != 0 {
        let what = if whence == 1 { "cur" } else { "end" };
        return Err(unsupported(
            vm,
            &format!("can't do nonzero {what}-relative seeks"),
        ));
    }
    let mut s = st.borrow_mut();
    let len = match (&s.reader, &s.writer) {
        (Some(d), _) => d.len() as i64,
        (None, Some(w)) => w.metadata().map(|m| m.len() as i64).unwrap_or(0),
        (None, None) => 0,
    };
    let base = match whence {
        0 => 0,
        1 => s.pos as i64,
        2 => len,
        _ => {
            drop(s);
            return Err(vm.value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")));
        }
    };
    let target = base.saturating_add(offset);
    if target < 0 {
        drop(s);
        if whence == 0 {
            return Err(vm.value_error(format!("negative seek position {offset}")));
        }
        return Err(crate::runtime::lib::oserror::new_os_error(
            vm,
            22,
            "Invalid argument",
            None,
            None,
        ));
    }
    if s.reader.is_none()
        && let Some(w) = s.writer.as_mut()
        && let Err(e) = w.seek(SeekFrom::Start(target as u64))
    {
        drop(s);
        return Err(crate::runtime::lib::oserror::from_io(vm, &e, None, None));
    }
    s.pos = target as usize;
    Ok(Value::int(target))
}

/// `f.tell()`: the byte position.
pub fn file_tell(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = file_of(vm, args[0])?;
    let s = st.borrow();
    if s.special != 0 {
        drop(s);
        return Err(vm.new_error("OSError", "[Errno 29] Illegal seek"));
    }
    Ok(Value::int(s.pos as i64))
}

/// `f.seekable()`: files on disk are, the standard streams are not.
pub fn file_seekable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = file_of(vm, args[0])?;
    Ok(Value::bool(st.borrow().special == 0))
}

/// `f.readable()`.
pub fn file_readable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = file_of(vm, args[0])?;
    let s = st.borrow();
    Ok(Value::bool(s.reader.is_some() || s.special == 3))
}

/// `f.writable()`.
pub fn file_writable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let st = file_of(vm, args[0])?;
    let s = st.borrow();
    Ok(Value::bool(
        s.writer.is_some() || s.special == 1 || s.special == 2,
    ))
}

/// `io.UnsupportedOperation(msg)` (the class of the bundled `io`; OSError if it cannot be loaded).
pub fn unsupported(vm: &mut Vm, msg: &str) -> crate::runtime::vm::PyErr {
    let globals = vm.builtins;
    let cls = crate::runtime::import::import_name(vm, "io", globals, Value::NONE, 0)
        .and_then(|m| crate::runtime::import::import_from(vm, m, "UnsupportedOperation"));
    let m = vm.new_str(msg);
    match cls.and_then(|c| ops::call(vm, c, &[m], &[])) {
        Ok(e) => crate::runtime::vm::PyErr(e),
        Err(_) => vm.new_error("OSError", msg),
    }
}

/// `open(..., newline=None)` (the default) in text read mode: universal newlines, so `\r\n` and
/// `\r` read as `\n`, as CPython's TextIOWrapper does. `newline=""` or `"\n"` keep the bytes.
pub fn universal_newlines(vm: &mut Vm, f: Value, newline: Option<Value>) -> PyResult<()> {
    if newline.is_some_and(|n| !n.is_none()) {
        return Ok(());
    }
    let st = file_of(vm, f)?;
    let mut s = st.borrow_mut();
    if s.binary || s.mode.contains('+') || s.writer.is_some() {
        return Ok(());
    }
    if let Some(data) = s.reader.as_mut()
        && data.contains(&b'\r')
    {
        let mut out = Vec::with_capacity(data.len());
        let mut i = 0;
        while i < data.len() {
            if data[i] == b'\r' {
                out.push(b'\n');
                if data.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            } else {
                out.push(data[i]);
            }
            i += 1;
        }
        *data = out;
    }
    Ok(())
}
