//! The os library (`loslib.c`): clock, time, date, difftime, getenv, exit, remove, rename,
//! tmpname, setlocale.
//!
//! Dates go through the C library exactly as Lua's do (`localtime_r`, `gmtime_r`, `mktime`,
//! `strftime`, declared here for glibc on Linux), so every conversion, the local time zone and
//! the normalisation of out-of-range fields by `os.time` are the platform's, as in `lua5.4`.
//! `os.date` checks conversion specifiers against C99's list before calling `strftime`.
//!
//! Not supported: `os.execute` (absent), and locales other than "C" (`setlocale` reports "C"
//! and refuses to change it).

use std::ffi::{CStr, CString, c_char, c_int, c_long};
use std::io::Write;

use super::{Args, Ret, error};
use crate::state::State;
use crate::value::Value;

/// glibc's `struct tm` (x86-64 and aarch64 Linux).
#[repr(C)]
#[derive(Clone, Copy)]
struct Tm {
    tm_sec: c_int,
    tm_min: c_int,
    tm_hour: c_int,
    tm_mday: c_int,
    tm_mon: c_int,
    tm_year: c_int,
    tm_wday: c_int,
    tm_yday: c_int,
    tm_isdst: c_int,
    tm_gmtoff: c_long,
    tm_zone: *const c_char,
}

impl Default for Tm {
    fn default() -> Tm {
        Tm {
            tm_sec: 0,
            tm_min: 0,
            tm_hour: 0,
            tm_mday: 0,
            tm_mon: 0,
            tm_year: 0,
            tm_wday: 0,
            tm_yday: 0,
            tm_isdst: 0,
            tm_gmtoff: 0,
            tm_zone: std::ptr::null(),
        }
    }
}

unsafe extern "C" {
    fn clock() -> c_long;
    fn localtime_r(t: *const i64, tm: *mut Tm) -> *mut Tm;
    fn gmtime_r(t: *const i64, tm: *mut Tm) -> *mut Tm;
    fn mktime(tm: *mut Tm) -> i64;
    fn strftime(s: *mut c_char, max: usize, format: *const c_char, tm: *const Tm) -> usize;
    fn strerror(errnum: c_int) -> *const c_char;
    fn mkstemp(template: *mut c_char) -> c_int;
    fn close(fd: c_int) -> c_int;
}

pub(super) fn open(st: &mut State) {
    super::new_lib(
        st,
        "os",
        &[
            ("clock", "os.clock", clock_fn),
            ("date", "os.date", date),
            ("difftime", "os.difftime", difftime),
            ("exit", "os.exit", exit),
            ("getenv", "os.getenv", getenv),
            ("remove", "os.remove", remove),
            ("rename", "os.rename", rename),
            ("setlocale", "os.setlocale", setlocale),
            ("time", "os.time", time),
            ("tmpname", "os.tmpname", tmpname),
        ],
    );
}

/// `strerror(errno)` as a Rust string.
pub(crate) fn os_error_text(code: i32) -> String {
    // SAFETY: `strerror` returns a valid NUL-terminated string (static or thread-local storage)
    // that we copy at once.
    unsafe {
        CStr::from_ptr(strerror(code))
            .to_string_lossy()
            .into_owned()
    }
}

/// `luaL_fileresult` for a failure: nil, "<name>: <strerror>" (or just the text), errno.
pub(crate) fn file_result_error(
    st: &mut State,
    e: &std::io::Error,
    name: Option<&[u8]>,
) -> Vec<Value> {
    let code = e.raw_os_error().unwrap_or(0);
    let text = if code != 0 {
        os_error_text(code)
    } else {
        e.to_string()
    };
    let msg = match name {
        Some(n) => [n, b": ", text.as_bytes()].concat(),
        None => text.into_bytes(),
    };
    vec![Value::NIL, st.intern(&msg), Value::int(code as i64)]
}

fn clock_fn(_st: &mut State, _args: Vec<Value>) -> Ret {
    // SAFETY: `clock` has no preconditions. POSIX fixes CLOCKS_PER_SEC at one million.
    let c = unsafe { clock() };
    Ok(vec![Value::float(c as f64 / 1_000_000.0)])
}

fn getenv(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.getenv");
    let name = a.str(st, 1)?;
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let key = std::ffi::OsStr::from_bytes(name.bytes());
    if name.bytes().is_empty() || name.bytes().contains(&b'=') || name.bytes().contains(&0) {
        return Ok(vec![Value::NIL]);
    }
    match std::env::var_os(key) {
        Some(v) => {
            let b = v.into_vec();
            Ok(vec![st.intern(&b)])
        }
        None => Ok(vec![Value::NIL]),
    }
}

fn exit(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.exit");
    let code = match a.get(1).tag {
        crate::value::TRUE => 0,
        crate::value::FALSE => 1,
        _ => a.opt_int(st, 1, 0)? as i32,
    };
    st.flush_output();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}

fn remove(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.remove");
    let name = a.str(st, 1)?;
    use std::os::unix::ffi::OsStrExt;
    let path = std::path::Path::new(std::ffi::OsStr::from_bytes(name.bytes()));
    // C's `remove` deletes files and empty directories.
    let r = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir(path),
        _ => std::fs::remove_file(path),
    };
    match r {
        Ok(()) => Ok(vec![Value::TRUE]),
        Err(e) => Ok(file_result_error(st, &e, Some(name.bytes()))),
    }
}

fn rename(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.rename");
    let from = a.str(st, 1)?;
    let to = a.str(st, 2)?;
    use std::os::unix::ffi::OsStrExt;
    let r = std::fs::rename(
        std::ffi::OsStr::from_bytes(from.bytes()),
        std::ffi::OsStr::from_bytes(to.bytes()),
    );
    match r {
        Ok(()) => Ok(vec![Value::TRUE]),
        Err(e) => Ok(file_result_error(st, &e, None)),
    }
}

fn tmpname(st: &mut State, _args: Vec<Value>) -> Ret {
    let mut template = *b"/tmp/lua_XXXXXX\0";
    // SAFETY: `template` is a writable NUL-terminated buffer ending in "XXXXXX", as `mkstemp`
    // requires; the descriptor it returns is closed at once.
    let fd = unsafe { mkstemp(template.as_mut_ptr() as *mut c_char) };
    if fd == -1 {
        return Err(error(st, "unable to generate a unique filename"));
    }
    // SAFETY: `fd` is a descriptor we own.
    unsafe { close(fd) };
    Ok(vec![st.intern(&template[..template.len() - 1])])
}

fn difftime(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.difftime");
    let t1 = a.int(st, 1)?;
    let t2 = a.int(st, 2)?;
    Ok(vec![Value::float(t1 as f64 - t2 as f64)])
}

fn setlocale(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.setlocale");
    let locale = a.opt_str(st, 1)?;
    let cat = a.opt_str(st, 2)?;
    if let Some(c) = cat
        && !matches!(
            c.bytes(),
            b"all" | b"collate" | b"ctype" | b"monetary" | b"numeric" | b"time"
        )
    {
        let msg = format!("invalid option '{}'", String::from_utf8_lossy(c.bytes()));
        return Err(a.arg_error(st, 2, &msg));
    }
    match locale.map(|l| l.bytes().to_vec()) {
        None => Ok(vec![st.intern(b"C")]),
        Some(l) if l.is_empty() || l == b"C" || l == b"POSIX" => Ok(vec![st.intern(b"C")]),
        Some(_) => Ok(vec![Value::NIL]),
    }
}

// -- time and date ---------------------------------------------------------------------------

fn now() -> i64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

/// Sets the `os.date("*t")` fields of table `t` from `tm` (`setallfields`).
fn set_all_fields(st: &mut State, t: Value, tm: &Tm) {
    let fields = [
        ("year", tm.tm_year as i64 + 1900),
        ("month", tm.tm_mon as i64 + 1),
        ("day", tm.tm_mday as i64),
        ("hour", tm.tm_hour as i64),
        ("min", tm.tm_min as i64),
        ("sec", tm.tm_sec as i64),
        ("yday", tm.tm_yday as i64 + 1),
        ("wday", tm.tm_wday as i64 + 1),
    ];
    for (k, v) in fields {
        super::raw_set_str(st, t, k, Value::int(v));
    }
    if tm.tm_isdst >= 0 {
        super::raw_set_str(st, t, "isdst", Value::bool(tm.tm_isdst != 0));
    }
}

/// `getfield`: an integer field of the date table, minus `delta`; `default` < 0 means required.
fn get_field(
    st: &mut State,
    t: Value,
    key: &str,
    default: i64,
    delta: i64,
) -> Result<c_int, crate::state::LuaError> {
    let k = st.intern(key.as_bytes());
    let v = super::table::in_c(st, |st| st.index(t, k))?;
    let n = match v.tag {
        crate::value::INT => Some(v.payload),
        crate::value::FLOAT => crate::number::float_to_int_exact(v.as_float_raw()),
        crate::value::STR => v
            .as_str()
            .and_then(|s| crate::number::str_to_integer(s.bytes()))
            .and_then(|r| r.ok()),
        _ => None,
    };
    let res = match n {
        None if !v.is_nil() => return Err(error(st, format!("field '{key}' is not an integer"))),
        None if default < 0 => {
            return Err(error(st, format!("field '{key}' missing in date table")));
        }
        None => return Ok(default as c_int),
        Some(n) => n,
    };
    let fits = if res >= 0 {
        res - delta <= c_int::MAX as i64
    } else {
        c_int::MIN as i64 + delta <= res
    };
    if !fits {
        return Err(error(st, format!("field '{key}' is out-of-bound")));
    }
    Ok((res - delta) as c_int)
}

fn time(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.time");
    if a.is_none_or_nil(1) {
        return Ok(vec![Value::int(now())]);
    }
    let t = a.get(1);
    if a.get(1).as_table().is_none() {
        return Err(a.type_error(st, 1, "table"));
    }
    let mut tm = Tm {
        tm_year: get_field(st, t, "year", -1, 1900)?,
        tm_mon: get_field(st, t, "month", -1, 1)?,
        tm_mday: get_field(st, t, "day", -1, 0)?,
        tm_hour: get_field(st, t, "hour", 12, 0)?,
        tm_min: get_field(st, t, "min", 0, 0)?,
        tm_sec: get_field(st, t, "sec", 0, 0)?,
        ..Tm::default()
    };
    let k = st.intern(b"isdst");
    let isdst = super::table::in_c(st, |st| st.index(t, k))?;
    tm.tm_isdst = if isdst.is_nil() {
        -1
    } else {
        isdst.truthy() as c_int
    };
    // SAFETY: `tm` is a valid, initialised `struct tm`.
    let r = unsafe { mktime(&mut tm) };
    set_all_fields(st, t, &tm);
    if r == -1 {
        return Err(error(
            st,
            "time result cannot be represented in this installation",
        ));
    }
    Ok(vec![Value::int(r)])
}

/// Valid `strftime` conversions (C99), by length: `LUA_STRFTIMEOPTIONS`.
const OPTIONS_1: &[u8] = b"aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
const OPTIONS_2: &[&[u8]] = &[
    b"Ec", b"EC", b"Ex", b"EX", b"Ey", b"EY", b"Od", b"Oe", b"OH", b"OI", b"Om", b"OM", b"OS",
    b"Ou", b"OU", b"OV", b"Ow", b"OW", b"Oy",
];

fn date(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "os.date");
    let fmt = a
        .opt_str(st, 1)?
        .map(|s| s.bytes().to_vec())
        .unwrap_or_else(|| b"%c".to_vec());
    let t = if a.is_none_or_nil(2) {
        now()
    } else {
        a.int(st, 2)?
    };
    let (utc, mut s) = match fmt.strip_prefix(b"!") {
        Some(rest) => (true, rest),
        None => (false, &fmt[..]),
    };
    let mut tm = Tm::default();
    // SAFETY: `t` and `tm` are valid for the call; the functions only write `tm`.
    let ok = unsafe {
        if utc {
            gmtime_r(&t, &mut tm)
        } else {
            localtime_r(&t, &mut tm)
        }
    };
    if ok.is_null() {
        return Err(error(
            st,
            "date result cannot be represented in this installation",
        ));
    }
    if s == b"*t" {
        let tv = st.new_table();
        set_all_fields(st, tv, &tm);
        return Ok(vec![tv]);
    }
    let mut out = Vec::new();
    while let Some((&c, rest)) = s.split_first() {
        if c != b'%' {
            out.push(c);
            s = rest;
            continue;
        }
        let conv = rest;
        let len = if conv.first().is_some_and(|c| OPTIONS_1.contains(c)) {
            1
        } else if conv.len() >= 2 && OPTIONS_2.contains(&&conv[..2]) {
            2
        } else {
            let msg = format!(
                "invalid conversion specifier '%{}'",
                String::from_utf8_lossy(conv)
            );
            return Err(a.arg_error(st, 1, &msg));
        };
        let spec = CString::new([b"%", &conv[..len]].concat()).expect("no NUL in a specifier");
        let mut buf = [0u8; 250];
        // SAFETY: `buf` has the given size, `spec` is NUL-terminated and `tm` is initialised.
        let n = unsafe {
            strftime(
                buf.as_mut_ptr() as *mut c_char,
                buf.len(),
                spec.as_ptr(),
                &tm,
            )
        };
        out.extend_from_slice(&buf[..n]);
        s = &conv[len..];
    }
    Ok(vec![st.intern(&out)])
}
