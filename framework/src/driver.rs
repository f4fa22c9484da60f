//! The JIT driver: hot counters, recording control, the trace cache, entering compiled code,
//! exits, bridges and the statistics.
//!
//! A language calls the driver at three places, all generated around its handlers:
//! - at every back-edge of its interpreter loop: [`Jit::backedge`] says whether to keep
//!   interpreting, to enter a compiled trace, or to start recording;
//! - while recording, before every opcode ([`Jit::record_insn`]) and at back-edges
//!   ([`Jit::record_backedge`]), which closes the loop or links to another loop's trace;
//! - to run compiled code: [`Jit::enter`] runs a trace, follows bridges and links between traces,
//!   rebuilds removed objects an exit needs and says where the interpreter resumes (compiled code
//!   loads its inputs from the frame and writes exits back itself). When an exit has become hot
//!   it also starts recording a bridge from there.
//!
//! Compiled recursion (`call_assembler`) calls the callee trace's code directly from compiled
//! code; it reaches the driver ([`call_assembler_trampoline`], [`call_assembler_exit`]) only when
//! the callee leaves through an exit other than its normal return, past the depth cap, or once
//! the callee is invalidated. A function trace's normal return is a `finish` carrying the call's
//! result ([`Jit::record_function_return`]), the value the language's portal would have returned.
//!
//! Greens (the code object and pc of a loop header) are a [`GreenKey`]; reds are the frame slots.

pub mod stats;

use std::cell::Cell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

#[cfg(feature = "cranelift")]
use crate::backend::cranelift::CraneliftBackend;
use crate::backend::interp::InterpBackend;
use crate::backend::{
    self, Backend, Callee, CompileEnv, Compiled, JitCells, JitCtxHeader, RETURN_EXIT,
};
use crate::ir::{Opcode, Trace, TraceId};
use crate::opt::{self, OptContext};
use crate::quasi::InvalidationFlag;
use crate::recorder::{self, AbortReason, RecordLimits};
pub use stats::{Log, Stats};

/// Identifies a loop header: the language's code object (any stable number) and the pc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GreenKey {
    pub code: usize,
    pub pc: u32,
}

/// A fast hasher for green keys: they are looked up at every back-edge, so SipHash would cost
/// more than the interpreter's work for a small loop body. Multiplicative hashing of words;
/// interpreters use it for their own word-sized keys too (lua-demo's table hash parts). Not
/// resistant to chosen collisions: keep SipHash for keys an attacker spells byte by byte.
#[derive(Clone, Copy, Default)]
pub struct KeyHash;

impl std::hash::BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

/// See [`KeyHash`].
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves its best-mixed bits at the top, and hash tables index buckets by the
        // low bits: rotate them down, or 16-byte-aligned pointer keys would share a few buckets.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
}

/// Which backend compiles traces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackendKind {
    Cranelift,
    /// Interprets optimised traces (tests, differential checks).
    Interp,
}

/// JIT settings.
#[derive(Clone, Debug)]
pub struct JitConfig {
    pub enabled: bool,
    /// Back-edge count at which a loop is recorded.
    pub threshold: u32,
    /// Exit count at which a bridge is recorded.
    pub bridge_threshold: u32,
    pub limits: RecordLimits,
    pub backend: BackendKind,
    /// Run the IR verifier between passes even in release builds.
    pub verify: bool,
    /// Measure time spent in compiled code (two clock reads per entry).
    pub time_compiled_code: bool,
    /// Nesting depth of `call_assembler` calls that the portal finishes (each level holds the
    /// interpreter's native frames) beyond which calls run in the interpreter: function-entry
    /// traces are not entered and `call_assembler` goes straight to the portal. Compiled code
    /// calling compiled code directly is bounded by `max_call_stack` instead.
    pub max_call_depth: u32,
    /// Bytes of native stack that compiled code calling compiled code (`call_assembler`) may use
    /// below the point where the interpreter first entered compiled code on the running stack
    /// (a level takes the compiled function's frame, typically under 200 bytes). Past it, calls
    /// go through the portal and function-entry traces are not entered, so recursion goes on in
    /// the interpreter. Keep it well under the smallest native stack compiled code runs on.
    pub max_call_stack: usize,
}

impl Default for JitConfig {
    fn default() -> JitConfig {
        JitConfig {
            enabled: true,
            threshold: 1000,
            bridge_threshold: 200,
            limits: RecordLimits::default(),
            backend: BackendKind::Cranelift,
            verify: false,
            time_compiled_code: false,
            max_call_depth: 1000,
            max_call_stack: 1 << 20,
        }
    }
}

impl JitConfig {
    /// Sets the loop threshold; bridges get a proportional threshold (at least 1).
    pub fn with_threshold(mut self, threshold: u32) -> JitConfig {
        self.threshold = threshold.max(1);
        self.bridge_threshold = (threshold / 5).max(1);
        self
    }
}

/// What to do at a back-edge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backedge {
    Interpret,
    Enter(TraceId),
    /// Recording has started: run the next opcodes in Recording mode.
    Record,
}

/// What happened at a back-edge while recording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordStep {
    /// Keep recording.
    Continue,
    /// Recording ended (compiled or aborted); continue in Concrete mode.
    Stop,
}

/// Where the interpreter resumes after compiled code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resume {
    pub pc: u32,
    /// The resume frame's base relative to the frame passed to `enter`, in slots.
    pub base_rel: i32,
    /// A recording started at this exit (a bridge, or the loop whose header a trace ended at):
    /// run on in Recording mode with `rel = 0` at the resume frame.
    pub record_bridge: bool,
}

/// Where a rebuilt object's field (or a slot naming a rebuilt object) takes its value from.
#[derive(Clone, Copy, Debug)]
enum Source {
    /// Word `k` of the exit buffer.
    Buf(usize),
    /// The address of rebuilt object `j` of the same exit.
    Object(usize),
}

/// An object the optimiser removed, allocated again when its exit is taken.
#[derive(Debug)]
struct ExitObject {
    /// The language's allocator: `extern "C" fn(ctx, size) -> *mut u8`.
    alloc: usize,
    size: i64,
    fields: Vec<(i64, Source)>,
}

struct ExitInfo {
    pc: u32,
    base: i32,
    slots: Vec<i32>,
    /// For each slot, the rebuilt object it names, if any.
    slot_objects: Vec<Option<usize>>,
    objects: Rc<[ExitObject]>,
    is_finish: bool,
    /// For `finish`: the loop to continue in.
    target: Option<GreenKey>,
    bridge: Option<TraceId>,
    count: u32,
    bridge_aborts: u32,
}

struct CompiledTrace {
    code: Rc<dyn Compiled>,
    /// Set when a quasi-immutable field the trace depends on is written (see `quasi`).
    flag: Rc<InvalidationFlag>,
    /// The invalidation has been counted in the statistics.
    invalidation_noticed: bool,
    exits: Vec<ExitInfo>,
    /// For a function-entry trace and its bridges: the function's green key.
    function: Option<GreenKey>,
    /// For each exit, the machine-code entry of its bridge (0: none, or the driver follows it),
    /// which compiled code calls directly (see `CompileEnv::exit_table`).
    exit_table: Box<[Cell<usize>]>,
    /// For a bridge: the exit it is attached to.
    parent: Option<(TraceId, u32)>,
    /// For a function trace and its bridges: where the trace's entry frame is, in slots from the
    /// function's frame (0 for the function trace; a bridge from an exit inside an inlined call
    /// starts in that callee's frame).
    frame_offset: i32,
}

/// What `compile` needs besides the trace.
struct TraceSetup<'a> {
    input_slots: Vec<i32>,
    flag: Rc<InvalidationFlag>,
    name: &'a str,
    is_bridge: bool,
    peel: bool,
    target: Option<GreenKey>,
    function: Option<GreenKey>,
    parent: Option<(TraceId, u32)>,
}

#[derive(Clone, Copy)]
enum RecordingKind {
    Loop(GreenKey),
    /// A function-entry trace: from the function's first opcode to its return opcode.
    Function(GreenKey),
    Bridge {
        parent: TraceId,
        exit: u32,
    },
}

/// The language's portal: runs the activation of function `code` whose frame is `frame` in the
/// interpreter, from `pc` until it returns, and returns its result word. With `record_bridge`
/// set, a bridge recording has started at `pc` (as [`Resume::record_bridge`]): run on in
/// Recording mode. It must not enter the function's entry trace at `pc` (that is where the trace
/// just left). See [`Jit::set_portal`].
pub type Portal = unsafe extern "C" fn(
    ctx: *mut JitCtxHeader,
    code: usize,
    frame: *mut i64,
    pc: u32,
    record_bridge: bool,
) -> i64;

/// The language's liveness oracle: `live(code, pc, slot)` is false when slot `slot` of a frame
/// running `code` is dead at the start of the opcode at `pc` (every path from there writes it
/// before reading it). It must answer `true` when unsure, and for slots outside the frame. See
/// [`Jit::set_liveness`].
pub type Liveness = dyn Fn(usize, u32, i32) -> bool;

thread_local! {
    /// The JIT whose compiled code is running on this thread, for `call_assembler`.
    static CURRENT_JIT: std::cell::Cell<*mut Jit> = const { std::cell::Cell::new(std::ptr::null_mut()) };
    /// The lowest native stack address at which `call_assembler` still calls compiled code
    /// directly (0: no compiled code is running on this stack). Set by the outermost
    /// [`Jit::enter`] from [`JitConfig::max_call_stack`]; compiled code reads it at its address.
    static STACK_LIMIT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Approximately the native stack pointer: the address of a local of this frame.
#[inline(always)]
fn stack_pointer() -> usize {
    let probe = 0u8;
    std::hint::black_box(&probe) as *const u8 as usize
}

/// True when compiled recursion has used up its native stack budget on this stack.
fn below_stack_limit() -> bool {
    stack_pointer() <= STACK_LIMIT.with(|c| c.get())
}

/// This thread's record of the JIT whose compiled code is running (and of the native stack
/// budget of compiled recursion on the running stack), saved by a language that switches native
/// stacks within one thread (stackful coroutines): compiled frames suspended on one stack must
/// find their JIT again when that stack resumes, whatever the other stack entered and left
/// meanwhile. Save before switching away, restore after switching back.
pub struct RunningJit(*mut Jit, usize);

impl RunningJit {
    /// The current record. The stack being switched to starts with no stack budget of its own
    /// (its first entry into compiled code sets one), so the budget is cleared here.
    #[inline]
    pub fn save() -> RunningJit {
        RunningJit(
            CURRENT_JIT.with(|c| c.get()),
            STACK_LIMIT.with(|c| c.replace(0)),
        )
    }

    /// Puts back a record taken by [`RunningJit::save`] on this thread.
    #[inline]
    pub fn restore(self) {
        CURRENT_JIT.with(|c| c.set(self.0));
        STACK_LIMIT.with(|c| c.set(self.1));
    }
}

#[derive(Default)]
struct Counter {
    count: u32,
    aborts: u32,
    /// Back-edges to skip before trying again after an abort (exponential backoff).
    backoff: u32,
    /// A recording of this loop left it (returned past its frame): its trip count is low, so
    /// its own traces keep failing, and an enclosing loop's trace records through it instead.
    left: bool,
}

impl Counter {
    /// True when an enclosing loop's trace should unroll this loop (which has no trace) rather
    /// than abort and wait for it: its recordings leave it, or it is blacklisted.
    fn unrollable(&self) -> bool {
        self.left || self.aborts >= MAX_ABORTS
    }
}

/// Aborts after which a loop is blacklisted (until `BLACKLIST_DECAY` more back-edges).
const MAX_ABORTS: u32 = 5;
/// How much an abort that left the loop counts towards `MAX_ABORTS`: a loop whose recordings
/// leave it usually has a trip count too low to ever close a trace of its own, so it stops
/// being counted hot quickly and gives the enclosing loop's trace (which unrolls it) its chance.
const LEFT_ABORT_WEIGHT: u32 = 2;
const BLACKLIST_DECAY: u32 = 1 << 20;

/// The JIT of one interpreter instance.
pub struct Jit {
    pub config: JitConfig,
    backend: Box<dyn Backend>,
    counters: HashMap<GreenKey, Counter, KeyHash>,
    loops: HashMap<GreenKey, TraceId, KeyHash>,
    traces: Vec<CompiledTrace>,
    recording: Option<RecordingKind>,
    /// Function-entry traces by function.
    functions: HashMap<GreenKey, TraceId, KeyHash>,
    function_counters: HashMap<GreenKey, Counter, KeyHash>,
    portal: Option<Portal>,
    /// `call_assembler` calls the portal is finishing (see [`JitConfig::max_call_depth`]).
    call_depth: u32,
    /// Inner-loop back-edges the loop trace being recorded has unrolled
    /// (see [`RecordLimits::max_unroll`]).
    unrolled: u32,
    liveness: Option<Box<Liveness>>,
    pub stats: Stats,
    pub log: Log,
    created: Instant,
    /// The words compiled code reads and writes at fixed addresses (the normal-return result, the
    /// exit buffer's address): allocated once, freed on drop, and only touched through this
    /// pointer, since compiled code writes it while the JIT is borrowed.
    cells: *mut JitCells,
    /// The exit buffer `cells.buf` points at (see [`JitCells::buf`]).
    buf: Vec<i64>,
}

impl Jit {
    pub fn new(config: JitConfig) -> Jit {
        let backend: Box<dyn Backend> = match config.backend {
            #[cfg(feature = "cranelift")]
            BackendKind::Cranelift => match CraneliftBackend::new() {
                Ok(b) => Box::new(b),
                Err(e) => {
                    eprintln!(
                        "metatrace: Cranelift unavailable ({e}); interpreting traces instead"
                    );
                    Box::new(InterpBackend::default())
                }
            },
            #[cfg(not(feature = "cranelift"))]
            BackendKind::Cranelift => {
                eprintln!(
                    "metatrace: built without the `cranelift` feature; interpreting traces instead"
                );
                Box::new(InterpBackend::default())
            }
            BackendKind::Interp => Box::new(InterpBackend::default()),
        };
        let log = Log::from_env();
        let mut jit = Jit {
            config,
            backend,
            counters: HashMap::default(),
            loops: HashMap::default(),
            traces: Vec::new(),
            recording: None,
            functions: HashMap::default(),
            function_counters: HashMap::default(),
            portal: None,
            call_depth: 0,
            unrolled: 0,
            liveness: None,
            stats: Stats::default(),
            log,
            created: Instant::now(),
            cells: Box::into_raw(Box::new(JitCells {
                result: 0,
                buf: std::ptr::null_mut(),
                exit_trace: 0,
                exit_frame: std::ptr::null_mut(),
                bridge_entries: 0,
            })),
            buf: Vec::new(),
        };
        if jit.log.asm {
            jit.set_keep_listing();
        }
        jit
    }

    fn set_keep_listing(&mut self) {
        #[cfg(feature = "cranelift")]
        if self.config.backend == BackendKind::Cranelift
            && let Ok(mut b) = CraneliftBackend::new()
        {
            b.keep_listing = true;
            self.backend = Box::new(b);
        }
    }

    /// Gives compiled code the collector's card layout, so that `gc_wb` (recorded by
    /// [`crate::gc::write_barrier`]) is emitted inline. Without it, traces containing `gc_wb` fail
    /// to compile and the loop stays interpreted.
    pub fn set_gc_layout(&mut self, layout: crate::gc::GcLayout) {
        self.backend.set_gc_layout(layout);
    }

    /// True while a trace is being recorded.
    pub fn is_recording(&self) -> bool {
        self.recording.is_some()
    }

    /// Registers the language's liveness oracle. Snapshots of loop and function-entry traces then
    /// leave out slots of the trace's entry frame that are dead at the snapshot's pc, and a slot
    /// dead at the loop header is not loop-carried, so dead values are not kept alive in
    /// registers and exits do not write them back. (Snapshots inside inlined frames and of
    /// bridges are not pruned: the driver does not know which code their frame runs.)
    pub fn set_liveness(&mut self, live: impl Fn(usize, u32, i32) -> bool + 'static) {
        self.liveness = Some(Box::new(live));
    }

    /// Registers the language's portal, which `call_assembler` uses to finish a call whose
    /// compiled function trace left early. Without a portal, no function-entry traces are
    /// recorded and calls are never compiled as `call_assembler`.
    pub fn set_portal(&mut self, portal: Portal) {
        self.portal = Some(portal);
    }

    /// Called in Concrete mode when a call has set up the frame of function `key` (the code
    /// object and its entry pc) and is about to run its first opcode: the second kind of
    /// can-enter-jit point. `Enter` runs the function's entry trace (then resume as after any
    /// [`Jit::enter`], in the callee's frame); `Record` starts recording a function-entry trace,
    /// which ends when the function's return opcode is reached ([`Jit::record_return`]).
    #[inline]
    pub fn function_entry(&mut self, key: GreenKey) -> Backedge {
        if !self.config.enabled
            || self.recording.is_some()
            || self.portal.is_none()
            || self.call_depth >= self.config.max_call_depth
            || below_stack_limit()
        {
            return Backedge::Interpret;
        }
        if let Some(&id) = self.functions.get(&key) {
            if self.is_live(id) {
                return Backedge::Enter(id);
            }
            self.functions.remove(&key);
        }
        let threshold = self.config.threshold;
        let counter = self.function_counters.entry(key).or_default();
        if counter.backoff > 0 {
            counter.backoff -= 1;
            return Backedge::Interpret;
        }
        counter.count += 1;
        if counter.count < threshold {
            return Backedge::Interpret;
        }
        counter.count = 0;
        recorder::start(self.config.limits);
        self.recording = Some(RecordingKind::Function(key));
        Backedge::Record
    }

    /// While recording, at a call of function `callee`: the trace to call with
    /// [`crate::dialect::call_assembler`] instead of inlining the callee, if there is one (the
    /// callee's live function-entry trace, or the trace being recorded when it is the callee's
    /// own: recursion). `None`: inline the call or abort, as the language prefers.
    pub fn call_assembler_target(&self, callee: GreenKey) -> Option<TraceId> {
        self.portal?;
        match self.recording? {
            RecordingKind::Function(k) if k == callee => {
                // The trace being recorded gets the next id (nothing else compiles meanwhile).
                return Some(TraceId(self.traces.len() as u32));
            }
            _ => {}
        }
        let id = *self.functions.get(&callee)?;
        (!self.traces[id.0 as usize].flag.is_invalidated()).then_some(id)
    }

    /// True while recording a function-entry trace or a bridge of one: code that runs at varying
    /// stack depths (every level of a recursion), so frames below its entry frame are not at
    /// fixed offsets from it.
    pub fn recording_function(&self) -> bool {
        match self.recording {
            Some(RecordingKind::Function(_)) => true,
            Some(RecordingKind::Bridge { parent, .. }) => {
                self.traces[parent.0 as usize].function.is_some()
            }
            _ => false,
        }
    }

    /// As [`Jit::record_return`], for a return whose result the language can name: when this
    /// ends a function-entry trace (or a bridge of one), its `finish` carries `result`, the word
    /// the language's portal would return for a call finished at this return opcode (with any
    /// other effect of that, such as storing the result where the caller reads it, recorded
    /// before). A `call_assembler` whose callee leaves here then takes `result` without going
    /// through the portal. The portal must still be able to run the return itself: the trace may
    /// have been entered by the interpreter, which resumes at the return opcode.
    pub fn record_function_return(
        &mut self,
        base_rel: i32,
        result: crate::dialect::Int<crate::Recording>,
    ) -> RecordStep {
        self.end_function(base_rel, Some(result.tag()))
    }

    /// Called while recording, after [`Jit::record_insn`] for a return opcode and before it runs,
    /// with the returning frame's base relative to the trace's entry frame. At the entry frame of
    /// a function-entry trace (or of a bridge of one) this ends the recording: the trace finishes
    /// here and the interpreter runs the return. A return from an inlined frame (`base_rel > 0`)
    /// continues; a loop's entry frame returning aborts the recording.
    pub fn record_return(&mut self, base_rel: i32) -> RecordStep {
        self.end_function(base_rel, None)
    }

    fn end_function(&mut self, base_rel: i32, result: Option<crate::ir::OpRef>) -> RecordStep {
        if base_rel > 0 {
            return RecordStep::Continue;
        }
        let ends_function = match self.recording {
            Some(RecordingKind::Function(_)) => true,
            // A bridge that started inside a call its parent inlined (its entry frame is above
            // the root's) ends at that callee's return, like a function trace's: it leaves to the
            // interpreter at the return opcode (which returns into the caller frames the exit
            // wrote) instead of aborting, which would leave the exit going to the interpreter
            // on every pass.
            Some(RecordingKind::Bridge { parent, exit }) => {
                let p = &self.traces[parent.0 as usize];
                p.function.is_some() || p.frame_offset + p.exits[exit as usize].base > 0
            }
            _ => false,
        };
        let aborted = recorder::with(|r| r.is_aborted());
        if aborted || !ends_function || base_rel < 0 {
            self.abort_recording(AbortReason::LeftFrame);
            return RecordStep::Stop;
        }
        recorder::with(|r| r.finish_here(result));
        self.finish_recording(None);
        RecordStep::Stop
    }

    /// Called at every back-edge to `key` in Concrete mode.
    #[inline]
    pub fn backedge(&mut self, key: GreenKey) -> Backedge {
        if !self.config.enabled || self.recording.is_some() {
            return Backedge::Interpret;
        }
        if let Some(id) = self.live_loop(key) {
            return Backedge::Enter(id);
        }
        if self.count_loop(key) {
            Backedge::Record
        } else {
            Backedge::Interpret
        }
    }

    /// Counts one more pass through the header of loop `key`, which has no compiled trace; when
    /// that makes the loop hot, starts recording it and returns true.
    fn count_loop(&mut self, key: GreenKey) -> bool {
        let threshold = self.config.threshold;
        let counter = self.counters.entry(key).or_default();
        if counter.backoff > 0 {
            counter.backoff -= 1;
            if counter.backoff == 0 && counter.aborts >= MAX_ABORTS {
                // The blacklist decays: give the loop one more chance.
                counter.aborts = MAX_ABORTS - 1;
            }
            return false;
        }
        counter.count += 1;
        if counter.count < threshold {
            return false;
        }
        counter.count = 0;
        recorder::start(self.config.limits);
        self.recording = Some(RecordingKind::Loop(key));
        self.unrolled = 0;
        true
    }

    /// The compiled loop for `key`, unless it has been invalidated (then it is forgotten, and the
    /// loop's counter starts again so a new trace is recorded once it is hot).
    #[inline]
    fn live_loop(&mut self, key: GreenKey) -> Option<TraceId> {
        let id = *self.loops.get(&key)?;
        if self.is_live(id) {
            return Some(id);
        }
        self.loops.remove(&key);
        None
    }

    /// False (and counted once) for a trace that has been invalidated.
    #[inline]
    fn is_live(&mut self, id: TraceId) -> bool {
        let t = &mut self.traces[id.0 as usize];
        if !t.flag.is_invalidated() {
            return true;
        }
        if !t.invalidation_noticed {
            t.invalidation_noticed = true;
            self.stats.invalidated += 1;
        }
        false
    }

    /// Called before every opcode while recording. Returns false if the recording was aborted
    /// (the opcode then runs in Concrete mode).
    pub fn record_insn(&mut self, pc: u32, base_rel: i32) -> bool {
        let alive = recorder::with(|r| {
            if r.is_aborted() {
                false
            } else {
                r.begin_insn(pc, base_rel);
                true
            }
        });
        if !alive {
            self.finish_abort();
        }
        alive
    }

    /// Abandons the current recording (the language calls this on errors or untraceable code).
    pub fn abort_recording(&mut self, reason: AbortReason) {
        if self.recording.is_some() {
            recorder::abort(reason);
            self.finish_abort();
        }
    }

    fn finish_abort(&mut self) {
        let reason = recorder::take()
            .and_then(|r| r.aborted)
            .unwrap_or(AbortReason::NotTraceable);
        if let Some(kind) = self.recording.take() {
            self.note_abort(reason, kind);
        }
    }

    fn note_abort(&mut self, reason: AbortReason, kind: RecordingKind) {
        *self.stats.aborts.entry(reason).or_insert(0) += 1;
        if self.log.abort {
            eprintln!("[metatrace abort] {}", reason.message());
        }
        match kind {
            RecordingKind::Loop(key) => {
                let counter = self.counters.entry(key).or_default();
                if matches!(reason, AbortReason::LeftFrame | AbortReason::LeftLoop) {
                    counter.left = true;
                    counter.aborts += LEFT_ABORT_WEIGHT;
                } else {
                    counter.aborts += 1;
                }
                counter.backoff = if counter.aborts >= MAX_ABORTS {
                    BLACKLIST_DECAY
                } else {
                    self.config.threshold.saturating_mul(1 << counter.aborts)
                };
            }
            RecordingKind::Function(key) => {
                let counter = self.function_counters.entry(key).or_default();
                counter.aborts += 1;
                counter.backoff = if counter.aborts >= MAX_ABORTS {
                    BLACKLIST_DECAY
                } else {
                    self.config.threshold.saturating_mul(1 << counter.aborts)
                };
            }
            RecordingKind::Bridge { parent, exit } => {
                let e = &mut self.traces[parent.0 as usize].exits[exit as usize];
                e.bridge_aborts += 1;
                e.count = 0;
            }
        }
    }

    /// Called at every back-edge while recording; `base_rel` is the frame's base relative to the
    /// trace's entry frame.
    pub fn record_backedge(&mut self, key: GreenKey, base_rel: i32) -> RecordStep {
        let aborted = recorder::with(|r| r.is_aborted());
        if aborted {
            self.finish_abort();
            return RecordStep::Stop;
        }
        let closes =
            matches!(self.recording, Some(RecordingKind::Loop(k)) if k == key && base_rel == 0);
        if closes {
            let dead = |slot: i32| {
                slot >= 0
                    && self
                        .liveness
                        .as_ref()
                        .is_some_and(|live| !live(key.code, key.pc, slot))
            };
            recorder::with(|r| r.close_loop(dead));
            self.finish_recording(None);
            return RecordStep::Stop;
        }
        // A bridge or function trace that reaches a loop with no compiled trace yet ends there
        // and leaves to the interpreter at the loop header, which counts the loop and compiles it
        // once hot; the exit then links to it (the target is looked up at every exit). Aborting
        // instead would leave the bridge's exit going to the interpreter on every pass, and
        // after three aborts forever. A root loop trace still aborts, so that inner loops are
        // compiled first and the outer trace links into them.
        let root_loop = matches!(self.recording, Some(RecordingKind::Loop(_)));
        if !root_loop || self.live_loop(key).is_some() {
            recorder::with(|r| r.finish(key.pc, base_rel));
            self.finish_recording(Some(key));
            return RecordStep::Stop;
        }
        // A back-edge to a header before the trace's own, in its entry frame (or in a caller's
        // frame) belongs to a loop that does not nest in the trace's: the recording left its
        // loop (a header of a nested loop comes after the enclosing loop's header). The loop
        // is marked as one an enclosing trace unrolls.
        if let Some(RecordingKind::Loop(start)) = self.recording
            && (base_rel < 0 || (base_rel == 0 && key.code == start.code && key.pc < start.pc))
        {
            recorder::abort(AbortReason::LeftLoop);
            self.finish_abort();
            return RecordStep::Stop;
        }
        // An inner loop that will not get a trace of its own (its recordings leave it, as a
        // loop of a few iterations does when recording starts on its last one, or it is
        // blacklisted) is recorded through: the outer trace unrolls its iterations, each with
        // its own guards, up to `max_unroll` back-edges (as LuaJIT unrolls an inner loop whose
        // recordings left it). Waiting for it instead would leave both loops interpreted.
        if self.counters.get(&key).is_some_and(|c| c.unrollable()) {
            if self.unrolled < self.config.limits.max_unroll {
                self.unrolled += 1;
                self.stats.unrolled += 1;
                return RecordStep::Continue;
            }
            recorder::abort(AbortReason::Unroll);
            self.finish_abort();
            return RecordStep::Stop;
        }
        recorder::abort(AbortReason::InnerLoop);
        self.finish_abort();
        RecordStep::Stop
    }

    fn finish_recording(&mut self, target: Option<GreenKey>) {
        let Some(rec) = recorder::take() else { return };
        let kind = self.recording.take().expect("recording kind");
        if let Some(reason) = rec.aborted {
            self.note_abort(reason, kind);
            return;
        }
        if rec.flag.is_invalidated() {
            self.note_abort(AbortReason::Invalidated, kind);
            return;
        }
        let flag = rec.flag;
        let mut trace = rec.trace;
        let code = match kind {
            RecordingKind::Loop(key) | RecordingKind::Function(key) => Some(key.code),
            RecordingKind::Bridge { .. } => None,
        };
        if let (Some(code), Some(live)) = (code, &self.liveness) {
            prune_dead_slots(&mut trace, code, live);
        }
        let input_slots = rec.input_slots;
        let is_bridge = matches!(kind, RecordingKind::Bridge { .. });
        let function = match kind {
            RecordingKind::Function(key) => Some(key),
            RecordingKind::Bridge { parent, .. } => self.traces[parent.0 as usize].function,
            RecordingKind::Loop(_) => None,
        };
        let name = match &kind {
            RecordingKind::Loop(key) => format!("loop_{:x}_{}", key.code, key.pc),
            RecordingKind::Function(key) => format!("function_{:x}_{}", key.code, key.pc),
            RecordingKind::Bridge { parent, exit } => format!("bridge_{}_{}", parent.0, exit),
        };
        // A function trace ends in `finish` and does not loop: like a bridge, it is not peeled.
        let peel = matches!(kind, RecordingKind::Loop(_));
        let parent = match kind {
            RecordingKind::Bridge { parent, exit } => Some((parent, exit)),
            _ => None,
        };
        let setup = TraceSetup {
            input_slots,
            flag,
            name: &name,
            is_bridge,
            peel,
            target,
            function,
            parent,
        };
        match self.compile(&mut trace, setup) {
            Ok(id) => match kind {
                RecordingKind::Loop(key) => {
                    self.loops.insert(key, id);
                }
                RecordingKind::Function(key) => {
                    self.functions.insert(key, id);
                }
                RecordingKind::Bridge { parent, exit } => {
                    let entry = self.traces[id.0 as usize].code.code_addr();
                    let p = &mut self.traces[parent.0 as usize];
                    p.exits[exit as usize].bridge = Some(id);
                    // Compiled code enters the bridge itself from now on (when it has machine code).
                    p.exit_table[exit as usize].set(entry);
                }
            },
            Err(e) => {
                eprintln!("metatrace: compiling {name} failed: {e}");
                self.note_abort(AbortReason::NotTraceable, kind);
            }
        }
    }

    fn compile(&mut self, trace: &mut Trace, setup: TraceSetup<'_>) -> Result<TraceId, String> {
        let TraceSetup {
            mut input_slots,
            flag,
            name,
            is_bridge,
            peel,
            target,
            function,
            parent,
        } = setup;
        let frame_offset = match parent {
            Some((p, exit)) => {
                let p = &self.traces[p.0 as usize];
                p.frame_offset + p.exits[exit as usize].base
            }
            None => 0,
        };
        // A return that ends a bridge started inside an inlined call is that callee's return,
        // not the function's: its result is not the call's.
        if frame_offset != 0
            && let Some(last) = trace.ops.last_mut()
            && last.opcode == Opcode::Finish
        {
            last.args.clear();
        }
        // Every `call_assembler` must name a function trace: an existing one, or this one.
        let own_id = self.traces.len() as u32;
        for inst in trace
            .ops
            .iter()
            .filter(|i| i.opcode == Opcode::CallAssembler)
        {
            let ok = match self.traces.get(inst.imm as usize) {
                Some(t) => t.function.is_some(),
                None => inst.imm as u32 == own_id && function.is_some(),
            };
            if !ok {
                return Err(format!(
                    "call_assembler of #{} is not a function trace",
                    inst.imm
                ));
            }
        }
        let start = Instant::now();
        let start_cpu = stats::thread_cpu_time();
        if self.log.trace {
            eprintln!(
                "[metatrace trace] {name} (recorded, {} ops)\n{trace}",
                trace.ops.len()
            );
        }
        let ops_before = trace.ops.len();
        let mut ctx = OptContext {
            verify: self.config.verify,
            peel,
            log: Vec::new(),
        };
        opt::optimize(trace, &mut ctx)?;
        prune_unused_inputs(trace, &mut input_slots);
        if self.config.verify || cfg!(debug_assertions) {
            crate::ir::verify::verify(trace).map_err(|e| format!("after pruning inputs: {e}"))?;
        }
        let opt_cpu = stats::thread_cpu_time().saturating_sub(start_cpu);
        if self.log.opt {
            eprintln!("[metatrace opt] {name}: {}\n{trace}", ctx.log.join(", "));
        }
        let buf_len = backend::exit_buffer_len(trace);
        if self.buf.len() < buf_len {
            // Code compiled earlier loads the buffer's address at each exit, so replacing the
            // buffer is safe even while compiled code is running further up the stack.
            self.buf = vec![0; buf_len];
            // SAFETY: the cells live as long as the JIT.
            unsafe { (*self.cells).buf = self.buf.as_mut_ptr() };
        }
        let traces = &self.traces;
        let callees = |id: u32| {
            traces.get(id as usize).map(|t| Callee {
                entry: t.code.code_addr(),
                flag: t.flag.addr(),
            })
        };
        let n_exits = backend::exits(trace).len();
        let exit_table: Box<[Cell<usize>]> = (0..n_exits).map(|_| Cell::new(0)).collect();
        let env = CompileEnv {
            input_slots: &input_slots,
            id: own_id,
            flag: flag.addr(),
            exit_table: exit_table.as_ptr() as usize,
            cells: self.cells,
            stack_limit: STACK_LIMIT.with(|c| c.as_ptr() as usize),
            callees: &callees,
        };
        let code = self.backend.compile_in(trace, name, &env)?;
        if self.log.asm
            && let Some(listing) = code.listing()
        {
            eprintln!(
                "[metatrace asm] {name} ({} bytes)\n{listing}",
                code.code_size()
            );
        }
        let elapsed = start.elapsed();
        let cpu = stats::thread_cpu_time().saturating_sub(start_cpu);
        self.stats.record_compile(
            name,
            ops_before,
            trace.ops.len(),
            elapsed,
            cpu,
            opt_cpu,
            code.code_size(),
            self.created.elapsed(),
            is_bridge,
            trace.op_counts(),
            trace.loop_op_counts(),
            trace.label_index().map_or(0, |l| trace.ops[l].args.len()),
        );
        self.log.perf_map(code.code_addr(), code.code_size(), name);
        if self.log.bridge && is_bridge {
            eprintln!(
                "[metatrace bridge] {name} compiled, {} ops",
                trace.ops.len()
            );
        }
        let exits = backend::exits(trace)
            .into_iter()
            .map(|idx| {
                let inst = &trace.ops[idx];
                let snapshot = trace.snapshot(inst.snapshot.expect("exit snapshot"));
                let object_of =
                    |r: crate::ir::OpRef| snapshot.virtuals.iter().position(|v| v.id == r);
                let mut k = snapshot.slots.len();
                let objects: Vec<ExitObject> = snapshot
                    .virtuals
                    .iter()
                    .map(|v| ExitObject {
                        alloc: trace.descr(v.alloc).addr,
                        size: v.size,
                        fields: v
                            .fields
                            .iter()
                            .map(|&(offset, value)| {
                                k += 1;
                                let src = match object_of(value) {
                                    Some(j) => Source::Object(j),
                                    None => Source::Buf(k - 1),
                                };
                                (offset, src)
                            })
                            .collect(),
                    })
                    .collect();
                ExitInfo {
                    pc: snapshot.pc,
                    base: snapshot.base,
                    slots: snapshot.slots.iter().map(|&(slot, _)| slot).collect(),
                    slot_objects: snapshot.slots.iter().map(|&(_, v)| object_of(v)).collect(),
                    objects: objects.into(),
                    is_finish: inst.opcode == Opcode::Finish,
                    target: if inst.opcode == Opcode::Finish {
                        target
                    } else {
                        None
                    },
                    bridge: None,
                    count: 0,
                    bridge_aborts: 0,
                }
            })
            .collect();
        let id = TraceId(self.traces.len() as u32);
        self.traces.push(CompiledTrace {
            code: Rc::from(code),
            flag,
            invalidation_noticed: false,
            function,
            exits,
            exit_table,
            parent,
            frame_offset,
        });
        Ok(id)
    }

    /// Runs compiled trace `id` on the frame at `frame` until it leaves compiled code.
    ///
    /// Compiled code may call back into the language (residual calls), which may use the JIT again
    /// (enter other traces, compile new ones). So this takes the JIT by raw pointer and holds no
    /// borrow of it while compiled code runs.
    ///
    /// # Safety
    /// `this` must be valid; `frame` must point into the language's slot stack with every slot the
    /// trace touches (relative to `frame`) valid; `ctx` must start with a [`JitCtxHeader`] and be what
    /// the trace's residual calls expect; the heap objects the trace reads must be alive.
    pub unsafe fn enter(
        this: *mut Jit,
        id: TraceId,
        frame: *mut i64,
        ctx: *mut JitCtxHeader,
    ) -> Resume {
        // `call_assembler` in the trace finds this JIT here; restored on the way out, since
        // compiled code may run inside compiled code (recursion).
        let outer_jit = CURRENT_JIT.with(|c| c.replace(this));
        // The outermost entry on this stack sets the budget of compiled recursion below it.
        let outer_limit = STACK_LIMIT.with(|c| c.get());
        if outer_limit == 0 {
            // SAFETY: `this` is valid (this fn's contract); a short-lived read.
            let budget = unsafe { (*this).config.max_call_stack };
            let limit = stack_pointer().saturating_sub(budget).max(1);
            STACK_LIMIT.with(|c| c.set(limit));
        }
        // SAFETY: forwarded from this fn's contract.
        let (resume, _) = unsafe { Jit::run_from(this, id, frame, ctx, None) };
        STACK_LIMIT.with(|c| c.set(outer_limit));
        CURRENT_JIT.with(|c| c.set(outer_jit));
        resume
    }

    /// Runs trace `cur` on `frame` (or, with `exit` set, continues after that exit of it, taken
    /// by a direct `call_assembler`), following bridges and links, until compiled code leaves to
    /// the interpreter. Also returns the result word when the last exit was a function trace's
    /// normal return on `frame` itself (see [`Jit::record_function_return`]).
    ///
    /// # Safety
    /// As [`Jit::enter`]; `CURRENT_JIT` is `this`.
    unsafe fn run_from(
        this: *mut Jit,
        mut cur: TraceId,
        mut frame: *mut i64,
        ctx: *mut JitCtxHeader,
        mut exit: Option<u32>,
    ) -> (Resume, Option<i64>) {
        let mut base_rel = 0i32;
        loop {
            // This loop runs at every trace exit and every switch between traces (bridges and
            // links), so it borrows instead of cloning.
            let exit_code = match exit.take() {
                Some(e) => e,
                None => {
                    let (code, timing) = {
                        // SAFETY: short-lived borrows of `*this` only, never across `run`.
                        let jit = unsafe { &*this };
                        // Compiled traces are never dropped before the JIT (invalidated ones are
                        // kept), so the code outlives this call even if compiling more traces
                        // moves `traces`.
                        let code: *const dyn Compiled = &*jit.traces[cur.0 as usize].code;
                        (code, jit.config.time_compiled_code)
                    };
                    let started = timing.then(Instant::now);
                    // SAFETY: forwarded from this fn's contract; the code is alive (see above).
                    let e = unsafe { (*code).run(ctx as *mut u8, frame) };
                    if let Some(t) = started {
                        // SAFETY: the compiled code has returned; no other borrow is live.
                        unsafe { (*this).stats.time_in_compiled += t.elapsed() };
                    }
                    e
                }
            };
            let exit_no = (exit_code & !RETURN_EXIT) as usize;
            // Compiled code may have gone on into bridges: the cells say which trace left, on
            // which frame. Read before anything can run again.
            // SAFETY: the cells live as long as the JIT; the compiled code has returned.
            let (result, left, left_frame, bridges) = unsafe {
                let cells = &mut *(*this).cells;
                let result = (exit_code & RETURN_EXIT != 0).then_some(cells.result);
                let bridges = std::mem::take(&mut cells.bridge_entries);
                (result, cells.exit_trace, cells.exit_frame, bridges)
            };
            cur = TraceId(left as u32);
            // SAFETY: both are frames of the slot stack; the bridge's is the exit's resume frame.
            base_rel += unsafe { left_frame.offset_from(frame) } as i32;
            frame = left_frame;
            // SAFETY: the compiled code has returned; no other borrow of the JIT is live.
            let jit = unsafe { &mut *this };
            jit.stats.bridge_entries += bridges as u64;
            let jit = &*jit;
            let exit = &jit.traces[cur.0 as usize].exits[exit_no];
            if !exit.objects.is_empty() {
                // Compiled code wrote this exit's values to the buffer. Nothing writes it again
                // before the slots are written below: the allocator runs no compiled code, and
                // the buffer is only replaced when a trace is compiled.
                // SAFETY: the buffer holds at least this trace's `exit_buffer_len` words.
                let buf = unsafe { std::slice::from_raw_parts((*jit.cells).buf, jit.buf.len()) };
                let objects = exit.objects.clone();
                // SAFETY: `ctx` is what the trace's allocator expects (this fn's contract).
                let addrs = unsafe { materialise(&objects, buf, ctx as *mut u8) };
                // SAFETY: the allocator calls are done; no other borrow of the JIT is live.
                let jit = unsafe { &*this };
                let exit = &jit.traces[cur.0 as usize].exits[exit_no];
                for (k, &slot) in exit.slots.iter().enumerate() {
                    let value = match exit.slot_objects[k] {
                        Some(j) => addrs[j] as i64,
                        None => buf[k],
                    };
                    // SAFETY: as above; exits only name slots the trace touched.
                    unsafe { frame.offset(slot as isize).write(value) };
                }
            }
            // SAFETY: the allocator calls are done; no other borrow of the JIT is live.
            let jit = unsafe { &mut *this };
            let exit = &mut jit.traces[cur.0 as usize].exits[exit_no];
            // SAFETY: the resume frame is inside the slot stack (it was a frame while recording).
            frame = unsafe { frame.offset(exit.base as isize) };
            base_rel += exit.base;
            let (bridge, target, is_finish) = (exit.bridge, exit.target, exit.is_finish);
            if let Some(bridge) = bridge
                && jit.is_live(bridge)
            {
                jit.stats.bridge_entries += 1;
                cur = bridge;
                continue;
            }
            if is_finish && let Some(next) = target.and_then(|k| jit.live_loop(k)) {
                cur = next;
                continue;
            }
            let parent_live = jit.is_live(cur);
            if !parent_live && let Some((p, e)) = jit.traces[cur.0 as usize].parent {
                // Compiled code must not go on entering an invalidated bridge: the exit returns
                // to the driver again, which may record a new one.
                jit.traces[p.0 as usize].exit_table[e as usize].set(0);
            }
            // SAFETY: `ctx` starts with a header (this fn's contract).
            let exception = unsafe { (*ctx).exception } != 0;
            // A trace that ends at the header of a loop with no compiled trace yet resumes there,
            // after the interpreter's back-edge: count the pass here, or the loop would never get
            // hot while the trace covers its back-edge. When hot, the loop is recorded from here.
            if is_finish
                && let Some(key) = target
                && jit.config.enabled
                && !exception
                && jit.recording.is_none()
                && jit.count_loop(key)
            {
                let pc = jit.traces[cur.0 as usize].exits[exit_no].pc;
                let resume = Resume {
                    pc,
                    base_rel,
                    record_bridge: true,
                };
                return (resume, None);
            }
            let exit = &mut jit.traces[cur.0 as usize].exits[exit_no];
            if !exit.is_finish {
                jit.stats.guard_failures += 1;
            }
            exit.count += 1;
            let pc = exit.pc;
            let record_bridge = jit.config.enabled
                && parent_live
                && !exit.is_finish
                && !exception
                && exit.count >= jit.config.bridge_threshold
                && exit.bridge_aborts < 3
                && jit.recording.is_none();
            if record_bridge {
                exit.count = 0;
                recorder::start(jit.config.limits);
                jit.recording = Some(RecordingKind::Bridge {
                    parent: cur,
                    exit: exit_no as u32,
                });
            }
            let resume = Resume {
                pc,
                base_rel,
                record_bridge,
            };
            // A normal return counts only on the frame the call made: a bridge that started in
            // a frame inlined into the function trace ends at that frame's return instead.
            let result = result.filter(|_| base_rel == 0 && !record_bridge);
            return (resume, result);
        }
    }

    /// The number of compiled loops and bridges.
    pub fn n_traces(&self) -> usize {
        self.traces.len()
    }
}

/// Drops the slot inputs that nothing in the optimised trace uses (slots the trace only writes,
/// or whose reads the optimiser removed): entering the trace then loads fewer slots. Input 0, the
/// frame, stays.
fn prune_unused_inputs(trace: &mut Trace, input_slots: &mut Vec<i32>) {
    let mut used = std::collections::HashSet::new();
    for inst in &trace.ops {
        used.extend(inst.args.iter().copied());
    }
    for snapshot in &trace.snapshots {
        used.extend(snapshot.slots.iter().map(|&(_, v)| v));
        for v in &snapshot.virtuals {
            used.extend(v.fields.iter().map(|&(_, f)| f));
        }
    }
    if trace.inputs.len() != input_slots.len() + 1 {
        return;
    }
    let mut k = 0;
    input_slots.retain(|_| {
        k += 1;
        used.contains(&trace.inputs[k])
    });
    let mut k = 0;
    trace.inputs.retain(|r| {
        k += 1;
        k == 1 || used.contains(r)
    });
}

/// Drops from every snapshot taken in the trace's entry frame the entry-frame slots that are dead
/// at its pc: an exit need not write them back, and their values need not stay alive.
fn prune_dead_slots(trace: &mut Trace, code: usize, live: &Liveness) {
    for snapshot in &mut trace.snapshots {
        if snapshot.base == 0 {
            let pc = snapshot.pc;
            snapshot
                .slots
                .retain(|&(slot, _)| slot < 0 || live(code, pc, slot));
        }
    }
}

// ANCHOR: call_assembler_protocol
/// The `call_assembler` op: runs function trace `id` on `frame` and returns the call's result.
/// When compiled recursion has used up its native stack budget (see
/// [`JitConfig::max_call_stack`]), or the trace is invalidated, the language's portal runs the
/// whole call in the interpreter. Otherwise the trace runs; if it left through its normal return,
/// its result is the call's; any other exit continues in [`call_assembler_exit`]. Compiled code
/// inlines all of this but the portal and the exit path; the interpreting backend calls this.
///
/// # Safety
/// Called only by compiled code of the JIT in `CURRENT_JIT`, with the `ctx` it was entered with
/// and the address of a callee frame set up as the function expects (arguments in memory).
pub(crate) unsafe extern "C" fn call_assembler_trampoline(
    ctx: *mut u8,
    frame: *mut i64,
    id: i64,
) -> i64 {
    let this = CURRENT_JIT.with(|c| c.get());
    assert!(!this.is_null(), "call_assembler outside compiled code");
    let id = TraceId(id as u32);
    let (portal, key, enter, code) = {
        // SAFETY: `this` is the JIT running the calling trace; no other borrow of it is live
        // while compiled code runs.
        let jit = unsafe { &mut *this };
        let t = &jit.traces[id.0 as usize];
        let (key, code) = (t.function, Rc::clone(&t.code));
        let enter = jit.is_live(id) && !below_stack_limit();
        (jit.portal, key, enter, code)
    };
    let (Some(portal), Some(key)) = (portal, key) else {
        unreachable!(
            "call_assembler targets are function traces and need a portal (checked at compile)"
        );
    };
    if !enter {
        // SAFETY: `this` is live; short-lived accesses around the portal.
        unsafe { (*this).call_depth += 1 };
        // SAFETY: the portal's contract; the frame is the callee's, set up for its entry.
        let result = unsafe { portal(ctx as *mut JitCtxHeader, key.code, frame, key.pc, false) };
        // SAFETY: as above.
        unsafe { (*this).call_depth -= 1 };
        return result;
    }
    // SAFETY: forwarded from this fn's contract.
    let exit = unsafe { code.run(ctx, frame) };
    if exit & RETURN_EXIT != 0 {
        // SAFETY: the cells live as long as the JIT.
        return unsafe { (*(*this).cells).result };
    }
    // SAFETY: forwarded from this fn's contract.
    unsafe { call_assembler_exit(ctx, frame, id.0 as i64, exit as i64) }
}

/// The slow path of `call_assembler`: function trace `id`, run on `frame`, left through `exit`
/// (not its normal return). Follows bridges and links from there like [`Jit::enter`]; unless
/// that ends at the function's normal return, the language's portal finishes the call in the
/// interpreter from where compiled code left.
///
/// # Safety
/// As [`call_assembler_trampoline`]; `exit` is what trace `id`'s code just returned on `frame`.
pub(crate) unsafe extern "C" fn call_assembler_exit(
    ctx: *mut u8,
    frame: *mut i64,
    id: i64,
    exit: i64,
) -> i64 {
    let this = CURRENT_JIT.with(|c| c.get());
    assert!(!this.is_null(), "call_assembler outside compiled code");
    let id = TraceId(id as u32);
    // SAFETY: a short-lived borrow; compiled code is not running.
    let (portal, key) = unsafe { ((*this).portal, (&(*this).traces)[id.0 as usize].function) };
    let (Some(portal), Some(key)) = (portal, key) else {
        unreachable!("call_assembler targets are function traces (checked at compile)");
    };
    let ctx = ctx as *mut JitCtxHeader;
    // SAFETY: forwarded from this fn's contract.
    let (resume, result) = unsafe { Jit::run_from(this, id, frame, ctx, Some(exit as u32)) };
    if let Some(v) = result {
        return v;
    }
    // SAFETY: the resume frame is inside the slot stack (it was a frame while recording).
    let frame = unsafe { frame.offset(resume.base_rel as isize) };
    // SAFETY: `this` is live; short-lived accesses around the portal.
    unsafe { (*this).call_depth += 1 };
    // SAFETY: the portal's contract.
    let result = unsafe { portal(ctx, key.code, frame, resume.pc, resume.record_bridge) };
    // SAFETY: as above.
    unsafe { (*this).call_depth -= 1 };
    result
}
// ANCHOR_END: call_assembler_protocol

/// Allocates the objects an exit rebuilds, through the language's allocator, and fills their
/// fields; returns their addresses. All are allocated before any field is written, so objects may
/// refer to each other (and to themselves).
///
/// # Safety
/// Every `alloc` must be an `extern "C" fn(ctx, i64) -> *mut u8` returning zeroed memory of at
/// least `size` bytes, and `ctx` what it expects; `buf` holds the exit's values.
unsafe fn materialise(objects: &[ExitObject], buf: &[i64], ctx: *mut u8) -> Vec<usize> {
    let addrs: Vec<usize> = objects
        .iter()
        .map(|o| {
            // SAFETY: the allocator has this shape (the function's contract, checked by the
            // recorder from the descriptor).
            let f = unsafe {
                std::mem::transmute::<usize, extern "C" fn(*mut u8, i64) -> usize>(o.alloc)
            };
            f(ctx, o.size)
        })
        .collect();
    for (o, &addr) in objects.iter().zip(&addrs) {
        for &(offset, src) in &o.fields {
            let value = match src {
                Source::Buf(k) => buf[k],
                Source::Object(j) => addrs[j] as i64,
            };
            // SAFETY: `addr` is a fresh allocation of `size` bytes and the trace wrote this field
            // at this offset, inside the object.
            unsafe { ((addr as *mut u8).offset(offset as isize) as *mut i64).write(value) };
        }
    }
    addrs
}

impl Drop for Jit {
    fn drop(&mut self) {
        if self.recording.is_some() {
            recorder::take();
        }
        // SAFETY: allocated by `Box::into_raw` in `new`; compiled code using it is gone with the
        // JIT (no trace runs while the JIT is dropped).
        drop(unsafe { Box::from_raw(self.cells) });
    }
}
