//! The recorder: the state behind [`Recording`](crate::Recording) mode while a trace is recorded.
//!
//! The recorder lives in a thread-local so that abstract values can overload operators. It keeps
//! the trace being built, a shadow of the frame (slot -> current value), the snapshot of the
//! current opcode, and the abort state. Recording never changes what the interpreter does: every
//! operation has already been carried out concretely when it reaches the recorder, so an abort
//! simply stops appending and the interpreter carries on. Nothing ever runs twice.
//!
//! Side-effect rule (BRIEF decision 2): a guard's snapshot resumes at the start of its opcode, which
//! is only correct while the opcode has done nothing observable. Once a handler has recorded a heap
//! store or a call with effects, a later guard in the same opcode aborts the trace
//! (`AbortReason::GuardAfterEffect`), except `guard_no_exception` right after the call it checks:
//! there the interpreter resumes with the exception pending at that pc instead of re-running it.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::rc::Rc;

use crate::ir::{
    CallDescr, Const, DescrId, Effect, OpRef, Opcode, Snapshot, SnapshotId, Trace, Type,
};
use crate::quasi::{self, InvalidationFlag};

/// Why a recording was abandoned. One enum, one message table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AbortReason {
    /// The trace grew past the length limit.
    TooLong,
    /// A guard was needed after an effect in the same opcode.
    GuardAfterEffect,
    /// An overflow-checked operation overflowed while recording.
    OverflowPath,
    /// The language asked to stop (e.g. an operation it cannot trace).
    NotTraceable,
    /// The recorded code raised an error.
    Error,
    /// The trace left the frame it started in, or returned past it.
    LeftFrame,
    /// An inner loop was entered that has no compiled trace yet.
    InnerLoop,
    /// A loop's recording left the loop and reached the back-edge of an enclosing loop with no
    /// compiled trace.
    LeftLoop,
    /// Recursion deeper than the inlining limit.
    TooDeep,
    /// A quasi-immutable field the recording read as a constant was written before it compiled.
    Invalidated,
    /// A loop trace unrolled more iterations of short inner loops than
    /// [`RecordLimits::max_unroll`] allows.
    Unroll,
}

impl AbortReason {
    pub const ALL: &'static [AbortReason] = &[
        AbortReason::TooLong,
        AbortReason::GuardAfterEffect,
        AbortReason::OverflowPath,
        AbortReason::NotTraceable,
        AbortReason::Error,
        AbortReason::LeftFrame,
        AbortReason::InnerLoop,
        AbortReason::LeftLoop,
        AbortReason::TooDeep,
        AbortReason::Invalidated,
        AbortReason::Unroll,
    ];

    pub fn message(self) -> &'static str {
        match self {
            AbortReason::TooLong => "trace too long",
            AbortReason::GuardAfterEffect => "guard after a side effect in the same opcode",
            AbortReason::OverflowPath => "integer overflow while recording",
            AbortReason::NotTraceable => "operation not traceable",
            AbortReason::Error => "error raised while recording",
            AbortReason::LeftFrame => "returned past the trace's entry frame",
            AbortReason::InnerLoop => "entered an inner loop that is not compiled yet",
            AbortReason::LeftLoop => "left the loop and reached an enclosing loop's back-edge",
            AbortReason::TooDeep => "call depth over the inlining limit",
            AbortReason::Invalidated => "a quasi-immutable field it read was written",
            AbortReason::Unroll => "unrolled too many iterations of an inner loop",
        }
    }
}

/// Limits on recording.
#[derive(Clone, Copy, Debug)]
pub struct RecordLimits {
    /// Maximum number of ops in one trace.
    pub max_ops: usize,
    /// Maximum number of inner-loop back-edges one loop trace records through (unrolls) when the
    /// inner loop has no trace of its own because its recordings leave it or it is blacklisted.
    pub max_unroll: u32,
}

impl Default for RecordLimits {
    fn default() -> RecordLimits {
        RecordLimits {
            max_ops: 4000,
            max_unroll: 15,
        }
    }
}

/// The state of one recording.
pub struct Recorder {
    pub(crate) trace: Trace,
    /// Input 0: the pointer to the entry frame's slot 0.
    frame_ptr: OpRef,
    /// The current IR value of every slot the trace has touched and not forgotten.
    shadow: BTreeMap<i32, OpRef>,
    /// Slots whose value is in memory (after `forget_slots`): reads load them.
    in_memory: BTreeSet<i32>,
    /// The value last written to memory for a slot by `flush_slots`, so a flush of an unchanged
    /// slot emits nothing.
    flushed: HashMap<i32, OpRef>,
    /// Flushes of untouched slots, skipped while recording: (op index, slot).
    deferred_flushes: Vec<(usize, i32)>,
    /// For each slot, how many snapshots existed when the recording first touched it.
    first_touch: HashMap<i32, usize>,
    /// Slot of each slot input, in input order (input `k + 1` is slot `input_slots[k]`).
    pub(crate) input_slots: Vec<i32>,
    pc: u32,
    base: i32,
    insn_snapshot: Option<SnapshotId>,
    effect_in_insn: bool,
    /// Objects allocated by the current opcode: stores into them are not effects (no state the
    /// opcode resumes from can reach them).
    fresh_in_insn: Vec<OpRef>,
    last_was_raising_call: bool,
    pub(crate) aborted: Option<AbortReason>,
    limits: RecordLimits,
    descrs: HashMap<*const CallDescr, DescrId>,
    /// The invalidation flag of the trace being recorded (see `quasi`).
    pub(crate) flag: Rc<InvalidationFlag>,
    /// A quasi-immutable read needs a `guard_not_invalidated` first: none since the start or
    /// since the last call that may write the heap.
    need_invalidation_guard: bool,
}

thread_local! {
    static CURRENT: RefCell<Option<Recorder>> = const { RefCell::new(None) };
}

/// Runs `f` on the current recorder. Panics if none is active: Recording-mode code only runs
/// between `start` and `finish`.
pub(crate) fn with<R>(f: impl FnOnce(&mut Recorder) -> R) -> R {
    CURRENT.with(|cur| {
        let mut cur = cur.borrow_mut();
        let rec = cur
            .as_mut()
            .expect("Recording-mode operation with no active recorder");
        f(rec)
    })
}

/// Starts recording on this thread.
pub(crate) fn start(limits: RecordLimits) {
    CURRENT.with(|cur| *cur.borrow_mut() = Some(Recorder::new(limits)));
}

/// Ends the recording on this thread and returns it.
pub(crate) fn take() -> Option<Recorder> {
    CURRENT.with(|cur| cur.borrow_mut().take())
}

/// True while this thread is recording.
pub fn is_recording() -> bool {
    CURRENT.with(|cur| cur.borrow().is_some())
}

/// Abandons the current recording, if any, with `reason`. Language code calls this for operations
/// it does not want traced.
pub fn abort(reason: AbortReason) {
    CURRENT.with(|cur| {
        if let Some(rec) = cur.borrow_mut().as_mut() {
            rec.abort(reason)
        }
    })
}

/// Writes the values of frame slots `slots` (relative to the trace's entry frame) to memory, so a
/// residual call can read them there.
pub fn flush_slots(slots: std::ops::Range<i32>) {
    CURRENT.with(|cur| {
        if let Some(rec) = cur.borrow_mut().as_mut() {
            rec.flush_slots(slots)
        }
    })
}

/// Declares that a residual call may have written frame slots `slots`: later reads load them.
pub fn forget_slots(slots: std::ops::Range<i32>) {
    CURRENT.with(|cur| {
        if let Some(rec) = cur.borrow_mut().as_mut() {
            rec.forget_slots(slots)
        }
    })
}

impl Recorder {
    fn new(limits: RecordLimits) -> Recorder {
        let mut trace = Trace::new();
        let frame_ptr = trace.add_input(Type::Ref);
        Recorder {
            trace,
            frame_ptr,
            shadow: BTreeMap::new(),
            in_memory: BTreeSet::new(),
            flushed: HashMap::new(),
            deferred_flushes: Vec::new(),
            first_touch: HashMap::new(),
            input_slots: Vec::new(),
            pc: 0,
            base: 0,
            insn_snapshot: None,
            effect_in_insn: false,
            fresh_in_insn: Vec::new(),
            last_was_raising_call: false,
            aborted: None,
            limits,
            descrs: HashMap::new(),
            flag: InvalidationFlag::new(),
            need_invalidation_guard: true,
        }
    }

    pub(crate) fn is_aborted(&self) -> bool {
        self.aborted.is_some()
    }

    pub(crate) fn abort(&mut self, reason: AbortReason) {
        if self.aborted.is_none() {
            self.aborted = Some(reason);
        }
    }

    pub(crate) fn constant(&mut self, c: Const) -> OpRef {
        self.trace.constant(c)
    }

    /// Marks the start of an opcode: guards until the next call resume here.
    pub(crate) fn begin_insn(&mut self, pc: u32, base: i32) {
        self.pc = pc;
        self.base = base;
        self.insn_snapshot = None;
        self.effect_in_insn = false;
        self.fresh_in_insn.clear();
        self.last_was_raising_call = false;
    }

    fn emit(
        &mut self,
        opcode: Opcode,
        args: Vec<OpRef>,
        imm: i64,
        descr: Option<DescrId>,
    ) -> Option<OpRef> {
        if self.trace.ops.len() >= self.limits.max_ops {
            self.abort(AbortReason::TooLong);
        }
        if self.is_aborted() {
            return None;
        }
        let snapshot = opcode.is_guard().then(|| self.snapshot());
        self.trace.emit(opcode, args, imm, descr, snapshot)
    }

    /// The snapshot of the current opcode, shared by all its guards.
    fn snapshot(&mut self) -> SnapshotId {
        if let Some(s) = self.insn_snapshot {
            return s;
        }
        let slots = self
            .shadow
            .iter()
            .map(|(&slot, &value)| (slot, value))
            .collect();
        let s = self.trace.add_snapshot(Snapshot {
            pc: self.pc,
            base: self.base,
            slots,
            virtuals: Vec::new(),
        });
        self.insn_snapshot = Some(s);
        s
    }

    pub(crate) fn pure_op(
        &mut self,
        opcode: Opcode,
        args: &[OpRef],
        imm: i64,
        result: Const,
    ) -> OpRef {
        // Constant operands give a constant result: the concrete value is already known.
        if args.iter().all(|a| a.is_const()) || self.is_aborted() {
            return self.trace.constant(result);
        }
        // Reinterpretations of a value that was itself reinterpreted cancel out.
        if matches!(
            opcode,
            Opcode::FloatFromBits
                | Opcode::FloatToBits
                | Opcode::CastIntToPtr
                | Opcode::CastPtrToInt
        ) && let Some(def) = self.def_of(args[0])
        {
            let inverse = match opcode {
                Opcode::FloatFromBits => Opcode::FloatToBits,
                Opcode::FloatToBits => Opcode::FloatFromBits,
                Opcode::CastIntToPtr => Opcode::CastPtrToInt,
                _ => Opcode::CastIntToPtr,
            };
            if def.0 == inverse {
                return def.1;
            }
        }
        self.emit(opcode, args.to_vec(), imm, None)
            .unwrap_or_else(|| self.trace.constant(result))
    }

    fn def_of(&self, r: OpRef) -> Option<(Opcode, OpRef)> {
        if r.is_const() {
            return None;
        }
        // Recent ops are the likely definers; a linear scan from the end is cheap at trace sizes.
        self.trace
            .ops
            .iter()
            .rev()
            .take(64)
            .find(|i| i.res == Some(r))
            .and_then(|i| Some((i.opcode, *i.args.first()?)))
    }

    pub(crate) fn guard(&mut self, opcode: Opcode, args: &[OpRef]) {
        if args.iter().all(|a| a.is_const())
            && opcode != Opcode::GuardNoException
            && opcode != Opcode::GuardNotInvalidated
        {
            // The guard holds by construction.
            return;
        }
        let allowed_after_effect = opcode == Opcode::GuardNoException && self.last_was_raising_call;
        if self.effect_in_insn && !allowed_after_effect {
            self.abort(AbortReason::GuardAfterEffect);
            return;
        }
        self.last_was_raising_call = false;
        self.emit(opcode, args.to_vec(), 0, None);
    }

    pub(crate) fn load(
        &mut self,
        opcode: Opcode,
        base: OpRef,
        offset: i64,
        result: Const,
    ) -> OpRef {
        self.emit(opcode, vec![base], offset, None)
            .unwrap_or_else(|| self.trace.constant(result))
    }

    pub(crate) fn store(&mut self, base: OpRef, value: OpRef, offset: i64) {
        if !self.fresh_in_insn.contains(&base) {
            self.effect_in_insn = true;
        }
        self.emit(Opcode::Setfield, vec![base, value], offset, None);
    }

    fn descr_id(&mut self, descr: &'static CallDescr) -> DescrId {
        let key = descr as *const CallDescr;
        match self.descrs.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.trace.add_descr(Rc::new(descr.clone()));
                self.descrs.insert(key, id);
                id
            }
        }
    }

    /// An allocation: not an effect (nobody can see the object yet), so later guards in the same
    /// opcode are fine until the handler stores into something that already existed.
    pub(crate) fn alloc(&mut self, descr: &'static CallDescr, size: i64, result: usize) -> OpRef {
        if descr.args.len() != 1 || descr.args[0] != Type::Int {
            self.abort(AbortReason::NotTraceable);
        }
        let id = self.descr_id(descr);
        match self.emit(Opcode::New, Vec::new(), size, Some(id)) {
            Some(r) => {
                self.fresh_in_insn.push(r);
                r
            }
            None => self.trace.constant(Const::Ref(result)),
        }
    }

    pub(crate) fn call(
        &mut self,
        descr: &'static CallDescr,
        args: &[OpRef],
        result: Const,
    ) -> OpRef {
        let id = self.descr_id(descr);
        if descr.effect == Effect::Pure && args.iter().all(|a| a.is_const()) {
            return self.trace.constant(result);
        }
        let opcode = if descr.effect == Effect::Pure {
            Opcode::CallPure
        } else {
            Opcode::Call
        };
        if descr.effect == Effect::Any {
            self.effect_in_insn = true;
            self.need_invalidation_guard = true;
        }
        let res = self.emit(opcode, args.to_vec(), 0, Some(id));
        if descr.effect == Effect::Any && !self.is_aborted() {
            // Every call with effects may raise; the guard's exit resumes with the error pending.
            self.last_was_raising_call = true;
            self.guard(Opcode::GuardNoException, &[]);
        }
        res.unwrap_or_else(|| self.trace.constant(result))
    }

    /// A read of quasi-immutable field `offset` of the object at `addr` (IR value `base`), whose
    /// value is `value`: the object is promoted to a constant, the trace depends on the field, and
    /// the value becomes a constant.
    pub(crate) fn quasi_immutable_read(
        &mut self,
        base: OpRef,
        addr: usize,
        offset: i64,
        value: Const,
    ) -> OpRef {
        if !base.is_const() {
            let k = self.trace.constant(Const::Ref(addr));
            self.guard(Opcode::GuardValue, &[base, k]);
        }
        if self.need_invalidation_guard {
            let flag = self.trace.constant(Const::Ref(self.flag.addr()));
            self.guard(Opcode::GuardNotInvalidated, &[flag]);
            self.need_invalidation_guard = false;
        }
        quasi::depend(addr, offset, &self.flag);
        self.trace.constant(value)
    }

    /// A call into compiled function trace `target` on the callee frame `frame`, already made
    /// concretely with result `result`. It may do anything, like a residual call with effects.
    pub(crate) fn call_assembler(&mut self, target: u32, frame: OpRef, result: i64) -> OpRef {
        self.effect_in_insn = true;
        self.need_invalidation_guard = true;
        let res = self.emit(Opcode::CallAssembler, vec![frame], target as i64, None);
        if !self.is_aborted() {
            self.last_was_raising_call = true;
            self.guard(Opcode::GuardNoException, &[]);
        }
        res.unwrap_or_else(|| self.trace.constant(Const::Int(result)))
    }

    pub(crate) fn read_slot(&mut self, slot: i32, value: i64) -> OpRef {
        if let Some(&r) = self.shadow.get(&slot) {
            return r;
        }
        if self.is_aborted() {
            return self.trace.constant(Const::Int(value));
        }
        let r = if self.in_memory.contains(&slot) {
            let frame_ptr = self.frame_ptr;
            match self.trace.emit(
                Opcode::GetfieldI,
                vec![frame_ptr],
                slot as i64 * 8,
                None,
                None,
            ) {
                Some(r) => r,
                None => return self.trace.constant(Const::Int(value)),
            }
        } else {
            self.new_input(slot)
        };
        self.shadow.insert(slot, r);
        r
    }

    /// A slot touched for the first time becomes a trace input (loaded from the frame at entry).
    /// Snapshots taken before it was discovered get its entry value.
    fn new_input(&mut self, slot: i32) -> OpRef {
        let r = self.trace.add_input(Type::Int);
        self.input_slots.push(slot);
        // Only snapshots from before the slot was first touched hold its entry value; after a
        // `forget_slots` memory is what counts, and exits must not write the entry value back.
        let untouched = self.touch(slot);
        for snapshot in &mut self.trace.snapshots[..untouched] {
            snapshot.slots.push((slot, r));
            snapshot.slots.sort_by_key(|&(s, _)| s);
        }
        r
    }

    /// Records the first touch of `slot`; returns how many snapshots existed before it.
    fn touch(&mut self, slot: i32) -> usize {
        let n = self.trace.snapshots.len();
        *self.first_touch.entry(slot).or_insert(n)
    }

    pub(crate) fn write_slot(&mut self, slot: i32, tag: OpRef) {
        if self.is_aborted() {
            return;
        }
        if !self.input_slots.contains(&slot) {
            // The slot is loop-carried from now on, even if this iteration never reads it first
            // (or a residual call wrote it before: the next iteration starts from this write).
            self.new_input(slot);
        }
        self.shadow.insert(slot, tag);
        // A slot write after the opcode's snapshot was taken changes what later guards must restore.
        self.insn_snapshot = None;
    }

    pub(crate) fn frame_address(&mut self, rel: i32, addr: usize) -> OpRef {
        let offset = self.trace.const_int(rel as i64 * 8);
        let frame_ptr = self.frame_ptr;
        self.pure_op(Opcode::PtrAdd, &[frame_ptr, offset], 0, Const::Ref(addr))
    }

    fn flush_slots(&mut self, slots: std::ops::Range<i32>) {
        let frame_ptr = self.frame_ptr;
        for slot in slots {
            if !self.shadow.contains_key(&slot)
                && !self.in_memory.contains(&slot)
                && !self.is_aborted()
            {
                self.touch(slot);
                // Untouched so far: memory is right in this iteration, but if the loop writes the
                // slot later, it is stale here in the next ones. `close_loop` stores it then.
                self.deferred_flushes.push((self.trace.ops.len(), slot));
            }
            if let Some(&value) = self.shadow.get(&slot) {
                // Not even an unchanged input may be skipped: in later iterations of the loop the
                // slot's register no longer holds the entry value that memory has.
                if self.flushed.get(&slot) != Some(&value) {
                    self.emit(
                        Opcode::Setfield,
                        vec![frame_ptr, value],
                        slot as i64 * 8,
                        None,
                    );
                    self.flushed.insert(slot, value);
                }
            }
        }
    }

    fn forget_slots(&mut self, slots: std::ops::Range<i32>) {
        for slot in slots {
            self.touch(slot);
            self.shadow.remove(&slot);
            self.flushed.remove(&slot);
            self.in_memory.insert(slot);
        }
        self.insn_snapshot = None;
    }

    /// Closes the loop: jumps back to the start with every input slot's current value, except
    /// slots `dead` says are dead at the loop header: their entry value is passed back unchanged,
    /// so they are not loop-carried (nothing reads them before writing them).
    pub(crate) fn close_loop(&mut self, dead: impl Fn(i32) -> bool) {
        let mut args = vec![self.frame_ptr];
        for idx in 0..self.input_slots.len() {
            let slot = self.input_slots[idx];
            let value = if dead(slot) {
                self.trace.inputs[idx + 1]
            } else {
                self.read_slot(slot, 0)
            };
            args.push(value);
        }
        self.emit(Opcode::Jump, args, 0, None);
        self.insert_deferred_flushes();
    }

    /// Stores, at each deferred flush point, the slot's value at the start of the iteration (its
    /// input) if the loop carries the slot. In the recorded iteration this rewrites what memory
    /// already holds; in the peeled loop it writes the current iteration's value.
    fn insert_deferred_flushes(&mut self) {
        let frame_ptr = self.frame_ptr;
        let mut deferred = std::mem::take(&mut self.deferred_flushes);
        deferred.sort_by_key(|&(idx, _)| std::cmp::Reverse(idx));
        for (idx, slot) in deferred {
            let Some(k) = self.input_slots.iter().position(|&s| s == slot) else {
                continue;
            };
            let input = self.trace.inputs[k + 1];
            let store = crate::ir::Inst {
                opcode: Opcode::Setfield,
                args: vec![frame_ptr, input],
                res: None,
                imm: slot as i64 * 8,
                descr: None,
                snapshot: None,
            };
            self.trace.ops.insert(idx, store);
        }
    }

    /// Ends a function-entry trace (or its bridge) at the current opcode, its return: leaves
    /// through a snapshot that resumes there, so the interpreter runs the return.
    /// Ends a function-entry trace at the current opcode (its return); `result` is the call's
    /// result word, when the language names it (see `Jit::record_function_return`).
    pub(crate) fn finish_here(&mut self, result: Option<OpRef>) {
        self.emit(Opcode::Finish, result.into_iter().collect(), 0, None);
    }

    /// Ends a bridge: leaves through a snapshot that resumes at `pc` (where the driver enters the
    /// loop's trace).
    pub(crate) fn finish(&mut self, pc: u32, base: i32) {
        self.begin_insn(pc, base);
        self.emit(Opcode::Finish, Vec::new(), 0, None);
    }
}
