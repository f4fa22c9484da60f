//! The interpreter loop, written once for both modes of `metatrace`.
//!
//! `run_mode::<Concrete>` is the plain interpreter and `run_mode::<Recording>` the same code
//! recording a trace; `run` switches between them at back-edges as the JIT driver says, and enters
//! compiled traces. Handlers read and write registers through a `metatrace::Frame` (two words per
//! value: tag, payload), branch on abstract conditions with `.branch()` (a guard when recording)
//! and `promote` tags to match on them in plain Rust. Slow paths are `helpers`, called through
//! `residual_call` so that compiled code calls the very same functions. The one place the modes
//! part is the frame set-up and pop of Lua calls: the plain interpreter copies stack values
//! directly (`enter_lua_concrete`, `do_return_concrete`), the same frame the recording path builds
//! through frame views.
//!
//! Calls between Lua functions do not nest Rust calls: a call pushes a frame on the value stack
//! (see `state` for the layout) and the loop continues in the callee, so traces inline calls and
//! a trace can exit inside an inlined callee (the frame chain is in the stack). Calls from native
//! code (metamethods, `pcall`, library callbacks) run a nested loop.

use std::rc::Rc;

use metatrace::{
    AbortReason, Backedge, Concrete, Frame, GreenKey, Int, Jit, JitCtxHeader, Mode, RecordStep,
    Recording, Ref, residual_call,
};

use crate::bytecode::{ArithOp, Insn, MULTRET, Proto};
use crate::helpers as h;
use crate::runtime::{LClosure, LuaStr, Table, UpVal};
use crate::state::{EXTRA, LResult, LuaError, MAX_STACK, State};
use crate::value::{self, FLOAT, INT, NIL, Value};

/// Inlining depth at which recording gives up (deep or unbounded recursion).
const MAX_INLINE_DEPTH: u32 = 40;

#[derive(Clone, Copy)]
struct Regs {
    base: usize,
    pc: usize,
}

#[derive(Clone, Copy)]
struct Rec {
    /// Base of the frame the trace started in.
    entry_base: usize,
    /// Calls inlined and not yet returned.
    depth: u32,
}

enum Exit {
    Return(Vec<Value>),
    Switch,
}

/// Compiles `source` and returns the main function as a closure with `_ENV` = the globals.
pub fn load(st: &mut State, source: &[u8], chunkname: &str) -> Result<Value, String> {
    let proto = crate::compiler::compile(source, chunkname).map_err(|e| e.to_string())?;
    Ok(closure_for(st, &proto))
}

/// Makes a closure of a main-chunk prototype with `_ENV` bound to the globals.
pub fn closure_for(st: &mut State, proto: &Rc<Proto>) -> Value {
    let p = st.heap.load_proto(proto);
    let env = st.heap.new_closed_upval(Value::table(st.globals));
    let n = proto.upvalues.len().max(1);
    let upvals: Vec<*mut UpVal> = (0..n)
        .map(|i| {
            if i == 0 {
                env
            } else {
                st.heap.new_closed_upval(Value::NIL)
            }
        })
        .collect();
    Value::closure(
        st.heap
            .new_closure(crate::runtime::site::CLOSURE, p, upvals.into_boxed_slice()),
    )
}

/// Calls Lua closure `f` with `args` on a new frame above the running one.
pub(crate) fn call_lua(
    st: &mut State,
    f: Value,
    args: &[Value],
    from_native: bool,
) -> LResult<Vec<Value>> {
    let fslot = st.slot_of(st.frame_top);
    if fslot + args.len() + 600 >= MAX_STACK {
        return Err(st.rt_error("stack overflow"));
    }
    let saved = (st.cur_base, st.cur_pc, st.frame_top);
    st.set_slot(fslot, f);
    for (i, a) in args.iter().enumerate() {
        st.set_slot(fslot + 1 + i, *a);
    }
    // A metamethod (or `__close` handler) the interpreter calls for the running Lua frame is
    // called by that frame, as far as error levels and tracebacks go; the frame still returns to
    // native code (`-2 - pc`, as `call_assembler_call` links its frames).
    let (link_pc, link_base) = if !from_native && st.closure_at(st.cur_base).is_some() {
        (-2 - st.cur_pc as i64, st.cur_base)
    } else {
        (-1, 0)
    };
    let base = push_frame_concrete(st, fslot, args.len(), link_pc, link_base);
    let r = run(st, base);
    st.cur_base = saved.0;
    st.cur_pc = saved.1;
    st.frame_top = saved.2;
    r
}

/// Sets up the frame of the closure at `fslot` with `nargs` arguments above it (concretely, for
/// calls from native code). Returns the new base.
fn push_frame_concrete(
    st: &mut State,
    fslot: usize,
    nargs: usize,
    caller_pc: i64,
    caller_base: usize,
) -> usize {
    // SAFETY: the slot holds a live closure (the caller checked the tag).
    let cl = unsafe { &*(st.slot(fslot).payload as *const LClosure) };
    let proto = &cl.proto().proto;
    let nparams = proto.num_params as usize;
    let mut fslot = fslot;
    let mut nextra = 0;
    if proto.is_vararg {
        // The function and fixed parameters move above all the arguments; the extra arguments
        // stay below the new header.
        nextra = nargs.saturating_sub(nparams);
        let new_fslot = fslot + 1 + nargs;
        st.set_slot(new_fslot, st.slot(fslot));
        for i in 0..nparams {
            let v = if i < nargs {
                st.slot(fslot + 1 + i)
            } else {
                Value::NIL
            };
            st.set_slot(new_fslot + EXTRA + i, v);
        }
        fslot = new_fslot;
    } else {
        for i in (0..nargs.min(nparams)).rev() {
            st.set_slot(fslot + EXTRA + i, st.slot(fslot + 1 + i));
        }
        for i in nargs..nparams {
            st.set_slot(fslot + EXTRA + i, Value::NIL);
        }
    }
    let base = fslot + EXTRA;
    let max_stack = proto.max_stack as usize;
    let delta = if caller_pc == -1 {
        0
    } else {
        (base - caller_base) as i64
    };
    st.set_slot(
        base - 2,
        Value {
            tag: caller_pc,
            payload: delta,
        },
    );
    st.set_slot(
        base - 1,
        Value {
            tag: 0,
            payload: nextra as i64,
        },
    );
    // Registers above the arguments may hold stale values of frames popped before the last
    // collection; they are roots from now on, so clear them (see `State::safepoint`).
    for i in nparams..max_stack {
        st.set_slot(base + i, Value::NIL);
    }
    // SAFETY: inside the stack (callers checked the room).
    st.frame_top = unsafe { st.stack.add(base + max_stack) };
    base
}

/// The first stack slot above the live registers of the frame at `base`: its size, or the top of
/// its last multiple-result instruction if that is higher. Every slot below holds a valid value.
fn live_top(st: &State, base: usize, max_stack: usize) -> usize {
    let top_reg = st.slot(base - 1).tag.clamp(0, MAX_STACK as i64) as usize;
    (base + max_stack.max(top_reg)).min(MAX_STACK)
}

/// Runs from the frame at `base` until it returns to native code.
fn run(st: &mut State, base: usize) -> LResult<Vec<Value>> {
    run_from(st, base, 0, false)
}

/// Runs the frame at `base` from `pc` until it returns to native code; with `record`, in
/// Recording mode from the start (the driver has just started a recording there).
fn run_from(st: &mut State, base: usize, pc: usize, record: bool) -> LResult<Vec<Value>> {
    let stp: *mut State = st;
    let mut regs = Regs { base, pc };
    let mut rec: Option<Rec> = record.then_some(Rec {
        entry_base: base,
        depth: 0,
    });
    loop {
        let out = if rec.is_some() {
            run_mode::<Recording>(stp, &mut regs, &mut rec)
        } else {
            run_mode::<Concrete>(stp, &mut regs, &mut rec)
        };
        // SAFETY: no other reference to the state is live here.
        let st = unsafe { &mut *stp };
        match out {
            Ok(Exit::Switch) => continue,
            Ok(Exit::Return(values)) => {
                if rec.is_some() {
                    st.jit.abort_recording(AbortReason::LeftFrame);
                }
                return Ok(values);
            }
            Err(e) => {
                if rec.is_some() {
                    st.jit.abort_recording(AbortReason::Error);
                }
                return Err(e);
            }
        }
    }
}

// ANCHOR: portal
/// The portal of `call_assembler` (a `metatrace::Portal`): finishes in the interpreter, from
/// `pc`, the call whose frame starts at `frame`, after its compiled function trace left other
/// than through its normal return (at a guard with no bridge, or at a return whose result the
/// trace does not carry), or instead of it (past the JIT's native stack budget, or when the
/// trace was invalidated). A trace that ends at a `Return1`/`Return0` carries the result
/// (`normal_return_result`), so compiled callers never come here for those.
///
/// # Safety
/// `ctx` is the state's header (compiled code of this state calls it), `frame` a frame's function
/// slot in its stack.
pub(crate) unsafe extern "C" fn portal(
    ctx: *mut JitCtxHeader,
    _code: usize,
    frame: *mut i64,
    pc: u32,
    record: bool,
) -> i64 {
    // SAFETY: the header is the first field of the state, which compiled code got as context.
    let st = unsafe { &mut *(ctx as *mut State) };
    let base = st.slot_of(frame as *const Value) + EXTRA;
    finish_call(st, base, pc as usize, record)
}
// ANCHOR_END: portal

/// Runs the frame at `base` (whose link says it returns to native code, see `call_assembler_call`)
/// from `pc` to its return. Returns the first result's payload and leaves its tag in
/// `State::ret`; an error is left pending in the header, as residual calls leave theirs.
/// Collections wait until it returns: the compiled caller holds values in registers.
fn finish_call(st: &mut State, base: usize, pc: usize, record: bool) -> i64 {
    // A trace that ended at the frame's return of one value (or none) needs no interpreter: the
    // value is in the frame, written back by the trace's exit. (Compiled callers normally take
    // such a result without the portal, from the trace's `finish`: this is the fallback.)
    if !record && st.slot(base - 2).tag < -1 {
        let insn = st.closure_at(base).map(|c| c.proto().proto.code[pc]);
        let value = match insn {
            Some(Insn::Return1 { a }) => Some(st.slot(base + a as usize)),
            Some(Insn::Return0) => Some(Value::NIL),
            _ => None,
        };
        if let Some(v) = value {
            st.ret = v;
            return v.payload;
        }
    }
    let saved = (st.cur_base, st.cur_pc, st.frame_top);
    if let Some(cl) = st.closure_at(base) {
        let max_stack = cl.proto().proto.max_stack as usize;
        // SAFETY: the frame is inside the stack.
        st.frame_top = unsafe { st.stack.add(base + max_stack) };
    }
    st.gc_lock += 1;
    let r = run_from(st, base, pc, record);
    st.gc_lock -= 1;
    (st.cur_base, st.cur_pc, st.frame_top) = saved;
    match r {
        Ok(values) => {
            let v = values.first().copied().unwrap_or(Value::NIL);
            st.ret = v;
            v.payload
        }
        Err(e) => {
            st.pending_error = Some(e);
            st.header.exception = 1;
            0
        }
    }
}

/// While recording the return opcode that ends a function trace: records what `finish_call`'s
/// fast path does at a `Return1`/`Return0` (the result to `State::ret`) and returns the result's
/// payload, which the trace's `finish` carries, so a `call_assembler` whose callee returns there
/// takes the result without the portal. `None` for other returns (the portal runs those).
fn normal_return_result(
    st: &mut State,
    r: &Regs,
    rec: &Option<Rec>,
) -> Option<Int<metatrace::Recording>> {
    let insn = st.closure_at(r.base)?.proto().proto.code[r.pc];
    // SAFETY: the running frame's registers are inside the stack.
    let f = unsafe { window::<metatrace::Recording>(st, r.base - EXTRA, VIEW_REGS + EXTRA, rec) };
    let (tag, payload) = match insn {
        Insn::Return1 { a } => reg(&f, a as usize),
        Insn::Return0 => (Int::new(Value::NIL.tag), Int::new(Value::NIL.payload)),
        _ => return None,
    };
    let ctx = Ref::<metatrace::Recording>::new(st as *mut State as usize);
    // SAFETY: `ret` is a field of the live state at these offsets (`#[repr(C)]`); the portal's
    // fast path writes the same value there for the same return.
    unsafe {
        ctx.set_int(State::OFFSET_RET_TAG, tag);
        ctx.set_int(State::OFFSET_RET_PAYLOAD, payload);
    }
    Some(payload)
}

/// A frame view of `nslots` value slots from `start`, for the current mode.
///
/// # Safety
/// The slots must be inside the stack.
unsafe fn window<M: Mode>(st: &State, start: usize, nslots: usize, rec: &Option<Rec>) -> Frame<M> {
    let rel = match rec {
        Some(r) if M::RECORDING => {
            ((start as i64 - (r.entry_base as i64 - EXTRA as i64)) * 2) as i32
        }
        _ => 0,
    };
    // SAFETY: the caller guarantees the range is inside the stack, which never moves.
    unsafe { Frame::new(st.stack.add(start) as *mut i64, nslots * 2, rel) }
}

/// Registers a frame view spans: more than any `u8` register number plus the small offsets
/// handlers add (`a + 3` in a `for` loop), so register bounds checks are constant-true.
const VIEW_REGS: usize = 264;

/// Words of a frame view (which starts at the function slot): the link, the top, register 0.
const LINK: usize = 2;
const TOP: usize = 4;
const R0: usize = 6;

/// Word `idx` of a frame view. In the plain interpreter this is a plain load: `Frame::get`'s
/// bounds check names the view's length in its panic message, which takes the view's address and
/// keeps it in memory, so no check of a constant-size view ever folds away. Here the check
/// compares with the length by value, which folds for the loop's fixed-size view.
#[inline(always)]
fn fget<M: Mode>(f: &Frame<M>, idx: usize) -> Int<M> {
    if !M::RECORDING {
        if idx >= f.len() {
            view_overrun(idx);
        }
        // SAFETY: inside the view, whose slots `Frame::new`'s contract makes valid.
        return Int::new(unsafe { f.base().add(idx).read() });
    }
    f.get(idx)
}

/// Writes word `idx` of a frame view (a plain store in the plain interpreter, see `fget`).
#[inline(always)]
fn fset<M: Mode>(f: &mut Frame<M>, idx: usize, value: Int<M>) {
    if !M::RECORDING {
        if idx >= f.len() {
            view_overrun(idx);
        }
        // SAFETY: as in `fget`.
        unsafe { f.base().add(idx).write(value.peek()) };
        return;
    }
    f.set(idx, value)
}

#[cold]
#[inline(never)]
fn view_overrun(idx: usize) -> ! {
    panic!("frame word {idx} outside the view")
}

/// A second view of `f`'s slots, for the functions a handler calls with a frame: the loop's own
/// view then never has its address taken and stays in registers; while recording, both views
/// name the same slots.
#[inline(always)]
fn alias<M: Mode>(f: &Frame<M>) -> Frame<M> {
    // SAFETY: the same slots as `f`, which the caller's contract already covers.
    unsafe { Frame::new(f.base(), f.len(), f.rel()) }
}

/// Register `r` of a frame view.
#[inline(always)]
fn reg<M: Mode>(f: &Frame<M>, r: usize) -> (Int<M>, Int<M>) {
    (fget(f, R0 + 2 * r), fget(f, R0 + 1 + 2 * r))
}

#[inline(always)]
fn set_reg<M: Mode>(f: &mut Frame<M>, r: usize, tag: Int<M>, payload: Int<M>) {
    fset(f, R0 + 2 * r, tag);
    fset(f, R0 + 1 + 2 * r, payload);
}

/// The words of registers `from..to` in a frame view.
fn regs_words(from: usize, to: usize) -> std::ops::Range<usize> {
    R0 + 2 * from..R0 + 2 * to
}

#[inline(always)]
fn konst<M: Mode>(v: Value) -> (Int<M>, Int<M>) {
    (Int::new(v.tag), Int::new(v.payload))
}

/// Moves `n` values (word pairs) from word `s` of `src` to word `d` of `dst`, two views of the
/// same stack that may overlap (arguments moving into a callee's frame, results into the
/// caller's). The copy runs in the direction that reads every value before anything overwrites
/// it, so no buffer is needed: calls and returns are the hottest non-loop paths. While
/// recording, both views name stack slots by the same frame-relative numbers, so the shadow
/// values follow the words.
#[inline(always)]
fn move_values<M: Mode>(src: &Frame<M>, s: usize, dst: &mut Frame<M>, d: usize, n: usize) {
    let upward = (dst.base() as usize + 8 * d) > (src.base() as usize + 8 * s);
    for k in 0..n {
        let i = if upward { n - 1 - k } else { k };
        fset(dst, d + 2 * i, fget(src, s + 2 * i));
        fset(dst, d + 2 * i + 1, fget(src, s + 2 * i + 1));
    }
}

/// Lua code run by a helper (a metamethod, a function passed to `pcall`) reads and writes open
/// upvalues in memory, while the trace may hold those stack slots in registers: write them back
/// before the call and read them again after it. Returns the slots it wrote back; only those are
/// re-read (an upvalue the call itself opens points at a slot the trace still holds correctly).
fn flush_open_upvalues<M: Mode>(stp: *mut State) -> Vec<usize> {
    // SAFETY: short-lived access.
    let st = unsafe { &*stp };
    let Some(entry_base) = st.recording_entry else {
        return Vec::new();
    };
    let rec = Some(Rec {
        entry_base,
        depth: 0,
    });
    let slots: Vec<usize> = st.open_upvals.keys().copied().collect();
    for &slot in &slots {
        // SAFETY: an open upvalue's slot is inside the stack.
        unsafe { window::<M>(st, slot, 1, &rec) }.flush(0..2);
    }
    slots
}

fn reload_open_upvalues<M: Mode>(stp: *mut State, slots: &[usize]) {
    // SAFETY: short-lived access.
    let st = unsafe { &*stp };
    let Some(entry_base) = st.recording_entry else {
        return;
    };
    let rec = Some(Rec {
        entry_base,
        depth: 0,
    });
    for &slot in slots {
        // SAFETY: as above.
        unsafe { window::<M>(st, slot, 1, &rec) }.forget(0..2);
    }
}

/// The frame address a helper takes. Helpers read the frame's header (function, link, top) from
/// memory, so while recording it is written back first (once per value).
#[inline(always)]
fn helper_frame<M: Mode>(f: &Frame<M>) -> Int<M> {
    f.flush(0..R0);
    f.base_ref().to_int()
}

/// Calls a helper through the mode: recorded as a residual call while recording.
#[inline(always)]
fn call_helper<M: Mode, const N: usize>(
    stp: *mut State,
    helper: &'static h::Helper,
    args: [Int<M>; N],
) -> LResult<Int<M>> {
    let may_run_lua = M::RECORDING && helper.descr.effect == metatrace::Effect::Any;
    let flushed = if may_run_lua {
        flush_open_upvalues::<M>(stp)
    } else {
        Vec::new()
    };
    let r = residual_call::<M>(&helper.descr, &args.map(|a| a.tag()), || {
        (helper.call)(stp, &args.map(|a| a.peek()))
    });
    if may_run_lua {
        reload_open_upvalues::<M>(stp, &flushed);
    }
    check_exception(stp)?;
    Ok(r)
}

fn check_exception(stp: *mut State) -> LResult<()> {
    // SAFETY: short-lived access to the state.
    let st = unsafe { &mut *stp };
    if st.header.exception != 0 {
        st.header.exception = 0;
        return Err(st.pending_error.take().unwrap_or(LuaError {
            value: Value::NIL,
            traceback: None,
        }));
    }
    Ok(())
}

/// The value a helper left in `State::ret`.
#[inline(always)]
fn ret_value<M: Mode>(stp: *mut State) -> (Int<M>, Int<M>) {
    let ctx = Ref::<M>::new(stp as usize);
    // SAFETY: `ret` is a field of the live state at these offsets (`#[repr(C)]`).
    unsafe {
        (
            ctx.get_int(State::OFFSET_RET_TAG),
            ctx.get_int(State::OFFSET_RET_PAYLOAD),
        )
    }
}

/// Stores a value in `State::arg` for a helper.
#[inline(always)]
fn set_arg<M: Mode>(stp: *mut State, tag: Int<M>, payload: Int<M>) {
    let ctx = Ref::<M>::new(stp as usize);
    // SAFETY: `arg` is a field of the live state at these offsets (`#[repr(C)]`).
    unsafe {
        ctx.set_int(State::OFFSET_ARG_TAG, tag);
        ctx.set_int(State::OFFSET_ARG_PAYLOAD, payload);
    }
}

/// Abandons the recording (if recording) without leaving Recording mode mid-instruction: the
/// recorder ignores the rest of the instruction and the loop switches at the next one.
fn abort_if_recording<M: Mode>(_stp: *mut State, reason: AbortReason) {
    if M::RECORDING {
        metatrace::recorder::abort(reason);
    }
}

/// The interpreter loop for one mode. Returns to `run` to switch modes.
fn run_mode<M: Mode>(stp: *mut State, r: &mut Regs, rec: &mut Option<Rec>) -> LResult<Exit> {
    'frame: loop {
        // Per-frame data, reloaded only when the running frame changes.
        // SAFETY: `stp` is the live state.
        let clp = unsafe { (*stp).slot(r.base - EXTRA).payload } as *const LClosure;
        // SAFETY: the function slot of a running frame holds a live closure; prototypes are
        // immutable and live as long as the heap.
        let cl = unsafe { &*clp };
        let prt = cl.proto();
        let proto: &Proto = &prt.proto;
        let code: &[Insn] = &proto.code;
        let max_stack = proto.max_stack as usize;
        // A safepoint at every call, return and trace exit (the frame has just changed).
        if !M::RECORDING {
            // SAFETY: `stp` is the live state; no reference into it is held here.
            let st = unsafe { &mut *stp };
            if st.collection_due() {
                st.safepoint(live_top(st, r.base, max_stack));
            }
        }
        loop {
            // SAFETY: `stp` is the live state; references made from it are not held across helper calls
            // that use `stp` again except where noted.
            let st = unsafe { &mut *stp };
            let pc = r.pc;
            let insn = &code[pc];
            // Errors raised by the loop itself need the position (helpers set it themselves, as
            // compiled code does not keep it).
            st.cur_base = r.base;
            st.cur_pc = pc;
            if M::RECORDING && st.gc_lock == 0 && st.heap.gc.collection_requested() {
                // The trace-so-far holds values outside the stack, so no collection can happen
                // while recording: give the recording up and collect in the interpreter.
                st.jit.abort_recording(AbortReason::NotTraceable);
                *rec = None;
                return Ok(Exit::Switch);
            }
            if M::RECORDING {
                let entry = rec.expect("recording state").entry_base;
                st.recording_entry = Some(entry);
                let rel = ((r.base as i64 - entry as i64) * 2) as i32;
                if !st.jit.record_insn(pc as u32, rel) {
                    *rec = None;
                    return Ok(Exit::Switch);
                }
                if std::mem::take(&mut st.gc_guard_pending) {
                    gc_request_guard::<M>(st);
                }
            }
            // The view always spans `VIEW_REGS` registers, so the bounds checks of register
            // accesses are constant-true and compile away.
            // SAFETY: frames start below `MAX_STACK` and the allocation has `STACK_SLACK` more slots.
            let mut f = unsafe { window::<M>(st, r.base - EXTRA, VIEW_REGS + EXTRA, rec) };
            let pc_k = Int::<M>::new(pc as i64);
            let zero = Int::<M>::new(0);
            let mut next = pc + 1;
            macro_rules! helper {
            ($h:ident $(, $arg:expr)*) => {
                call_helper::<M, _>(stp, &h::$h, [helper_frame(&f), pc_k $(, $arg)*])?
            };
        }
            match *insn {
                Insn::Move { a, b } => {
                    let (t, v) = reg(&f, b as usize);
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::LoadI { a, i } => {
                    set_reg(&mut f, a as usize, Int::new(INT), Int::new(i as i64))
                }
                Insn::LoadF { a, f: x } => set_reg(
                    &mut f,
                    a as usize,
                    Int::new(FLOAT),
                    Int::new((x as f64).to_bits() as i64),
                ),
                Insn::LoadK { a, k } => {
                    let (t, v) = konst::<M>(prt.consts[k as usize]);
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::LoadFalse { a } => set_reg(&mut f, a as usize, Int::new(value::FALSE), zero),
                Insn::LoadFalseSkip { a } => {
                    set_reg(&mut f, a as usize, Int::new(value::FALSE), zero);
                    next = pc + 2;
                }
                Insn::LoadTrue { a } => set_reg(&mut f, a as usize, Int::new(value::TRUE), zero),
                Insn::LoadNil { a, n } => {
                    for i in 0..n as usize {
                        set_reg(&mut f, a as usize + i, Int::new(NIL), zero);
                    }
                }
                Insn::GetUpval { a, up } => {
                    let (t, v) = get_upval::<M>(st, &alias(&f), up as usize, rec)?;
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::SetUpval { up, src } => {
                    let (t, v) = reg(&f, src as usize);
                    set_upval::<M>(st, &alias(&f), up as usize, t, v, rec)?;
                }
                Insn::GetTabUp { a, up, key } => {
                    let (tt, tv) = get_upval::<M>(st, &alias(&f), up as usize, rec)?;
                    let (kt, kv) = konst::<M>(prt.consts[key as usize]);
                    let (t, v) = index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv)?;
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::GetTable { a, t, key } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (kt, kv) = reg(&f, key as usize);
                    let (t, v) = index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv)?;
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::GetI { a, t, i } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (t, v) = index::<M>(
                        stp,
                        &alias(&f),
                        pc_k,
                        tt,
                        tv,
                        Int::new(INT),
                        Int::new(i as i64),
                    )?;
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::GetField { a, t, key } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (kt, kv) = konst::<M>(prt.consts[key as usize]);
                    let (t, v) = index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv)?;
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::SelfK { a, obj, key } => {
                    let (ot, ov) = reg(&f, obj as usize);
                    let (kt, kv) = konst::<M>(prt.consts[key as usize]);
                    let (t, v) = index::<M>(stp, &alias(&f), pc_k, ot, ov, kt, kv)?;
                    set_reg(&mut f, a as usize + 1, ot, ov);
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::SetTabUp { up, key, src } => {
                    let (tt, tv) = get_upval::<M>(st, &alias(&f), up as usize, rec)?;
                    let (kt, kv) = konst::<M>(prt.consts[key as usize]);
                    let (vt, vv) = reg(&f, src as usize);
                    set_index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv, vt, vv)?;
                }
                Insn::SetTabUpK { up, key, k } => {
                    let (tt, tv) = get_upval::<M>(st, &alias(&f), up as usize, rec)?;
                    let (kt, kv) = konst::<M>(prt.consts[key as usize]);
                    let (vt, vv) = konst::<M>(prt.consts[k as usize]);
                    set_index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv, vt, vv)?;
                }
                Insn::SetTable { t, key, src } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (kt, kv) = reg(&f, key as usize);
                    let (vt, vv) = reg(&f, src as usize);
                    set_index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv, vt, vv)?;
                }
                Insn::SetTableK { t, key, k } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (kt, kv) = reg(&f, key as usize);
                    let (vt, vv) = konst::<M>(prt.consts[k as usize]);
                    set_index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv, vt, vv)?;
                }
                Insn::SetI { t, i, src } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (vt, vv) = reg(&f, src as usize);
                    set_index::<M>(
                        stp,
                        &alias(&f),
                        pc_k,
                        tt,
                        tv,
                        Int::new(INT),
                        Int::new(i as i64),
                        vt,
                        vv,
                    )?;
                }
                Insn::SetIK { t, i, k } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (vt, vv) = konst::<M>(prt.consts[k as usize]);
                    set_index::<M>(
                        stp,
                        &alias(&f),
                        pc_k,
                        tt,
                        tv,
                        Int::new(INT),
                        Int::new(i as i64),
                        vt,
                        vv,
                    )?;
                }
                Insn::SetField { t, key, src } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (kt, kv) = konst::<M>(prt.consts[key as usize]);
                    let (vt, vv) = reg(&f, src as usize);
                    set_index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv, vt, vv)?;
                }
                Insn::SetFieldK { t, key, k } => {
                    let (tt, tv) = reg(&f, t as usize);
                    let (kt, kv) = konst::<M>(prt.consts[key as usize]);
                    let (vt, vv) = konst::<M>(prt.consts[k as usize]);
                    set_index::<M>(stp, &alias(&f), pc_k, tt, tv, kt, kv, vt, vv)?;
                }
                Insn::NewTable { a, .. } => {
                    helper!(NEW_TABLE);
                    let (t, v) = ret_value::<M>(stp);
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::Arith { op, a, b, c } => {
                    let (bt, bv) = reg(&f, b as usize);
                    let (ct, cv) = reg(&f, c as usize);
                    let (t, v) = arith::<M>(stp, &alias(&f), pc_k, op, bt, bv, ct, cv)?;
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::ArithK {
                    op,
                    a,
                    b,
                    k,
                    k_left,
                } => {
                    let (bt, bv) = reg(&f, b as usize);
                    let (kt, kv) = konst::<M>(prt.consts[k as usize]);
                    let (t, v) = if k_left {
                        arith::<M>(stp, &alias(&f), pc_k, op, kt, kv, bt, bv)?
                    } else {
                        arith::<M>(stp, &alias(&f), pc_k, op, bt, bv, kt, kv)?
                    };
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::ArithI {
                    op,
                    a,
                    b,
                    imm,
                    imm_left,
                } => {
                    let (bt, bv) = reg(&f, b as usize);
                    let (it, iv) = (Int::new(INT), Int::new(imm as i64));
                    let (t, v) = if imm_left {
                        arith::<M>(stp, &alias(&f), pc_k, op, it, iv, bt, bv)?
                    } else {
                        arith::<M>(stp, &alias(&f), pc_k, op, bt, bv, it, iv)?
                    };
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::Unm { a, b } | Insn::BNot { a, b } => {
                    let (bt, bv) = reg(&f, b as usize);
                    let tag = bt.promote();
                    let (t, v) = match (*insn, tag) {
                        (Insn::Unm { .. }, INT) => (bt, Int::new(0) - bv),
                        (Insn::Unm { .. }, FLOAT) => (bt, (-bv.bits_to_float()).to_bits()),
                        (Insn::BNot { .. }, INT) => (bt, !bv),
                        _ => {
                            helper!(UNARY, bt, bv);
                            ret_value::<M>(stp)
                        }
                    };
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::Not { a, b } => {
                    let (bt, _) = reg(&f, b as usize);
                    let falsy = bt.promote() <= value::FALSE;
                    set_reg(
                        &mut f,
                        a as usize,
                        Int::new(if falsy { value::TRUE } else { value::FALSE }),
                        zero,
                    );
                }
                Insn::Len { a, b } => {
                    let (bt, bv) = reg(&f, b as usize);
                    let (t, v) = match bt.promote() {
                        value::STR => {
                            // SAFETY: a string payload is a live string; its length never changes.
                            (Int::new(INT), unsafe {
                                bv.to_ref().get_int_immutable(LuaStr::OFFSET_LEN)
                            })
                        }
                        value::TABLE => {
                            let tab = bv.to_ref();
                            // SAFETY: a table payload is a live table.
                            let meta = unsafe { tab.get_ref(Table::OFFSET_META) };
                            if meta.is_null().branch() {
                                let n = call_helper::<M, 1>(stp, &h::TABLE_LEN, [bv])?;
                                (Int::new(INT), n)
                            } else {
                                helper!(LEN, bt, bv);
                                ret_value::<M>(stp)
                            }
                        }
                        _ => {
                            helper!(LEN, bt, bv);
                            ret_value::<M>(stp)
                        }
                    };
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::Concat { a, n } => {
                    f.flush(regs_words(a as usize, a as usize + n as usize));
                    helper!(CONCAT);
                    let (t, v) = ret_value::<M>(stp);
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::Close { a } => {
                    if tbc_pending::<M>(stp, &alias(&f), a as usize) {
                        abort_if_recording::<M>(stp, AbortReason::NotTraceable);
                        f.flush(regs_words(0, max_stack));
                        helper!(CLOSE_TBC, Int::new(a as i64), Int::new(max_stack as i64));
                    } else {
                        close::<M>(stp, &alias(&f), a as usize, max_stack);
                    }
                }
                Insn::Tbc { a } => {
                    let (t, _) = reg(&f, a as usize);
                    if t.promote() > value::FALSE {
                        // Closing runs handlers at block exits: traces never see one pending.
                        abort_if_recording::<M>(stp, AbortReason::NotTraceable);
                        f.flush(regs_words(0, max_stack));
                        helper!(TBC, Int::new(a as i64));
                    }
                }
                Insn::Jmp { target } => next = target as usize,
                Insn::Eq {
                    a,
                    b,
                    jump_if,
                    target,
                } => {
                    let (at, av) = reg(&f, a as usize);
                    let (bt, bv) = reg(&f, b as usize);
                    if equals::<M>(stp, &alias(&f), pc_k, at, av, bt, bv)? == jump_if {
                        next = target as usize;
                    }
                }
                Insn::EqK {
                    a,
                    k,
                    jump_if,
                    target,
                } => {
                    let (at, av) = reg(&f, a as usize);
                    let (kt, kv) = konst::<M>(prt.consts[k as usize]);
                    if equals::<M>(stp, &alias(&f), pc_k, at, av, kt, kv)? == jump_if {
                        next = target as usize;
                    }
                }
                Insn::EqI {
                    a,
                    imm,
                    jump_if,
                    target,
                } => {
                    let (at, av) = reg(&f, a as usize);
                    if equals::<M>(
                        stp,
                        &alias(&f),
                        pc_k,
                        at,
                        av,
                        Int::new(INT),
                        Int::new(imm as i64),
                    )? == jump_if
                    {
                        next = target as usize;
                    }
                }
                Insn::Lt {
                    a,
                    b,
                    jump_if,
                    target,
                }
                | Insn::Le {
                    a,
                    b,
                    jump_if,
                    target,
                } => {
                    let (at, av) = reg(&f, a as usize);
                    let (bt, bv) = reg(&f, b as usize);
                    let le = matches!(*insn, Insn::Le { .. });
                    if less::<M>(stp, &alias(&f), pc_k, le, at, av, bt, bv)? == jump_if {
                        next = target as usize;
                    }
                }
                Insn::LtI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
                | Insn::LeI {
                    a,
                    imm,
                    jump_if,
                    target,
                } => {
                    let (at, av) = reg(&f, a as usize);
                    let le = matches!(*insn, Insn::LeI { .. });
                    if less::<M>(
                        stp,
                        &alias(&f),
                        pc_k,
                        le,
                        at,
                        av,
                        Int::new(INT),
                        Int::new(imm as i64),
                    )? == jump_if
                    {
                        next = target as usize;
                    }
                }
                Insn::GtI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
                | Insn::GeI {
                    a,
                    imm,
                    jump_if,
                    target,
                } => {
                    let (at, av) = reg(&f, a as usize);
                    let le = matches!(*insn, Insn::GeI { .. });
                    if less::<M>(
                        stp,
                        &alias(&f),
                        pc_k,
                        le,
                        Int::new(INT),
                        Int::new(imm as i64),
                        at,
                        av,
                    )? == jump_if
                    {
                        next = target as usize;
                    }
                }
                Insn::Test { a, jump_if, target } => {
                    let (t, _) = reg(&f, a as usize);
                    if (t.promote() > value::FALSE) == jump_if {
                        next = target as usize;
                    }
                }
                Insn::TestSet {
                    a,
                    b,
                    jump_if,
                    target,
                } => {
                    let (t, v) = reg(&f, b as usize);
                    if (t.promote() > value::FALSE) == jump_if {
                        set_reg(&mut f, a as usize, t, v);
                        next = target as usize;
                    }
                }
                Insn::Call { func, nargs, .. } => {
                    let nargs = arg_count::<M>(&alias(&f), func as usize, nargs, max_stack);
                    if let Some(callee_base) =
                        call::<M>(stp, r, &alias(&f), func as usize, nargs, rec, pc_k)?
                    {
                        r.base = callee_base;
                        r.pc = 0;
                        // A recursive call (the callee runs the caller's code) is where a
                        // function-entry trace starts or runs: the second kind of can-enter-jit
                        // point, after loop back-edges.
                        // SAFETY: the callee's frame was just set up with a closure.
                        if !M::RECORDING
                            && st
                                .closure_at(callee_base)
                                .is_some_and(|c| std::ptr::eq(c.proto(), prt))
                        {
                            let key = GreenKey {
                                code: prt as *const _ as usize,
                                pc: 0,
                            };
                            match st.jit.function_entry(key) {
                                Backedge::Interpret => {}
                                Backedge::Record => {
                                    *rec = Some(Rec {
                                        entry_base: callee_base,
                                        depth: 0,
                                    });
                                    return Ok(Exit::Switch);
                                }
                                Backedge::Enter(id) => {
                                    enter_trace(stp, r, rec, id)?;
                                    if rec.is_some() {
                                        return Ok(Exit::Switch);
                                    }
                                }
                            }
                        }
                        continue 'frame;
                    }
                }
                Insn::TailCall {
                    func,
                    nargs,
                    close: do_close,
                } => {
                    let nargs = arg_count::<M>(&alias(&f), func as usize, nargs, max_stack);
                    if do_close {
                        close::<M>(stp, &alias(&f), 0, max_stack);
                    }
                    let (ft, fv) = reg(&f, func as usize);
                    if ft.promote() == value::LCLOSURE {
                        // SAFETY: the value is a live closure; its prototype never changes.
                        unsafe { fv.to_ref().get_ref_immutable(LClosure::OFFSET_PROTO) }.promote();
                        // Move the function and arguments down to this frame's function slot and call
                        // from there, keeping this frame's link.
                        let (lt, lv) = (fget(&f, LINK), fget(&f, LINK + 1));
                        let _ = fv;
                        // SAFETY: the function and arguments fit where this frame's header and registers are.
                        let mut w = unsafe { window::<M>(st, r.base - EXTRA, nargs + 1, rec) };
                        move_values(&f, R0 + 2 * func as usize, &mut w, 0, nargs + 1);
                        let callee_base =
                            enter_lua::<M>(stp, r.base - EXTRA, nargs, rec, (lt, Some(lv)), 0)?;
                        r.base = callee_base;
                        r.pc = 0;
                        continue 'frame;
                    }
                    // A native tail call: call it, then return its results.
                    let n =
                        call_other::<M>(stp, &alias(&f), func as usize, nargs, max_stack, pc_k)?;
                    match do_return::<M>(stp, r, &alias(&f), func as usize, n, max_stack, rec)? {
                        Some(values) => return Ok(Exit::Return(values)),
                        None => continue 'frame,
                    }
                }
                Insn::Return { .. } | Insn::Return0 | Insn::Return1 { .. }
                    if M::RECORDING && record_return(st, r, rec) =>
                {
                    return Ok(Exit::Switch);
                }
                Insn::Return {
                    a,
                    n,
                    close: do_close,
                } => {
                    let count = if n == MULTRET {
                        let top = fget(&f, TOP).promote() as usize;
                        top - a as usize
                    } else {
                        n as usize
                    };
                    if do_close {
                        if tbc_pending::<M>(stp, &alias(&f), 0) {
                            abort_if_recording::<M>(stp, AbortReason::NotTraceable);
                            f.flush(regs_words(0, max_stack));
                            let top = (a as usize + count).max(max_stack) as i64;
                            helper!(CLOSE_TBC, Int::new(0), Int::new(top));
                        } else {
                            close::<M>(stp, &alias(&f), 0, max_stack);
                        }
                    }
                    match do_return::<M>(stp, r, &alias(&f), a as usize, count, max_stack, rec)? {
                        Some(values) => return Ok(Exit::Return(values)),
                        None => continue 'frame,
                    }
                }
                Insn::Return0 => match do_return::<M>(stp, r, &alias(&f), 0, 0, max_stack, rec)? {
                    Some(values) => return Ok(Exit::Return(values)),
                    None => continue 'frame,
                },
                Insn::Return1 { a } => {
                    match do_return::<M>(stp, r, &alias(&f), a as usize, 1, max_stack, rec)? {
                        Some(values) => return Ok(Exit::Return(values)),
                        None => continue 'frame,
                    }
                }
                Insn::ForPrep { a, exit } => {
                    if !for_prep::<M>(stp, &mut alias(&f), a as usize)? {
                        next = exit as usize;
                    }
                }
                Insn::ForLoop { a, body } => {
                    if for_loop::<M>(&mut f, a as usize) {
                        next = body as usize;
                    }
                }
                Insn::TForPrep { a, call: target } => {
                    // The fourth value of a generic `for` is its closing value.
                    let (t, _) = reg(&f, a as usize + 3);
                    if t.promote() > value::FALSE {
                        abort_if_recording::<M>(stp, AbortReason::NotTraceable);
                        f.flush(regs_words(0, max_stack));
                        helper!(TBC, Int::new(a as i64 + 3));
                    }
                    next = target as usize;
                }
                Insn::TForCall { a, n } => {
                    let a = a as usize;
                    for i in 0..3 {
                        let (t, v) = reg(&f, a + i);
                        set_reg(&mut f, a + 4 + i, t, v);
                    }
                    let (ft, _) = reg(&f, a + 4);
                    if ft.promote() == value::LCLOSURE {
                        if let Some(callee_base) =
                            call::<M>(stp, r, &alias(&f), a + 4, 2, rec, pc_k)?
                        {
                            r.base = callee_base;
                            r.pc = 0;
                            continue 'frame;
                        }
                    } else {
                        // The helper calls R[a](R[a+1], R[a+2]) from memory.
                        f.flush(regs_words(a, a + 3));
                        helper!(CALL_OTHER);
                        f.forget(regs_words(a + 4, a + 4 + n as usize));
                    }
                }
                Insn::TForLoop { a, body } => {
                    let (t, v) = reg(&f, a as usize + 4);
                    if t.promote() != NIL {
                        set_reg(&mut f, a as usize + 2, t, v);
                        next = body as usize;
                    }
                }
                Insn::SetList { t, n, .. } => {
                    let n = if n == MULTRET {
                        fget(&f, TOP).promote() as usize - t as usize - 1
                    } else {
                        n as usize
                    };
                    f.flush(regs_words(t as usize, t as usize + 1 + n));
                    f.flush(TOP..TOP + 2);
                    helper!(SET_LIST);
                }
                Insn::Closure { a, .. } => {
                    helper!(CLOSURE);
                    let (t, v) = ret_value::<M>(stp);
                    set_reg(&mut f, a as usize, t, v);
                }
                Insn::VarArg { a, n } => {
                    let nextra = fget(&f, TOP + 1).promote() as usize;
                    let count = if n == MULTRET { nextra } else { n as usize };
                    // SAFETY: the extra arguments sit just below the frame's header.
                    let below =
                        unsafe { window::<M>(st, r.base - EXTRA - nextra, nextra.max(1), rec) };
                    if r.base + a as usize + count + 8 >= MAX_STACK {
                        return Err(st.rt_error("stack overflow"));
                    }
                    // SAFETY: checked just above.
                    let mut dst = unsafe { window::<M>(st, r.base, a as usize + count + 1, rec) };
                    for i in 0..count {
                        let (t, v) = if i < nextra {
                            (fget(&below, 2 * i), fget(&below, 2 * i + 1))
                        } else {
                            (Int::new(NIL), zero)
                        };
                        fset(&mut dst, 2 * (a as usize + i), t);
                        fset(&mut dst, 2 * (a as usize + i) + 1, v);
                    }
                    if n == MULTRET {
                        fset(&mut f, TOP, Int::new((a as usize + count) as i64));
                    }
                }
                Insn::VarArgPrep { .. } => {}
            }
            // Back-edges: count, enter compiled code, or close the loop being recorded.
            if next <= pc {
                let key = GreenKey {
                    code: prt as *const _ as usize,
                    pc: next as u32,
                };
                if M::RECORDING {
                    let rc = rec.expect("recording");
                    let rel = ((r.base as i64 - rc.entry_base as i64) * 2) as i32;
                    r.pc = next;
                    if st.jit.record_backedge(key, rel) == RecordStep::Stop {
                        *rec = None;
                        return Ok(Exit::Switch);
                    }
                    continue;
                }
                if st.collection_due() {
                    st.safepoint(live_top(st, r.base, max_stack));
                }
                match st.jit.backedge(key) {
                    Backedge::Interpret => {}
                    Backedge::Record => {
                        // The trace's first instruction checks the collection request.
                        st.gc_guard_pending = true;
                        r.pc = next;
                        *rec = Some(Rec {
                            entry_base: r.base,
                            depth: 0,
                        });
                        return Ok(Exit::Switch);
                    }
                    Backedge::Enter(id) => {
                        enter_trace(stp, r, rec, id)?;
                        if rec.is_some() {
                            return Ok(Exit::Switch);
                        }
                        continue 'frame;
                    }
                }
            }
            r.pc = next;
        }
    }
}

/// While recording, at a return opcode (before it runs): ends a function-entry trace at its
/// entry frame's return (the opcode then runs in Concrete mode). True when the recording stopped.
fn record_return(st: &mut State, r: &Regs, rec: &mut Option<Rec>) -> bool {
    let entry = rec.expect("recording").entry_base;
    let rel = ((r.base as i64 - entry as i64) * 2) as i32;
    let ends_function = rel == 0 && st.jit.recording_function();
    let step = match ends_function.then(|| normal_return_result(st, r, rec)) {
        Some(Some(payload)) => st.jit.record_function_return(rel, payload),
        _ => st.jit.record_return(rel),
    };
    if step == RecordStep::Stop {
        *rec = None;
        return true;
    }
    false
}

/// Runs compiled trace `id` on the running frame (at a loop header or a function's entry) and
/// sets `r` to where the interpreter resumes; `rec` is set when a recording starts there.
fn enter_trace(
    stp: *mut State,
    r: &mut Regs,
    rec: &mut Option<Rec>,
    id: metatrace::TraceId,
) -> LResult<()> {
    // SAFETY: `stp` is the live state; the frame is the running Lua frame, inside the stack.
    let (frame_ptr, jit) = unsafe {
        let st = &mut *stp;
        (
            st.stack.add(r.base - EXTRA) as *mut i64,
            &mut st.jit as *mut Jit,
        )
    };
    // SAFETY: see `Jit::enter`; the state outlives the call and nothing else uses it.
    let resume = unsafe { Jit::enter(jit, id, frame_ptr, stp as *mut JitCtxHeader) };
    r.base = (r.base as i64 + resume.base_rel as i64 / 2) as usize;
    r.pc = resume.pc as usize;
    check_exception(stp)?;
    if resume.record_bridge {
        *rec = Some(Rec {
            entry_base: r.base,
            depth: 0,
        });
    }
    Ok(())
}

// ANCHOR: jit_gc
/// At a trace's loop header: exit to the interpreter (which then reaches a safepoint) when an
/// allocation has requested a collection. One load, a mask and a guard per iteration: the
/// request byte is the first byte of the heap's `JitHooks`. The guard comes before any effect of
/// the instruction, so the exit resumes at the loop header.
fn gc_request_guard<M: Mode>(st: &State) {
    let hooks = st.heap.gc.jit_hooks() as usize;
    // SAFETY: the hooks live as long as the heap; the load reads the request byte and the bytes
    // after it inside the same `JitHooks`, and the mask keeps the byte.
    let flag = unsafe { Ref::<M>::new(hooks).get_int(0) } & Int::new(0xff);
    let _ = flag.eq(Int::new(0)).branch();
}

/// The write barrier after storing a value into heap object `obj` in code that compiled traces
/// run: nothing for immediates, the `gc_wb` op for references (inline card marking in compiled
/// code, the collector's barrier function in the interpreter). `is_ref` comes from the stored
/// value's tag, promoted before the store (a guard after the store would be a guard after an
/// effect).
fn barrier<M: Mode>(obj: Ref<M>, is_ref: bool) -> LResult<()> {
    if is_ref {
        // SAFETY: `obj` is the value address of a live heap object; the Jit has `GC_LAYOUT`.
        unsafe { metatrace::gc::write_barrier(&GC_LAYOUT, obj) };
    }
    Ok(())
}

/// VGC's card layout, for `metatrace::gc::write_barrier` and `Jit::set_gc_layout`.
pub(crate) static GC_LAYOUT: metatrace::gc::GcLayout = metatrace::gc::GcLayout {
    header_size: vgc::HEADER_SIZE as u32,
    page_mask: vgc::jit::PAGE_MASK as u64,
    slot_shift: vgc::jit::SLOT_SHIFT,
    card_offset: vgc::jit::CARD_OFFSET as u32,
    summary_ptr_offset: vgc::jit::SUMMARY_PTR_OFFSET as u32,
    barrier: vgc::vgc_write_barrier,
};
// ANCHOR_END: jit_gc

/// Reads upvalue `up` of the running closure (the frame's function slot).
fn get_upval<M: Mode>(
    st: &State,
    f: &Frame<M>,
    up: usize,
    rec: &Option<Rec>,
) -> LResult<(Int<M>, Int<M>)> {
    let loc = upval_location::<M>(st, f, up, rec);
    match loc {
        UpvalLoc::Stack(w) => Ok((fget(&w, 0), fget(&w, 1))),
        // SAFETY: `loc` points at the upvalue's own storage.
        UpvalLoc::Heap(loc, _) => Ok(unsafe { (loc.get_int(0), loc.get_int(8)) }),
    }
}

fn set_upval<M: Mode>(
    st: &State,
    f: &Frame<M>,
    up: usize,
    t: Int<M>,
    v: Int<M>,
    rec: &Option<Rec>,
) -> LResult<()> {
    match upval_location::<M>(st, f, up, rec) {
        UpvalLoc::Stack(mut w) => {
            fset(&mut w, 0, t);
            fset(&mut w, 1, v);
        }
        // SAFETY: as in `get_upval`.
        UpvalLoc::Heap(loc, uv) => {
            let is_ref = value::is_gc(t.promote());
            // SAFETY: as in `get_upval`.
            unsafe {
                loc.set_int(0, t);
                loc.set_int(8, v);
            }
            barrier::<M>(uv, is_ref)?;
        }
    }
    Ok(())
}

enum UpvalLoc<M: Mode> {
    /// An open upvalue: the stack slot, seen through the frame (it may live in a register).
    Stack(Frame<M>),
    /// A closed upvalue (or any upvalue when not recording): the value's address and the upvalue.
    Heap(Ref<M>, Ref<M>),
}

fn upval_location<M: Mode>(st: &State, f: &Frame<M>, up: usize, rec: &Option<Rec>) -> UpvalLoc<M> {
    let closure = fget(f, 1).to_ref();
    // SAFETY: the function slot holds a live closure; its upvalue array never changes.
    let uv = unsafe {
        closure
            .get_ref_immutable(LClosure::OFFSET_UPVALS)
            .get_ref_immutable(up as i64 * 8)
    };
    // SAFETY: upvalues are live.
    let loc = unsafe { uv.get_ref(UpVal::OFFSET_LOC) };
    if M::RECORDING {
        // An open upvalue of another coroutine points into that coroutine's stack, which the
        // trace does not hold in registers: it is read through memory like a closed one.
        let own_stack = |slot: usize| loc.peek() == st.stack.wrapping_add(slot) as usize;
        // A function-entry trace runs at every depth of a recursion, so a slot below its entry
        // frame is at no fixed offset from it: it is read through memory, at the address seen
        // (the trace never holds such a slot in a register).
        let below_function_trace = |slot: usize| {
            rec.is_some_and(|r| slot + EXTRA < r.entry_base) && st.jit.recording_function()
        };
        // SAFETY: `uv` is a live upvalue.
        match unsafe { (*(uv.peek() as *const UpVal)).open_slot } {
            Some(slot) if !own_stack(slot) || below_function_trace(slot) => {
                let _ = loc.ptr_eq(Ref::new(loc.peek())).branch();
            }
            Some(slot) => {
                // SAFETY: an open upvalue's slot is inside the stack.
                let w = unsafe { window::<M>(st, slot, 1, rec) };
                // The trace may hold the slot in a register: go through the frame, after checking
                // that the upvalue still points at that slot.
                let _ = loc.ptr_eq(w.base_ref()).branch();
                return UpvalLoc::Stack(w);
            }
            None => {
                let _ = loc
                    .ptr_eq(uv.offset(Int::new(UpVal::OFFSET_CLOSED)))
                    .branch();
            }
        }
    }
    UpvalLoc::Heap(loc, uv)
}

/// `t[k]`: array and hash fast paths inline, metamethods through the helper.
#[inline(always)]
fn index<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    tt: Int<M>,
    tv: Int<M>,
    kt: Int<M>,
    kv: Int<M>,
) -> LResult<(Int<M>, Int<M>)> {
    if tt.promote() == value::TABLE {
        let tab = tv.to_ref();
        let ktag = kt.promote();
        if ktag == INT {
            // SAFETY: a table payload is a live table; the array pointer and length are in sync.
            let len = unsafe { tab.get_int(Table::OFFSET_ARR_LEN) };
            let idx = kv - Int::new(1);
            if idx.ult(len).branch() {
                // SAFETY: `idx < len` was just checked.
                let (rt, rv) = unsafe {
                    let e = tab.get_ref(Table::OFFSET_ARR).offset(idx * Int::new(16));
                    (e.get_int(0), e.get_int(8))
                };
                if rt.promote() != NIL {
                    return Ok((rt, rv));
                }
                // SAFETY: as above.
                if unsafe { tab.get_ref(Table::OFFSET_META) }
                    .is_null()
                    .branch()
                {
                    return Ok((Int::new(NIL), Int::new(0)));
                }
                return index_miss::<M>(stp, f, pc, tt, tv, kt, kv);
            }
        }
        if ktag != NIL && !(ktag == FLOAT && kv.bits_to_float().peek().is_nan()) {
            let p = if M::RECORDING {
                call_helper::<M, 3>(stp, &h::FIND, [tv, kt, kv])?.to_ref()
            } else {
                // The plain interpreter calls what `FIND` calls, without the helper's argument
                // marshalling, indirect call and exception check (it cannot fail).
                let key = Value {
                    tag: ktag,
                    payload: kv.peek(),
                };
                // SAFETY: a table payload is a live table.
                let p = unsafe { (*(tv.peek() as *const Table)).find_ptr(key) };
                Ref::new(p as usize)
            };
            // SAFETY: FIND returns the address of a value slot (or of a static nil).
            let (rt, rv) = unsafe { (p.get_int(0), p.get_int(8)) };
            if rt.promote() != NIL {
                return Ok((rt, rv));
            }
            // SAFETY: as above.
            if unsafe { tab.get_ref(Table::OFFSET_META) }
                .is_null()
                .branch()
            {
                return Ok((Int::new(NIL), Int::new(0)));
            }
            return index_miss::<M>(stp, f, pc, tt, tv, kt, kv);
        }
    }
    index_slow::<M>(stp, f, pc, tt, tv, kt, kv)
}

/// `t[k]` for table `t` after its raw `t[k]` was found nil and it has a metatable.
fn index_miss<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    tt: Int<M>,
    tv: Int<M>,
    kt: Int<M>,
    kv: Int<M>,
) -> LResult<(Int<M>, Int<M>)> {
    call_helper::<M, 6>(stp, &h::INDEX_MISS, [helper_frame(f), pc, tt, tv, kt, kv])?;
    Ok(ret_value::<M>(stp))
}

fn index_slow<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    tt: Int<M>,
    tv: Int<M>,
    kt: Int<M>,
    kv: Int<M>,
) -> LResult<(Int<M>, Int<M>)> {
    call_helper::<M, 6>(stp, &h::INDEX, [helper_frame(f), pc, tt, tv, kt, kv])?;
    Ok(ret_value::<M>(stp))
}

/// `t[k] = v`: array fast path inline, everything else through the helper.
#[inline(always)]
fn set_index<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    tt: Int<M>,
    tv: Int<M>,
    kt: Int<M>,
    kv: Int<M>,
    vt: Int<M>,
    vv: Int<M>,
) -> LResult<()> {
    if tt.promote() == value::TABLE && kt.promote() == INT {
        let tab = tv.to_ref();
        // SAFETY: a table payload is a live table.
        let len = unsafe { tab.get_int(Table::OFFSET_ARR_LEN) };
        let idx = kv - Int::new(1);
        if idx.ult(len).branch() {
            // SAFETY: `idx < len`.
            let e = unsafe { tab.get_ref(Table::OFFSET_ARR).offset(idx * Int::new(16)) };
            // SAFETY: as above.
            let existing = unsafe { e.get_int(0) };
            // A raw store is right unless the slot is empty and a metatable may have `__newindex`.
            // SAFETY (the metatable load below): `tab` is a live table.
            let raw = existing.promote() != NIL
                || unsafe { tab.get_ref(Table::OFFSET_META) }
                    .is_null()
                    .branch();
            if raw {
                let is_ref = value::is_gc(vt.promote());
                // SAFETY: as above.
                unsafe {
                    e.set_int(0, vt);
                    e.set_int(8, vv);
                }
                barrier::<M>(tab, is_ref)?;
                return Ok(());
            }
        }
    }
    // The plain interpreter overwrites a present string key's value in place, as `SET_INDEX`
    // would after finding it (the common field update). Traces call the helper.
    if !M::RECORDING && tt.peek() == value::TABLE && kt.peek() == value::STR {
        let key = Value {
            tag: value::STR,
            payload: kv.peek(),
        };
        let v = Value {
            tag: vt.peek(),
            payload: vv.peek(),
        };
        // SAFETY: a table payload is a live table; nothing else refers to it during the call.
        if unsafe { (*(tv.peek() as *mut Table)).replace_present_str(key, v) } {
            return Ok(());
        }
    }
    set_arg::<M>(stp, vt, vv);
    call_helper::<M, 6>(stp, &h::SET_INDEX, [helper_frame(f), pc, tt, tv, kt, kv])?;
    Ok(())
}

/// Arithmetic: integer and float fast paths inline, the rest through the helper.
#[inline(always)]
fn arith<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    op: ArithOp,
    at: Int<M>,
    av: Int<M>,
    bt: Int<M>,
    bv: Int<M>,
) -> LResult<(Int<M>, Int<M>)> {
    let (ta, tb) = (at.promote(), bt.promote());
    let int = Int::<M>::new(INT);
    let float = Int::<M>::new(FLOAT);
    if ta == INT && tb == INT {
        match op {
            ArithOp::Add => return Ok((int, av + bv)),
            ArithOp::Sub => return Ok((int, av - bv)),
            ArithOp::Mul => return Ok((int, av * bv)),
            ArithOp::BAnd => return Ok((int, av & bv)),
            ArithOp::BOr => return Ok((int, av | bv)),
            ArithOp::BXor => return Ok((int, av ^ bv)),
            ArithOp::IDiv | ArithOp::Mod => {
                if !bv.eq_const(0).branch() {
                    let v = if op == ArithOp::IDiv {
                        av.floordiv(bv)
                    } else {
                        av.floormod(bv)
                    };
                    return Ok((int, v));
                }
            }
            ArithOp::Shl | ArithOp::Shr => {
                if bv.ult(Int::new(64)).branch() {
                    let v = if op == ArithOp::Shl {
                        av << bv
                    } else {
                        av.ushr(bv)
                    };
                    return Ok((int, v));
                }
            }
            ArithOp::Div => return Ok((float, (av.to_float() / bv.to_float()).to_bits())),
            ArithOp::Pow => {}
        }
    } else if (ta == INT || ta == FLOAT) && (tb == INT || tb == FLOAT) {
        let fa = if ta == INT {
            av.to_float()
        } else {
            av.bits_to_float()
        };
        let fb = if tb == INT {
            bv.to_float()
        } else {
            bv.bits_to_float()
        };
        let r = match op {
            ArithOp::Add => Some(fa + fb),
            ArithOp::Sub => Some(fa - fb),
            ArithOp::Mul => Some(fa * fb),
            ArithOp::Div => Some(fa / fb),
            ArithOp::IDiv => Some((fa / fb).floor()),
            _ => None,
        };
        if let Some(r) = r {
            return Ok((float, r.to_bits()));
        }
    }
    call_helper::<M, 6>(stp, &h::ARITH, [helper_frame(f), pc, at, av, bt, bv])?;
    Ok(ret_value::<M>(stp))
}

/// `a == b`.
#[inline(always)]
fn equals<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    at: Int<M>,
    av: Int<M>,
    bt: Int<M>,
    bv: Int<M>,
) -> LResult<bool> {
    let (ta, tb) = (at.promote(), bt.promote());
    if ta == tb {
        return Ok(match ta {
            NIL | value::FALSE | value::TRUE => true,
            FLOAT => av.bits_to_float().eq(bv.bits_to_float()).branch(),
            value::TABLE | value::USERDATA => {
                if av.eq(bv).branch() {
                    true
                } else {
                    compare_slow::<M>(stp, f, pc, at, av, bt, bv)?
                }
            }
            _ => av.eq(bv).branch(),
        });
    }
    if (ta == INT || ta == FLOAT) && (tb == INT || tb == FLOAT) {
        return compare_slow::<M>(stp, f, pc, at, av, bt, bv);
    }
    Ok(false)
}

/// `a < b` or `a <= b`.
#[inline(always)]
fn less<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    le: bool,
    at: Int<M>,
    av: Int<M>,
    bt: Int<M>,
    bv: Int<M>,
) -> LResult<bool> {
    let (ta, tb) = (at.promote(), bt.promote());
    if ta == INT && tb == INT {
        return Ok(if le { av.le(bv) } else { av.lt(bv) }.branch());
    }
    if ta == FLOAT && tb == FLOAT {
        let (x, y) = (av.bits_to_float(), bv.bits_to_float());
        return Ok(if le { x.le(y) } else { x.lt(y) }.branch());
    }
    compare_slow::<M>(stp, f, pc, at, av, bt, bv)
}

fn compare_slow<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    pc: Int<M>,
    at: Int<M>,
    av: Int<M>,
    bt: Int<M>,
    bv: Int<M>,
) -> LResult<bool> {
    call_helper::<M, 6>(stp, &h::COMPARE, [helper_frame(f), pc, at, av, bt, bv])?;
    let (_, v) = ret_value::<M>(stp);
    // Branching on a helper's result after its effects aborts a recording (the recorder's rule).
    Ok(v.ne(Int::new(0)).branch())
}

/// Whether the running coroutine has to-be-closed variables in registers `>= from` of `f`.
fn tbc_pending<M: Mode>(stp: *mut State, f: &Frame<M>, from: usize) -> bool {
    // SAFETY: short-lived access.
    let st = unsafe { &*stp };
    st.tbc
        .last()
        .is_some_and(|&slot| slot >= st.slot_of(f.base() as *const Value) + EXTRA + from)
}

/// Closes upvalues of registers `>= from` (flushing them to memory first).
fn close<M: Mode>(stp: *mut State, f: &Frame<M>, from: usize, max_stack: usize) {
    // SAFETY: short-lived access.
    let st = unsafe { &mut *stp };
    let base_slot = st.slot_of(f.base() as *const Value) + EXTRA;
    if st.open_upvals.range(base_slot + from..).next().is_none() {
        return;
    }
    f.flush(regs_words(from, max_stack));
    let level = f
        .base_ref()
        .offset(Int::new(16 * (EXTRA + from) as i64))
        .to_int();
    // CLOSE cannot fail.
    let _ = call_helper::<M, 1>(stp, &h::CLOSE, [level]);
}

/// The argument count of a call whose arguments may run up to `top`.
fn arg_count<M: Mode>(f: &Frame<M>, func: usize, nargs: u8, max_stack: usize) -> usize {
    let _ = max_stack;
    if nargs == MULTRET {
        fget(f, TOP).promote() as usize - func - 1
    } else {
        nargs as usize
    }
}

/// A call: Lua closures get a new frame (returned: continue there); anything else is called
/// through the helper and its results are in place (`None`).
#[inline(always)]
fn call<M: Mode>(
    stp: *mut State,
    r: &Regs,
    f: &Frame<M>,
    func: usize,
    nargs: usize,
    rec: &mut Option<Rec>,
    pc: Int<M>,
) -> LResult<Option<usize>> {
    let (ft, fv) = reg(f, func);
    if ft.promote() == value::LCLOSURE {
        // Guard on the callee's code, not on the closure: closures of one function made in a loop
        // all share the trace (their upvalues are read from the closure object itself).
        // SAFETY: the value is a live closure; its prototype never changes.
        unsafe { fv.to_ref().get_ref_immutable(LClosure::OFFSET_PROTO) }.promote();
        if M::RECORDING && call_assembler_call::<M>(stp, r, f, func, nargs, rec)? {
            return Ok(None);
        }
        if let Some(rc) = rec.as_mut() {
            rc.depth += 1;
            if rc.depth > MAX_INLINE_DEPTH {
                abort_if_recording::<M>(stp, AbortReason::TooDeep);
            }
        }
        let link = (Int::new(r.pc as i64), None);
        let base = enter_lua::<M>(stp, r.base + func, nargs, rec, link, r.base)?;
        return Ok(Some(base));
    }
    // SAFETY: short-lived access.
    let max_stack = unsafe { &*stp }
        .closure_at(r.base)
        .map_or(0, |c| c.proto().proto.max_stack as usize);
    call_other::<M>(stp, f, func, nargs, max_stack, pc)?;
    Ok(None)
}

// ANCHOR: call_assembler
/// While recording a `Call` of a Lua function: a recursive call (the callee runs the caller's
/// code) whose function has a function-entry trace (or is the one being recorded) is recorded as
/// a `call_assembler` of that trace instead of being inlined. The callee's frame is built in
/// memory with a link that returns to native code (`-2 - pc`: the caller's pc stays readable for
/// tracebacks and error levels), so the portal's interpreter run ends at its return. Only fixed
/// arity functions called for at most one result qualify. Returns false when the call is to be
/// inlined as usual.
fn call_assembler_call<M: Mode>(
    stp: *mut State,
    r: &Regs,
    f: &Frame<M>,
    func: usize,
    nargs: usize,
    rec: &Option<Rec>,
) -> LResult<bool> {
    // SAFETY: short-lived access.
    let st = unsafe { &mut *stp };
    let fslot = r.base + func;
    // SAFETY: the caller checked that the slot holds a closure; the running frame is Lua's.
    let callee = unsafe { &*(st.slot(fslot).payload as *const LClosure) }.proto();
    let Some(caller) = st.closure_at(r.base).map(|c| c.proto()) else {
        return Ok(false);
    };
    let nresults = match caller.proto.code[r.pc] {
        Insn::Call { nresults, .. } => nresults,
        _ => return Ok(false),
    };
    let proto = &callee.proto;
    if !std::ptr::eq(callee, caller) || proto.is_vararg || nresults > 1 {
        return Ok(false);
    }
    let key = GreenKey {
        code: callee as *const _ as usize,
        pc: 0,
    };
    let Some(id) = st.jit.call_assembler_target(key) else {
        return Ok(false);
    };
    let nparams = proto.num_params as usize;
    let nslots = EXTRA + nparams.max(nargs).max(proto.max_stack as usize);
    // Compiled code does not check the stack's size when it builds frames: the callee's frame must
    // fit below the limit the interpreter enforces, or the call runs in the interpreter (which
    // raises the "stack overflow").
    // SAFETY: the address is only compared.
    let limit = unsafe { st.stack.add(MAX_STACK - 64) } as i64;
    let callee_end = f.base_ref().to_int() + Int::new(((EXTRA + func + nslots) * 16) as i64);
    if !callee_end.lt(Int::new(limit)).branch() {
        return Ok(false);
    }
    let link = (Int::new(-2 - r.pc as i64), None);
    let callee_base = enter_lua::<M>(stp, fslot, nargs, rec, link, r.base)?;
    // SAFETY: `enter_lua` checked that the frame fits in the stack.
    let callee_frame = unsafe { window::<M>(st, callee_base - EXTRA, nslots, rec) };
    callee_frame.flush(0..2 * nslots);
    let payload = metatrace::call_assembler::<M>(id, callee_frame.base_ref(), || {
        // SAFETY: the state is live; nothing else uses it during the call.
        finish_call(unsafe { &mut *stp }, callee_base, 0, false)
    });
    // Whatever the callee did to its frame (and anything above) is in memory now.
    callee_frame.forget(0..2 * (VIEW_REGS + EXTRA).max(nslots));
    check_exception(stp)?;
    let (tag, _) = ret_value::<M>(stp);
    // SAFETY: short-lived access; as `do_return` into this frame.
    let st = unsafe { &mut *stp };
    let mut f2 = unsafe { window::<M>(st, r.base - EXTRA, VIEW_REGS + EXTRA, rec) };
    if nresults == 1 {
        set_reg(&mut f2, func, tag, payload);
    }
    fset(&mut f2, TOP, Int::new(0));
    let max_stack = caller.proto.max_stack as usize;
    // SAFETY: inside the stack.
    st.frame_top = unsafe { st.stack.add(r.base + max_stack) };
    Ok(true)
}
// ANCHOR_END: call_assembler

/// Calls a non-Lua function through the helper, with arguments and results in memory.
fn call_other<M: Mode>(
    stp: *mut State,
    f: &Frame<M>,
    func: usize,
    nargs: usize,
    max_stack: usize,
    pc: Int<M>,
) -> LResult<usize> {
    f.flush(regs_words(func, func + 1 + nargs));
    f.flush(TOP..TOP + 2);
    // Called by the interpreter itself, everything the callee may need is in the stack, so a
    // native marked `gc_transparent` may let collections happen (not from compiled code).
    if !M::RECORDING {
        // SAFETY: short-lived access.
        unsafe { (*stp).native_transparent = true };
    }
    let n = call_helper::<M, 2>(stp, &h::CALL_OTHER, [helper_frame(f), pc]);
    // SAFETY: short-lived access.
    unsafe { (*stp).native_transparent = false };
    let n = n?;
    let count = n.peek() as usize;
    f.forget(regs_words(
        func,
        func + count.max(max_stack.saturating_sub(func)),
    ));
    f.forget(TOP..TOP + 2);
    Ok(count)
}

/// Builds the frame of the Lua closure at `fslot` called with `nargs` arguments; returns its base.
/// `link` is the caller's pc and, for tail calls, the link to keep.
#[inline(always)]
fn enter_lua<M: Mode>(
    stp: *mut State,
    fslot: usize,
    nargs: usize,
    rec: &Option<Rec>,
    link: (Int<M>, Option<Int<M>>),
    caller_base: usize,
) -> LResult<usize> {
    if !M::RECORDING {
        return enter_lua_concrete(
            stp,
            fslot,
            nargs,
            link.0.peek(),
            link.1.map(Int::peek),
            caller_base,
        );
    }
    // SAFETY: short-lived access.
    let st = unsafe { &mut *stp };
    // SAFETY: the caller checked that the slot holds a closure.
    let cl = unsafe { &*(st.slot(fslot).payload as *const LClosure) };
    let fslot0 = fslot;
    let proto = &cl.proto().proto;
    let nparams = proto.num_params as usize;
    let max_stack = proto.max_stack as usize;
    if fslot + nargs + max_stack + 16 >= MAX_STACK {
        return Err(st.rt_error("stack overflow"));
    }
    let mut fslot = fslot;
    let mut nextra = 0;
    // SAFETY: checked above that everything below fits in the stack.
    unsafe {
        let src = window::<M>(st, fslot, nargs + 1, rec);
        let func = (fget(&src, 0), fget(&src, 1));
        if proto.is_vararg {
            // The function and fixed parameters move above all the arguments; the extra
            // arguments stay below the new header.
            nextra = nargs.saturating_sub(nparams);
            fslot += 1 + nargs;
        }
        let mut dst = window::<M>(
            st,
            fslot,
            EXTRA
                + nparams
                    .max(if proto.is_vararg { 0 } else { nargs })
                    .max(max_stack),
            rec,
        );
        if proto.is_vararg {
            fset(&mut dst, 0, func.0);
            fset(&mut dst, 1, func.1);
        }
        let copy = if proto.is_vararg {
            nparams.min(nargs)
        } else {
            nargs
        };
        move_values(&src, 2, &mut dst, R0, copy);
        for i in nargs..nparams {
            set_reg(&mut dst, i, Int::new(NIL), Int::new(0));
        }
        // Registers above the arguments may hold stale values of frames popped before the last
        // collection; they are roots from now on, so clear them (see `State::safepoint`).
        for i in nparams.max(if proto.is_vararg { 0 } else { nargs })..max_stack {
            set_reg(&mut dst, i, Int::new(NIL), Int::new(0));
        }
        let base = fslot + EXTRA;
        let delta = match link.1 {
            // A tail call keeps the caller; the base may have moved up for varargs.
            Some(old_delta) => old_delta + Int::new((fslot - fslot0) as i64),
            None => Int::new((base - caller_base) as i64),
        };
        fset(&mut dst, LINK, link.0);
        fset(&mut dst, LINK + 1, delta);
        fset(&mut dst, TOP, Int::new(0));
        fset(&mut dst, TOP + 1, Int::new(nextra as i64));
        st.frame_top = st.stack.add(base + max_stack);
        Ok(base)
    }
}

/// `enter_lua` for the plain interpreter: the same frame, built with plain copies of the stack's
/// values instead of word by word through a frame view (whose per-word bounds checks and
/// direction tests cost more than the copy on the hottest non-loop path). Recording keeps the
/// view, which is what names the slots in the trace.
#[inline(always)]
fn enter_lua_concrete(
    stp: *mut State,
    fslot0: usize,
    nargs: usize,
    link_pc: i64,
    kept_delta: Option<i64>,
    caller_base: usize,
) -> LResult<usize> {
    // SAFETY: short-lived access.
    let st = unsafe { &mut *stp };
    // SAFETY: the caller checked that the slot holds a closure.
    let cl = unsafe { &*(st.slot(fslot0).payload as *const LClosure) };
    let proto = &cl.proto().proto;
    let nparams = proto.num_params as usize;
    let max_stack = proto.max_stack as usize;
    if fslot0 + nargs + max_stack + 16 >= MAX_STACK {
        return Err(st.rt_error("stack overflow"));
    }
    let stack = st.stack;
    let (fslot, nextra, copied) = if proto.is_vararg {
        // The function and fixed parameters move above all the arguments; the extra arguments
        // stay below the new header.
        let fslot = fslot0 + 1 + nargs;
        (fslot, nargs.saturating_sub(nparams), nparams.min(nargs))
    } else {
        (fslot0, 0, nargs)
    };
    let base = fslot + EXTRA;
    let delta = match kept_delta {
        // A tail call keeps the caller; the base may have moved up for varargs.
        Some(old_delta) => old_delta + (fslot - fslot0) as i64,
        None => (base - caller_base) as i64,
    };
    // SAFETY: checked above that the frame and everything below it fit in the stack.
    unsafe {
        if proto.is_vararg {
            *stack.add(fslot) = *stack.add(fslot0);
        }
        // The arguments move up (`base > fslot0 + 1`): copy from the last.
        copy_values_up(stack.add(fslot0 + 1), stack.add(base), copied);
        // Missing parameters are nil; registers above the arguments may hold stale values of
        // frames popped before the last collection and are roots from now on, so they are
        // cleared too (see `State::safepoint`).
        fill_nil(
            stack.add(base + copied),
            nparams.max(max_stack).saturating_sub(copied),
        );
        *stack.add(base - 2) = Value {
            tag: link_pc,
            payload: delta,
        };
        *stack.add(base - 1) = Value {
            tag: 0,
            payload: nextra as i64,
        };
        st.frame_top = stack.add(base + max_stack);
    }
    Ok(base)
}

// The three loops below copy and clear a handful of values per call. They store the two words
// of a value separately, which keeps them plain loops: as whole-value stores LLVM turns them
// into calls of `memmove` and `memset`, which cost more than the copy for the usual one to
// four values.

/// Copies `n` values from `src` to `dst <= src` (ranges may overlap), from the first.
///
/// # Safety
/// Both ranges are inside the stack.
#[inline(always)]
unsafe fn copy_values_down(src: *const Value, dst: *mut Value, n: usize) {
    for i in 0..n {
        // SAFETY: the caller's contract; slot `i` of `src` is read before anything at or above
        // it is written.
        unsafe {
            let v = *src.add(i);
            (*dst.add(i)).tag = v.tag;
            (*dst.add(i)).payload = v.payload;
        }
    }
}

/// Copies `n` values from `src` to `dst >= src` (ranges may overlap), from the last.
///
/// # Safety
/// Both ranges are inside the stack.
#[inline(always)]
unsafe fn copy_values_up(src: *const Value, dst: *mut Value, n: usize) {
    for i in (0..n).rev() {
        // SAFETY: as in `copy_values_down`, mirrored.
        unsafe {
            let v = *src.add(i);
            (*dst.add(i)).tag = v.tag;
            (*dst.add(i)).payload = v.payload;
        }
    }
}

/// Sets `n` values from `dst` to nil.
///
/// # Safety
/// The range is inside the stack.
#[inline(always)]
unsafe fn fill_nil(dst: *mut Value, n: usize) {
    for i in 0..n {
        // SAFETY: the caller's contract.
        unsafe {
            (*dst.add(i)).tag = NIL;
            (*dst.add(i)).payload = 0;
        }
    }
}

/// Returns `count` values from register `a`: to native code (`Some(values)`) or into the
/// caller's frame (`None`, and `r` is the caller's).
#[inline(always)]
fn do_return<M: Mode>(
    stp: *mut State,
    r: &mut Regs,
    f: &Frame<M>,
    a: usize,
    count: usize,
    max_stack: usize,
    rec: &mut Option<Rec>,
) -> LResult<Option<Vec<Value>>> {
    let _ = max_stack;
    if !M::RECORDING {
        return do_return_concrete(stp, r, a, count);
    }
    let caller_pc = fget(f, LINK).promote();
    // SAFETY: short-lived access.
    let st = unsafe { &mut *stp };
    if caller_pc < 0 {
        let mut values = Vec::with_capacity(count);
        for i in 0..count {
            // Registers past the frame's size (results of a call with many values) are still
            // inside the stack.
            // SAFETY: inside the stack.
            let w = unsafe { window::<M>(st, r.base + a + i, 1, rec) };
            values.push(Value {
                tag: fget(&w, 0).peek(),
                payload: fget(&w, 1).peek(),
            });
        }
        return Ok(Some(values));
    }
    let delta = fget(f, LINK + 1).promote() as usize;
    let caller_base = r.base - delta;
    if let Some(rc) = rec.as_mut() {
        if caller_base < rc.entry_base {
            abort_if_recording::<M>(stp, AbortReason::LeftFrame);
        }
        rc.depth = rc.depth.saturating_sub(1);
    }
    let caller = st.closure_at(caller_base).expect("a Lua caller");
    let caller_proto = &caller.proto().proto;
    let caller_max = caller_proto.max_stack as usize;
    let (func, nresults) = match caller_proto.code[caller_pc as usize] {
        Insn::Call { func, nresults, .. } => (func as usize, nresults),
        Insn::TForCall { a, n } => (a as usize + 4, n),
        other => unreachable!("return to {other:?}"),
    };
    let want = if nresults == MULTRET {
        count
    } else {
        nresults as usize
    };
    let dest = caller_base + func;
    if dest + want + 8 >= MAX_STACK {
        return Err(st.rt_error("stack overflow"));
    }
    // SAFETY: the results and their destination are inside the stack.
    unsafe {
        let src = window::<M>(st, r.base + a, count.max(1), rec);
        let mut dst = window::<M>(st, dest, want.max(1), rec);
        let moved = count.min(want);
        move_values(&src, 0, &mut dst, 0, moved);
        for i in moved..want {
            fset(&mut dst, 2 * i, Int::new(NIL));
            fset(&mut dst, 2 * i + 1, Int::new(0));
        }
        // The caller's `top` is consumed by this call: reset it, so that a stale `top` never
        // makes the collector read slots above the frame that the callee left behind.
        let mut top = window::<M>(st, caller_base - 1, 1, rec);
        let new_top = if nresults == MULTRET { func + count } else { 0 };
        fset(&mut top, 0, Int::new(new_top as i64));
        st.frame_top = st.stack.add(caller_base + caller_max);
    }
    r.base = caller_base;
    r.pc = caller_pc as usize + 1;
    Ok(None)
}

/// `do_return` for the plain interpreter, with plain copies of the stack's values (see
/// `enter_lua_concrete`).
#[inline(always)]
fn do_return_concrete(
    stp: *mut State,
    r: &mut Regs,
    a: usize,
    count: usize,
) -> LResult<Option<Vec<Value>>> {
    // SAFETY: short-lived access.
    let st = unsafe { &mut *stp };
    let link = st.slot(r.base - 2);
    let src = r.base + a;
    if link.tag < 0 {
        // Registers past the frame's size (results of a call with many values) are still inside
        // the stack. One spare place: `pcall` and `xpcall` put their status in front.
        let mut values = Vec::with_capacity(count + 1);
        values.extend((0..count).map(|i| st.slot(src + i)));
        return Ok(Some(values));
    }
    let caller_pc = link.tag as usize;
    let caller_base = r.base - link.payload as usize;
    let caller = st.closure_at(caller_base).expect("a Lua caller");
    let caller_proto = &caller.proto().proto;
    let caller_max = caller_proto.max_stack as usize;
    let (func, nresults) = match caller_proto.code[caller_pc] {
        Insn::Call { func, nresults, .. } => (func as usize, nresults),
        Insn::TForCall { a, n } => (a as usize + 4, n),
        other => unreachable!("return to {other:?}"),
    };
    let want = if nresults == MULTRET {
        count
    } else {
        nresults as usize
    };
    let dest = caller_base + func;
    if dest + want + 8 >= MAX_STACK {
        return Err(st.rt_error("stack overflow"));
    }
    let stack = st.stack;
    let moved = count.min(want);
    // SAFETY: the results and their destination are inside the stack; the results move down
    // over the callee's frame (`dest < src`), so the copy goes from the first.
    unsafe {
        copy_values_down(stack.add(src), stack.add(dest), moved);
        fill_nil(stack.add(dest + moved), want - moved);
        // The caller's `top` is consumed by this call: reset it, so that a stale `top` never
        // makes the collector read slots above the frame that the callee left behind.
        (*stack.add(caller_base - 1)).tag = if nresults == MULTRET {
            (func + count) as i64
        } else {
            0
        };
        st.frame_top = stack.add(caller_base + caller_max);
    }
    r.base = caller_base;
    r.pc = caller_pc + 1;
    Ok(None)
}

/// `ForPrep`: sets up the loop state; false if the loop runs zero times.
fn for_prep<M: Mode>(stp: *mut State, f: &mut Frame<M>, a: usize) -> LResult<bool> {
    let (it, iv) = reg(f, a);
    let (lt, lv) = reg(f, a + 1);
    let (stt, sv) = reg(f, a + 2);
    let (ti, tl, ts) = (it.promote(), lt.promote(), stt.promote());
    let zero = Int::<M>::new(0);
    if ti == INT && ts == INT && tl == INT {
        if sv.eq_const(0).branch() {
            // SAFETY: short-lived access.
            return Err(unsafe { &mut *stp }.rt_error("'for' step is zero"));
        }
        let up = sv.gt(zero).branch();
        let skip = if up { iv.gt(lv) } else { iv.lt(lv) }.branch();
        if skip {
            return Ok(false);
        }
        let count = call_helper::<M, 3>(stp, &h::FOR_COUNT, [iv, lv, sv])?;
        set_reg(f, a + 1, Int::new(INT), count);
        set_reg(f, a + 3, Int::new(INT), iv);
        return Ok(true);
    }
    if ti == FLOAT && ts == FLOAT && tl == FLOAT {
        let (x, l, s) = (iv.bits_to_float(), lv.bits_to_float(), sv.bits_to_float());
        if s.eq(metatrace::Float::new(0.0)).branch() {
            // SAFETY: short-lived access.
            return Err(unsafe { &mut *stp }.rt_error("'for' step is zero"));
        }
        let up = s.gt(metatrace::Float::new(0.0)).branch();
        let skip = if up { l.lt(x) } else { x.lt(l) }.branch();
        if skip {
            return Ok(false);
        }
        set_reg(f, a + 3, Int::new(FLOAT), iv);
        return Ok(true);
    }
    // Mixed and coerced cases: done concretely (not traced).
    abort_if_recording::<M>(stp, AbortReason::NotTraceable);
    // SAFETY: short-lived access.
    let st = unsafe { &mut *stp };
    let get = |t: Int<M>, v: Int<M>| Value {
        tag: t.peek(),
        payload: v.peek(),
    };
    let (init, limit, step) = (get(it, iv), get(lt, lv), get(stt, sv));
    let write =
        |f: &mut Frame<M>, r: usize, v: Value| set_reg(f, r, Int::new(v.tag), Int::new(v.payload));
    if init.tag == INT && step.tag == INT {
        let (i, s) = (init.payload, step.payload);
        if s == 0 {
            return Err(st.rt_error("'for' step is zero"));
        }
        let Some(lim) = limit.as_number() else {
            return Err(for_error(st, "limit", limit));
        };
        // Lua's `forlimit`: clip a float limit to the integers, or skip the loop.
        let lim = match lim {
            crate::number::Number::Int(l) => l,
            crate::number::Number::Float(fl) => {
                let fl = if s > 0 { fl.floor() } else { fl.ceil() };
                if fl.is_nan() {
                    return Ok(false);
                }
                if fl >= 9.223_372_036_854_776e18 {
                    if s < 0 {
                        return Ok(false);
                    }
                    i64::MAX
                } else if fl < -9.223_372_036_854_776e18 {
                    if s > 0 {
                        return Ok(false);
                    }
                    i64::MIN
                } else {
                    fl as i64
                }
            }
        };
        if if s > 0 { i > lim } else { i < lim } {
            return Ok(false);
        }
        let count = h::h_for_count(stp, i, lim, s);
        write(f, a + 1, Value::int(count));
        write(f, a + 3, Value::int(i));
        return Ok(true);
    }
    let Some(l) = limit.as_number() else {
        return Err(for_error(st, "limit", limit));
    };
    let Some(s) = step.as_number() else {
        return Err(for_error(st, "step", step));
    };
    let Some(i) = init.as_number() else {
        return Err(for_error(st, "initial value", init));
    };
    let fnum = |n: crate::number::Number| match n {
        crate::number::Number::Int(x) => x as f64,
        crate::number::Number::Float(x) => x,
    };
    let (i, l, s) = (fnum(i), fnum(l), fnum(s));
    if s == 0.0 {
        return Err(st.rt_error("'for' step is zero"));
    }
    if if s > 0.0 { l < i } else { i < l } {
        return Ok(false);
    }
    write(f, a, Value::float(i));
    write(f, a + 1, Value::float(l));
    write(f, a + 2, Value::float(s));
    write(f, a + 3, Value::float(i));
    Ok(true)
}

/// "bad 'for' limit (number expected, got string)", as Lua 5.4.4's `forprep` says it.
fn for_error(st: &mut State, what: &str, v: Value) -> LuaError {
    let tn = st.type_name_of(v);
    st.rt_error(format!("bad 'for' {what} (number expected, got {tn})"))
}

/// `ForLoop`: advances the loop; true to run the body again.
#[inline(always)]
fn for_loop<M: Mode>(f: &mut Frame<M>, a: usize) -> bool {
    let (stt, step) = reg(f, a + 2);
    if stt.promote() == INT {
        let (_, count) = reg(f, a + 1);
        if count.ne(Int::new(0)).branch() {
            let (_, idx) = reg(f, a);
            let idx = idx + step;
            set_reg(f, a + 1, Int::new(INT), count - Int::new(1));
            set_reg(f, a, Int::new(INT), idx);
            set_reg(f, a + 3, Int::new(INT), idx);
            return true;
        }
        return false;
    }
    let (_, idx) = reg(f, a);
    let (_, limit) = reg(f, a + 1);
    let (s, l) = (step.bits_to_float(), limit.bits_to_float());
    let x = idx.bits_to_float() + s;
    let up = s.gt(metatrace::Float::new(0.0)).branch();
    let go = if up { x.le(l) } else { l.le(x) }.branch();
    if go {
        let bits = x.to_bits();
        set_reg(f, a, Int::new(FLOAT), bits);
        set_reg(f, a + 3, Int::new(FLOAT), bits);
    }
    go
}
