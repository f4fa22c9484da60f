//! The JIT driver: hot counters, recording control, the trace cache, entering compiled code,
//! exits, bridges and the statistics.
//!
//! A language calls the driver at three places, all generated around its handlers:
//! - at every back-edge of its interpreter loop: [`Jit::backedge`] says whether to keep
//!   interpreting, to enter a compiled trace, or to start recording;
//! - while recording, before every opcode ([`Jit::record_insn`]) and at back-edges
//!   ([`Jit::record_backedge`]), which closes the loop or links to another loop's trace;
//! - to run compiled code: [`Jit::enter`] runs a trace, follows bridges and links between traces,
//!   writes the frame back from the exit's snapshot and says where the interpreter resumes. When
//!   an exit has become hot it also starts recording a bridge from there.
//!
//! Greens (the code object and pc of a loop header) are a [`GreenKey`]; reds are the frame slots.

pub mod stats;

use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use crate::backend::cranelift::CraneliftBackend;
use crate::backend::interp::InterpBackend;
use crate::backend::{self, Backend, Compiled, JitCtxHeader};
use crate::ir::{Opcode, Trace, TraceId};
use crate::opt::{self, OptContext};
use crate::recorder::{self, AbortReason, RecordLimits};
pub use stats::{Log, Stats};

/// Identifies a loop header: the language's code object (any stable number) and the pc.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct GreenKey {
    pub code: usize,
    pub pc: u32,
}

/// A fast hasher for green keys: they are looked up at every back-edge, so SipHash would cost
/// more than the interpreter's work for a small loop body. Multiplicative hashing of two words.
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
        self.0
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
    /// A bridge recording started at this exit: run on in Recording mode with `rel = 0` at the
    /// resume frame.
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
    input_slots: Rc<[i32]>,
    exits: Vec<ExitInfo>,
    buf_len: usize,
}

enum RecordingKind {
    Loop(GreenKey),
    Bridge { parent: TraceId, exit: u32 },
}

#[derive(Default)]
struct Counter {
    count: u32,
    aborts: u32,
    /// Back-edges to skip before trying again after an abort (exponential backoff).
    backoff: u32,
}

/// Aborts after which a loop is blacklisted (until `BLACKLIST_DECAY` more back-edges).
const MAX_ABORTS: u32 = 5;
const BLACKLIST_DECAY: u32 = 1 << 20;

/// The JIT of one interpreter instance.
pub struct Jit {
    pub config: JitConfig,
    backend: Box<dyn Backend>,
    counters: HashMap<GreenKey, Counter, KeyHash>,
    loops: HashMap<GreenKey, TraceId, KeyHash>,
    traces: Vec<CompiledTrace>,
    recording: Option<RecordingKind>,
    pub stats: Stats,
    pub log: Log,
    created: Instant,
    buf: Vec<i64>,
}

impl Jit {
    pub fn new(config: JitConfig) -> Jit {
        let backend: Box<dyn Backend> = match config.backend {
            BackendKind::Cranelift => match CraneliftBackend::new() {
                Ok(b) => Box::new(b),
                Err(e) => {
                    eprintln!(
                        "metatrace: Cranelift unavailable ({e}); interpreting traces instead"
                    );
                    Box::new(InterpBackend)
                }
            },
            BackendKind::Interp => Box::new(InterpBackend),
        };
        let log = Log::from_env();
        let mut jit = Jit {
            config,
            backend,
            counters: HashMap::default(),
            loops: HashMap::default(),
            traces: Vec::new(),
            recording: None,
            stats: Stats::default(),
            log,
            created: Instant::now(),
            buf: Vec::new(),
        };
        if jit.log.asm {
            jit.set_keep_listing();
        }
        jit
    }

    fn set_keep_listing(&mut self) {
        if self.config.backend == BackendKind::Cranelift
            && let Ok(mut b) = CraneliftBackend::new()
        {
            b.keep_listing = true;
            self.backend = Box::new(b);
        }
    }

    /// True while a trace is being recorded.
    pub fn is_recording(&self) -> bool {
        self.recording.is_some()
    }

    /// Called at every back-edge to `key` in Concrete mode.
    #[inline]
    pub fn backedge(&mut self, key: GreenKey) -> Backedge {
        if !self.config.enabled || self.recording.is_some() {
            return Backedge::Interpret;
        }
        if let Some(&id) = self.loops.get(&key) {
            return Backedge::Enter(id);
        }
        let threshold = self.config.threshold;
        let counter = self.counters.entry(key).or_default();
        if counter.backoff > 0 {
            counter.backoff -= 1;
            if counter.backoff == 0 && counter.aborts >= MAX_ABORTS {
                // The blacklist decays: give the loop one more chance.
                counter.aborts = MAX_ABORTS - 1;
            }
            return Backedge::Interpret;
        }
        counter.count += 1;
        if counter.count < threshold {
            return Backedge::Interpret;
        }
        counter.count = 0;
        recorder::start(self.config.limits);
        self.recording = Some(RecordingKind::Loop(key));
        Backedge::Record
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
            recorder::with(|r| r.close_loop());
            self.finish_recording(None);
            return RecordStep::Stop;
        }
        if self.loops.contains_key(&key) {
            recorder::with(|r| r.finish(key.pc, base_rel));
            self.finish_recording(Some(key));
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
        let mut trace = rec.trace;
        let input_slots = rec.input_slots;
        let is_bridge = matches!(kind, RecordingKind::Bridge { .. });
        let name = match &kind {
            RecordingKind::Loop(key) => format!("loop_{:x}_{}", key.code, key.pc),
            RecordingKind::Bridge { parent, exit } => format!("bridge_{}_{}", parent.0, exit),
        };
        match self.compile(&mut trace, input_slots, &name, is_bridge, target) {
            Ok(id) => match kind {
                RecordingKind::Loop(key) => {
                    self.loops.insert(key, id);
                }
                RecordingKind::Bridge { parent, exit } => {
                    self.traces[parent.0 as usize].exits[exit as usize].bridge = Some(id);
                }
            },
            Err(e) => {
                eprintln!("metatrace: compiling {name} failed: {e}");
                self.note_abort(AbortReason::NotTraceable, kind);
            }
        }
    }

    fn compile(
        &mut self,
        trace: &mut Trace,
        input_slots: Vec<i32>,
        name: &str,
        is_bridge: bool,
        target: Option<GreenKey>,
    ) -> Result<TraceId, String> {
        let start = Instant::now();
        if self.log.trace {
            eprintln!(
                "[metatrace trace] {name} (recorded, {} ops)\n{trace}",
                trace.ops.len()
            );
        }
        let ops_before = trace.ops.len();
        let mut ctx = OptContext {
            verify: self.config.verify,
            peel: !is_bridge,
            log: Vec::new(),
        };
        opt::optimize(trace, &mut ctx)?;
        if self.log.opt {
            eprintln!("[metatrace opt] {name}: {}\n{trace}", ctx.log.join(", "));
        }
        let code = self.backend.compile(trace, name)?;
        if self.log.asm
            && let Some(listing) = code.listing()
        {
            eprintln!(
                "[metatrace asm] {name} ({} bytes)\n{listing}",
                code.code_size()
            );
        }
        let elapsed = start.elapsed();
        self.stats.record_compile(
            name,
            ops_before,
            trace.ops.len(),
            elapsed,
            self.created.elapsed(),
            is_bridge,
            trace.op_counts(),
            trace.loop_op_counts(),
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
        let buf_len = backend::exit_buffer_len(trace);
        let id = TraceId(self.traces.len() as u32);
        self.traces.push(CompiledTrace {
            code: Rc::from(code),
            input_slots: input_slots.into(),
            exits,
            buf_len,
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
        let mut cur = id;
        let mut frame = frame;
        let mut base_rel = 0i32;
        // SAFETY: short-lived borrows of `*this` only, never across `run`.
        let mut buf = std::mem::take(unsafe { &mut (*this).buf });
        loop {
            let (code, input_slots, buf_len, timing) = {
                // SAFETY: as above.
                let jit = unsafe { &*this };
                let t = &jit.traces[cur.0 as usize];
                (
                    t.code.clone(),
                    t.input_slots.clone(),
                    t.buf_len,
                    jit.config.time_compiled_code,
                )
            };
            if buf.len() < buf_len + 1 {
                buf.resize(buf_len + 1, 0);
            }
            buf[0] = frame as i64;
            for (k, &slot) in input_slots.iter().enumerate() {
                // SAFETY: the slots are valid by this fn's contract.
                buf[k + 1] = unsafe { frame.offset(slot as isize).read() };
            }
            let started = timing.then(Instant::now);
            // SAFETY: forwarded from this fn's contract; `buf` has `buf_len + 1` words.
            let exit_no = unsafe { code.run(ctx as *mut u8, buf.as_mut_ptr()) };
            // SAFETY: the compiled code has returned; no other borrow of the JIT is live.
            let jit = unsafe { &mut *this };
            if let Some(t) = started {
                jit.stats.time_in_compiled += t.elapsed();
            }
            let objects = jit.traces[cur.0 as usize].exits[exit_no as usize]
                .objects
                .clone();
            let addrs = if objects.is_empty() {
                Vec::new()
            } else {
                // SAFETY: `ctx` is what the trace's allocator expects (this fn's contract).
                unsafe { materialise(&objects, &buf, ctx as *mut u8) }
            };
            // SAFETY: the allocator calls are done; no other borrow of the JIT is live.
            let jit = unsafe { &mut *this };
            let exit = &mut jit.traces[cur.0 as usize].exits[exit_no as usize];
            for (k, &slot) in exit.slots.iter().enumerate() {
                let value = match exit.slot_objects[k] {
                    Some(j) => addrs[j] as i64,
                    None => buf[k],
                };
                // SAFETY: as above; exits only name slots the trace touched.
                unsafe { frame.offset(slot as isize).write(value) };
            }
            // SAFETY: the resume frame is inside the slot stack (it was a frame while recording).
            frame = unsafe { frame.offset(exit.base as isize) };
            base_rel += exit.base;
            if let Some(bridge) = exit.bridge {
                jit.stats.bridge_entries += 1;
                cur = bridge;
                continue;
            }
            if exit.is_finish
                && let Some(&next) = exit.target.as_ref().and_then(|k| jit.loops.get(k))
            {
                cur = next;
                continue;
            }
            // SAFETY: `ctx` starts with a header (this fn's contract).
            let exception = unsafe { (*ctx).exception } != 0;
            jit.stats.guard_failures += 1;
            exit.count += 1;
            let pc = exit.pc;
            let record_bridge = jit.config.enabled
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
                    exit: exit_no,
                });
            }
            jit.buf = buf;
            return Resume {
                pc,
                base_rel,
                record_bridge,
            };
        }
    }

    /// The number of compiled loops and bridges.
    pub fn n_traces(&self) -> usize {
        self.traces.len()
    }
}

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
    }
}
