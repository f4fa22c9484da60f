//! Names for values and called functions in error messages, as Lua 5.4's `ldebug.c` finds them.
//!
//! `describe_reg` is `getobjname`: a local's name if the register holds an active local, otherwise
//! a symbolic execution backwards to the instruction that last wrote the register
//! (`findsetreg`), ignoring writes that a jump may have skipped. `describe_call` is
//! `funcnamefromcode`. Both only read the `Proto`; they never guess beyond what Lua would say, so
//! `None` means Lua prints no name either.

use super::{Constant, Insn, Proto};

/// What kind of name `describe_reg` / `describe_call` found; `as_str` is the word Lua prints
/// ("attempt to call a nil value (global 'f')", "in method 'm'").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    Local,
    Global,
    Field,
    Method,
    Upvalue,
    Constant,
    /// The iterator function called by a generic `for` (name is "for iterator").
    ForIterator,
    /// A metamethod called by an instruction (name is the event without `__`, e.g. "index").
    Metamethod,
}

impl NameKind {
    /// The word Lua prints before the quoted name.
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Local => "local",
            NameKind::Global => "global",
            NameKind::Field => "field",
            NameKind::Method => "method",
            NameKind::Upvalue => "upvalue",
            NameKind::Constant => "constant",
            NameKind::ForIterator => "for iterator",
            NameKind::Metamethod => "metamethod",
        }
    }
}

impl Proto {
    /// Names the value in register `reg` just before the instruction at `pc` executes, as Lua
    /// 5.4's `getobjname` does: `(Local, "t")`, `(Global, "print")`, `(Field, "x")`,
    /// `(Method, "m")`, `(Upvalue, "u")` or `(Constant, "abc")`.
    pub fn describe_reg(&self, pc: usize, reg: u8) -> Option<(NameKind, String)> {
        self.object_name(pc, reg, 0)
    }

    /// Names the function called by the instruction at `pc` (Lua's `funcnamefromcode`), for
    /// tracebacks ("in local 'f'", "in method 'm'", "in field 'x'", "in upvalue 'g'"; for
    /// `Global` Lua's traceback prints "in function 'name'") and for "bad argument" messages.
    /// Instructions that call metamethods give `(Metamethod, "index")` and so on.
    pub fn describe_call(&self, pc: usize) -> Option<(NameKind, String)> {
        let insn = *self.code.get(pc)?;
        let event = match insn {
            Insn::Call { func, .. } | Insn::TailCall { func, .. } => {
                return self.describe_reg(pc, func);
            }
            Insn::TForCall { .. } => {
                return Some((NameKind::ForIterator, "for iterator".to_string()));
            }
            Insn::SelfK { .. }
            | Insn::GetTabUp { .. }
            | Insn::GetTable { .. }
            | Insn::GetI { .. }
            | Insn::GetField { .. } => "index",
            Insn::SetTabUp { .. }
            | Insn::SetTabUpK { .. }
            | Insn::SetTable { .. }
            | Insn::SetTableK { .. }
            | Insn::SetI { .. }
            | Insn::SetIK { .. }
            | Insn::SetField { .. }
            | Insn::SetFieldK { .. } => "newindex",
            Insn::Arith { op, .. } | Insn::ArithK { op, .. } | Insn::ArithI { op, .. } => {
                op.event()
            }
            Insn::Unm { .. } => "unm",
            Insn::BNot { .. } => "bnot",
            Insn::Len { .. } => "len",
            Insn::Concat { .. } => "concat",
            Insn::Eq { .. } => "eq",
            Insn::Lt { .. } | Insn::LtI { .. } | Insn::GtI { .. } => "lt",
            Insn::Le { .. } | Insn::LeI { .. } | Insn::GeI { .. } => "le",
            Insn::Close { .. } | Insn::Return { .. } => "close",
            _ => return None,
        };
        Some((NameKind::Metamethod, event.to_string()))
    }

    // Lua's recursion through MOVE chains is bounded by the code; the depth guard only protects
    // against a malformed Proto built by hand.
    fn object_name(&self, pc: usize, reg: u8, depth: u32) -> Option<(NameKind, String)> {
        if let Some(name) = self.local_name(reg, pc) {
            return Some((NameKind::Local, name.to_string()));
        }
        if depth > 64 {
            return None;
        }
        let set_pc = self.find_set_reg(pc, reg)?;
        match self.code[set_pc] {
            Insn::Move { a, b } if b < a => self.object_name(set_pc, b, depth + 1),
            Insn::GetTabUp { up, key, .. } => {
                let name = self.const_name(key);
                Some((self.upvalue_table_kind(up), name))
            }
            Insn::GetTable { t, key, .. } => {
                // Lua names a register key only when it was loaded from a string constant.
                let name = match self.object_name(set_pc, key, depth + 1) {
                    Some((NameKind::Constant, name)) => name,
                    _ => "?".to_string(),
                };
                Some((self.register_table_kind(set_pc, t, depth), name))
            }
            Insn::GetI { .. } => Some((NameKind::Field, "integer index".to_string())),
            Insn::GetField { t, key, .. } => {
                let name = self.const_name(key);
                Some((self.register_table_kind(set_pc, t, depth), name))
            }
            Insn::GetUpval { up, .. } => Some((NameKind::Upvalue, self.upvalue_name(up))),
            Insn::LoadK { k, .. } => match self.constants.get(k as usize) {
                Some(Constant::Str(s)) => {
                    Some((NameKind::Constant, String::from_utf8_lossy(s).into_owned()))
                }
                _ => None,
            },
            Insn::SelfK { key, .. } => Some((NameKind::Method, self.const_name(key))),
            _ => None,
        }
    }

    /// Lua's `findsetreg`: the last instruction before `last_pc` that wrote `reg`, unless a jump
    /// between it and `last_pc` could have skipped it.
    fn find_set_reg(&self, last_pc: usize, reg: u8) -> Option<usize> {
        let mut set_pc = None;
        // Code before `jump_target` may have been skipped, so writes there are not conclusive.
        let mut jump_target = 0usize;
        let reg = usize::from(reg);
        for (pc, insn) in self.code.iter().enumerate().take(last_pc) {
            let changes = match *insn {
                Insn::LoadNil { a, n } => {
                    let a = usize::from(a);
                    a <= reg && reg < a + usize::from(n)
                }
                Insn::TForCall { a, .. } => reg >= usize::from(a) + 2,
                Insn::Call { func, .. } | Insn::TailCall { func, .. } => reg >= usize::from(func),
                _ => written_register(insn) == Some(reg),
            };
            if changes {
                set_pc = if pc < jump_target { None } else { Some(pc) };
            }
            // Lua's conditional branches are a test plus a JMP, and only JMPs move the mark; our
            // fused conditionals stand for both, so they count after their own write (TestSet).
            if (matches!(insn, Insn::Jmp { .. }) || insn.is_conditional())
                && let Some(target) = insn.jump_target()
            {
                note_jump(&mut jump_target, target, last_pc);
            }
        }
        set_pc
    }

    /// "global" when the table is the `_ENV` upvalue, else "field".
    fn upvalue_table_kind(&self, up: u8) -> NameKind {
        if self.upvalue_name(up) == "_ENV" {
            NameKind::Global
        } else {
            NameKind::Field
        }
    }

    /// "global" when the table register holds something named `_ENV`, else "field".
    fn register_table_kind(&self, pc: usize, t: u8, depth: u32) -> NameKind {
        match self.object_name(pc, t, depth + 1) {
            Some((_, name)) if name == "_ENV" => NameKind::Global,
            _ => NameKind::Field,
        }
    }

    fn upvalue_name(&self, up: u8) -> String {
        match self.upvalues.get(usize::from(up)) {
            Some(desc) => desc.name.to_string(),
            None => "?".to_string(),
        }
    }

    fn const_name(&self, k: u32) -> String {
        match self.constants.get(k as usize) {
            Some(Constant::Str(s)) => String::from_utf8_lossy(s).into_owned(),
            _ => "?".to_string(),
        }
    }
}

/// Records a jump to `target` if it lies within the scanned range and beyond the current mark.
fn note_jump(jump_target: &mut usize, target: u32, last_pc: usize) {
    let target = target as usize;
    if target <= last_pc && target > *jump_target {
        *jump_target = target;
    }
}

/// The single register an instruction writes as its result, if it has one (Lua's `testAMode`).
/// Instructions writing several registers are handled by `find_set_reg` itself, except `SelfK`,
/// for which Lua too only counts `a` (not the `self` copy in `a + 1`).
fn written_register(insn: &Insn) -> Option<usize> {
    let a = match *insn {
        Insn::Move { a, .. }
        | Insn::LoadI { a, .. }
        | Insn::LoadF { a, .. }
        | Insn::LoadK { a, .. }
        | Insn::LoadFalse { a }
        | Insn::LoadFalseSkip { a }
        | Insn::LoadTrue { a }
        | Insn::GetUpval { a, .. }
        | Insn::GetTabUp { a, .. }
        | Insn::GetTable { a, .. }
        | Insn::GetI { a, .. }
        | Insn::GetField { a, .. }
        | Insn::NewTable { a, .. }
        | Insn::Arith { a, .. }
        | Insn::ArithK { a, .. }
        | Insn::ArithI { a, .. }
        | Insn::Unm { a, .. }
        | Insn::BNot { a, .. }
        | Insn::Not { a, .. }
        | Insn::Len { a, .. }
        | Insn::Concat { a, .. }
        | Insn::Closure { a, .. }
        | Insn::SelfK { a, .. }
        | Insn::TestSet { a, .. }
        | Insn::VarArg { a, .. }
        | Insn::ForLoop { a, .. }
        | Insn::ForPrep { a, .. }
        | Insn::TForLoop { a, .. } => a,
        _ => return None,
    };
    Some(usize::from(a))
}
