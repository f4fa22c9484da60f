//! Per-pc register liveness: which registers may still be read when an instruction starts.
//!
//! A tracing JIT snapshots the frame at instruction boundaries; registers that are dead there
//! need not be stored at a trace exit. This is the classic backward dataflow over the control
//! flow graph (`Insn::successors`), with each instruction's reads and writes taken from the
//! semantics documented on `Insn`, plus two rules for values read behind the code's back:
//!
//! 1. A local captured by a closure (an open upvalue points at its register) or marked
//!    to-be-closed counts as read at every pc of its scope, as recorded in `Proto::locvars`: any
//!    call may read it through the upvalue, and closing reads it. Being a read, this also keeps
//!    it live from the instruction that initialised it, which precedes the scope.
//! 2. `Close { a }` reads every register from `a` up.
//!
//! It is conservative where the code does not say how many values are involved: an operand count
//! of `MULTRET` reads every register from its base up, and a call clobbers every register from
//! its function slot up. Dead means "never read before being written again on any path"; live
//! does not promise that a read will happen.

use super::{Insn, MULTRET, Proto};

/// A set of registers (0 to 255).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RegSet([u64; 4]);

impl RegSet {
    pub fn new() -> RegSet {
        RegSet::default()
    }

    pub fn contains(&self, reg: u8) -> bool {
        self.0[usize::from(reg >> 6)] & (1 << (reg & 63)) != 0
    }

    pub fn insert(&mut self, reg: u8) {
        self.0[usize::from(reg >> 6)] |= 1 << (reg & 63);
    }

    pub fn remove(&mut self, reg: u8) {
        self.0[usize::from(reg >> 6)] &= !(1 << (reg & 63));
    }

    /// Inserts `from, from + 1, ..., from + n - 1` (stopping at 255).
    pub fn insert_range(&mut self, from: u8, n: u8) {
        for reg in (u32::from(from)..u32::from(from) + u32::from(n)).take_while(|&r| r <= 255) {
            self.insert(reg as u8);
        }
    }

    /// Inserts every register from `from` up.
    pub fn insert_from(&mut self, from: u8) {
        self.insert_range(from, 255 - from);
        self.insert(255);
    }

    /// Removes every register of `other`.
    pub fn subtract(&mut self, other: &RegSet) {
        for (word, o) in self.0.iter_mut().zip(other.0) {
            *word &= !o;
        }
    }

    /// Adds every register of `other`; true if that changed `self`.
    pub fn union_with(&mut self, other: &RegSet) -> bool {
        let mut changed = false;
        for (word, o) in self.0.iter_mut().zip(other.0) {
            let new = *word | o;
            changed |= new != *word;
            *word = new;
        }
        changed
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// The registers in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=255u8).filter(|&r| self.contains(r))
    }
}

/// What an instruction reads (`uses`) and overwrites on every path that continues (`defs`).
fn uses_and_defs(insn: &Insn) -> (RegSet, RegSet) {
    let mut uses = RegSet::new();
    let mut defs = RegSet::new();
    // Operand counts: `MULTRET` means "from the base up".
    let range = |set: &mut RegSet, from: u8, n: u8| {
        if n == MULTRET {
            set.insert_from(from)
        } else {
            set.insert_range(from, n)
        }
    };
    match *insn {
        Insn::Move { a, b } => {
            uses.insert(b);
            defs.insert(a);
        }
        Insn::LoadI { a, .. }
        | Insn::LoadF { a, .. }
        | Insn::LoadK { a, .. }
        | Insn::LoadFalse { a }
        | Insn::LoadFalseSkip { a }
        | Insn::LoadTrue { a }
        | Insn::GetUpval { a, .. }
        | Insn::GetTabUp { a, .. }
        | Insn::NewTable { a, .. }
        | Insn::Closure { a, .. } => defs.insert(a),
        Insn::LoadNil { a, n } => defs.insert_range(a, n),
        Insn::SetUpval { src, .. } | Insn::SetTabUp { src, .. } => uses.insert(src),
        Insn::SetTabUpK { .. } | Insn::Jmp { .. } | Insn::VarArgPrep { .. } | Insn::Return0 => {}
        Insn::GetTable { a, t, key } => {
            uses.insert(t);
            uses.insert(key);
            defs.insert(a);
        }
        Insn::GetI { a, t, .. } | Insn::GetField { a, t, .. } => {
            uses.insert(t);
            defs.insert(a);
        }
        Insn::SetTable { t, key, src } => {
            uses.insert(t);
            uses.insert(key);
            uses.insert(src);
        }
        Insn::SetTableK { t, key, .. } => {
            uses.insert(t);
            uses.insert(key);
        }
        Insn::SetI { t, src, .. } | Insn::SetField { t, src, .. } => {
            uses.insert(t);
            uses.insert(src);
        }
        Insn::SetIK { t, .. } | Insn::SetFieldK { t, .. } => uses.insert(t),
        Insn::SelfK { a, obj, .. } => {
            uses.insert(obj);
            defs.insert_range(a, 2);
        }
        Insn::Arith { a, b, c, .. } => {
            uses.insert(b);
            uses.insert(c);
            defs.insert(a);
        }
        Insn::ArithK { a, b, .. }
        | Insn::ArithI { a, b, .. }
        | Insn::Unm { a, b }
        | Insn::BNot { a, b }
        | Insn::Not { a, b }
        | Insn::Len { a, b } => {
            uses.insert(b);
            defs.insert(a);
        }
        Insn::Concat { a, n } => {
            uses.insert_range(a, n);
            defs.insert_range(a, n);
        }
        Insn::Close { a } => uses.insert_from(a),
        Insn::Tbc { a } => uses.insert(a),
        Insn::Eq { a, b, .. } | Insn::Lt { a, b, .. } | Insn::Le { a, b, .. } => {
            uses.insert(a);
            uses.insert(b);
        }
        Insn::EqK { a, .. }
        | Insn::EqI { a, .. }
        | Insn::LtI { a, .. }
        | Insn::LeI { a, .. }
        | Insn::GtI { a, .. }
        | Insn::GeI { a, .. }
        | Insn::Test { a, .. } => uses.insert(a),
        // The copy into `a` happens only when the jump is taken: not a definite write.
        Insn::TestSet { b, .. } => uses.insert(b),
        Insn::Call { func, nargs, .. } => {
            uses.insert(func);
            if nargs == MULTRET {
                uses.insert_from(func);
            } else {
                uses.insert_range(func.saturating_add(1), nargs);
            }
            // Results are written from `func` up; everything above is the callee's scratch.
            defs.insert_from(func);
        }
        Insn::TailCall { func, nargs, .. } => {
            uses.insert(func);
            range(&mut uses, func.saturating_add(1), nargs);
        }
        Insn::Return { a, n, .. } => range(&mut uses, a, n),
        Insn::Return1 { a } => uses.insert(a),
        Insn::ForPrep { a, .. } => {
            uses.insert_range(a, 3);
            defs.insert_range(a, 4);
        }
        Insn::ForLoop { a, .. } => {
            uses.insert_range(a, 3);
            defs.insert(a.saturating_add(3));
        }
        Insn::TForPrep { a, .. } => uses.insert(a.saturating_add(3)),
        Insn::TForCall { a, .. } => {
            uses.insert_range(a, 3);
            defs.insert_from(a.saturating_add(4));
        }
        Insn::TForLoop { a, .. } => uses.insert(a.saturating_add(4)),
        Insn::SetList { t, n, .. } => {
            uses.insert(t);
            range(&mut uses, t.saturating_add(1), n);
        }
        Insn::VarArg { a, n } => range(&mut defs, a, n),
    }
    (uses, defs)
}

impl Proto {
    /// For each pc, the registers that may be read at or after the start of that instruction
    /// before being written (`result.len() == code.len()`). See the module documentation for the
    /// rules.
    pub fn live_registers(&self) -> Vec<RegSet> {
        let n = self.code.len();
        let mut effects: Vec<(RegSet, RegSet)> = self.code.iter().map(uses_and_defs).collect();
        // A pinned register counts as read at every pc of its range, so that the dataflow below
        // also keeps it live from the instruction that initialised it, along every path.
        for (reg, start, end) in self.pinned_ranges() {
            for (uses, _) in &mut effects[start.min(n)..end.min(n)] {
                uses.insert(reg);
            }
        }
        let mut live_in = vec![RegSet::new(); n];
        let mut changed = true;
        while changed {
            changed = false;
            for pc in (0..n).rev() {
                let mut out = RegSet::new();
                for succ in self.code[pc].successors(pc as u32) {
                    if let Some(set) = live_in.get(succ as usize) {
                        out.union_with(set);
                    }
                }
                let (uses, defs) = &effects[pc];
                out.subtract(defs);
                out.union_with(uses);
                changed |= live_in[pc].union_with(&out);
            }
        }
        live_in
    }

    /// Registers live throughout a pc range because an upvalue or a pending close may read
    /// them: `(reg, start_pc, end_pc)`.
    fn pinned_ranges(&self) -> Vec<(u8, usize, usize)> {
        let mut pinned = Vec::new();
        let mut pin = |reg: u8, pc: usize| {
            // The local in `reg` whose scope contains `pc`, or starts right after it (a
            // `local function` becomes visible only after its closure is built).
            let var = self.locvars.iter().rev().find(|var| {
                var.reg == reg && (var.start_pc as usize) <= pc + 1 && pc < var.end_pc as usize
            });
            if let Some(var) = var {
                pinned.push((reg, var.start_pc as usize, var.end_pc as usize));
            }
        };
        for (pc, insn) in self.code.iter().enumerate() {
            match *insn {
                Insn::Closure { proto, .. } => {
                    if let Some(child) = self.protos.get(proto as usize) {
                        for up in child.upvalues.iter().filter(|up| up.in_stack) {
                            pin(up.index, pc);
                        }
                    }
                }
                Insn::Tbc { a } => pin(a, pc),
                Insn::TForPrep { a, .. } => pin(a.saturating_add(3), pc),
                _ => {}
            }
        }
        pinned
    }
}
