//! The interpreter state: the value stack, the heap, globals, the JIT, and the generic (slow-path)
//! operations with metamethods that both the interpreter and compiled code call.
//!
//! The stack holds values in slots of two words. A Lua frame with base `b` has a header of three
//! slots below its registers (LuaJIT keeps its frame links in the stack the same way):
//! - `b - 3`: the called function;
//! - `b - 2`: the link: tag = the caller's pc (`-1` when a native called this frame), payload =
//!   `b - caller base` in slots;
//! - `b - 1`: tag = the `top` set by the last multiple-result instruction (a register number),
//!   payload = the number of extra arguments of a vararg function (stored just below the header);
//! - `b ..`: the registers. The compiler places arguments right after the function, so a call
//!   moves them up by two slots to make room for the link and top (in a trace these moves are free).
//!
//! Everything the interpreter needs to continue is in the stack, so a trace that inlined calls can
//! exit anywhere: the frame chain is rebuilt by reading the links back.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;

use metatrace::{Jit, JitConfig, JitCtxHeader};

use crate::number::{self, Number};
use crate::runtime::{Heap, Key, LClosure, LuaStr, NativeImpl, Table, UpVal, trace_value};
use crate::value::{self, Value};
use vgc::{Collection, CollectionReport, Tracer};

/// Maximum stack size in value slots (Lua's `LUAI_MAXSTACK`).
pub const MAX_STACK: usize = 1_000_000;
/// Slots allocated past `MAX_STACK`, so that a frame view of 256 registers from any base the
/// stack checks allow stays inside the allocation.
pub const STACK_SLACK: usize = 512;
/// Maximum nesting of native calls (Lua's `LUAI_MAXCCALLS`).
pub const MAX_C_DEPTH: u32 = 200;
/// Header slots below a frame's registers: function, link, top.
pub const EXTRA: usize = 3;

/// An error in flight: the error value and the traceback at the raise.
#[derive(Clone)]
pub struct LuaError {
    pub value: Value,
    pub traceback: Option<String>,
}

impl fmt::Debug for LuaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "LuaError({:?})", self.value)
    }
}

pub type LResult<T> = Result<T, LuaError>;

/// The interpreter. `#[repr(C)]`: compiled code reads the first fields at fixed offsets.
#[repr(C)]
pub struct State {
    /// Offset 0: the exception flag compiled code checks after residual calls.
    pub header: JitCtxHeader,
    /// Offsets 8 and 16: the value a residual call returns.
    pub ret: Value,
    /// Offsets 24 and 32: an extra argument to a residual call (the value of a table store).
    pub arg: Value,
    /// The first free stack slot above the running Lua frame (nested calls start here).
    pub frame_top: *mut Value,
    pub stack: *mut Value,
    pub heap: Heap,
    pub globals: *mut Table,
    pub string_meta: *mut Table,
    pub jit: Jit,
    /// The error raised by a residual call in compiled code, raised again when the trace exits.
    pub pending_error: Option<LuaError>,
    pub open_upvals: BTreeMap<usize, *mut UpVal>,
    /// Stack slots of the running coroutine's pending to-be-closed variables (`local x <close>`),
    /// oldest first. The values stay in their registers, which keeps them alive.
    pub tbc: Vec<usize>,
    /// A native function is running directly (no Lua frame entered since): a Lua function called
    /// now is called from native code. Set around native calls and cleared around Lua calls
    /// (`call_value`), so a metamethod the interpreter calls links its frame to the Lua frame
    /// that triggered it, as Lua's call chain does (`error(msg, 2)` names that frame's line).
    pub in_native: bool,
    pub c_depth: u32,
    /// Protected calls (`pcall`, `xpcall`) running in this coroutine. While one runs, an error is
    /// caught before it reaches the host, so no traceback is built for it.
    pub protected: u32,
    /// Base and pc of the innermost running Lua frame, for error positions and tracebacks.
    pub cur_base: usize,
    pub cur_pc: usize,
    /// Where `print` and `io.write` go: buffered stdout, or a buffer for in-process runs.
    pub out: Box<dyn Write>,
    pub script_name: String,
    pub start_time: std::time::Instant,
    /// Interned metamethod names, indexed by `TM`.
    pub tm_names: Vec<*const LuaStr>,
    /// While recording: the base of the frame the trace started in.
    pub recording_entry: Option<usize>,
    /// Collections are allowed only while this is 0: it counts the native calls into Lua whose
    /// Rust frames may hold values the roots do not show (see `call_value`).
    pub gc_lock: u32,
    /// Set by the interpreter for the duration of a direct call of a native marked
    /// `gc_transparent`, and taken by that native's first call into Lua (or hand-off).
    pub native_transparent: bool,
    /// Empty argument/result vectors kept for the next native call from Lua (`take_vec`,
    /// `recycle_vec`): a call of a native otherwise allocates and frees one or two small
    /// vectors. They hold no values, so the collector need not see them.
    vec_pool: Vec<Vec<Value>>,
    /// Collect at every safepoint (`VGC_STRESS=1`).
    pub gc_stress: bool,
    /// Set when a loop recording starts: its first instruction emits the collection-request guard.
    pub gc_guard_pending: bool,
    /// Extra roots registered for the duration of a native call (a resumer's saved stack).
    pub(crate) extra_roots: Vec<ExtraRoot>,
}

/// A root a native registers while it runs: an address and the function that traces what is there.
pub(crate) type ExtraRoot = (*const (), fn(*const (), &mut Tracer));

impl State {
    pub const OFFSET_RET_TAG: i64 = 8;
    pub const OFFSET_RET_PAYLOAD: i64 = 16;
    pub const OFFSET_ARG_TAG: i64 = 24;
    pub const OFFSET_ARG_PAYLOAD: i64 = 32;

    /// A fresh interpreter with the standard library loaded, printing to stdout.
    pub fn new(jit: JitConfig) -> Box<State> {
        State::with_output(jit, Box::new(std::io::BufWriter::new(std::io::stdout())))
    }

    /// A fresh interpreter whose output goes to `out`.
    pub fn with_output(jit: JitConfig, out: Box<dyn Write>) -> Box<State> {
        let layout =
            std::alloc::Layout::array::<Value>(MAX_STACK + STACK_SLACK).expect("stack layout");
        // SAFETY: the layout is nonzero; zeroed memory is all-nil values (tag 0). Pages are
        // committed lazily by the OS, so the size costs address space, not memory.
        let stack = unsafe { std::alloc::alloc_zeroed(layout) } as *mut Value;
        if stack.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        crate::runtime::clear_dead_strings();
        let mut heap = Heap::default();
        let gc_stress = heap.gc.config().stress;
        let globals = heap.new_table(0, 64);
        let string_meta = heap.new_table(0, 1);
        let tm_names = TM_NAMES.iter().map(|n| heap.intern(n.as_bytes())).collect();
        let mut st = Box::new(State {
            header: JitCtxHeader::default(),
            ret: Value::NIL,
            arg: Value::NIL,
            frame_top: stack,
            stack,
            heap,
            globals,
            string_meta,
            jit: Jit::new(jit),
            pending_error: None,
            open_upvals: BTreeMap::new(),
            tbc: Vec::new(),
            in_native: false,
            c_depth: 0,
            protected: 0,
            cur_base: 0,
            cur_pc: 0,
            out,
            script_name: String::new(),
            start_time: std::time::Instant::now(),
            tm_names,
            recording_entry: None,
            gc_lock: 0,
            native_transparent: false,
            vec_pool: Vec::new(),
            gc_stress,
            gc_guard_pending: false,
            extra_roots: Vec::new(),
        });
        // Loop and function traces are keyed by their prototype's address (see `interp`), so the
        // oracle reads the liveness of that prototype.
        // Recursive calls run through function-entry traces (`call_assembler`): compiled code
        // calls the callee's compiled code directly, within the JIT's `max_call_stack` bytes of
        // native stack (the default suits a 2 MiB thread; the CLI, on a 512 MiB one, raises
        // it). The portal finishes a call whose callee left its trace early in the interpreter,
        // and each such level holds the interpreter's native frames: `max_call_depth` bounds
        // how many nest before calls just run in the interpreter.
        st.jit.set_portal(crate::interp::portal);
        // Compiled reference stores mark VGC's card table inline (`gc_wb`).
        st.jit.set_gc_layout(crate::interp::GC_LAYOUT);
        st.jit.config.max_call_depth = 200;
        st.jit.set_liveness(|code, pc, slot| {
            // SAFETY: `code` is the address of a prototype of this state, which lives until the
            // state is dropped; the JIT only asks while recording, inside the state's run.
            unsafe { &*(code as *const crate::runtime::ProtoRt) }.slot_live(pc, slot)
        });
        crate::stdlib::open_all(&mut st);
        st
    }

    /// The slot index of a stack address.
    pub(crate) fn slot_of(&self, p: *const Value) -> usize {
        // SAFETY: `p` points into the stack allocation.
        (unsafe { p.offset_from(self.stack) }) as usize
    }

    pub fn slot(&self, idx: usize) -> Value {
        debug_assert!(idx < MAX_STACK + STACK_SLACK);
        // SAFETY: indexes below the stack size are inside the allocation.
        unsafe { *self.stack.add(idx) }
    }

    pub fn set_slot(&mut self, idx: usize, v: Value) {
        debug_assert!(idx < MAX_STACK + STACK_SLACK);
        // SAFETY: as in `slot`.
        unsafe { *self.stack.add(idx) = v }
    }

    pub fn intern(&mut self, s: &[u8]) -> Value {
        Value::str(self.heap.intern(s))
    }

    pub fn new_table(&mut self) -> Value {
        Value::table(self.heap.new_table(0, 0))
    }

    /// Defines a global.
    pub fn set_global(&mut self, name: &str, v: Value) {
        let k = self.intern(name.as_bytes());
        // SAFETY: the globals table lives as long as the heap.
        unsafe { (*self.globals).set(Key::new(k).expect("string key"), v) };
    }

    pub fn native(&mut self, name: &'static str, f: NativeImpl) -> Value {
        Value::native(self.heap.new_native(name, f, Value::NIL))
    }

    /// Registers `funcs` in table `t`.
    pub fn register(&mut self, t: Value, funcs: &[(&'static str, NativeImpl)]) {
        for &(name, f) in funcs {
            let fv = self.native(name, f);
            let k = self.intern(name.as_bytes());
            let t = t.as_table().expect("library table");
            // SAFETY: `t` is a live table.
            unsafe { (*t).set(Key::new(k).expect("string key"), fv) };
        }
    }

    // -- Errors --------------------------------------------------------------------------------

    /// The `chunk:line:` prefix of the running Lua frame (`level` 1) or its callers.
    pub fn where_(&self, level: usize) -> String {
        let mut base = self.cur_base;
        let mut pc = self.cur_pc;
        for _ in 1..level {
            match self.caller_of(base) {
                Some((b, p)) => {
                    base = b;
                    pc = p;
                }
                None => return String::new(),
            }
        }
        match self.closure_at(base) {
            Some(cl) => {
                let proto = &cl.proto().proto;
                format!("{}:{}: ", proto.source, proto.line(pc))
            }
            None => String::new(),
        }
    }

    /// The Lua closure of the frame at `base`, if that frame is a Lua frame.
    pub fn closure_at(&self, base: usize) -> Option<&LClosure> {
        if base < EXTRA {
            return None;
        }
        let f = self.slot(base - 3);
        // SAFETY: a closure value in a frame header is live.
        f.as_closure().map(|c| unsafe { &*c })
    }

    /// The caller's base and pc of the frame at `base`, if a Lua frame called it.
    pub fn caller_of(&self, base: usize) -> Option<(usize, usize)> {
        self.closure_at(base)?;
        let link = self.slot(base - 2);
        match link.tag {
            // Called from native code.
            -1 => None,
            // Called through `call_assembler`: returns to native code, but a Lua frame made the
            // call at pc `-2 - tag` (see `interp::call_assembler_call`).
            t if t < -1 => Some((base - link.payload as usize, (-2 - t) as usize)),
            t => Some((base - link.payload as usize, t as usize)),
        }
    }

    /// A runtime error with the position of the running Lua frame.
    pub fn rt_error(&mut self, msg: impl AsRef<str>) -> LuaError {
        let text = format!("{}{}", self.where_(1), msg.as_ref());
        let v = self.intern(text.as_bytes());
        self.error_value(v)
    }

    /// An error carrying `value` as is.
    pub fn error_value(&mut self, value: Value) -> LuaError {
        LuaError {
            value,
            traceback: (self.protected == 0).then(|| self.traceback()),
        }
    }

    /// The traceback of the Lua frames, innermost first, as lua5.4 prints it.
    pub fn traceback(&self) -> String {
        let mut out = String::from("stack traceback:");
        let mut base = self.cur_base;
        let mut pc = self.cur_pc;
        let mut n = 0;
        while let Some(cl) = self.closure_at(base) {
            n += 1;
            if n > 22 {
                out.push_str("\n\t...");
                break;
            }
            let proto = &cl.proto().proto;
            let what = if proto.line_defined == 0 {
                "in main chunk".to_string()
            } else {
                match self.caller_of(base).and_then(|(b, p)| {
                    self.closure_at(b)
                        .and_then(|c| c.proto().proto.describe_call(p))
                }) {
                    Some((crate::bytecode::NameKind::Global, name)) => {
                        format!("in function '{name}'")
                    }
                    Some((kind, name)) => format!("in {} '{name}'", kind.as_str()),
                    None => format!("in function <{}:{}>", proto.source, proto.line_defined),
                }
            };
            out.push_str(&format!(
                "\n\t{}:{}: {}",
                proto.source,
                proto.line(pc),
                what
            ));
            match self.caller_of(base) {
                Some((b, p)) => {
                    base = b;
                    pc = p;
                }
                None => break,
            }
        }
        out.push_str("\n\t[C]: in ?");
        out
    }

    /// "(global 'x')" style description of register `reg` at the current pc, with a leading space.
    pub fn describe(&self, reg: u8) -> String {
        match self
            .closure_at(self.cur_base)
            .and_then(|c| c.proto().proto.describe_reg(self.cur_pc, reg))
        {
            Some((kind, name)) => format!(" ({} '{}')", kind.as_str(), name),
            None => String::new(),
        }
    }

    /// The type name for messages: `__name` of the metatable if it is a string.
    pub fn type_name_of(&mut self, v: Value) -> String {
        if let Some(mt) = self.metatable(v) {
            let k = self.intern(b"__name");
            // SAFETY: `mt` is a live table.
            if let Some(s) = unsafe { (*mt).get(k) }.as_str() {
                return s.to_str_lossy();
            }
        }
        v.type_name().to_string()
    }

    // -- Metatables ----------------------------------------------------------------------------

    pub fn metatable(&self, v: Value) -> Option<*mut Table> {
        let mt = match v.tag {
            // SAFETY: table payloads are live tables.
            value::TABLE => unsafe { (*(v.payload as *mut Table)).meta },
            value::STR => self.string_meta,
            // SAFETY: userdata payloads are live.
            value::USERDATA => unsafe { (*(v.payload as *mut crate::runtime::UserData)).meta },
            _ => std::ptr::null_mut(),
        };
        (!mt.is_null()).then_some(mt)
    }

    /// The metamethod `tm` of `v`, or nil.
    pub fn metamethod(&self, v: Value, tm: TM) -> Value {
        match self.metatable(v) {
            // SAFETY: metatables are live tables.
            Some(mt) => unsafe { (*mt).get_str(self.tm_names[tm as usize]) },
            None => Value::NIL,
        }
    }

    // -- Generic operations (slow paths with metamethods) -------------------------------------

    /// `t[k]` with `__index`.
    pub fn index(&mut self, t: Value, k: Value) -> LResult<Value> {
        self.index_from(t, k, false)
    }

    /// `index`; with `missed`, `t` is a table whose raw `t[k]` the caller has just found nil, so
    /// the lookup starts at its `__index`.
    pub fn index_from(&mut self, t: Value, k: Value, missed: bool) -> LResult<Value> {
        let mut t = t;
        let mut skip_raw = missed;
        for _ in 0..2000 {
            let h = if let Some(tab) = t.as_table() {
                if !std::mem::take(&mut skip_raw) {
                    // SAFETY: `tab` is a live table.
                    let v = unsafe { (*tab).get(k) };
                    if !v.is_nil() {
                        return Ok(v);
                    }
                }
                let h = self.metamethod(t, TM::Index);
                if h.is_nil() {
                    return Ok(Value::NIL);
                }
                h
            } else {
                let h = self.metamethod(t, TM::Index);
                if h.is_nil() {
                    return Err(self.type_error(t, "index", None));
                }
                h
            };
            if h.is_function() {
                let r = self.call_value(h, &[t, k])?;
                return Ok(r.first().copied().unwrap_or(Value::NIL));
            }
            t = h;
        }
        Err(self.rt_error("'__index' chain too long; possible loop"))
    }

    /// `t[k] = v` with `__newindex`.
    pub fn set_index(&mut self, t: Value, k: Value, v: Value) -> LResult<()> {
        let mut t = t;
        for _ in 0..2000 {
            let h = if let Some(tab) = t.as_table() {
                // SAFETY: `tab` is a live table.
                let existing = unsafe { (*tab).get(k) };
                let h = if existing.is_nil() {
                    self.metamethod(t, TM::NewIndex)
                } else {
                    Value::NIL
                };
                if h.is_nil() {
                    return self.raw_set(tab, k, v);
                }
                h
            } else {
                let h = self.metamethod(t, TM::NewIndex);
                if h.is_nil() {
                    return Err(self.type_error(t, "index", None));
                }
                h
            };
            if h.is_function() {
                self.call_value(h, &[t, k, v])?;
                return Ok(());
            }
            t = h;
        }
        Err(self.rt_error("'__newindex' chain too long; possible loop"))
    }

    pub(crate) fn raw_set(&mut self, t: *mut Table, k: Value, v: Value) -> LResult<()> {
        match Key::new(k) {
            // SAFETY: `t` is a live table.
            Some(key) => unsafe { (*t).set(key, v) },
            None if k.is_nil() => return Err(self.rt_error("table index is nil")),
            None => return Err(self.rt_error("table index is NaN")),
        }
        Ok(())
    }

    /// "attempt to <op> a <type> value<description>".
    pub fn type_error(&mut self, v: Value, op: &str, reg: Option<u8>) -> LuaError {
        let desc = reg.map(|r| self.describe(r)).unwrap_or_default();
        let tn = self.type_name_of(v);
        self.rt_error(format!("attempt to {op} a {tn} value{desc}"))
    }

    /// Arithmetic with coercions and metamethods; `regs` name the operands for messages.
    pub fn arith(
        &mut self,
        op: crate::bytecode::ArithOp,
        a: Value,
        b: Value,
        regs: (Option<u8>, Option<u8>),
    ) -> LResult<Value> {
        use crate::bytecode::ArithOp::*;
        // Lua 5.4 converts strings for arithmetic (through the string library's metamethods) but
        // never for bitwise operators.
        let (na, nb) = if op.is_bitwise() {
            (a.as_number(), b.as_number())
        } else {
            (self.tonumber_coerce(a), self.tonumber_coerce(b))
        };
        if let (Some(x), Some(y)) = (na, nb) {
            let r = if op.is_bitwise() {
                match (number::number_to_int(x), number::number_to_int(y)) {
                    (Ok(i), Ok(j)) => Some(Value::int(match op {
                        BAnd => i & j,
                        BOr => i | j,
                        BXor => i ^ j,
                        Shl => number::shift_left(i, j),
                        _ => number::shift_right(i, j),
                    })),
                    _ => None,
                }
            } else {
                Some(self.arith_numbers(op, x, y)?)
            };
            if let Some(r) = r {
                return Ok(r);
            }
        }
        let h = {
            let h = self.metamethod(a, TM::from_arith(op));
            if h.is_nil() {
                self.metamethod(b, TM::from_arith(op))
            } else {
                h
            }
        };
        if !h.is_nil() {
            let r = self.call_value(h, &[a, b])?;
            return Ok(r.first().copied().unwrap_or(Value::NIL));
        }
        if op.is_bitwise() {
            let (bad, reg) = if na.is_none()
                || a.tag == value::STR && number::number_to_int(na.unwrap()).is_err()
            {
                (a, regs.0)
            } else {
                (b, regs.1)
            };
            if bad.is_number() {
                let desc = reg.map(|r| self.describe(r)).unwrap_or_default();
                return Err(self.rt_error(format!("number has no integer representation{desc}")));
            }
            return Err(self.type_error(bad, "perform bitwise operation on", reg));
        }
        if a.tag == value::STR || b.tag == value::STR {
            // The string library's arithmetic metamethod failed to convert (lstrlib `trymt`).
            let (ta, tb) = (self.type_name_of(a), self.type_name_of(b));
            let event = TM::from_arith(op).event();
            return Err(self.rt_error(format!("attempt to {event} a '{ta}' with a '{tb}'")));
        }
        let (bad, reg) = if na.is_none() {
            (a, regs.0)
        } else {
            (b, regs.1)
        };
        Err(self.type_error(bad, "perform arithmetic on", reg))
    }

    /// Arithmetic on two numbers (no metamethods).
    pub fn arith_numbers(
        &mut self,
        op: crate::bytecode::ArithOp,
        x: Number,
        y: Number,
    ) -> LResult<Value> {
        use crate::bytecode::ArithOp::*;
        use Number::{Float as F, Int as I};
        let f = |n: Number| match n {
            I(i) => i as f64,
            F(f) => f,
        };
        Ok(match (op, x, y) {
            (Add, I(a), I(b)) => Value::int(a.wrapping_add(b)),
            (Sub, I(a), I(b)) => Value::int(a.wrapping_sub(b)),
            (Mul, I(a), I(b)) => Value::int(a.wrapping_mul(b)),
            (Mod, I(a), I(b)) => match number::int_mod(a, b) {
                Ok(v) => Value::int(v),
                Err(e) => return Err(self.rt_error(e.message())),
            },
            (IDiv, I(a), I(b)) => match number::int_floor_div(a, b) {
                Ok(v) => Value::int(v),
                Err(e) => return Err(self.rt_error(e.message())),
            },
            (Add, a, b) => Value::float(f(a) + f(b)),
            (Sub, a, b) => Value::float(f(a) - f(b)),
            (Mul, a, b) => Value::float(f(a) * f(b)),
            (Div, a, b) => Value::float(f(a) / f(b)),
            (Mod, a, b) => Value::float(number::float_mod(f(a), f(b))),
            (IDiv, a, b) => Value::float(number::float_floor_div(f(a), f(b))),
            (Pow, a, b) => Value::float(number::float_pow(f(a), f(b))),
            _ => unreachable!("bitwise ops are handled by the caller"),
        })
    }

    /// A number, or a string converted to a number (arithmetic coercion).
    pub fn tonumber_coerce(&self, v: Value) -> Option<Number> {
        match v.tag {
            value::INT => Some(Number::Int(v.payload)),
            value::FLOAT => Some(Number::Float(v.as_float_raw())),
            value::STR => number::str_to_number(v.as_str()?.bytes()),
            _ => None,
        }
    }

    /// `a == b` with `__eq`.
    pub fn equals(&mut self, a: Value, b: Value) -> LResult<bool> {
        if a.raw_eq(b) {
            return Ok(true);
        }
        if a.tag != b.tag || (a.tag != value::TABLE && a.tag != value::USERDATA) {
            return Ok(false);
        }
        let h = {
            let h = self.metamethod(a, TM::Eq);
            if h.is_nil() {
                self.metamethod(b, TM::Eq)
            } else {
                h
            }
        };
        if h.is_nil() {
            return Ok(false);
        }
        let r = self.call_value(h, &[a, b])?;
        Ok(r.first().copied().unwrap_or(Value::NIL).truthy())
    }

    /// `a < b` (or `a <= b` when `le`) with `__lt`/`__le`.
    pub fn less(&mut self, a: Value, b: Value, le: bool) -> LResult<bool> {
        if let (Some(x), Some(y)) = (a.as_number(), b.as_number()) {
            return Ok(if le {
                number::num_le(x, y)
            } else {
                number::num_lt(x, y)
            });
        }
        if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
            return Ok(if le {
                x.bytes() <= y.bytes()
            } else {
                x.bytes() < y.bytes()
            });
        }
        let tm = if le { TM::Le } else { TM::Lt };
        let h = {
            let h = self.metamethod(a, tm);
            if h.is_nil() {
                self.metamethod(b, tm)
            } else {
                h
            }
        };
        if !h.is_nil() {
            let r = self.call_value(h, &[a, b])?;
            return Ok(r.first().copied().unwrap_or(Value::NIL).truthy());
        }
        let (ta, tb) = (self.type_name_of(a), self.type_name_of(b));
        if ta == tb {
            Err(self.rt_error(format!("attempt to compare two {ta} values")))
        } else {
            Err(self.rt_error(format!("attempt to compare {ta} with {tb}")))
        }
    }

    /// `#v` with `__len`.
    pub fn len(&mut self, v: Value, reg: Option<u8>) -> LResult<Value> {
        if let Some(s) = v.as_str() {
            return Ok(Value::int(s.len() as i64));
        }
        let h = self.metamethod(v, TM::Len);
        if !h.is_nil() {
            let r = self.call_value(h, &[v])?;
            return Ok(r.first().copied().unwrap_or(Value::NIL));
        }
        if let Some(t) = v.as_table() {
            // SAFETY: `t` is a live table.
            return Ok(Value::int(unsafe { (*t).border() }));
        }
        Err(self.type_error(v, "get length of", reg))
    }

    /// Concatenation of `values` (right to left, as `luaV_concat`); `first_reg` names operands.
    pub fn concat(&mut self, values: &[Value], first_reg: Option<u8>) -> LResult<Value> {
        let mut acc = *values.last().expect("concat of at least one value");
        for i in (0..values.len() - 1).rev() {
            let a = values[i];
            let b = acc;
            let sa = self.concat_piece(a);
            let sb = self.concat_piece(b);
            acc = match (sa, sb) {
                (Some(mut x), Some(y)) => {
                    x.extend_from_slice(&y);
                    self.intern(&x)
                }
                _ => {
                    let h = {
                        let h = self.metamethod(a, TM::Concat);
                        if h.is_nil() {
                            self.metamethod(b, TM::Concat)
                        } else {
                            h
                        }
                    };
                    if h.is_nil() {
                        let (bad, idx) = if a.tag == value::STR || a.is_number() {
                            (b, i + 1)
                        } else {
                            (a, i)
                        };
                        let reg = first_reg.map(|r| r + idx as u8);
                        return Err(self.type_error(bad, "concatenate", reg));
                    }
                    let r = self.call_value(h, &[a, b])?;
                    r.first().copied().unwrap_or(Value::NIL)
                }
            };
        }
        Ok(acc)
    }

    fn concat_piece(&self, v: Value) -> Option<Vec<u8>> {
        match v.tag {
            value::STR => Some(v.as_str()?.bytes().to_vec()),
            value::INT | value::FLOAT => Some(v.to_display()),
            _ => None,
        }
    }

    /// `tostring(v)` with `__tostring` and `__name`.
    pub fn tostring(&mut self, v: Value) -> LResult<Value> {
        let h = self.metamethod(v, TM::ToString);
        if !h.is_nil() {
            let r = self.call_value(h, &[v])?;
            let r = r.first().copied().unwrap_or(Value::NIL);
            if r.tag != value::STR {
                if r.is_number() {
                    let s = r.to_display();
                    return Ok(self.intern(&s));
                }
                return Err(self.rt_error("'__tostring' must return a string"));
            }
            return Ok(r);
        }
        if v.tag == value::STR {
            return Ok(v);
        }
        if let Some(mt) = self.metatable(v) {
            let k = self.intern(b"__name");
            // SAFETY: `mt` is a live table.
            if let Some(name) = unsafe { (*mt).get(k) }.as_str().map(|s| s.to_str_lossy()) {
                let s = format!("{name}: {:#016x}", v.payload);
                return Ok(self.intern(s.as_bytes()));
            }
        }
        let s = v.to_display();
        Ok(self.intern(&s))
    }

    /// An empty vector with room for `n` values, for a native call's arguments: a kept one if
    /// the last kept one is big enough (growing it would cost a `realloc`, no cheaper than a new
    /// allocation), else a new one.
    #[inline]
    pub fn take_vec(&mut self, n: usize) -> Vec<Value> {
        match self.vec_pool.last() {
            Some(v) if v.capacity() >= n => self.vec_pool.pop().unwrap_or_default(),
            _ => Vec::with_capacity(n.max(4)),
        }
    }

    /// Keeps `v` (emptied) for a later `take_vec`; a few small ones at most. Single-value
    /// vectors are let go, so that the kept ones fit calls of two arguments (`pcall`,
    /// `setmetatable`, a generic `for`'s iterator).
    #[inline]
    pub fn recycle_vec(&mut self, mut v: Vec<Value>) {
        if (2..=32).contains(&v.capacity()) && self.vec_pool.len() < 8 {
            v.clear();
            self.vec_pool.push(v);
        }
    }

    /// Calls `f` with `args` and returns all results. Runs a nested interpreter for Lua functions.
    ///
    /// The Rust caller may hold values in locals that no root shows (a sort's array, a
    /// concatenation's partial result, a compiled trace's registers), so collections are locked
    /// out until the call returns, unless the interpreter called the running native directly and
    /// the native is marked `gc_transparent` (`pcall`: everything it holds is in the Lua stack).
    pub fn call_value(&mut self, f: Value, args: &[Value]) -> LResult<Vec<Value>> {
        self.call_value_args(f, Cow::Borrowed(args))
    }

    /// `call_value` with the arguments already in a vector of their own, which a native function
    /// then takes as it is (one allocation less per call of a native from Lua).
    pub fn call_value_owned(&mut self, f: Value, args: Vec<Value>) -> LResult<Vec<Value>> {
        self.call_value_args(f, Cow::Owned(args))
    }

    fn call_value_args(&mut self, f: Value, args: Cow<'_, [Value]>) -> LResult<Vec<Value>> {
        let transparent = std::mem::take(&mut self.native_transparent);
        if transparent {
            return self.call_value_unlocked(f, args, true);
        }
        self.gc_lock += 1;
        let r = self.call_value_unlocked(f, args, false);
        self.gc_lock -= 1;
        r
    }

    /// Calls `f` from the host (a script's main chunk, the REPL): the host holds no value that
    /// must survive a collection, so collections may happen during the call.
    pub fn call_root(&mut self, f: Value, args: &[Value]) -> LResult<Vec<Value>> {
        let top = self.frame_top;
        let level = self.slot_of(top);
        self.native_transparent = true;
        match self.call_value(f, args) {
            Ok(r) => Ok(r),
            // Like `lua.c`'s protected call, close what the error abandoned before it is reported.
            Err(e) => {
                self.unwind_to(top, 0, 0);
                Err(self
                    .close_tbc(level, Some(e))
                    .expect("an error stays an error"))
            }
        }
    }

    fn call_value_unlocked(
        &mut self,
        f: Value,
        args: Cow<'_, [Value]>,
        transparent: bool,
    ) -> LResult<Vec<Value>> {
        if self.c_depth >= MAX_C_DEPTH {
            return Err(self.rt_error("stack overflow"));
        }
        match f.tag {
            value::NATIVE => {
                // SAFETY: native payloads are live natives.
                let native = unsafe { &*(f.payload as *const crate::runtime::NativeFn) };
                self.c_depth += 1;
                self.native_transparent = transparent && native.gc_transparent;
                let was_native = std::mem::replace(&mut self.in_native, true);
                let r = (native.f)(self, args.into_owned());
                self.in_native = was_native;
                self.native_transparent = false;
                self.c_depth -= 1;
                r
            }
            value::LCLOSURE => {
                self.c_depth += 1;
                let from_native = std::mem::replace(&mut self.in_native, false);
                let r = crate::interp::call_lua(self, f, &args, from_native);
                self.in_native = from_native;
                self.c_depth -= 1;
                r
            }
            _ => {
                let h = self.metamethod(f, TM::Call);
                if h.is_nil() {
                    return Err(self.type_error(f, "call", None));
                }
                let mut with_self = Vec::with_capacity(args.len() + 1);
                with_self.push(f);
                with_self.extend_from_slice(&args);
                self.call_value_owned(h, with_self)
            }
        }
    }

    /// Closes open upvalues at stack slots `>= level`.
    pub fn close_upvals(&mut self, level: usize) {
        let to_close: Vec<usize> = self.open_upvals.range(level..).map(|(&k, _)| k).collect();
        for slot in to_close {
            let uv = self.open_upvals.remove(&slot).expect("open upvalue");
            // SAFETY: open upvalues are live and point at the stack.
            unsafe { (*uv).close() };
        }
    }

    /// After an error unwound to a protected boundary: the frame at `base` runs `pc` again, nested
    /// calls start at `top`, and no error is pending.
    pub(crate) fn unwind_to(&mut self, top: *mut Value, base: usize, pc: usize) {
        self.frame_top = top;
        self.cur_base = base;
        self.cur_pc = pc;
        self.pending_error = None;
        self.header.exception = 0;
    }

    /// Closes the pending to-be-closed variables at stack slots `>= level`, newest first, calling
    /// each value's `__close(value, err)` (`err` is nil on a normal exit). As in Lua 5.4, an error
    /// in a handler replaces the error the later handlers see and every handler still runs.
    /// Returns the error to raise afterwards: `err` itself, or the last one a handler raised.
    pub fn close_tbc(&mut self, level: usize, err: Option<LuaError>) -> Option<LuaError> {
        let mut err = err;
        while let Some(&slot) = self.tbc.last() {
            if slot < level {
                break;
            }
            self.tbc.pop();
            // The handler's frame goes above every value still waiting to be closed.
            if self.slot_of(self.frame_top) <= slot {
                // SAFETY: `slot` is inside the stack, so one past it is too.
                self.frame_top = unsafe { self.stack.add(slot + 1) };
            }
            let v = self.slot(slot);
            let h = self.metamethod(v, TM::Close);
            let e = err.as_ref().map_or(Value::NIL, |e| e.value);
            if let Err(new) = self.call_value(h, &[v, e]) {
                err = Some(new);
            }
        }
        err
    }

    /// The open upvalue for stack slot `slot`, made if needed.
    pub fn find_upval(&mut self, slot: usize) -> *mut UpVal {
        if let Some(&uv) = self.open_upvals.get(&slot) {
            return uv;
        }
        // SAFETY: `slot` is inside the stack.
        let loc = unsafe { self.stack.add(slot) };
        let uv = self.heap.new_upval(loc, slot);
        self.open_upvals.insert(slot, uv);
        uv
    }

    // -- Garbage collection --------------------------------------------------------------------

    // ANCHOR: safepoint
    /// A safepoint of the interpreter: collects if an allocation asked for it (or always in
    /// stress mode) and no native call holds unrooted values. `top` is the first stack slot above
    /// the running frame's live registers; every slot below it holds a valid value.
    #[inline]
    pub fn safepoint(&mut self, top: usize) {
        if self.collection_due() {
            self.collect(None, top);
        }
    }

    /// Whether a safepoint now collects; lets the interpreter work out the live top only then.
    #[inline(always)]
    pub fn collection_due(&self) -> bool {
        self.gc_lock == 0 && (self.gc_stress || self.heap.gc.collection_requested())
    }

    /// Collects now (`kind`) or as requested (`None`), with the stack live up to `top`.
    #[cold]
    #[inline(never)]
    pub fn collect(&mut self, kind: Option<Collection>, top: usize) -> Option<CollectionReport> {
        let stack = self.stack as *const Value;
        let heap = &mut self.heap;
        let globals = self.globals;
        let string_meta = self.string_meta;
        let tm_names = &self.tm_names;
        let pending = self.pending_error.as_ref().map(|e| e.value);
        let (ret, arg) = (self.ret, self.arg);
        let open = &self.open_upvals;
        let extra = &self.extra_roots;
        let protos = heap.protos_ptr();
        let roots = |t: &mut Tracer| {
            // SAFETY: slots below `top` are inside the stack allocation.
            trace_stack(unsafe { std::slice::from_raw_parts(stack, top) }, t);
            // SAFETY: the globals, the string metatable (which holds the registry as its own
            // metatable) and the metamethod names are live heap objects.
            unsafe {
                t.edge_ptr(globals as *const u8);
                t.edge_ptr(string_meta as *const u8);
                for &n in tm_names {
                    t.edge_ptr(n as *const u8);
                }
            }
            for v in [pending.unwrap_or(Value::NIL), ret, arg] {
                trace_value(&v, t);
            }
            trace_open_upvals(open, t);
            for &(data, f) in extra {
                f(data, t);
            }
            // SAFETY: the prototype list outlives the collection.
            crate::runtime::trace_protos(unsafe { &*protos }, t);
        };
        // SAFETY: every object the interpreter uses after this call is reachable from these roots:
        // the stack below the running frame's top (registers above it are cleared when a frame is
        // entered, so stale slots are never read as live), the state's fields, the open upvalues,
        // the saved stacks of resumers and (through `Thread` objects) of suspended coroutines, and
        // the prototypes' constants, which compiled traces embed. Native calls that could hold
        // other values keep `gc_lock` raised, and callers check it.
        let report = unsafe {
            match kind {
                None => heap.gc.safepoint(&roots),
                Some(k) => Some(heap.gc.collect(k, &roots)),
            }
        };
        heap.forget_dead_strings();
        report
    }
    // ANCHOR_END: safepoint

    pub fn flush_output(&mut self) {
        let _ = self.out.flush();
    }
}

/// Reports every value of a stack segment.
///
/// Frame headers are two words that are not values (link: caller pc and base delta; top: a
/// register number and the vararg count), and their first word can equal a heap tag. Their
/// second word is a slot count below `MAX_STACK + STACK_SLACK`, while heap objects live in pages
/// the system maps far above the first 16 MiB of the address space: a payload below that bound is
/// never an object and is skipped.
pub(crate) fn trace_stack(slots: &[Value], t: &mut Tracer) {
    const _: () = assert!(MAX_STACK + STACK_SLACK < MIN_HEAP_ADDRESS);
    for v in slots {
        if v.payload as u64 >= MIN_HEAP_ADDRESS as u64 {
            trace_value(v, t);
        }
    }
}

/// No heap page is mapped below this address (the first 16 MiB hold the null page and the
/// program image, and mappings start far above on every supported target).
const MIN_HEAP_ADDRESS: usize = 16 << 20;

/// Reports the open upvalues of a context (the map must not outlive them: they are collected
/// like any object once closed and unreferenced).
pub(crate) fn trace_open_upvals(open: &BTreeMap<usize, *mut UpVal>, t: &mut Tracer) {
    for &uv in open.values() {
        // SAFETY: open upvalues are live heap objects.
        unsafe { t.edge_ptr(uv as *const u8) };
    }
}

impl Drop for State {
    fn drop(&mut self) {
        self.flush_output();
        let layout =
            std::alloc::Layout::array::<Value>(MAX_STACK + STACK_SLACK).expect("stack layout");
        // SAFETY: allocated in `new` with the same layout.
        unsafe { std::alloc::dealloc(self.stack as *mut u8, layout) };
    }
}

/// Metamethod events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TM {
    Index,
    NewIndex,
    Gc,
    Mode,
    Len,
    Eq,
    Add,
    Sub,
    Mul,
    Mod,
    Pow,
    Div,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    Unm,
    BNot,
    Lt,
    Le,
    Concat,
    Call,
    Close,
    ToString,
    Name,
    Metatable,
}

const TM_NAMES: &[&str] = &[
    "__index",
    "__newindex",
    "__gc",
    "__mode",
    "__len",
    "__eq",
    "__add",
    "__sub",
    "__mul",
    "__mod",
    "__pow",
    "__div",
    "__idiv",
    "__band",
    "__bor",
    "__bxor",
    "__shl",
    "__shr",
    "__unm",
    "__bnot",
    "__lt",
    "__le",
    "__concat",
    "__call",
    "__close",
    "__tostring",
    "__name",
    "__metatable",
];

impl TM {
    /// The event name without `__` (`add`, `unm`, ...).
    pub fn event(self) -> &'static str {
        &TM_NAMES[self as usize][2..]
    }

    pub fn from_arith(op: crate::bytecode::ArithOp) -> TM {
        use crate::bytecode::ArithOp::*;
        match op {
            Add => TM::Add,
            Sub => TM::Sub,
            Mul => TM::Mul,
            Mod => TM::Mod,
            Pow => TM::Pow,
            Div => TM::Div,
            IDiv => TM::IDiv,
            BAnd => TM::BAnd,
            BOr => TM::BOr,
            BXor => TM::BXor,
            Shl => TM::Shl,
            Shr => TM::Shr,
        }
    }
}
