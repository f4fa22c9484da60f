//! The Lua 5.4 standard library of lua-demo: base functions, `string`, `table`, `math`, `os`, `io`
//! and `coroutine`, with the messages of the reference `lua5.4` (5.4.4).
//!
//! Every library function is a `NativeImpl` taking its arguments as a vector. This module holds
//! what they share, modelled on `lauxlib.c`: argument checks (`Args`), the two kinds of error
//! (`error` is `luaL_error`, which prefixes the calling Lua line; `arg_error` is
//! `luaL_argerror`, which also names the function the way Lua does), calls from a library function
//! into other functions (`call`), and a per-interpreter registry for the values libraries keep.
//!
//! How Lua names a function in "bad argument" messages depends on who called it: a Lua call site
//! gives the name used there ('rep', 'f', 'for iterator'; methods do not count `self`), a call from
//! another library function (`pcall(string.rep)`) gives the qualified global name ('string.rep').
//! We tell the two apart by remembering, per OS thread, the native-call depth at which a library
//! function called a non-Lua function (`call`). Natives made at run time (`coroutine.wrap`'s
//! function, `string.gmatch`'s iterator) find their data the same way (`native_data`).
//!
//! Deliberately not here: a C API. The registry is an ordinary table hidden as the metatable of
//! the string metatable (protected, so scripts cannot replace it), so it stays reachable by a
//! future collector without a new field in `State`.

use std::cell::Cell;

use crate::number::{self, Number};
use crate::runtime::{Key, LuaStr, NativeFn, NativeImpl, Table};
use crate::state::{LResult, LuaError, State};
use crate::value::{self, Value};

mod base;
mod coroutine;
mod io;
mod math;
mod os;
mod string;
mod table;
#[cfg(test)]
mod tests;

/// What library functions return.
pub(crate) type Ret = LResult<Vec<Value>>;

/// Loads every library into `st`'s globals.
pub fn open_all(st: &mut State) {
    let reg = st.new_table();
    let protect = st.intern(b"__metatable");
    // SAFETY: the string metatable and the new registry are live tables owned by `st.heap`.
    unsafe {
        (*reg.as_table().expect("table")).set(Key::new(protect).expect("string key"), Value::FALSE);
        (*st.string_meta).set_meta(reg.as_table().expect("table"));
    }
    base::open(st);
    string::open(st);
    table::open(st);
    math::open(st);
    os::open(st);
    io::open(st);
    coroutine::open(st);
}

// -- Registry ----------------------------------------------------------------------------------

fn registry(st: &State) -> *mut Table {
    // SAFETY: `open_all` made the registry the string metatable's metatable; both live as long as
    // the heap.
    unsafe { (*st.string_meta).meta }
}

/// The registry entry `name` (nil if absent).
pub(crate) fn reg_get(st: &mut State, name: &str) -> Value {
    let k = st.intern(name.as_bytes());
    let reg = registry(st);
    if reg.is_null() {
        return Value::NIL;
    }
    // SAFETY: the registry is a live table.
    unsafe { (*reg).get(k) }
}

/// Sets the registry entry `name`.
pub(crate) fn reg_set(st: &mut State, name: &str, v: Value) {
    let k = st.intern(name.as_bytes());
    let reg = registry(st);
    // SAFETY: the registry is a live table; string keys are valid keys.
    unsafe { (*reg).set(Key::new(k).expect("string key"), v) };
}

// -- Library tables ----------------------------------------------------------------------------

/// Makes a library table with `funcs`, sets it as global `lib` and returns it. Each native is
/// named `lib.name`, the name Lua's messages use when a function is not called from Lua code.
pub(crate) fn new_lib(
    st: &mut State,
    lib: &'static str,
    funcs: &[(&'static str, &'static str, NativeImpl)],
) -> Value {
    let t = st.new_table();
    set_funcs(st, t, funcs);
    st.set_global(lib, t);
    t
}

/// Sets `funcs` (short name, qualified name, implementation) in table `t`.
pub(crate) fn set_funcs(
    st: &mut State,
    t: Value,
    funcs: &[(&'static str, &'static str, NativeImpl)],
) {
    for &(name, qualified, f) in funcs {
        let fv = Value::native(st.heap.new_native(qualified, f, Value::NIL));
        raw_set_str(st, t, name, fv);
    }
}

/// `t[name] = v` without metamethods.
pub(crate) fn raw_set_str(st: &mut State, t: Value, name: &str, v: Value) {
    let k = st.intern(name.as_bytes());
    let tab = t.as_table().expect("raw_set_str on a table");
    // SAFETY: `tab` is a live table; string keys are valid keys.
    unsafe { (*tab).set(Key::new(k).expect("string key"), v) };
}

/// `t[name]` without metamethods.
pub(crate) fn raw_get_str(st: &mut State, t: *mut Table, name: &str) -> Value {
    let k = st.intern(name.as_bytes());
    // SAFETY: `t` is a live table.
    unsafe { (*t).get(k) }
}

/// A native function made at run time carrying `data` (see `native_data`).
pub(crate) fn new_closure(st: &mut State, name: &'static str, f: NativeImpl, data: Value) -> Value {
    Value::native(st.heap.new_native(name, f, data))
}

// -- Who called the running native -------------------------------------------------------------

/// A non-Lua function called by a library function through `call`: the native-call depth it
/// runs at and the function value.
#[derive(Clone, Copy)]
struct CCall {
    depth: u32,
    callee: Value,
}

thread_local! {
    /// The innermost `call` of a non-Lua function in the running context (coroutines share the
    /// OS thread, so a coroutine switch saves and restores it: see `CallerMark`).
    static C_CALL: Cell<Option<CCall>> = const { Cell::new(None) };
}

/// The running context's innermost `call` mark, saved across a coroutine switch.
pub(crate) struct CallerMark(Option<CCall>);

impl CallerMark {
    /// Takes the mark out, leaving none (a fresh context has no native caller of its own).
    pub(crate) fn take() -> CallerMark {
        CallerMark(C_CALL.take())
    }

    /// Puts back a mark taken by `take`.
    pub(crate) fn restore(self) {
        C_CALL.set(self.0);
    }
}

/// True if the running native was called by a library function rather than by Lua code (Lua's
/// `ar.currentline == -1` for the caller): its errors then carry no position.
pub(crate) fn called_from_native(st: &State) -> bool {
    C_CALL.get().is_some_and(|c| c.depth == st.c_depth)
}

/// Calls `f` with `args` from a library function (`lua_call`): errors propagate, the running
/// frame (for error positions) is restored afterwards.
pub(crate) fn call(st: &mut State, f: Value, args: &[Value]) -> LResult<Vec<Value>> {
    let (base, pc) = (st.cur_base, st.cur_pc);
    let prev = C_CALL.get();
    // `call_value` counts one level for the native (a `__call` handler is called one level down
    // from the same entry), so that is the depth the callee sees.
    let mark = (f.tag != value::LCLOSURE).then_some(CCall {
        depth: st.c_depth + 1,
        callee: f,
    });
    C_CALL.set(mark);
    // The caller is a native, which has no line: errors of the call itself ("attempt to call a
    // nil value") carry no position, as in Lua. The callee's frames set their own.
    st.cur_base = 0;
    st.cur_pc = 0;
    let r = st.call_value(f, args);
    C_CALL.set(prev);
    st.cur_base = base;
    st.cur_pc = pc;
    r
}

/// The data of the running native `name` made by `new_closure`, found from its caller: the
/// function value `call` recorded, or the function slot of the Lua call instruction running.
/// `None` when it cannot be found (a run-time native used as a metamethod).
pub(crate) fn native_data(st: &State, name: &str) -> Option<Value> {
    let candidate = match C_CALL.get() {
        Some(c) if c.depth == st.c_depth => Some(c.callee),
        _ => {
            use crate::bytecode::Insn;
            let cl = st.closure_at(st.cur_base)?;
            let slot = match *cl.proto().proto.code.get(st.cur_pc)? {
                Insn::Call { func, .. } | Insn::TailCall { func, .. } => func as usize,
                Insn::TForCall { a, .. } => a as usize,
                _ => return None,
            };
            Some(st.slot(st.cur_base + slot))
        }
    }?;
    if candidate.tag != value::NATIVE {
        return None;
    }
    // SAFETY: native payloads are live natives.
    let native = unsafe { &*(candidate.payload as *const NativeFn) };
    // Callers pass the same static name the native was made with, so the pointers usually match
    // and the bytes need no comparison.
    let same = std::ptr::eq(native.name, name) || native.name == name;
    same.then_some(native.data)
}

// -- Errors ------------------------------------------------------------------------------------

/// `luaL_error`: `msg` with the position of the calling Lua code (none when called from a native).
pub(crate) fn error(st: &mut State, msg: impl AsRef<[u8]>) -> LuaError {
    let msg = msg.as_ref();
    let mut text = if called_from_native(st) {
        Vec::new()
    } else {
        st.where_(1).into_bytes()
    };
    text.extend_from_slice(msg);
    let v = st.intern(&text);
    st.error_value(v)
}

/// An error raised by the core inside a library function (`luaG_runerror` with a C function
/// running): never a position.
pub(crate) fn plain_error(st: &mut State, msg: impl AsRef<[u8]>) -> LuaError {
    let v = st.intern(msg.as_ref());
    st.error_value(v)
}

/// `luaL_argerror`: "bad argument #n to 'name' (msg)", named as Lua names the running function.
/// `qualified` is the function's global name, used when the caller gives none.
pub(crate) fn arg_error(st: &mut State, qualified: &str, arg: usize, msg: &str) -> LuaError {
    let mut arg = arg;
    let mut name = None;
    if !called_from_native(st)
        && let Some(cl) = st.closure_at(st.cur_base)
        && let Some((kind, n)) = cl.proto().proto.describe_call(st.cur_pc)
    {
        if kind == crate::bytecode::NameKind::Method {
            arg -= 1;
            if arg == 0 {
                return error(st, format!("calling '{n}' on bad self ({msg})"));
            }
        }
        name = Some(n);
    }
    // Lua searches the loaded libraries for the function's global name; the natives carry it.
    let name = name.unwrap_or_else(|| qualified.to_string());
    error(st, format!("bad argument #{arg} to '{name}' ({msg})"))
}

/// The type name for "X expected, got Y" messages (`luaL_typeerror`): `__name`, or "no value".
pub(crate) fn got_name(st: &mut State, v: Option<Value>) -> String {
    match v {
        None => "no value".to_string(),
        Some(v) => st.type_name_of(v),
    }
}

// -- Arguments ---------------------------------------------------------------------------------

/// A string argument: the interned string, which lives as long as the heap.
#[derive(Clone, Copy)]
pub(crate) struct LStr(*const LuaStr);

impl LStr {
    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: interned strings are never freed while the heap lives, and library functions
        // run inside the interpreter that owns the heap.
        unsafe { (*self.0).bytes() }
    }
    pub(crate) fn value(&self) -> Value {
        Value::str(self.0)
    }
}

/// The arguments of a library function with lauxlib-style checks. `name` is the function's
/// global name ("string.rep") for messages.
pub(crate) struct Args {
    pub(crate) v: Vec<Value>,
    pub(crate) name: &'static str,
}

impl Args {
    pub(crate) fn new(v: Vec<Value>, name: &'static str) -> Args {
        Args { v, name }
    }

    /// Number of arguments (`lua_gettop`).
    pub(crate) fn len(&self) -> usize {
        self.v.len()
    }

    /// Argument `n` (1-based), nil if absent.
    pub(crate) fn get(&self, n: usize) -> Value {
        self.v.get(n - 1).copied().unwrap_or(Value::NIL)
    }

    /// Argument `n`, or `None` if absent (`lua_isnone`).
    pub(crate) fn opt(&self, n: usize) -> Option<Value> {
        self.v.get(n - 1).copied()
    }

    /// True if argument `n` is absent or nil (`lua_isnoneornil`).
    pub(crate) fn is_none_or_nil(&self, n: usize) -> bool {
        self.get(n).is_nil()
    }

    pub(crate) fn arg_error(&self, st: &mut State, n: usize, msg: &str) -> LuaError {
        arg_error(st, self.name, n, msg)
    }

    /// `luaL_typeerror`: "X expected, got Y".
    pub(crate) fn type_error(&self, st: &mut State, n: usize, expected: &str) -> LuaError {
        let got = got_name(st, self.opt(n));
        arg_error(st, self.name, n, &format!("{expected} expected, got {got}"))
    }

    /// `luaL_checkany`.
    pub(crate) fn any(&self, st: &mut State, n: usize) -> LResult<Value> {
        match self.opt(n) {
            Some(v) => Ok(v),
            None => Err(self.arg_error(st, n, "value expected")),
        }
    }

    /// `luaL_checktype(L, n, LUA_TTABLE)`.
    pub(crate) fn table(&self, st: &mut State, n: usize) -> LResult<*mut Table> {
        match self.get(n).as_table() {
            Some(t) => Ok(t),
            None => Err(self.type_error(st, n, "table")),
        }
    }

    /// `luaL_checktype(L, n, LUA_TFUNCTION)`.
    pub(crate) fn function(&self, st: &mut State, n: usize) -> LResult<Value> {
        let v = self.get(n);
        if v.is_function() {
            Ok(v)
        } else {
            Err(self.type_error(st, n, "function"))
        }
    }

    /// `luaL_checkinteger`.
    pub(crate) fn int(&self, st: &mut State, n: usize) -> LResult<i64> {
        let v = self.get(n);
        match v.tag {
            value::INT => Ok(v.payload),
            value::FLOAT => match number::float_to_int_exact(v.as_float_raw()) {
                Some(i) => Ok(i),
                None => Err(self.arg_error(st, n, "number has no integer representation")),
            },
            value::STR => {
                match number::str_to_integer(v.as_str().map(|s| s.bytes()).unwrap_or_default()) {
                    Some(Ok(i)) => Ok(i),
                    Some(Err(_)) => {
                        Err(self.arg_error(st, n, "number has no integer representation"))
                    }
                    None => Err(self.type_error(st, n, "number")),
                }
            }
            _ => Err(self.type_error(st, n, "number")),
        }
    }

    /// `luaL_optinteger`.
    pub(crate) fn opt_int(&self, st: &mut State, n: usize, default: i64) -> LResult<i64> {
        if self.is_none_or_nil(n) {
            Ok(default)
        } else {
            self.int(st, n)
        }
    }

    /// `luaL_checknumber`, keeping the subtype.
    pub(crate) fn number(&self, st: &mut State, n: usize) -> LResult<Number> {
        match st.tonumber_coerce(self.get(n)) {
            Some(x) => Ok(x),
            None => Err(self.type_error(st, n, "number")),
        }
    }

    /// `luaL_checknumber` as a float.
    pub(crate) fn float(&self, st: &mut State, n: usize) -> LResult<f64> {
        Ok(match self.number(st, n)? {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        })
    }

    /// `luaL_checklstring`: strings, and numbers converted to strings.
    pub(crate) fn str(&self, st: &mut State, n: usize) -> LResult<LStr> {
        let v = self.get(n);
        match v.tag {
            value::STR => Ok(LStr(v.payload as *const LuaStr)),
            value::INT | value::FLOAT => {
                let s = v.to_display();
                Ok(LStr(st.heap.intern(&s)))
            }
            _ => Err(self.type_error(st, n, "string")),
        }
    }

    /// `luaL_optlstring`.
    pub(crate) fn opt_str(&self, st: &mut State, n: usize) -> LResult<Option<LStr>> {
        if self.is_none_or_nil(n) {
            Ok(None)
        } else {
            self.str(st, n).map(Some)
        }
    }
}

/// A string value as bytes, numbers converted (`lua_tolstring`), or `None`.
pub(crate) fn to_bytes(v: Value) -> Option<Vec<u8>> {
    match v.tag {
        value::STR => v.as_str().map(|s| s.bytes().to_vec()),
        value::INT | value::FLOAT => Some(v.to_display()),
        _ => None,
    }
}

/// `luaL_tolstring`: `tostring` with `__tostring` and `__name`, as bytes.
pub(crate) fn tostring_bytes(st: &mut State, v: Value) -> LResult<Vec<u8>> {
    match v.tag {
        // Values without a metatable of their own are converted directly, without interning
        // a string for every number printed (there is no collector to free them yet).
        value::STR => Ok(v.as_str().map(|s| s.bytes().to_vec()).unwrap_or_default()),
        value::NIL | value::FALSE | value::TRUE | value::INT | value::FLOAT => Ok(v.to_display()),
        _ => {
            let s = st.tostring(v)?;
            Ok(s.as_str().map(|s| s.bytes().to_vec()).unwrap_or_default())
        }
    }
}

/// The largest string a library function builds (Lua's `MAXSIZE` in `lstrlib.c` is `INT_MAX`).
pub(crate) const MAX_STRING: usize = i32::MAX as usize;
