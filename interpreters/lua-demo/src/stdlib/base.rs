//! The base library (`lbaselib.c`): print, type, tostring, tonumber, pairs, ipairs, next,
//! select, the raw accessors, metatables, assert, error, pcall, xpcall, load, collectgarbage.
//!
//! `pcall` and `xpcall` catch the error as a Rust `Err` after the callee's frames are gone, then
//! close the upvalues those frames left open (everything at or above the stack top at the call).
//! Consequently `xpcall`'s handler runs after unwinding rather than at the point of the error, so
//! a traceback taken inside it starts at the handler. An error inside the handler gives
//! "error in error handling" directly, as Lua does in the end after retrying the handler.
//!
//! Not supported: `require` (absent) and binary chunks in `load`/`loadfile`.

use std::io::Write;

use super::{Args, Ret, arg_error, call, error, new_closure, reg_get, reg_set, set_funcs};
use crate::number;
use crate::runtime::Key;
use crate::state::{LResult, LuaError, State};
use crate::value::{self, Value};

pub(super) fn open(st: &mut State) {
    let g = Value::table(st.globals);
    set_funcs(
        st,
        g,
        &[
            ("assert", "assert", assert),
            ("collectgarbage", "collectgarbage", collectgarbage),
            ("dofile", "dofile", dofile),
            ("error", "error", error_fn),
            ("getmetatable", "getmetatable", getmetatable),
            ("ipairs", "ipairs", ipairs),
            ("load", "load", load),
            ("loadfile", "loadfile", loadfile),
            ("next", "next", next),
            ("pairs", "pairs", pairs),
            ("pcall", "pcall", pcall),
            ("print", "print", print),
            ("rawequal", "rawequal", rawequal),
            ("rawget", "rawget", rawget),
            ("rawlen", "rawlen", rawlen),
            ("rawset", "rawset", rawset),
            ("select", "select", select),
            ("setmetatable", "setmetatable", setmetatable),
            ("tonumber", "tonumber", tonumber),
            ("tostring", "tostring", tostring),
            ("type", "type", type_fn),
            ("warn", "warn", warn),
            ("xpcall", "xpcall", xpcall),
        ],
    );
    st.set_global("_G", g);
    let version = st.intern(b"Lua 5.4");
    st.set_global("_VERSION", version);
    let next_fn = super::raw_get_str(st, st.globals, "next");
    reg_set(st, "next", next_fn);
    let aux = new_closure(st, "ipairs_aux", ipairs_aux, Value::NIL);
    reg_set(st, "ipairs_aux", aux);
    // lua.c switches the collector to generational mode at start-up; `collectgarbage` reports
    // the mode it replaces.
    let mode = st.intern(b"generational");
    reg_set(st, "gc_mode", mode);
}

fn print(st: &mut State, args: Vec<Value>) -> Ret {
    // Each piece is written as soon as it is converted, so an error in a later `__tostring`
    // leaves the earlier ones printed, as in Lua.
    for (i, a) in args.iter().enumerate() {
        let piece = match a.as_str() {
            Some(s) => s.bytes().to_vec(),
            None => super::tostring_bytes(st, *a)?,
        };
        if i > 0 {
            let _ = st.out.write_all(b"\t");
        }
        let _ = st.out.write_all(&piece);
    }
    let _ = st.out.write_all(b"\n");
    Ok(Vec::new())
}

fn type_fn(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "type");
    let v = a.any(st, 1)?;
    Ok(vec![st.intern(v.type_name().as_bytes())])
}

fn tostring(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "tostring");
    let v = a.any(st, 1)?;
    Ok(vec![st.tostring(v)?])
}

fn tonumber(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "tonumber");
    if a.is_none_or_nil(2) {
        let v = a.get(1);
        if v.is_number() {
            return Ok(vec![v]);
        }
        if let Some(s) = v.as_str()
            && let Some(n) = number::str_to_number(s.bytes())
        {
            return Ok(vec![Value::number(n)]);
        }
        a.any(st, 1)?;
        return Ok(vec![Value::NIL]);
    }
    let base = a.int(st, 2)?;
    let v = a.get(1);
    let Some(s) = v.as_str() else {
        return Err(a.type_error(st, 1, "string"));
    };
    match number::tonumber_base(s.bytes(), base) {
        Ok(Some(n)) => Ok(vec![Value::int(n)]),
        Ok(None) => Ok(vec![Value::NIL]),
        Err(_) => Err(a.arg_error(st, 2, "base out of range")),
    }
}

fn ipairs(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "ipairs");
    let t = a.any(st, 1)?;
    Ok(vec![reg_get(st, "ipairs_aux"), t, Value::int(0)])
}

fn ipairs_aux(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "ipairs_aux");
    let i = a.int(st, 2)?.wrapping_add(1);
    let t = a.get(1);
    let v = super::table::geti(st, t, i)?;
    if v.is_nil() {
        Ok(vec![Value::NIL])
    } else {
        Ok(vec![Value::int(i), v])
    }
}

fn pairs(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "pairs");
    let t = a.any(st, 1)?;
    let h = metafield(st, t, "__pairs");
    if h.is_nil() {
        return Ok(vec![reg_get(st, "next"), t, Value::NIL]);
    }
    let mut r = call(st, h, &[t])?;
    r.resize(3, Value::NIL);
    Ok(r)
}

fn next(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "next");
    let t = a.table(st, 1)?;
    // SAFETY: `t` is a live table.
    match unsafe { (*t).next(a.get(2)) } {
        Ok(Some((k, v))) => Ok(vec![k, v]),
        Ok(None) => Ok(vec![Value::NIL]),
        Err(()) => Err(super::plain_error(st, "invalid key to 'next'")),
    }
}

fn select(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "select");
    let n = a.len() as i64;
    if let Some(s) = a.get(1).as_str()
        && s.bytes().first() == Some(&b'#')
    {
        return Ok(vec![Value::int(n - 1)]);
    }
    let mut i = a.int(st, 1)?;
    if i < 0 {
        i += n;
    } else if i > n {
        i = n;
    }
    if i < 1 {
        return Err(a.arg_error(st, 1, "index out of range"));
    }
    let mut v = a.v;
    Ok(v.split_off(i as usize))
}

fn rawget(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "rawget");
    let t = a.table(st, 1)?;
    let k = a.any(st, 2)?;
    // SAFETY: `t` is a live table.
    Ok(vec![unsafe { (*t).get(k) }])
}

fn rawset(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "rawset");
    let t = a.table(st, 1)?;
    let k = a.any(st, 2)?;
    let v = a.any(st, 3)?;
    raw_set_checked(st, t, k, v)?;
    Ok(vec![a.get(1)])
}

/// A raw table store with the core's key errors, raised without a position (`luaH_set` runs
/// inside the C function).
pub(crate) fn raw_set_checked(
    st: &mut State,
    t: *mut crate::runtime::Table,
    k: Value,
    v: Value,
) -> LResult<()> {
    match Key::new(k) {
        // SAFETY: `t` is a live table.
        Some(key) => unsafe { (*t).set(key, v) },
        None if k.is_nil() => return Err(super::plain_error(st, "table index is nil")),
        None => return Err(super::plain_error(st, "table index is NaN")),
    }
    Ok(())
}

fn rawequal(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "rawequal");
    let x = a.any(st, 1)?;
    let y = a.any(st, 2)?;
    Ok(vec![Value::bool(x.raw_eq(y))])
}

fn rawlen(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "rawlen");
    let v = a.get(1);
    if let Some(t) = v.as_table() {
        // SAFETY: `t` is a live table.
        return Ok(vec![Value::int(unsafe { (*t).border() })]);
    }
    if let Some(s) = v.as_str() {
        return Ok(vec![Value::int(s.len() as i64)]);
    }
    Err(a.type_error(st, 1, "table or string"))
}

fn setmetatable(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "setmetatable");
    let t = a.table(st, 1)?;
    let mt = a.get(2);
    if a.opt(2).is_none() || !(mt.is_nil() || mt.tag == value::TABLE) {
        return Err(a.type_error(st, 2, "nil or table"));
    }
    if !metafield(st, a.get(1), "__metatable").is_nil() {
        return Err(error(st, "cannot change a protected metatable"));
    }
    // SAFETY: `t` is a live table; `mt` is a table or nil (null).
    unsafe { (*t).set_meta(mt.as_table().unwrap_or(std::ptr::null_mut())) };
    Ok(vec![a.get(1)])
}

/// `luaL_getmetafield`: field `name` of `v`'s metatable (raw), or nil.
pub(crate) fn metafield(st: &mut State, v: Value, name: &str) -> Value {
    match st.metatable(v) {
        Some(mt) => super::raw_get_str(st, mt, name),
        None => Value::NIL,
    }
}

fn getmetatable(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "getmetatable");
    let v = a.any(st, 1)?;
    let Some(mt) = st.metatable(v) else {
        return Ok(vec![Value::NIL]);
    };
    let protected = metafield(st, v, "__metatable");
    if !protected.is_nil() {
        return Ok(vec![protected]);
    }
    Ok(vec![Value::table(mt)])
}

fn assert(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "assert");
    if a.get(1).truthy() {
        return Ok(a.v);
    }
    a.any(st, 1)?;
    // Lua's assert raises its message like `error(msg)`: strings get the caller's position.
    let msg = match a.opt(2) {
        Some(m) => m,
        None => st.intern(b"assertion failed!"),
    };
    Err(raise_at_level(st, msg, 1))
}

/// `luaB_error`: raises `v`, prefixed with the position of `level` when it is a string.
fn raise_at_level(st: &mut State, v: Value, level: i64) -> LuaError {
    if let Some(s) = v.as_str()
        && level > 0
    {
        let mut text = where_level(st, level as usize).into_bytes();
        text.extend_from_slice(s.bytes());
        let msg = st.intern(&text);
        return st.error_value(msg);
    }
    st.error_value(v)
}

fn error_fn(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "error");
    let level = a.opt_int(st, 2, 1)?;
    Err(raise_at_level(st, a.get(1), level))
}

/// `luaL_where(L, level)` seen from a library function: level 1 is its caller.
pub(crate) fn where_level(st: &State, level: usize) -> String {
    if super::called_from_native(st) {
        // Level 1 is the native that called us, which has no line; the Lua frames start above.
        if level <= 1 {
            String::new()
        } else {
            st.where_(level - 1)
        }
    } else {
        st.where_(level)
    }
}

/// Calls `f` with `args` catching errors: the Lua frames the error abandoned are unwound (their
/// open upvalues closed) before the error is returned.
/// `protected_call` for `pcall` and `xpcall`, whose errors never propagate: no traceback is built
/// for an error raised inside (see `State::protected`).
fn catching_call(st: &mut State, f: Value, args: &[Value]) -> Result<Vec<Value>, LuaError> {
    st.protected += 1;
    let r = protected_call(st, f, args);
    st.protected -= 1;
    r
}

pub(crate) fn protected_call(
    st: &mut State,
    f: Value,
    args: &[Value],
) -> Result<Vec<Value>, LuaError> {
    let top = st.frame_top;
    let level = st.slot_of(top);
    let (base, pc, depth) = (st.cur_base, st.cur_pc, st.c_depth);
    let r = call(st, f, args);
    let Err(e) = r else { return r };
    st.close_upvals(level);
    st.c_depth = depth;
    st.unwind_to(top, base, pc);
    // To-be-closed variables the error abandoned get the error; one of their handlers raising
    // replaces it. Their frames go above `top`, where the abandoned frames were.
    let e = st
        .close_tbc(level, Some(e))
        .expect("an error stays an error");
    st.unwind_to(top, base, pc);
    Err(e)
}

fn pcall(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "pcall");
    let f = a.any(st, 1)?;
    match catching_call(st, f, &a.v[1..]) {
        Ok(mut r) => {
            r.insert(0, Value::TRUE);
            Ok(r)
        }
        Err(e) => Ok(vec![Value::FALSE, e.value]),
    }
}

fn xpcall(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "xpcall");
    let h = a.function(st, 2)?;
    let f = a.get(1);
    match catching_call(st, f, &a.v[2.min(a.len())..]) {
        Ok(mut r) => {
            r.insert(0, Value::TRUE);
            Ok(r)
        }
        Err(e) => match catching_call(st, h, &[e.value]) {
            Ok(r) => Ok(vec![Value::FALSE, r.first().copied().unwrap_or(Value::NIL)]),
            Err(_) => {
                let msg = st.intern(b"error in error handling");
                Ok(vec![Value::FALSE, msg])
            }
        },
    }
}

/// The chunk name as messages print it (`luaO_chunkid`, with `LUA_IDSIZE` 60).
pub(crate) fn chunk_id(name: &[u8]) -> String {
    const IDSIZE: usize = 60;
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    if let Some(rest) = name.strip_prefix(b"=") {
        return text(&rest[..rest.len().min(IDSIZE - 1)]);
    }
    if let Some(rest) = name.strip_prefix(b"@") {
        if rest.len() < IDSIZE {
            return text(rest);
        }
        return format!("...{}", text(&rest[rest.len() - (IDSIZE - 4)..]));
    }
    // [string "source"]: keep a short one-line source, else its first line, cut, with "...".
    let room = IDSIZE - "[string \"...\"]".len() - 1;
    let nl = name.iter().position(|&c| c == b'\n');
    if name.len() < room && nl.is_none() {
        return format!("[string \"{}\"]", text(name));
    }
    let line = &name[..nl.unwrap_or(name.len()).min(room)];
    format!("[string \"{}...\"]", text(line))
}

fn load(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "load");
    let chunk = a.get(1);
    let mode = a
        .opt_str(st, 3)?
        .map(|s| s.bytes().to_vec())
        .unwrap_or_else(|| b"bt".to_vec());
    let (source, chunkname) = match super::to_bytes(chunk) {
        Some(s) => {
            let name = match a.opt_str(st, 2)? {
                Some(n) => n.bytes().to_vec(),
                None => s.clone(),
            };
            (s, name)
        }
        None => {
            let name = match a.opt_str(st, 2)? {
                Some(n) => n.bytes().to_vec(),
                None => b"=(load)".to_vec(),
            };
            a.function(st, 1)?;
            match read_chunk(st, chunk) {
                Ok(s) => (s, name),
                Err(e) => return Ok(vec![Value::NIL, e.value]),
            }
        }
    };
    let is_binary = source.first() == Some(&0x1b);
    let kind: &[u8] = if is_binary { b"binary" } else { b"text" };
    if !mode.contains(&kind[0]) {
        let msg = [
            b"attempt to load a ",
            kind,
            b" chunk (mode is '",
            &mode[..],
            b"')",
        ]
        .concat();
        return Ok(vec![Value::NIL, st.intern(&msg)]);
    }
    if is_binary {
        return Ok(vec![
            Value::NIL,
            st.intern(b"binary chunks are not supported by lua-demo"),
        ]);
    }
    let display = chunk_id(&chunkname);
    match crate::compiler::compile_string(&source, &display) {
        Err(e) => Ok(vec![Value::NIL, st.intern(e.message())]),
        Ok(proto) => {
            let f = crate::interp::closure_for(st, &proto);
            if let Some(env) = a.opt(4) {
                set_first_upvalue(f, env);
            }
            Ok(vec![f])
        }
    }
}

/// `luaL_loadfilex`: compiles a file (stdin when `name` is `None`) as a main chunk. `Err` is
/// the message Lua returns ("cannot open x.lua: No such file or directory", or a syntax error).
fn load_file(st: &mut State, name: Option<&[u8]>, mode: &[u8]) -> Result<Value, Value> {
    use std::io::Read;
    let (source, chunkname) = match name {
        None => {
            let mut buf = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut buf) {
                Ok(_) => (buf, b"=stdin".to_vec()),
                Err(e) => return Err(open_error(st, b"stdin", &e)),
            }
        }
        Some(n) => {
            use std::os::unix::ffi::OsStrExt;
            match std::fs::read(std::ffi::OsStr::from_bytes(n)) {
                Ok(buf) => (buf, [b"@", n].concat()),
                Err(e) => return Err(open_error(st, n, &e)),
            }
        }
    };
    // The mode applies to what follows an optional byte-order mark and `#` first line, which
    // `compile` skips as `luaL_loadfilex` does.
    let body = source.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&source);
    let body = if body.first() == Some(&b'#') {
        &body[body.iter().position(|&c| c == b'\n').unwrap_or(body.len())..]
    } else {
        body
    };
    let kind: &[u8] = if body.first() == Some(&0x1b) {
        b"binary"
    } else {
        b"text"
    };
    if !mode.contains(&kind[0]) {
        let msg = [
            b"attempt to load a ",
            kind,
            b" chunk (mode is '",
            mode,
            b"')",
        ]
        .concat();
        return Err(st.intern(&msg));
    }
    let display = chunk_id(&chunkname);
    match crate::compiler::compile(&source, &display) {
        Ok(proto) => Ok(crate::interp::closure_for(st, &proto)),
        Err(e) => Err(st.intern(e.message())),
    }
}

fn open_error(st: &mut State, name: &[u8], e: &std::io::Error) -> Value {
    let code = e.raw_os_error().unwrap_or(0);
    let text = super::os::os_error_text(code);
    let msg = [b"cannot open ", name, b": ", text.as_bytes()].concat();
    st.intern(&msg)
}

fn loadfile(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "loadfile");
    let name = a.opt_str(st, 1)?;
    let mode = a
        .opt_str(st, 2)?
        .map(|s| s.bytes().to_vec())
        .unwrap_or_else(|| b"bt".to_vec());
    match load_file(st, name.as_ref().map(|n| n.bytes()), &mode) {
        Ok(f) => {
            if let Some(env) = a.opt(3) {
                set_first_upvalue(f, env);
            }
            Ok(vec![f])
        }
        Err(msg) => Ok(vec![Value::NIL, msg]),
    }
}

fn dofile(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "dofile");
    let name = a.opt_str(st, 1)?;
    match load_file(st, name.as_ref().map(|n| n.bytes()), b"bt") {
        Ok(f) => call(st, f, &[]),
        Err(msg) => Err(st.error_value(msg)),
    }
}

/// `warn`: messages go to stderr as "Lua warning: ..." once "@on" was sent (lua.c starts with
/// warnings off); "@on"/"@off" are the only control messages.
fn warn(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "warn");
    a.str(st, 1)?;
    let mut text = Vec::new();
    for n in 1..=a.len() {
        text.extend_from_slice(a.str(st, n)?.bytes());
    }
    if a.len() == 1 && text.first() == Some(&b'@') {
        match &text[..] {
            b"@on" => reg_set(st, "warn_on", Value::TRUE),
            b"@off" => reg_set(st, "warn_on", Value::FALSE),
            _ => {}
        }
        return Ok(Vec::new());
    }
    if reg_get(st, "warn_on").truthy() {
        let mut line = b"Lua warning: ".to_vec();
        line.extend_from_slice(&text);
        line.push(b'\n');
        let _ = std::io::stderr().write_all(&line);
    }
    Ok(Vec::new())
}

/// Sets the first upvalue (`_ENV` of a main chunk) of Lua closure `f`.
fn set_first_upvalue(f: Value, v: Value) {
    if let Some(cl) = f.as_closure() {
        // SAFETY: `f` is a live closure; its upvalues are live (closed) upvalue objects.
        unsafe {
            if let Some(&uv) = (*cl).upvals.first() {
                (*uv).set(v);
            }
        }
    }
}

/// Calls the reader function of `load` until it returns nil or an empty string.
fn read_chunk(st: &mut State, reader: Value) -> LResult<Vec<u8>> {
    let mut source = Vec::new();
    loop {
        let r = protected_call(st, reader, &[])?;
        let piece = r.first().copied().unwrap_or(Value::NIL);
        if piece.is_nil() {
            return Ok(source);
        }
        match piece.as_str() {
            Some(s) if s.is_empty() => return Ok(source),
            Some(s) => source.extend_from_slice(s.bytes()),
            None => return Err(error(st, "reader function must return a string")),
        }
        if source.len() > super::MAX_STRING {
            return Err(error(st, "not enough memory"));
        }
    }
}

fn collectgarbage(st: &mut State, args: Vec<Value>) -> Ret {
    // Collecting is only sound when the interpreter called this directly: then every live value
    // is in the stack below the caller's frame top. Otherwise (from compiled code, or from a
    // native such as `pcall(collectgarbage)`) the request is ignored.
    let transparent = std::mem::take(&mut st.native_transparent);
    let a = Args::new(args, "collectgarbage");
    let opt = a
        .opt_str(st, 1)?
        .map(|s| s.bytes().to_vec())
        .unwrap_or_else(|| b"collect".to_vec());
    let can_collect = transparent && st.gc_lock == 0;
    let top = st.slot_of(st.frame_top);
    Ok(match &opt[..] {
        b"collect" => {
            if can_collect {
                st.collect(Some(vgc::Collection::Full), top);
            }
            vec![Value::int(0)]
        }
        b"stop" | b"restart" => vec![Value::int(0)],
        b"count" => {
            let bytes = st.heap.gc.stats().heap_bytes;
            vec![Value::float(bytes as f64 / 1024.0)]
        }
        b"step" => {
            // One step is one zone-local collection: Red, or whatever was requested.
            let done = can_collect && st.collect(Some(vgc::Collection::Red), top).is_some();
            vec![Value::bool(done)]
        }
        b"isrunning" => vec![Value::TRUE],
        b"setpause" => {
            a.opt_int(st, 2, 0)?;
            vec![Value::int(200)]
        }
        b"setstepmul" => {
            a.opt_int(st, 2, 0)?;
            vec![Value::int(100)]
        }
        b"incremental" | b"generational" => {
            let prev = reg_get(st, "gc_mode");
            let now = st.intern(&opt);
            reg_set(st, "gc_mode", now);
            vec![prev]
        }
        _ => {
            let msg = format!("invalid option '{}'", String::from_utf8_lossy(&opt));
            return Err(arg_error(st, "collectgarbage", 1, &msg));
        }
    })
}
