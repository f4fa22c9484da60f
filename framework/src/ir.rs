//! The linear SSA trace IR: the one contract between the recorder, the optimiser and every backend.
//!
//! A trace is a list of input values followed by a straight line of ops ending in `jump` (a loop)
//! or `finish` (a bridge that returns to its loop). Values are named by [`OpRef`]s; constants live
//! in a side table and are referenced by `OpRef`s with the high bit set, so an operand is always one
//! `u32`. Guards carry a [`Snapshot`]: the interpreter pc to resume at and the value of every frame
//! slot the trace has touched, so a failing guard can rebuild the frame and re-run its opcode.
//!
//! `label` marks a loop header inside the trace (after peeling); its operands are the loop-carried
//! values, re-bound by `jump`, as in RPython. This is the only place a value is redefined.
//!
//! Every trace has a text form (`text`), which parses back to the same trace.

pub mod eval;
pub mod op;
pub mod text;
pub mod verify;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

pub use op::Opcode;

/// The type of an IR value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Int,
    Float,
    Ref,
    Void,
}

impl Type {
    /// The letter this type's values carry in the text form.
    pub fn letter(self) -> char {
        match self {
            Type::Int => 'i',
            Type::Float => 'f',
            Type::Ref => 'p',
            Type::Void => 'v',
        }
    }
}

/// A value: an input, an op's result, or (high bit set) a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OpRef(pub u32);

impl OpRef {
    const CONST_BIT: u32 = 1 << 31;
    pub fn is_const(self) -> bool {
        self.0 & Self::CONST_BIT != 0
    }
    pub fn const_index(self) -> usize {
        (self.0 & !Self::CONST_BIT) as usize
    }
    fn from_const_index(idx: usize) -> OpRef {
        OpRef(idx as u32 | Self::CONST_BIT)
    }
    pub fn index(self) -> usize {
        debug_assert!(!self.is_const());
        self.0 as usize
    }
}

/// A constant operand.
#[derive(Clone, Copy, Debug)]
pub enum Const {
    Int(i64),
    Float(f64),
    Ref(usize),
}

impl PartialEq for Const {
    fn eq(&self, other: &Const) -> bool {
        // Floats compare by bits so that constants intern exactly (0.0 and -0.0 differ; NaN equals itself).
        self.bits() == other.bits() && self.ty() == other.ty()
    }
}

impl Const {
    pub fn ty(self) -> Type {
        match self {
            Const::Int(_) => Type::Int,
            Const::Float(_) => Type::Float,
            Const::Ref(_) => Type::Ref,
        }
    }
    /// The constant as a 64-bit machine word.
    pub fn bits(self) -> i64 {
        match self {
            Const::Int(v) => v,
            Const::Float(v) => v.to_bits() as i64,
            Const::Ref(v) => v as i64,
        }
    }
    pub fn from_bits(ty: Type, bits: i64) -> Const {
        match ty {
            Type::Int | Type::Void => Const::Int(bits),
            Type::Float => Const::Float(f64::from_bits(bits as u64)),
            Type::Ref => Const::Ref(bits as usize),
        }
    }
}

/// Identifies a snapshot in [`Trace::snapshots`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SnapshotId(pub u32);

/// Identifies a call descriptor in [`Trace::descrs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DescrId(pub u32);

/// Where a failing guard resumes: the opcode's pc and every touched frame slot's value.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The interpreter pc to resume at (the start of the opcode that recorded the guard).
    pub pc: u32,
    /// The interpreter frame's base at the guard, in slots relative to the trace's entry frame
    /// (nonzero inside inlined calls).
    pub base: i32,
    /// Slot index (relative to the trace's entry frame) and its value at the guard. Slots not listed
    /// are unchanged since trace entry.
    pub slots: Vec<(i32, OpRef)>,
    /// Objects the optimiser removed that must be allocated again on exit (see `opt::virtualize`).
    pub virtuals: Vec<Virtual>,
}

/// A removed allocation, rebuilt at exit: its allocator, size and field values.
#[derive(Clone, Debug, PartialEq)]
pub struct Virtual {
    /// The `OpRef` the allocation had; snapshot slots and other virtuals' fields refer to it.
    pub id: OpRef,
    pub size: i64,
    pub alloc: DescrId,
    pub fields: Vec<(i64, OpRef)>,
}

/// What a called function may do. The optimiser trusts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// No effects and a result that depends only on the arguments (`#[elidable]`).
    Pure,
    /// Reads the heap but never writes it.
    ReadOnly,
    /// May read and write anything, and may raise (set the context's exception flag).
    Any,
}

/// A function the trace calls: `extern "C" fn(ctx, args...) -> ret`.
#[derive(Clone, Debug, PartialEq)]
pub struct CallDescr {
    pub name: Cow<'static, str>,
    /// The function's address; 0 in traces parsed from text for optimiser tests.
    pub addr: usize,
    pub args: Cow<'static, [Type]>,
    pub ret: Type,
    pub effect: Effect,
}

/// One op.
#[derive(Clone, Debug, PartialEq)]
pub struct Inst {
    pub opcode: Opcode,
    pub args: Vec<OpRef>,
    /// The result, if the op produces one.
    pub res: Option<OpRef>,
    /// Field offset (loads/stores) or allocation size (`new`).
    pub imm: i64,
    pub descr: Option<DescrId>,
    pub snapshot: Option<SnapshotId>,
}

/// A trace: inputs, ops, and the side tables its ops refer to.
#[derive(Clone, Debug, Default)]
pub struct Trace {
    pub inputs: Vec<OpRef>,
    pub ops: Vec<Inst>,
    /// The type of each non-constant `OpRef`, indexed by `OpRef::index`.
    pub types: Vec<Type>,
    pub consts: Vec<Const>,
    pub snapshots: Vec<Snapshot>,
    pub descrs: Vec<Rc<CallDescr>>,
    /// Index of each constant in `consts` by type and bits, so interning does not scan. (A
    /// constant pushed to `consts` directly is not in it; interning it again adds a duplicate,
    /// which is harmless.)
    const_index: std::collections::HashMap<(u8, i64), u32>,
}

impl Trace {
    pub fn new() -> Trace {
        Trace::default()
    }

    /// Adds an input of type `ty`; inputs must be added before any op.
    pub fn add_input(&mut self, ty: Type) -> OpRef {
        let r = self.new_value(ty);
        self.inputs.push(r);
        r
    }

    /// A fresh value number of type `ty`.
    pub fn new_value(&mut self, ty: Type) -> OpRef {
        self.types.push(ty);
        OpRef(self.types.len() as u32 - 1)
    }

    /// Interns a constant.
    pub fn constant(&mut self, c: Const) -> OpRef {
        let key = (c.ty().letter() as u8, c.bits());
        if let Some(&idx) = self.const_index.get(&key) {
            return OpRef::from_const_index(idx as usize);
        }
        self.consts.push(c);
        self.const_index.insert(key, self.consts.len() as u32 - 1);
        OpRef::from_const_index(self.consts.len() - 1)
    }

    pub fn const_int(&mut self, v: i64) -> OpRef {
        self.constant(Const::Int(v))
    }

    /// The constant behind `r`, if it is one.
    pub fn as_const(&self, r: OpRef) -> Option<Const> {
        r.is_const().then(|| self.consts[r.const_index()])
    }

    pub fn as_const_int(&self, r: OpRef) -> Option<i64> {
        match self.as_const(r) {
            Some(Const::Int(v)) => Some(v),
            _ => None,
        }
    }

    pub fn type_of(&self, r: OpRef) -> Type {
        if r.is_const() {
            self.consts[r.const_index()].ty()
        } else {
            self.types[r.index()]
        }
    }

    pub fn add_descr(&mut self, descr: Rc<CallDescr>) -> DescrId {
        if let Some(idx) = self
            .descrs
            .iter()
            .position(|d| Rc::ptr_eq(d, &descr) || **d == *descr)
        {
            return DescrId(idx as u32);
        }
        self.descrs.push(descr);
        DescrId(self.descrs.len() as u32 - 1)
    }

    pub fn descr(&self, id: DescrId) -> &CallDescr {
        &self.descrs[id.0 as usize]
    }

    pub fn add_snapshot(&mut self, snapshot: Snapshot) -> SnapshotId {
        self.snapshots.push(snapshot);
        SnapshotId(self.snapshots.len() as u32 - 1)
    }

    pub fn snapshot(&self, id: SnapshotId) -> &Snapshot {
        &self.snapshots[id.0 as usize]
    }

    /// Appends an op and returns its result, if it has one. Every emit goes through here.
    pub fn emit(
        &mut self,
        opcode: Opcode,
        args: Vec<OpRef>,
        imm: i64,
        descr: Option<DescrId>,
        snapshot: Option<SnapshotId>,
    ) -> Option<OpRef> {
        let ty = opcode.result().resolve(descr.map(|d| self.descr(d).ret));
        let res = (ty != Type::Void).then(|| self.new_value(ty));
        self.ops.push(Inst {
            opcode,
            args,
            res,
            imm,
            descr,
            snapshot,
        });
        res
    }

    /// Counts ops by name, sorted by name: `int_add: 1, jump: 1`. Used by trace-shape tests.
    pub fn op_counts(&self) -> String {
        Self::count_ops(&self.ops)
    }

    /// As [`Trace::op_counts`] for the loop body: the ops after the `label` (none if unpeeled).
    pub fn loop_op_counts(&self) -> String {
        match self.label_index() {
            Some(l) => Self::count_ops(&self.ops[l + 1..]),
            None => String::new(),
        }
    }

    fn count_ops(ops: &[Inst]) -> String {
        let mut counts = std::collections::BTreeMap::new();
        for inst in ops {
            *counts.entry(inst.opcode.name()).or_insert(0) += 1;
        }
        counts
            .iter()
            .map(|(name, n)| format!("{name}: {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Number of guards (exits) in the trace.
    pub fn n_guards(&self) -> usize {
        self.ops.iter().filter(|i| i.opcode.is_guard()).count()
    }

    /// Index of the `label` op, if the trace has been peeled.
    pub fn label_index(&self) -> Option<usize> {
        self.ops.iter().position(|i| i.opcode == Opcode::Label)
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&text::print(self))
    }
}

/// A trace's entry and per-exit bookkeeping known before compilation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TraceId(pub u32);

/// The id a compiled trace returns when it leaves through a guard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExitId(pub u32);
