//! The coroutine library (`lcorolib.c`): create, resume, yield, status, wrap, isyieldable,
//! running, close.
//!
//! The interpreter nests Rust calls (a native calling Lua runs a nested interpreter loop), so a
//! coroutine cannot be suspended by saving a frame. Instead each coroutine runs on its own OS
//! thread, with a strict hand-off: `resume` sends the arguments over a channel and blocks until
//! the coroutine yields, returns or fails; `yield` sends its values back and blocks until the
//! next `resume`. Exactly one thread runs Lua at any time, so the single `State` is shared
//! without locks, and everything that lives on the Rust stack (pcall, sort comparators, nested
//! metamethods) is suspended with the coroutine for free.
//!
//! Each coroutine has its own value stack (allocated like `State::new` does). `resume` swaps the
//! stack-related fields of the state (`stack`, `frame_top`, `open_upvals`, `cur_base`, `cur_pc`,
//! `c_depth`) to the coroutine's and back. A coroutine that finishes closes its upvalues and
//! frees its stack; its thread ends. A suspended coroutine that is closed or never finished
//! keeps a parked thread: when the channels disappear (`coroutine.close`, or the interpreter is
//! dropped) the thread parks forever without touching the state, and process exit reclaims it.
//!
//! The price is speed: a resume/yield round trip is two OS context switches (several
//! microseconds, more on a loaded machine), so programs that switch coroutines millions of times
//! run much slower than in `lua5.4`.
//!
//! Differences from Lua: yields across metamethods, iterators, `table.sort` comparators and
//! `string.gsub` callbacks work (Lua raises "attempt to yield across a C-call boundary"), and
//! `coroutine.close` does not run pending `__close` handlers. A program can hold at most a few
//! tens of thousands of unfinished coroutines at once (one OS thread each).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::{Args, Ret, error, native_data, new_closure, plain_error, reg_get, reg_set};
use crate::runtime::{UpVal, trace_value};
use crate::state::{
    LuaError, MAX_C_DEPTH, MAX_STACK, STACK_SLACK, State, trace_open_upvals, trace_stack,
};
use crate::value::Value;

/// Native stack for a coroutine's thread: room for `MAX_C_DEPTH` nested native calls, like the
/// interpreter's own thread (the memory is reserved, not committed).
const THREAD_STACK: usize = 256 << 20;

/// Moves values between the OS threads of the hand-off.
struct SendBox<T>(T);

// SAFETY: values hold raw pointers into the interpreter's heap and stacks, which are not
// thread-safe. They cross threads only through the hand-off channels, and the thread that
// receives them is the only one running Lua from then until it sends something back, so no two
// threads ever touch the heap, the state or the values concurrently; the channel operations
// order all accesses (send happens-before the matching receive).
unsafe impl<T> Send for SendBox<T> {}

/// What a coroutine's thread reports to its resumer.
enum Report {
    Yield(Vec<Value>),
    Return(Vec<Value>),
    Error(LuaError),
    Panic(Box<dyn Any + Send>),
}

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
    cur_base: usize,
    cur_pc: usize,
    /// Native-call depth inside the coroutine, above the depth of whoever resumed it.
    rel_depth: u32,
    /// Protected calls running in this context (`State::protected`).
    protected: u32,
}

/// The resumer's ends of a started coroutine's channels.
struct Link {
    to_co: Sender<SendBox<Vec<Value>>>,
    from_co: Receiver<SendBox<Report>>,
}

/// A coroutine (the `inner` of a `Thread` object).
struct Coro {
    is_main: bool,
    status: Cell<Status>,
    func: Value,
    /// The saved context while suspended after its first resume.
    ctx: RefCell<Option<Ctx>>,
    /// Present from the first resume until the coroutine is dead.
    link: RefCell<Option<Link>>,
    /// The error a coroutine died of, reported once by `close`.
    error: Cell<Option<Value>>,
}

/// The coroutine side of a hand-off: known to the OS thread running the coroutine.
struct CoSide {
    thread: Value,
    to_resumer: Sender<SendBox<Report>>,
    from_resumer: Receiver<SendBox<Vec<Value>>>,
}

thread_local! {
    /// The coroutine this OS thread runs (`None` on the main interpreter thread).
    static CURRENT: RefCell<Option<CoSide>> = const { RefCell::new(None) };
}

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
        link: RefCell::new(None),
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

/// The coroutine running on this OS thread, or the main thread.
fn current(st: &mut State) -> (Value, bool) {
    match CURRENT.with_borrow(|c| c.as_ref().map(|s| s.thread)) {
        Some(t) => (t, false),
        None => (reg_get(st, "main_thread"), true),
    }
}

fn status_of(co: &Coro) -> Status {
    if co.is_main {
        // The main thread runs unless some coroutine does (then it waits in a resume).
        return if CURRENT.with_borrow(|c| c.is_none()) {
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
    // Called from compiled code or a native, this thread's Rust frames may hold values no root
    // shows: no collection until the coroutine runs again.
    let transparent = std::mem::take(&mut st.native_transparent);
    if !transparent {
        st.gc_lock += 1;
    }
    // The resumer may collect meanwhile, and the stack is not written while suspended: the
    // `Thread` object will hold the saved context, so remember it for a zone-local collection.
    let outcome = CURRENT.with_borrow(|side| {
        let side = side.as_ref()?;
        if side.to_resumer.send(SendBox(Report::Yield(args))).is_err() {
            park_forever();
        }
        match side.from_resumer.recv() {
            Ok(vals) => Some(vals.0),
            // The coroutine was closed or the interpreter is gone: never run Lua again.
            Err(_) => park_forever(),
        }
    });
    if !transparent {
        st.gc_lock -= 1;
    }
    match outcome {
        Some(vals) => Ok(vals),
        None => Err(plain_error(st, "attempt to yield from outside a coroutine")),
    }
}

fn park_forever() -> ! {
    loop {
        std::thread::park();
    }
}

// -- Context switching -----------------------------------------------------------------------

fn stack_layout() -> std::alloc::Layout {
    std::alloc::Layout::array::<Value>(MAX_STACK + STACK_SLACK).expect("stack layout")
}

/// Takes the stack-related fields out of the state (`rel_depth` relative to `base_depth`).
fn take_ctx(st: &mut State, base_depth: u32) -> Ctx {
    Ctx {
        stack: st.stack,
        frame_top: st.frame_top,
        open_upvals: std::mem::take(&mut st.open_upvals),
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
    st.cur_base = ctx.cur_base;
    st.cur_pc = ctx.cur_pc;
    st.c_depth = base_depth + ctx.rel_depth;
    st.protected = ctx.protected;
}

/// Starts the OS thread of `co`; it waits for the arguments of the first resume, then calls the
/// coroutine's function.
fn start(st: &mut State, co_v: Value, co: &Coro) -> Result<Ctx, String> {
    // SAFETY: the layout is nonzero; zeroed memory is all-nil values. As for the main stack,
    // pages are committed only when used.
    let stack = unsafe { std::alloc::alloc_zeroed(stack_layout()) } as *mut Value;
    if stack.is_null() {
        return Err("not enough memory".to_string());
    }
    let (to_co, from_resumer) = channel::<SendBox<Vec<Value>>>();
    let (to_resumer, from_co) = channel::<SendBox<Report>>();
    let side = SendBox((
        CoSide {
            thread: co_v,
            to_resumer,
            from_resumer,
        },
        st as *mut State,
        co.func,
    ));
    let spawned = std::thread::Builder::new()
        .name("lua coroutine".into())
        .stack_size(THREAD_STACK)
        .spawn(move || {
            let side = side;
            let (side, stp, func) = side.0;
            let Ok(args) = side.from_resumer.recv() else {
                // Never resumed after all (the interpreter is gone): nothing ran, just end.
                return;
            };
            let report = side.to_resumer.clone();
            CURRENT.set(Some(side));
            // SAFETY: the resumer that sent the arguments is blocked until we report, and
            // nothing else runs Lua meanwhile (the strict hand-off), so this is the only live use
            // of the state; the state outlives every coroutine that is running or being resumed.
            let st = unsafe { &mut *stp };
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                // The body's frames are on the coroutine's own stack and this thread holds
                // nothing else: collections may happen inside it.
                st.native_transparent = true;
                super::call(st, func, &args.0)
            }));
            CURRENT.set(None);
            let msg = match r {
                Ok(Ok(vals)) => Report::Return(vals),
                Ok(Err(e)) => Report::Error(e),
                Err(p) => Report::Panic(p),
            };
            let _ = report.send(SendBox(msg));
        });
    if let Err(e) = spawned {
        // SAFETY: allocated above with the same layout and not shared.
        unsafe { std::alloc::dealloc(stack as *mut u8, stack_layout()) };
        return Err(format!("cannot start a coroutine thread ({e})"));
    }
    *co.link.borrow_mut() = Some(Link { to_co, from_co });
    Ok(Ctx {
        stack,
        frame_top: stack,
        open_upvals: BTreeMap::new(),
        cur_base: 0,
        cur_pc: 0,
        rel_depth: 0,
        protected: 0,
    })
}

/// Frees the value stack of a finished coroutine whose context is installed in `st` (its
/// upvalues are closed first), then reinstalls `saved`.
fn finish(st: &mut State, saved: Ctx, base_depth: u32) {
    st.close_upvals(0);
    let dead = take_ctx(st, base_depth);
    put_ctx(st, saved, base_depth);
    // SAFETY: the stack was allocated by `start` with this layout; its thread has stopped
    // running Lua and no open upvalue points into it any more.
    unsafe { std::alloc::dealloc(dead.stack as *mut u8, stack_layout()) };
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
    let base_depth = st.c_depth;
    let saved_ctx = co.ctx.borrow_mut().take();
    let ctx = match saved_ctx {
        Some(ctx) => ctx,
        None => match start(st, co_v, co) {
            Ok(ctx) => ctx,
            Err(msg) => return Err(st.intern(msg.as_bytes())),
        },
    };
    let me = CURRENT
        .with_borrow(|c| c.as_ref().map(|s| s.thread))
        .and_then(coro_of);
    if let Some(me) = me {
        me.status.set(Status::Normal);
    }
    co.status.set(Status::Running);
    // Install the coroutine's context before handing over: from the send on, its thread owns
    // the state until it reports back.
    let saved = take_ctx(st, 0);
    put_ctx(st, ctx, base_depth);
    // The resumer's stack stays a root while the coroutine runs (`saved` does not move until
    // the hand-off is over); called from compiled code or a native, the resumer's Rust frames may
    // also hold values no root shows, so collections wait.
    st.extra_roots
        .push((&saved as *const Ctx as *const (), trace_saved_ctx));
    if !transparent {
        st.gc_lock += 1;
    }
    let report = {
        let link = co.link.borrow();
        let link = link.as_ref().expect("a started coroutine has a link");
        match link.to_co.send(SendBox(args)) {
            Ok(()) => link.from_co.recv().ok(),
            Err(_) => None,
        }
    };
    if !transparent {
        st.gc_lock -= 1;
    }
    st.extra_roots.pop();
    if let Some(me) = me {
        me.status.set(Status::Running);
    }
    let report = match report {
        Some(r) => r.0,
        // The thread vanished without reporting (it cannot: it reports even on panic).
        None => Report::Error(LuaError {
            value: st.intern(b"coroutine thread lost"),
            traceback: None,
        }),
    };
    match report {
        Report::Yield(vals) => {
            let ctx = take_ctx(st, base_depth);
            *co.ctx.borrow_mut() = Some(ctx);
            // The thread object now holds a stack that may point into younger zones.
            crate::runtime::barrier_obj(co_v.payload as *const u8);
            put_ctx(st, saved, 0);
            co.status.set(Status::Suspended);
            Ok(vals)
        }
        Report::Return(vals) => {
            finish(st, saved, 0);
            co.status.set(Status::Dead);
            *co.link.borrow_mut() = None;
            Ok(vals)
        }
        Report::Error(e) => {
            finish(st, saved, 0);
            co.status.set(Status::Dead);
            *co.link.borrow_mut() = None;
            co.error.set(Some(e.value));
            crate::runtime::barrier(co_v.payload as *const u8, e.value);
            Err(e.value)
        }
        Report::Panic(p) => {
            finish(st, saved, 0);
            co.status.set(Status::Dead);
            *co.link.borrow_mut() = None;
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
            // Dropping the channels parks the coroutine's thread for good.
            *co.link.borrow_mut() = None;
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
        // A suspended coroutine's thread parks for good once its channels are gone; its value
        // stack is no longer reachable by anyone and can be freed.
        self.link.get_mut().take();
        if let Some(ctx) = self.ctx.get_mut().take() {
            // SAFETY: the stack was allocated by `start` with this layout; the coroutine's
            // thread is blocked and will never resume, and the heap that could reach its
            // upvalues is being dropped.
            unsafe { std::alloc::dealloc(ctx.stack as *mut u8, stack_layout()) };
        }
    }
}
