//! The io library (`liolib.c`): write, read, lines, open, close, input, output, type, flush and
//! the file methods, with io.stdin, io.stdout and io.stderr.
//!
//! Files are userdata whose metatable (`__name` "FILE*", `__index` the methods) is kept in the
//! registry; `io.stdout` writes to the interpreter's output sink (`State::out`), so `print`,
//! `io.write` and `io.stdout:write` interleave correctly. Reading follows Lua's formats exactly:
//! "n" reads the longest numeral prefix like `read_number` (at most 200 characters, then
//! `tonumber`), "l"/"L" a line without/with its newline, "a" the rest, a count that many bytes.
//! Numbers are written with "%d" and "%.14g" (so `io.write(1.0)` writes "1", unlike `print`).
//!
//! Not supported: `io.popen`, `io.tmpfile`, `file:setvbuf` buffering modes (accepted, no
//! effect). File objects are never freed (there is no collector yet); an unclosed file stays
//! open until the process exits.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, Read, Seek, SeekFrom, Write};

use super::{Args, Ret, error, native_data, new_closure, reg_get, reg_set};
use crate::runtime::{Table, UserData};
use crate::state::{LResult, State};
use crate::value::{self, Value};

/// A file userdata: `UserData` first, so a pointer to it is a valid `*mut UserData`.
#[repr(C)]
struct FileUd {
    ud: UserData,
    handle: RefCell<Handle>,
}

enum Handle {
    Stdin,
    Stdout,
    Stderr,
    File(Box<FileBuf>),
    Closed,
}

/// An opened file with a read buffer and a write buffer (only one holds data at a time).
struct FileBuf {
    f: File,
    rbuf: Vec<u8>,
    rpos: usize,
    wbuf: Vec<u8>,
}

impl FileBuf {
    /// Moves the OS position back over unread input, so that writes and seeks land where Lua
    /// code expects.
    fn drop_read_buffer(&mut self) -> std::io::Result<()> {
        let unread = self.rbuf.len() - self.rpos;
        self.rbuf.clear();
        self.rpos = 0;
        if unread > 0 {
            self.f.seek(SeekFrom::Current(-(unread as i64)))?;
        }
        Ok(())
    }

    fn flush_writes(&mut self) -> std::io::Result<()> {
        if !self.wbuf.is_empty() {
            self.f.write_all(&self.wbuf)?;
            self.wbuf.clear();
        }
        Ok(())
    }

    fn write(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.drop_read_buffer()?;
        self.wbuf.extend_from_slice(data);
        if self.wbuf.len() >= 1 << 16 {
            self.flush_writes()?;
        }
        Ok(())
    }
}

impl Read for FileBuf {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for FileBuf {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.flush_writes()?;
        if self.rpos >= self.rbuf.len() {
            self.rbuf.resize(1 << 16, 0);
            let n = self.f.read(&mut self.rbuf)?;
            self.rbuf.truncate(n);
            self.rpos = 0;
        }
        Ok(&self.rbuf[self.rpos..])
    }
    fn consume(&mut self, n: usize) {
        self.rpos = (self.rpos + n).min(self.rbuf.len());
    }
}

pub(super) fn open(st: &mut State) {
    let lib = super::new_lib(
        st,
        "io",
        &[
            ("close", "io.close", io_close),
            ("flush", "io.flush", io_flush),
            ("input", "io.input", io_input),
            ("lines", "io.lines", io_lines),
            ("open", "io.open", io_open),
            ("output", "io.output", io_output),
            ("read", "io.read", io_read),
            ("type", "io.type", io_type),
            ("write", "io.write", io_write),
        ],
    );
    let meta = st.new_table();
    let methods = st.new_table();
    super::set_funcs(
        st,
        methods,
        &[
            ("close", "?", f_close),
            ("flush", "?", f_flush),
            ("lines", "?", f_lines),
            ("read", "?", f_read),
            ("seek", "?", f_seek),
            ("setvbuf", "?", f_setvbuf),
            ("write", "?", f_write),
        ],
    );
    super::raw_set_str(st, meta, "__index", methods);
    let name = st.intern(b"FILE*");
    super::raw_set_str(st, meta, "__name", name);
    super::set_funcs(
        st,
        meta,
        &[
            ("__tostring", "tostring", f_tostring),
            ("__close", "close", f_gc),
            ("__gc", "close", f_gc),
        ],
    );
    reg_set(st, "FILE*", meta);
    let meta = meta.as_table().expect("table");
    for (field, handle) in [
        ("stdin", Handle::Stdin),
        ("stdout", Handle::Stdout),
        ("stderr", Handle::Stderr),
    ] {
        let f = new_file(meta, handle);
        super::raw_set_str(st, lib, field, f);
    }
    let stdin = super::raw_get_str(st, lib.as_table().expect("table"), "stdin");
    let stdout = super::raw_get_str(st, lib.as_table().expect("table"), "stdout");
    reg_set(st, "io_input", stdin);
    reg_set(st, "io_output", stdout);
}

fn new_file(meta: *mut Table, handle: Handle) -> Value {
    let ud = Box::new(FileUd {
        ud: UserData { meta },
        handle: RefCell::new(handle),
    });
    // The userdata is leaked on purpose: the heap cannot own foreign objects yet.
    Value::userdata(Box::into_raw(ud) as *mut UserData)
}

/// The file userdata `v`, if it is one (its metatable is the registry's "FILE*").
fn as_file(st: &mut State, v: Value) -> Option<&'static FileUd> {
    if v.tag != value::USERDATA {
        return None;
    }
    let meta = reg_get(st, "FILE*").as_table()?;
    // SAFETY: userdata payloads are live `UserData`; one whose metatable is the file metatable was
    // made by `new_file` as a `FileUd` (scripts cannot make userdata), and is never freed.
    unsafe {
        let ud = v.payload as *mut UserData;
        ((*ud).meta == meta).then(|| &*(ud as *const FileUd))
    }
}

/// `tofile`: argument 1 as an open file.
fn check_file(st: &mut State, a: &Args) -> LResult<&'static FileUd> {
    match as_file(st, a.get(1)) {
        Some(f) if matches!(*f.handle.borrow(), Handle::Closed) => {
            Err(error(st, "attempt to use a closed file"))
        }
        Some(f) => Ok(f),
        None => Err(a.type_error(st, 1, "FILE*")),
    }
}

fn f_tostring(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "tostring");
    let Some(f) = as_file(st, a.get(1)) else {
        return Err(a.type_error(st, 1, "FILE*"));
    };
    let text = if matches!(*f.handle.borrow(), Handle::Closed) {
        "file (closed)".to_string()
    } else {
        format!("file ({:#x})", a.get(1).payload)
    };
    Ok(vec![st.intern(text.as_bytes())])
}

fn io_type(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "io.type");
    a.any(st, 1)?;
    Ok(vec![match as_file(st, a.get(1)) {
        Some(f) if matches!(*f.handle.borrow(), Handle::Closed) => st.intern(b"closed file"),
        Some(_) => st.intern(b"file"),
        None => Value::NIL,
    }])
}

// -- writing ---------------------------------------------------------------------------------

/// `g_write`: writes arguments `first..` to `file`, returning the file or Lua's failure triple.
fn write_values(st: &mut State, a: &Args, file_v: Value, file: &FileUd, first: usize) -> Ret {
    let mut data = Vec::new();
    for n in first..=a.len() {
        let v = a.get(n);
        match v.tag {
            value::INT => data.extend_from_slice(v.payload.to_string().as_bytes()),
            value::FLOAT => crate::format::push_float_g(&mut data, v.as_float_raw(), 14),
            _ => data.extend_from_slice(a.str(st, n)?.bytes()),
        }
    }
    let r = match &mut *file.handle.borrow_mut() {
        Handle::Stdout => st.out.write_all(&data),
        Handle::Stderr => std::io::stderr().write_all(&data),
        Handle::File(fb) => fb.write(&data),
        Handle::Stdin => Err(std::io::Error::from_raw_os_error(9)),
        Handle::Closed => return Err(error(st, "attempt to use a closed file")),
    };
    match r {
        Ok(()) => Ok(vec![file_v]),
        Err(e) => Ok(super::os::file_result_error(st, &e, None)),
    }
}

fn io_write(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "io.write");
    let out = reg_get(st, "io_output");
    let Some(f) = as_file(st, out) else {
        return Err(error(st, "default output file is not a file"));
    };
    if matches!(*f.handle.borrow(), Handle::Closed) {
        return Err(error(st, "default output file is closed"));
    }
    write_values(st, &a, out, f, 1)
}

fn f_write(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "?");
    let f = check_file(st, &a)?;
    write_values(st, &a, a.get(1), f, 2)
}

fn flush_file(st: &mut State, file_v: Value, f: &FileUd) -> Ret {
    let r = match &mut *f.handle.borrow_mut() {
        Handle::Stdout => st.out.flush(),
        Handle::Stderr => std::io::stderr().flush(),
        Handle::File(fb) => fb.flush_writes().and_then(|_| fb.f.flush()),
        Handle::Stdin | Handle::Closed => Ok(()),
    };
    match r {
        Ok(()) => Ok(vec![file_v]),
        Err(e) => Ok(super::os::file_result_error(st, &e, None)),
    }
}

fn io_flush(st: &mut State, _args: Vec<Value>) -> Ret {
    let out = reg_get(st, "io_output");
    match as_file(st, out) {
        Some(f) => flush_file(st, out, f),
        None => Ok(vec![out]),
    }
}

fn f_flush(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "?");
    let f = check_file(st, &a)?;
    flush_file(st, a.get(1), f)
}

fn f_setvbuf(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "?");
    check_file(st, &a)?;
    let mode = a.str(st, 2)?;
    if !matches!(mode.bytes(), b"no" | b"full" | b"line") {
        let msg = format!("invalid option '{}'", String::from_utf8_lossy(mode.bytes()));
        return Err(a.arg_error(st, 2, &msg));
    }
    a.opt_int(st, 3, 0)?;
    Ok(vec![Value::TRUE])
}

fn f_seek(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "?");
    let f = check_file(st, &a)?;
    let whence = a
        .opt_str(st, 2)?
        .map(|s| s.bytes().to_vec())
        .unwrap_or_else(|| b"cur".to_vec());
    let offset = a.opt_int(st, 3, 0)?;
    let pos = match &whence[..] {
        b"set" => SeekFrom::Start(offset as u64),
        b"cur" => SeekFrom::Current(offset),
        b"end" => SeekFrom::End(offset),
        _ => {
            let msg = format!("invalid option '{}'", String::from_utf8_lossy(&whence));
            return Err(a.arg_error(st, 2, &msg));
        }
    };
    let r = match &mut *f.handle.borrow_mut() {
        Handle::File(fb) => fb
            .flush_writes()
            .and_then(|_| fb.drop_read_buffer())
            .and_then(|_| fb.f.seek(pos)),
        // Standard streams are pipes or terminals here: "Illegal seek".
        _ => Err(std::io::Error::from_raw_os_error(29)),
    };
    match r {
        Ok(p) => Ok(vec![Value::int(p as i64)]),
        Err(e) => Ok(super::os::file_result_error(st, &e, None)),
    }
}

// -- opening and closing ---------------------------------------------------------------------

/// `l_checkmode`: `[rwa]%+?b*`.
fn valid_mode(m: &[u8]) -> bool {
    let Some((&first, mut rest)) = m.split_first() else {
        return false;
    };
    if !b"rwa".contains(&first) {
        return false;
    }
    if rest.first() == Some(&b'+') {
        rest = &rest[1..];
    }
    rest.iter().all(|&c| c == b'b')
}

fn open_file(name: &[u8], mode: &[u8]) -> std::io::Result<File> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::path::Path::new(std::ffi::OsStr::from_bytes(name));
    let plus = mode.contains(&b'+');
    let mut o = std::fs::OpenOptions::new();
    match mode[0] {
        b'r' => o.read(true).write(plus),
        b'w' => o.write(true).create(true).truncate(true).read(plus),
        _ => o.append(true).create(true).read(plus),
    };
    o.open(path)
}

fn new_file_from(st: &mut State, f: File) -> Value {
    let meta = reg_get(st, "FILE*").as_table().expect("file metatable");
    new_file(
        meta,
        Handle::File(Box::new(FileBuf {
            f,
            rbuf: Vec::new(),
            rpos: 0,
            wbuf: Vec::new(),
        })),
    )
}

fn io_open(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "io.open");
    let name = a.str(st, 1)?;
    let mode = a
        .opt_str(st, 2)?
        .map(|s| s.bytes().to_vec())
        .unwrap_or_else(|| b"r".to_vec());
    if !valid_mode(&mode) {
        return Err(a.arg_error(st, 2, "invalid mode"));
    }
    match open_file(name.bytes(), &mode) {
        Ok(f) => Ok(vec![new_file_from(st, f)]),
        Err(e) => Ok(super::os::file_result_error(st, &e, Some(name.bytes()))),
    }
}

fn close_file(st: &mut State, f: &FileUd) -> Ret {
    let mut h = f.handle.borrow_mut();
    match &mut *h {
        Handle::Stdin | Handle::Stdout | Handle::Stderr => {
            Ok(vec![Value::NIL, st.intern(b"cannot close standard file")])
        }
        Handle::File(fb) => {
            let r = fb.flush_writes();
            *h = Handle::Closed;
            match r {
                Ok(()) => Ok(vec![Value::TRUE]),
                Err(e) => Ok(super::os::file_result_error(st, &e, None)),
            }
        }
        Handle::Closed => Err(error(st, "attempt to use a closed file")),
    }
}

fn f_close(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "?");
    let f = check_file(st, &a)?;
    close_file(st, f)
}

/// `__close`/`__gc`: closes a file that is still open, ignoring errors.
fn f_gc(st: &mut State, args: Vec<Value>) -> Ret {
    if let Some(f) = as_file(st, args.first().copied().unwrap_or(Value::NIL))
        && matches!(*f.handle.borrow(), Handle::File(_))
    {
        close_file(st, f)?;
    }
    Ok(Vec::new())
}

fn io_close(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "io.close");
    if a.opt(1).is_none() {
        let out = reg_get(st, "io_output");
        let a2 = Args::new(vec![out], "io.close");
        let f = check_file(st, &a2)?;
        return close_file(st, f);
    }
    let f = check_file(st, &a)?;
    close_file(st, f)
}

/// `g_iofile`: `io.input`/`io.output` with a file name, a file, or nothing.
fn io_file(st: &mut State, args: Vec<Value>, name: &'static str, key: &str, mode: &[u8]) -> Ret {
    let a = Args::new(args, name);
    if !a.is_none_or_nil(1) {
        let v = a.get(1);
        if let Some(fname) = super::to_bytes(v).filter(|_| v.tag == value::STR) {
            match open_file(&fname, mode) {
                Ok(f) => {
                    let fv = new_file_from(st, f);
                    reg_set(st, key, fv);
                }
                Err(e) => {
                    let code = e.raw_os_error().unwrap_or(0);
                    let msg = format!(
                        "cannot open file '{}' ({})",
                        String::from_utf8_lossy(&fname),
                        super::os::os_error_text(code)
                    );
                    return Err(error(st, msg));
                }
            }
        } else {
            check_file(st, &a)?;
            reg_set(st, key, v);
        }
    }
    Ok(vec![reg_get(st, key)])
}

fn io_input(st: &mut State, args: Vec<Value>) -> Ret {
    io_file(st, args, "io.input", "io_input", b"r")
}

fn io_output(st: &mut State, args: Vec<Value>) -> Ret {
    io_file(st, args, "io.output", "io_output", b"w")
}

// -- reading ---------------------------------------------------------------------------------

/// Runs `f` with the reader of `file` (stdin, or the file's buffer).
fn with_reader<T>(file: &FileUd, f: impl FnOnce(&mut dyn BufRead) -> T) -> Option<T> {
    match &mut *file.handle.borrow_mut() {
        Handle::Stdin => Some(f(&mut std::io::stdin().lock())),
        Handle::File(fb) => Some(f(&mut **fb)),
        _ => None,
    }
}

fn peek(r: &mut dyn BufRead) -> std::io::Result<Option<u8>> {
    Ok(r.fill_buf()?.first().copied())
}

/// The state of `read_number`: the characters accepted so far and the look-ahead.
struct NumReader<'r> {
    r: &'r mut dyn BufRead,
    buf: Vec<u8>,
    c: Option<u8>,
    overflow: bool,
}

impl NumReader<'_> {
    /// `L_MAXLENNUM`: longer numerals are rejected.
    const MAX_LEN: usize = 200;

    /// `nextc`: accepts the look-ahead character and reads the next one.
    fn next(&mut self) -> std::io::Result<bool> {
        if self.buf.len() >= Self::MAX_LEN {
            self.overflow = true;
            return Ok(false);
        }
        self.buf.push(self.c.unwrap_or(0));
        self.r.consume(1);
        self.c = peek(self.r)?;
        Ok(true)
    }

    /// `test2`: accepts the look-ahead if it is one of `set`.
    fn test2(&mut self, set: &[u8; 2]) -> std::io::Result<bool> {
        if self.c.is_some_and(|c| c == set[0] || c == set[1]) {
            self.next()
        } else {
            Ok(false)
        }
    }

    /// `readdigits`: accepts digits and counts them.
    fn digits(&mut self, hex: bool) -> std::io::Result<usize> {
        let mut n = 0;
        while self.c.is_some_and(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        }) && self.next()?
        {
            n += 1;
        }
        Ok(n)
    }
}

/// `read_number`: the longest prefix that looks like a numeral, converted with `tonumber`; the
/// first character that does not fit stays unread.
fn read_number(r: &mut dyn BufRead) -> std::io::Result<Option<crate::number::Number>> {
    let mut c = peek(r)?;
    while c.is_some_and(crate::number::is_space) {
        r.consume(1);
        c = peek(r)?;
    }
    let mut rn = NumReader {
        r,
        buf: Vec::new(),
        c,
        overflow: false,
    };
    rn.test2(b"-+")?;
    let mut count = 0;
    let mut hex = false;
    if rn.test2(b"00")? {
        if rn.test2(b"xX")? {
            hex = true;
        } else {
            count = 1;
        }
    }
    count += rn.digits(hex)?;
    if rn.test2(b"..")? {
        count += rn.digits(hex)?;
    }
    if count > 0 && rn.test2(if hex { b"pP" } else { b"eE" })? {
        rn.test2(b"-+")?;
        rn.digits(false)?;
    }
    if rn.overflow {
        return Ok(None);
    }
    Ok(crate::number::str_to_number(&rn.buf))
}

/// `read_line`: a line, with its newline if `keep`; `None` at end of file with nothing read.
fn read_line(r: &mut dyn BufRead, keep: bool) -> std::io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    r.read_until(b'\n', &mut line)?;
    let had_newline = line.last() == Some(&b'\n');
    if had_newline && !keep {
        line.pop();
    }
    Ok(if had_newline || !line.is_empty() {
        Some(line)
    } else {
        None
    })
}

/// One read format.
enum Format {
    Number,
    Line(bool),
    All,
    Count(u64),
}

fn parse_formats(st: &mut State, a: &Args, first: usize) -> LResult<Vec<Format>> {
    let mut out = Vec::new();
    for n in first..=a.len() {
        let v = a.get(n);
        if v.is_number() {
            out.push(Format::Count(a.int(st, n)? as u64));
            continue;
        }
        let s = a.str(st, n)?;
        let b = s.bytes();
        let b = b.strip_prefix(b"*").unwrap_or(b);
        out.push(match b.first() {
            Some(b'n') => Format::Number,
            Some(b'l') => Format::Line(false),
            Some(b'L') => Format::Line(true),
            Some(b'a') => Format::All,
            _ => return Err(a.arg_error(st, n, "invalid format")),
        });
    }
    if out.is_empty() {
        out.push(Format::Line(false));
    }
    Ok(out)
}

/// `g_read`: the values read, the first failure as nil (and nothing after it).
fn read_values(st: &mut State, file: &FileUd, formats: &[Format]) -> Ret {
    let r = with_reader(file, |r| -> std::io::Result<Vec<Result<Value, Vec<u8>>>> {
        let mut vals = Vec::new();
        for f in formats {
            // Strings are interned after the reader is released; bytes travel as `Err(bytes)`.
            let v: Option<Result<Value, Vec<u8>>> = match f {
                Format::Number => read_number(r)?.map(|n| Ok(Value::number(n))),
                Format::Line(keep) => read_line(r, *keep)?.map(Err),
                Format::All => {
                    let mut all = Vec::new();
                    r.read_to_end(&mut all)?;
                    Some(Err(all))
                }
                Format::Count(0) => {
                    if peek(r)?.is_some() {
                        Some(Err(Vec::new()))
                    } else {
                        None
                    }
                }
                Format::Count(n) => {
                    let mut buf = Vec::new();
                    r.take(*n).read_to_end(&mut buf)?;
                    if buf.is_empty() { None } else { Some(Err(buf)) }
                }
            };
            match v {
                Some(v) => vals.push(v),
                None => {
                    vals.push(Ok(Value::NIL));
                    break;
                }
            }
        }
        Ok(vals)
    });
    match r {
        None => {
            let e = std::io::Error::from_raw_os_error(9);
            Ok(super::os::file_result_error(st, &e, None))
        }
        Some(Err(e)) => Ok(super::os::file_result_error(st, &e, None)),
        Some(Ok(vals)) => Ok(vals
            .into_iter()
            .map(|v| match v {
                Ok(v) => v,
                Err(bytes) => st.intern(&bytes),
            })
            .collect()),
    }
}

fn io_read(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "io.read");
    let input = reg_get(st, "io_input");
    let Some(f) = as_file(st, input) else {
        return Err(error(st, "default input file is not a file"));
    };
    if matches!(*f.handle.borrow(), Handle::Closed) {
        return Err(error(st, "default input file is closed"));
    }
    let formats = parse_formats(st, &a, 1)?;
    read_values(st, f, &formats)
}

fn f_read(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "?");
    let f = check_file(st, &a)?;
    let formats = parse_formats(st, &a, 2)?;
    read_values(st, f, &formats)
}

// -- lines -----------------------------------------------------------------------------------

/// The state of a `lines` iterator, in an opaque heap box.
struct LinesState {
    file: Value,
    formats: Vec<Value>,
    close_at_eof: bool,
}

const LINES_ITER: &str = "lines iterator";

/// Reports the format values a `lines` iterator holds (the file is a userdata, outside the heap).
fn trace_lines(inner: &dyn std::any::Any, t: &mut vgc::Tracer) {
    if let Some(l) = inner.downcast_ref::<LinesState>() {
        for v in &l.formats {
            crate::runtime::trace_value(v, t);
        }
    }
}

fn make_lines(st: &mut State, file: Value, a: &Args, first: usize, close_at_eof: bool) -> Ret {
    if a.len() >= first + 250 {
        return Err(a.arg_error(st, first + 250, "too many arguments"));
    }
    let formats = a.v.get(first - 1..).map(|s| s.to_vec()).unwrap_or_default();
    let boxed = LinesState {
        file,
        formats,
        close_at_eof,
    };
    let data = Value::thread(st.heap.new_thread(Box::new(boxed), trace_lines));
    let iter = new_closure(st, LINES_ITER, lines_aux, data);
    if close_at_eof {
        // Lua returns the file as a fourth value, the generic `for`'s to-be-closed variable, so
        // that breaking out of the loop closes it. The interpreter has no to-be-closed variables
        // yet: the file is closed at end of file only.
        return Ok(vec![iter, Value::NIL, Value::NIL, Value::NIL]);
    }
    Ok(vec![iter])
}

fn lines_aux(st: &mut State, _args: Vec<Value>) -> Ret {
    let Some(data) = native_data(st, LINES_ITER).and_then(|d| d.as_thread()) else {
        return Err(error(
            st,
            "lua-demo cannot call a lines iterator from here (as a metamethod)",
        ));
    };
    // SAFETY: the data of a lines iterator is the live box `make_lines` made.
    let Some(l) = (unsafe { (*data).inner.downcast_ref::<LinesState>() }) else {
        return Err(error(st, "corrupt lines iterator"));
    };
    let Some(f) = as_file(st, l.file) else {
        return Err(error(st, "corrupt lines iterator"));
    };
    if matches!(*f.handle.borrow(), Handle::Closed) {
        return Err(error(st, "file is already closed"));
    }
    let mut fa = vec![l.file];
    fa.extend_from_slice(&l.formats);
    let a = Args::new(fa, "lines");
    let formats = parse_formats(st, &a, 2)?;
    let r = read_values(st, f, &formats)?;
    if r.first().is_some_and(|v| v.truthy()) {
        return Ok(r);
    }
    if r.len() > 1 && r[1].tag == value::STR {
        let msg = r[1]
            .as_str()
            .map(|s| s.bytes().to_vec())
            .unwrap_or_default();
        return Err(error(st, msg));
    }
    if l.close_at_eof {
        close_file(st, f)?;
    }
    Ok(vec![Value::NIL])
}

fn io_lines(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "io.lines");
    if a.is_none_or_nil(1) {
        let input = reg_get(st, "io_input");
        let a2 = Args::new(vec![input], "io.lines");
        check_file(st, &a2)?;
        return make_lines(st, input, &a, 2, false);
    }
    let name = a.str(st, 1)?;
    match open_file(name.bytes(), b"r") {
        Ok(f) => {
            let fv = new_file_from(st, f);
            make_lines(st, fv, &a, 2, true)
        }
        Err(e) => {
            let code = e.raw_os_error().unwrap_or(0);
            let msg = format!(
                "cannot open file '{}' ({})",
                String::from_utf8_lossy(name.bytes()),
                super::os::os_error_text(code)
            );
            Err(error(st, msg))
        }
    }
}

fn f_lines(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "?");
    check_file(st, &a)?;
    make_lines(st, a.get(1), &a, 2, false)
}
