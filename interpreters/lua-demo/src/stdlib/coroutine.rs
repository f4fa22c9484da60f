//! The coroutine library (`lcorolib.c`): create, resume, yield, status, wrap, isyieldable,
//! running, close.
//!
//! The interpreter nests Rust calls (a native calling Lua runs a nested interpreter loop), so a
//! coroutine cannot be suspended by saving a Lua frame alone. Each coroutine therefore runs on
//! its own native stack, switched in the same OS thread by the `corosensei` crate (stackful
//! coroutines: a switch is a few nanoseconds; a whole resume/yield round trip from Lua, with its
//! argument passing and state swap, costs about 0.4 us, against lua5.4's 0.2 us).
//! Everything that lives on the Rust stack (pcall, sort comparators, nested metamethods, frames
//! of compiled traces) is suspended with the coroutine for free, so yields work across all of
//! them. The alternative, running a coroutine's Lua frames in the one dispatch loop as lua5.4
//! does, would make yields across pcall, metamethods and natives need continuations everywhere;
//! the earlier design, one OS thread per coroutine with channel hand-offs, cost about 55 us a
//! switch.
//!
//! Each coroutine has its own value stack (the size of the main one) and a native stack
//! of `NATIVE_STACK` bytes, reserved with `mmap` behind a guard page and committed page by page
//! as it is touched, so that `MAX_C_DEPTH` nested native calls fit in it as on the main thread.
//! `resume` swaps the stack-related fields of the state (`stack`, `frame_top`, `open_upvals`,
//! `tbc`, `cur_base`, `cur_pc`, `c_depth`) to the coroutine's and back. A coroutine that finishes
//! closes its upvalues; its value stack (an anonymous mapping, zeroed again with `MADV_DONTNEED`)
//! and its native stack go back to pools for the next coroutines. A suspended coroutine that is
//! closed or collected is abandoned without unwinding its native stack (its Rust frames may
//! include compiled code, which has no unwind tables): the stack is reused, and the few heap
//! buffers those frames owned are leaked. The stacks are outside the collected heap, so starting
//! coroutines also triggers full collections (see `COLLECT_EVERY`).
//!
//! Differences from Lua: yields across metamethods, iterators, `table.sort` comparators and
//! `string.gsub` callbacks work (Lua raises "attempt to yield across a C-call boundary"), and
//! `coroutine.close` does not run pending `__close` handlers. Every unfinished coroutine holds
//! a few address-space mappings (value stack, native stack, guard page), so the kernel's
//! mapping limit (`vm.max_map_count`, 65530 by default) caps a program at about 32,000
//! unfinished coroutines (the value stacks' mappings merge); past it `resume` fails with "not
//! enough memory".

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};

use metatrace::driver::RunningJit;

use super::{
    Args, CallerMark, Ret, error, native_data, new_closure, plain_error, reg_get, reg_set,
};
use crate::runtime::{UpVal, trace_value};
use crate::state::{
    LResult, LuaError, MAX_C_DEPTH, MAX_STACK, STACK_SLACK, State, trace_open_upvals, trace_stack,
};
use crate::value::Value;

/// Native stack reserved for a coroutine: room for `MAX_C_DEPTH` nested native calls even in a
/// debug build (address space only; pages are committed when first touched).
const NATIVE_STACK: usize = 256 << 20;
/// Finished coroutines' native and value stacks kept for reuse (creating them is two `mmap`s and
/// an `mprotect`, freeing them two `munmap`s; coroutines created and finished or abandoned in a
/// loop reuse the same few hundred).
const STACK_POOL: usize = 256;

type Yld = Yielder<Vec<Value>, Vec<Value>>;
type Native = Coroutine<Vec<Value>, Vec<Value>, LResult<Vec<Value>>, DefaultStack>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Status {
    Suspended,
    Running,
    Normal,
    Dead,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Suspended => "suspended",
            Status::Running => "running",
            Status::Normal => "normal",
            Status::Dead => "dead",
        }
    }
}

/// The stack-related part of the state that belongs to one coroutine.
struct Ctx {
    stack: *mut Value,
    frame_top: *mut Value,
    open_upvals: BTreeMap<usize, *mut UpVal>,
    /// Pending to-be-closed variables (slots of this coroutine's stack).
    tbc: Vec<usize>,
    cur_base: usize,
    cur_pc: usize,
    /// Native-call depth inside the coroutine, above the depth of whoever resumed it.
    rel_depth: u32,
    /// Protected calls running in this context (`State::protected`).
    protected: u32,
}

/// A coroutine (the `inner` of a `Thread` object).
struct Coro {
    is_main: bool,
    status: Cell<Status>,
    func: Value,
    /// The saved context while suspended after its first resume.
    ctx: RefCell<Option<Ctx>>,
    /// The native coroutine, from the first resume until the coroutine is dead; taken out while
    /// it runs (so that nothing borrows it across the switch).
    native: RefCell<Option<Box<Native>>>,
    /// The yielder of the running native coroutine (set when its body starts; it lives on the
    /// coroutine's own stack until the body returns).
    yielder: Cell<*const Yld>,
    /// Whether the coroutine is suspended in a yield that raised `State::gc_lock`.
    holds_gc_lock: Cell<bool>,
    /// The error a coroutine died of, reported once by `close`.
    error: Cell<Option<Value>>,
}

thread_local! {
    /// The coroutine running now (`None` while the main thread runs).
    static CURRENT: Cell<Option<Value>> = const { Cell::new(None) };
    /// Native stacks of finished coroutines, for reuse.
    static POOL: RefCell<Vec<DefaultStack>> = const { RefCell::new(Vec::new()) };
    /// Value stacks of finished coroutines, zeroed, for reuse (never freed: a few hundred).
    static VALUE_POOL: RefCell<Vec<*mut Value>> = const { RefCell::new(Vec::new()) };
    /// Coroutines holding stacks (started, not yet finished or freed).
    static LIVE: Cell<usize> = const { Cell::new(0) };
    /// `LIVE` at which starting another coroutine first runs a full collection.
    static COLLECT_AT: Cell<usize> = const { Cell::new(COLLECT_EVERY) };
}

/// Coroutines started between stack-pressure collections, beyond twice those that survived the
/// last one. A coroutine's stacks are outside the collected heap, so without this a program that
/// abandons suspended coroutines would allocate too little heap to ever trigger a collection,
/// and would run out of memory (or of kernel mappings) holding dead coroutines.
const COLLECT_EVERY: usize = 1000;

const WRAP_FN: &str = "coroutine.wrap function";

pub(super) fn open(st: &mut State) {
    super::new_lib(
        st,
        "coroutine",
        &[
            ("close", "coroutine.close", close),
            ("create", "coroutine.create", create),
            ("isyieldable", "coroutine.isyieldable", isyieldable),
            ("resume", "coroutine.resume", resume),
            ("running", "coroutine.running", running),
            ("status", "coroutine.status", status),
            ("wrap", "coroutine.wrap", wrap),
            ("yield", "coroutine.yield", yield_fn),
        ],
    );
    let main = new_coro(st, Value::NIL, true);
    reg_set(st, "main_thread", main);
}

fn new_coro(st: &mut State, func: Value, is_main: bool) -> Value {
    let co = Coro {
        is_main,
        status: Cell::new(if is_main {
            Status::Running
        } else {
            Status::Suspended
        }),
        func,
        ctx: RefCell::new(None),
        native: RefCell::new(None),
        yielder: Cell::new(std::ptr::null()),
        holds_gc_lock: Cell::new(false),
        error: Cell::new(None),
    };
    Value::thread(st.heap.new_thread(Box::new(co), trace_coro))
}

/// Reports a coroutine's references: its function, its error, and while suspended its stack up
/// to the top of its running frame and its open upvalues (every coroutine's stack is a root while
/// the coroutine is alive, through its `Thread` object).
fn trace_coro(inner: &dyn Any, t: &mut vgc::Tracer) {
    let Some(co) = inner.downcast_ref::<Coro>() else {
        return;
    };
    trace_value(&co.func, t);
    if let Some(e) = co.error.get() {
        trace_value(&e, t);
    }
    if let Some(ctx) = co.ctx.borrow().as_ref() {
        trace_ctx(ctx, t);
    }
}

fn trace_ctx(ctx: &Ctx, t: &mut vgc::Tracer) {
    // SAFETY: a saved context's stack is allocated and its frame top is inside it.
    let top = unsafe { ctx.frame_top.offset_from(ctx.stack) } as usize;
    // SAFETY: as above; slots below the frame top hold valid values.
    trace_stack(unsafe { std::slice::from_raw_parts(ctx.stack, top) }, t);
    trace_open_upvals(&ctx.open_upvals, t);
}

/// `State::extra_roots` entry for a resumer's context saved in `resume_co`.
fn trace_saved_ctx(ctx: *const (), t: &mut vgc::Tracer) {
    // SAFETY: registered only while the `Ctx` it points at is alive and not moved (see
    // `resume_co`).
    trace_ctx(unsafe { &*(ctx as *const Ctx) }, t);
}

fn coro_of(v: Value) -> Option<&'static Coro> {
    let t = v.as_thread()?;
    // SAFETY: thread payloads are live `Thread` objects owned by the heap, which outlives every
    // library call.
    unsafe { (*t).inner.downcast_ref::<Coro>() }
}

/// `getco`: argument 1 as a coroutine.
fn check_co(st: &mut State, a: &Args) -> Result<&'static Coro, LuaError> {
    match coro_of(a.get(1)) {
        Some(c) => Ok(c),
        None => Err(a.type_error(st, 1, "thread")),
    }
}

/// The running coroutine, or the main thread.
fn current(st: &mut State) -> (Value, bool) {
    match CURRENT.get() {
        Some(t) => (t, false),
        None => (reg_get(st, "main_thread"), true),
    }
}

fn status_of(co: &Coro) -> Status {
    if co.is_main {
        // The main thread runs unless some coroutine does (then it waits in a resume).
        return if CURRENT.get().is_none() {
            Status::Running
        } else {
            Status::Normal
        };
    }
    co.status.get()
}

fn create(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "coroutine.create");
    let f = a.function(st, 1)?;
    Ok(vec![new_coro(st, f, false)])
}

fn status(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "coroutine.status");
    let co = check_co(st, &a)?;
    Ok(vec![st.intern(status_of(co).name().as_bytes())])
}

fn running(st: &mut State, _args: Vec<Value>) -> Ret {
    let (t, is_main) = current(st);
    Ok(vec![t, Value::bool(is_main)])
}

fn isyieldable(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "coroutine.isyieldable");
    if a.opt(1).is_none() {
        return Ok(vec![Value::bool(!current(st).1)]);
    }
    let co = check_co(st, &a)?;
    Ok(vec![Value::bool(!co.is_main)])
}

fn yield_fn(st: &mut State, args: Vec<Value>) -> Ret {
    let Some(co) = CURRENT.get().and_then(coro_of) else {
        return Err(plain_error(st, "attempt to yield from outside a coroutine"));
    };
    let yielder = co.yielder.get();
    if yielder.is_null() {
        return Err(plain_error(st, "attempt to yield from outside a coroutine"));
    }
    // Called from compiled code or a native, the coroutine's Rust frames may hold values no root
    // shows: no collection until the coroutine runs again (or is closed).
    let transparent = std::mem::take(&mut st.native_transparent);
    if !transparent {
        st.gc_lock += 1;
        co.holds_gc_lock.set(true);
    }
    // The resumer's thread-wide records (the library's caller mark, the JIT running compiled
    // code) are its own; ours come back with us.
    let (mark, jit) = (CallerMark::take(), RunningJit::save());
    // SAFETY: the yielder lives on this coroutine's native stack, which is the stack we are
    // running on, for as long as the body runs. If the coroutine is closed or collected while
    // suspended, `suspend` never returns and nothing below it runs again.
    let vals = unsafe { &*yielder }.suspend(args);
    jit.restore();
    mark.restore();
    if !transparent {
        st.gc_lock -= 1;
        co.holds_gc_lock.set(false);
    }
    Ok(vals)
}

// -- Context switching -----------------------------------------------------------------------

fn value_stack_bytes() -> usize {
    std::mem::size_of::<Value>() * (MAX_STACK + STACK_SLACK)
}

/// Maps a coroutine's value stack: zeroed (all-nil values) and committed page by page as it is
/// touched. It is mapped directly rather than taken from the global allocator, which after the
/// first such block is freed serves the next ones from its heap, zeroing all 16 MB eagerly.
fn map_value_stack() -> Option<*mut Value> {
    if let Some(p) = VALUE_POOL.with_borrow_mut(|p| p.pop()) {
        return Some(p);
    }
    // SAFETY: a new anonymous private mapping at an address the kernel picks overlaps nothing
    // else; its pages read as zero until written.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            value_stack_bytes(),
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    (p != libc::MAP_FAILED).then_some(p as *mut Value)
}

/// Unmaps a value stack made by `map_value_stack`.
///
/// # Safety
/// `stack` came from `map_value_stack`, was not unmapped yet, and nothing uses it any more.
unsafe fn unmap_value_stack(stack: *mut Value) {
    // SAFETY: the caller's contract; the length is the mapped one. `MADV_DONTNEED` gives the
    // touched pages back and makes them read as zero again, so a pooled stack is all-nil.
    let pooled = unsafe {
        libc::madvise(
            stack as *mut libc::c_void,
            value_stack_bytes(),
            libc::MADV_DONTNEED,
        )
    } == 0
        && VALUE_POOL
            .try_with(|p| {
                let mut p = p.borrow_mut();
                let room = p.len() < STACK_POOL;
                if room {
                    p.push(stack);
                }
                room
            })
            .unwrap_or(false);
    if !pooled {
        // SAFETY: as above.
        unsafe { libc::munmap(stack as *mut libc::c_void, value_stack_bytes()) };
    }
}

/// Takes the stack-related fields out of the state (`rel_depth` relative to `base_depth`).
fn take_ctx(st: &mut State, base_depth: u32) -> Ctx {
    Ctx {
        stack: st.stack,
        frame_top: st.frame_top,
        open_upvals: std::mem::take(&mut st.open_upvals),
        tbc: std::mem::take(&mut st.tbc),
        cur_base: st.cur_base,
        cur_pc: st.cur_pc,
        rel_depth: st.c_depth.saturating_sub(base_depth),
        protected: st.protected,
    }
}

fn put_ctx(st: &mut State, ctx: Ctx, base_depth: u32) {
    st.stack = ctx.stack;
    st.frame_top = ctx.frame_top;
    st.open_upvals = ctx.open_upvals;
    st.tbc = ctx.tbc;
    st.cur_base = ctx.cur_base;
    st.cur_pc = ctx.cur_pc;
    st.c_depth = base_depth + ctx.rel_depth;
    st.protected = ctx.protected;
}

/// A native stack from the pool, or a new one.
fn native_stack() -> std::io::Result<DefaultStack> {
    match POOL.with_borrow_mut(|p| p.pop()) {
        Some(s) => Ok(s),
        None => DefaultStack::new(NATIVE_STACK),
    }
}

/// Returns the native stack of a coroutine that is done (or never started) to the pool. A
/// coroutine suspended mid-body is abandoned without unwinding (see the module header).
fn recycle(mut native: Box<Native>) {
    if native.started() && !native.done() {
        // SAFETY: the coroutine never runs again. Its frames' destructors are skipped on
        // purpose: they would touch the interpreter state, which another context owns now, and
        // compiled code cannot be unwound. What they owned is leaked, which is memory-safe.
        unsafe { native.force_reset() };
    }
    if !native.done() {
        // Never started: dropping it just drops the body closure (plain values).
        drop(native);
        return;
    }
    let stack = native.into_stack();
    // At thread exit the pool may be gone already; then the stack is simply unmapped.
    let _ = POOL.try_with(|p| {
        let mut p = p.borrow_mut();
        if p.len() < STACK_POOL {
            p.push(stack);
        }
    });
}

/// Creates the value stack and the native coroutine of `co`; the body calls the coroutine's
/// function with the arguments of the first resume.
fn start(st: &mut State, co: &Coro) -> Result<(Ctx, Box<Native>), String> {
    let native_stack = native_stack().map_err(|_| "not enough memory".to_string())?;
    let Some(stack) = map_value_stack() else {
        return Err("not enough memory".to_string());
    };
    LIVE.set(LIVE.get() + 1);
    let stp = st as *mut State;
    let func = co.func;
    let cop = co as *const Coro;
    let native = Coroutine::with_stack(native_stack, move |y: &Yld, args: Vec<Value>| {
        // SAFETY: the `Coro` lives in its heap `Thread` object, which cannot be collected while
        // its coroutine runs (the resumer holds it); a `Box` payload does not move.
        unsafe { &*cop }.yielder.set(y as *const Yld);
        // SAFETY: the resumer is suspended in `resume` until this body yields or returns, and
        // the state outlives every coroutine that is running: this is the only live use of it.
        let st = unsafe { &mut *stp };
        // The body's frames are on the coroutine's own value stack and this native stack holds
        // nothing else: collections may happen inside it.
        st.native_transparent = true;
        let r = super::call(st, func, &args);
        // SAFETY: as above.
        unsafe { &*cop }.yielder.set(std::ptr::null());
        r
    });
    Ok((
        Ctx {
            stack,
            frame_top: stack,
            open_upvals: BTreeMap::new(),
            tbc: Vec::new(),
            cur_base: 0,
            cur_pc: 0,
            rel_depth: 0,
            protected: 0,
        },
        Box::new(native),
    ))
}

/// Frees the value stack of a finished coroutine whose context is installed in `st` (its
/// upvalues are closed first), then reinstalls `saved`.
fn finish(st: &mut State, saved: Ctx, base_depth: u32) {
    st.close_upvals(0);
    let dead = take_ctx(st, base_depth);
    put_ctx(st, saved, base_depth);
    // SAFETY: the stack was mapped by `start`; its coroutine has stopped running Lua and no open
    // upvalue points into it any more.
    unsafe { unmap_value_stack(dead.stack) };
    LIVE.set(LIVE.get().saturating_sub(1));
}

/// `auxresume`: runs `co` until it yields, returns or fails. `Err` carries the error value.
fn resume_co(
    st: &mut State,
    co_v: Value,
    co: &Coro,
    args: Vec<Value>,
) -> Result<Vec<Value>, Value> {
    let transparent = std::mem::take(&mut st.native_transparent);
    match status_of(co) {
        Status::Suspended => {}
        Status::Dead => return Err(st.intern(b"cannot resume dead coroutine")),
        _ => return Err(st.intern(b"cannot resume non-suspended coroutine")),
    }
    if st.c_depth >= MAX_C_DEPTH {
        return Err(st.intern(b"C stack overflow"));
    }
    // Before a first resume nothing of `co` is taken out of its object, and called by the
    // interpreter, this native holds nothing the stack does not: a collection is safe here.
    if transparent && st.gc_lock == 0 && co.ctx.borrow().is_none() && LIVE.get() >= COLLECT_AT.get()
    {
        let top = st.slot_of(st.frame_top);
        st.collect(Some(vgc::Collection::Full), top);
        COLLECT_AT.set(LIVE.get() * 2 + COLLECT_EVERY);
    }
    let base_depth = st.c_depth;
    let saved_ctx = co.ctx.borrow_mut().take();
    let (ctx, mut native) = match (saved_ctx, co.native.borrow_mut().take()) {
        (Some(ctx), Some(native)) => (ctx, native),
        _ => match start(st, co) {
            Ok(started) => started,
            Err(msg) => return Err(st.intern(msg.as_bytes())),
        },
    };
    let me = CURRENT.get().and_then(coro_of);
    if let Some(me) = me {
        me.status.set(Status::Normal);
    }
    co.status.set(Status::Running);
    let saved = take_ctx(st, 0);
    put_ctx(st, ctx, base_depth);
    // The resumer's stack stays a root while the coroutine runs (`saved` does not move until
    // the resume is over); called from compiled code or a native, the resumer's Rust frames may
    // also hold values no root shows, so collections wait.
    st.extra_roots
        .push((&saved as *const Ctx as *const (), trace_saved_ctx));
    if !transparent {
        st.gc_lock += 1;
    }
    let prev = CURRENT.replace(Some(co_v));
    // A panic inside the coroutine (an interpreter bug) comes out of `resume`; the state is put
    // back first so that the unwinding resumer finds its own context.
    // The coroutine starts with no caller mark of its own and keeps its thread-wide records
    // across its yields (`yield_fn`); ours are put back when it comes back.
    let (mark, jit) = (CallerMark::take(), RunningJit::save());
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| native.resume(args)));
    jit.restore();
    mark.restore();
    CURRENT.set(prev);
    if !transparent {
        st.gc_lock -= 1;
    }
    st.extra_roots.pop();
    if let Some(me) = me {
        me.status.set(Status::Running);
    }
    match r {
        Ok(CoroutineResult::Yield(vals)) => {
            let ctx = take_ctx(st, base_depth);
            *co.ctx.borrow_mut() = Some(ctx);
            *co.native.borrow_mut() = Some(native);
            // The thread object now holds a stack that may point into younger zones.
            crate::runtime::barrier_obj(co_v.payload as *const u8);
            put_ctx(st, saved, 0);
            co.status.set(Status::Suspended);
            Ok(vals)
        }
        Ok(CoroutineResult::Return(Ok(vals))) => {
            finish(st, saved, 0);
            co.status.set(Status::Dead);
            recycle(native);
            Ok(vals)
        }
        Ok(CoroutineResult::Return(Err(e))) => {
            finish(st, saved, 0);
            co.status.set(Status::Dead);
            recycle(native);
            co.error.set(Some(e.value));
            crate::runtime::barrier(co_v.payload as *const u8, e.value);
            Err(e.value)
        }
        Err(p) => {
            finish(st, saved, 0);
            co.status.set(Status::Dead);
            std::panic::resume_unwind(p)
        }
    }
}

fn resume(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "coroutine.resume");
    let co = check_co(st, &a)?;
    let co_v = a.get(1);
    let rest = a.v[1..].to_vec();
    match resume_co(st, co_v, co, rest) {
        Ok(mut vals) => {
            vals.insert(0, Value::TRUE);
            Ok(vals)
        }
        Err(e) => Ok(vec![Value::FALSE, e]),
    }
}

fn wrap(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "coroutine.wrap");
    let f = a.function(st, 1)?;
    let co = new_coro(st, f, false);
    Ok(vec![new_closure(st, WRAP_FN, wrap_call, co)])
}

/// `auxwrap`: resumes the wrapped coroutine; errors propagate, string messages prefixed with the
/// caller's position.
fn wrap_call(st: &mut State, args: Vec<Value>) -> Ret {
    let Some(co_v) = native_data(st, WRAP_FN) else {
        return Err(error(
            st,
            "lua-demo cannot call a coroutine.wrap function from here (as a metamethod)",
        ));
    };
    let Some(co) = coro_of(co_v) else {
        return Err(error(st, "corrupt coroutine.wrap function"));
    };
    match resume_co(st, co_v, co, args) {
        Ok(vals) => Ok(vals),
        Err(e) => match e.as_str() {
            Some(s) => {
                let msg = s.bytes().to_vec();
                Err(error(st, msg))
            }
            None => Err(st.error_value(e)),
        },
    }
}

fn close(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "coroutine.close");
    let co = check_co(st, &a)?;
    match status_of(co) {
        Status::Suspended => {
            if let Some(ctx) = co.ctx.borrow_mut().take() {
                let depth = st.c_depth;
                let saved = take_ctx(st, 0);
                put_ctx(st, ctx, depth);
                finish(st, saved, 0);
                st.c_depth = depth;
            }
            if let Some(native) = co.native.borrow_mut().take() {
                recycle(native);
            }
            // A coroutine suspended in a locked yield will never release the lock itself.
            if co.holds_gc_lock.replace(false) {
                st.gc_lock -= 1;
            }
            co.status.set(Status::Dead);
            Ok(vec![Value::TRUE])
        }
        Status::Dead => match co.error.take() {
            Some(e) => Ok(vec![Value::FALSE, e]),
            None => Ok(vec![Value::TRUE]),
        },
        s => Err(error(st, format!("cannot close a {} coroutine", s.name()))),
    }
}

impl Drop for Coro {
    fn drop(&mut self) {
        // A suspended coroutine is no longer reachable by anyone: its native stack is reused
        // without running it again, and its value stack can be freed.
        if let Some(native) = self.native.get_mut().take() {
            recycle(native);
        }
        if let Some(ctx) = self.ctx.get_mut().take() {
            // SAFETY: the stack was mapped by `start`; the coroutine will never run again, and
            // the heap that could reach its upvalues is being dropped.
            unsafe { unmap_value_stack(ctx.stack) };
            let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(1)));
        }
    }
}
