//! lua-demo's register bytecode: instructions (`Insn`), function prototypes (`Proto`) and constants.
//!
//! The instruction set follows Lua 5.4's `lopcodes.h` closely, so that the compiler can follow
//! `lparser.c`/`lcode.c` and error messages can be named as `ldebug.c` names them. It departs from
//! Lua where a typed Rust enum is clearer: every operand is a named, typed field; jump targets are
//! absolute pcs; a comparison or test is fused with its conditional jump (Lua emits `LT` + `JMP`,
//! we emit one `Lt { .., jump_if, target }`); the metamethod fallbacks `MMBIN*` do not exist (the
//! arithmetic instruction itself handles metamethods); operands that may be a register or a
//! constant are separate variants (`SetField` / `SetFieldK`) instead of Lua's `k` bit. There is no
//! `LOADKX`/`EXTRAARG`: constant indexes are wide enough.
//!
//! Conventions used by every doc comment below:
//! - `R[x]` is register `x` of the current frame (frame base + x); `K[x]` is `Proto::constants[x]`;
//!   `Upval[x]` is the closure's upvalue `x`; `pc` is the index of the current instruction in
//!   `Proto::code`. After an instruction that does not jump, execution continues at `pc + 1`.
//! - "goto t" sets `pc := t` (an absolute index into `code`).
//! - A *conditional* instruction (`Eq`, `Lt`, `Le`, `EqK`, `EqI`, `LtI`, `LeI`, `GtI`, `GeI`,
//!   `Test`, `TestSet`) computes a boolean `cond` and does "if cond == jump_if then goto target".
//! - `truthy(v)` is false for `nil` and `false`, true for everything else.
//! - `top`: an instruction whose result count is [`MULTRET`] (`Call`, `VarArg`) sets the frame's
//!   top to one past its last result; the next instruction with a [`MULTRET`] operand (`Call`,
//!   `TailCall`, `Return`, `SetList`) consumes the values from its base up to that top. Such
//!   values may extend past `Proto::max_stack`: the interpreter must make room for them.
//! - Arithmetic, comparison, indexing, `Len`, `Concat`, `Unm`, `BNot` try metamethods exactly as
//!   Lua 5.4 does; nothing here spells that out again.
//!
//! This module does not execute anything and does not know the runtime's value type; `describe_reg`
//! and `describe_call` (in `bytecode::debuginfo`) and `live_registers` (in `bytecode::liveness`)
//! only read code and debug information.

use std::rc::Rc;

mod debuginfo;
mod liveness;
#[cfg(test)]
mod tests;

pub use debuginfo::NameKind;
pub use liveness::RegSet;

/// Count operand meaning "variable": all values up to `top` (for arguments, returned values and
/// list items) or "all of them, and set `top`" (for call results and varargs).
pub const MULTRET: u8 = u8::MAX;

/// The jump target stored in an instruction while the compiler has not patched it yet. Never
/// present in a finished `Proto`.
pub const NO_JUMP: u32 = u32::MAX;

/// A binary arithmetic or bitwise operator, in Lua's `ORDER TM` order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `%` (floored modulo; integer `x % 0` is the error "attempt to perform 'n%%0'", which Lua
    /// prints as `'n%0'`)
    Mod,
    /// `^` (always float)
    Pow,
    /// `/` (always float)
    Div,
    /// `//` (floor division; integer `x // 0` is the error "attempt to divide by zero")
    IDiv,
    /// `&`
    BAnd,
    /// `|`
    BOr,
    /// `~` (binary xor)
    BXor,
    /// `<<`
    Shl,
    /// `>>` (logical)
    Shr,
}

impl ArithOp {
    /// The operator as written in Lua source.
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Mod => "%",
            ArithOp::Pow => "^",
            ArithOp::Div => "/",
            ArithOp::IDiv => "//",
            ArithOp::BAnd => "&",
            ArithOp::BOr => "|",
            ArithOp::BXor => "~",
            ArithOp::Shl => "<<",
            ArithOp::Shr => ">>",
        }
    }

    /// The metamethod event name without the leading `__` ("add", "idiv", ...).
    pub fn event(self) -> &'static str {
        match self {
            ArithOp::Add => "add",
            ArithOp::Sub => "sub",
            ArithOp::Mul => "mul",
            ArithOp::Mod => "mod",
            ArithOp::Pow => "pow",
            ArithOp::Div => "div",
            ArithOp::IDiv => "idiv",
            ArithOp::BAnd => "band",
            ArithOp::BOr => "bor",
            ArithOp::BXor => "bxor",
            ArithOp::Shl => "shl",
            ArithOp::Shr => "shr",
        }
    }

    /// True for the bitwise operators, whose operands must have an integer representation
    /// ("number has no integer representation") and whose error says "perform bitwise operation on".
    pub fn is_bitwise(self) -> bool {
        matches!(
            self,
            ArithOp::BAnd | ArithOp::BOr | ArithOp::BXor | ArithOp::Shl | ArithOp::Shr
        )
    }
}

/// One bytecode instruction. See the module documentation for the notation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Insn {
    /// `R[a] := R[b]`.
    Move { a: u8, b: u8 },
    /// `R[a] := i` (an integer).
    LoadI { a: u8, i: i32 },
    /// `R[a] := f as float` (a float with an integral value, e.g. `2.0`).
    LoadF { a: u8, f: i32 },
    /// `R[a] := K[k]`.
    LoadK { a: u8, k: u32 },
    /// `R[a] := false`.
    LoadFalse { a: u8 },
    /// `R[a] := false; goto pc + 2` (skips the next instruction, which is always a `LoadTrue`).
    LoadFalseSkip { a: u8 },
    /// `R[a] := true`.
    LoadTrue { a: u8 },
    /// `R[a], ..., R[a + n - 1] := nil` (`n >= 1`).
    LoadNil { a: u8, n: u8 },
    /// `R[a] := Upval[up]`.
    GetUpval { a: u8, up: u8 },
    /// `Upval[up] := R[src]`.
    SetUpval { up: u8, src: u8 },
    /// `R[a] := Upval[up][K[key]]`; `K[key]` is a string. Global reads are this with `up` = `_ENV`.
    GetTabUp { a: u8, up: u8, key: u32 },
    /// `R[a] := R[t][R[key]]`.
    GetTable { a: u8, t: u8, key: u8 },
    /// `R[a] := R[t][i]` (integer key).
    GetI { a: u8, t: u8, i: i32 },
    /// `R[a] := R[t][K[key]]`; `K[key]` is a string.
    GetField { a: u8, t: u8, key: u32 },
    /// `Upval[up][K[key]] := R[src]`; `K[key]` is a string. Global writes are this or `SetTabUpK`.
    SetTabUp { up: u8, key: u32, src: u8 },
    /// `Upval[up][K[key]] := K[k]`; `K[key]` is a string.
    SetTabUpK { up: u8, key: u16, k: u16 },
    /// `R[t][R[key]] := R[src]`.
    SetTable { t: u8, key: u8, src: u8 },
    /// `R[t][R[key]] := K[k]`.
    SetTableK { t: u8, key: u8, k: u16 },
    /// `R[t][i] := R[src]` (integer key).
    SetI { t: u8, i: i32, src: u8 },
    /// `R[t][i] := K[k]` (integer key).
    SetIK { t: u8, i: i16, k: u16 },
    /// `R[t][K[key]] := R[src]`; `K[key]` is a string.
    SetField { t: u8, key: u32, src: u8 },
    /// `R[t][K[key]] := K[k]`; `K[key]` is a string.
    SetFieldK { t: u8, key: u16, k: u16 },
    /// `R[a] := {}`, preallocated for `array` array items and `hash` hash items (hints only;
    /// `hash` saturates at 255).
    NewTable { a: u8, hash: u8, array: u32 },
    /// Method lookup for `obj:key(...)`: `R[a + 1] := R[obj]; R[a] := R[obj][K[key]]` (read
    /// `R[obj]` before writing anything; `obj` may equal `a`). `K[key]` is a string.
    SelfK { a: u8, obj: u8, key: u32 },
    /// `R[a] := R[b] op R[c]`.
    Arith { op: ArithOp, a: u8, b: u8, c: u8 },
    /// `R[a] := R[b] op K[k]`, or `R[a] := K[k] op R[b]` when `k_left`. `K[k]` is a number
    /// (integer or float). Operand order matters for non-commutative ops and for metamethods.
    ArithK {
        op: ArithOp,
        a: u8,
        b: u8,
        k: u16,
        k_left: bool,
    },
    /// `R[a] := R[b] op imm`, or `R[a] := imm op R[b]` when `imm_left`; `imm` is an integer.
    ArithI {
        op: ArithOp,
        a: u8,
        b: u8,
        imm: i16,
        imm_left: bool,
    },
    /// `R[a] := -R[b]`.
    Unm { a: u8, b: u8 },
    /// `R[a] := ~R[b]`.
    BNot { a: u8, b: u8 },
    /// `R[a] := not R[b]`.
    Not { a: u8, b: u8 },
    /// `R[a] := #R[b]`.
    Len { a: u8, b: u8 },
    /// `R[a] := R[a] .. R[a + 1] .. ... .. R[a + n - 1]` (`n >= 2`; right associative, as Lua's
    /// `luaV_concat`). Registers above `a` are scratch afterwards.
    Concat { a: u8, n: u8 },
    /// Close upvalues and to-be-closed variables in registers `>= a` (newest first).
    Close { a: u8 },
    /// Mark `R[a]` as a to-be-closed variable (error "variable 'x' got a non-closable value"
    /// unless it is `nil`, `false` or has a `__close` metamethod).
    Tbc { a: u8 },
    /// `goto target`. A `Jmp` with `target <= pc` closes a `while` loop or is a backward `goto`.
    Jmp { target: u32 },
    /// `cond := R[a] == R[b]` (with `__eq`); if `cond == jump_if` then goto `target`.
    Eq {
        a: u8,
        b: u8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] < R[b]`; if `cond == jump_if` then goto `target`.
    Lt {
        a: u8,
        b: u8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] <= R[b]`; if `cond == jump_if` then goto `target`.
    Le {
        a: u8,
        b: u8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] == K[k]` (raw equality: `K[k]` is never a table); if `cond == jump_if` then
    /// goto `target`.
    EqK {
        a: u8,
        k: u8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] == imm` (`imm` an integer; equal to an integer or a float with that value);
    /// if `cond == jump_if` then goto `target`.
    EqI {
        a: u8,
        imm: i8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] < imm` (integer `imm`; `__lt(R[a], imm)` for non-numbers); if `cond ==
    /// jump_if` then goto `target`.
    LtI {
        a: u8,
        imm: i8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] <= imm`; if `cond == jump_if` then goto `target`.
    LeI {
        a: u8,
        imm: i8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] > imm`, i.e. `imm < R[a]` (`__lt(imm, R[a])`); if `cond == jump_if` then
    /// goto `target`.
    GtI {
        a: u8,
        imm: i8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := R[a] >= imm`, i.e. `imm <= R[a]`; if `cond == jump_if` then goto `target`.
    GeI {
        a: u8,
        imm: i8,
        jump_if: bool,
        target: u32,
    },
    /// `cond := truthy(R[a])`; if `cond == jump_if` then goto `target`.
    Test { a: u8, jump_if: bool, target: u32 },
    /// `cond := truthy(R[b])`; if `cond == jump_if` then `R[a] := R[b]` and goto `target`
    /// (otherwise nothing is written).
    TestSet {
        a: u8,
        b: u8,
        jump_if: bool,
        target: u32,
    },
    /// Call `R[func]` with arguments `R[func + 1 ..= func + nargs]` (or up to `top` when `nargs ==
    /// MULTRET`). Results go to `R[func ..]`: exactly `nresults` of them, padded with nil, or all
    /// of them with `top` set after the last when `nresults == MULTRET`.
    Call { func: u8, nargs: u8, nresults: u8 },
    /// `return R[func](args...)` as a proper tail call; arguments as for `Call`. When `close`,
    /// close upvalues of this frame first (there are never pending to-be-closed variables: the
    /// compiler emits `Call` + `Return` inside their scope).
    TailCall { func: u8, nargs: u8, close: bool },
    /// Return `R[a], ..., R[a + n - 1]` (or `R[a]` up to `top` when `n == MULTRET`). When
    /// `close`, first close the frame's upvalues and to-be-closed variables (after the returned
    /// values are read into place, as `luaF_close` in `OP_RETURN`).
    Return { a: u8, n: u8, close: bool },
    /// Return no values. Only emitted when the function has no captured locals, no to-be-closed
    /// variables and is not vararg.
    Return0,
    /// Return `R[a]` only. Emitted under the same conditions as `Return0`.
    Return1 { a: u8 },
    /// Numeric `for` preparation. `R[a]` = initial value, `R[a + 1]` = limit, `R[a + 2]` = step
    /// (errors "bad 'for' initial value (number expected, got string)", likewise "bad 'for' limit"
    /// and "bad 'for' step", and "'for' step is zero"). If the loop runs zero times goto `exit` (the pc
    /// after the matching `ForLoop`); otherwise set the loop variable `R[a + 3] := R[a]` (after
    /// Lua 5.4's conversions; the internal state in `R[a ..= a + 2]` is the interpreter's own
    /// business) and continue at `pc + 1`.
    ForPrep { a: u8, exit: u32 },
    /// Numeric `for` back edge: advance the loop state in `R[a ..= a + 2]`; if the loop continues,
    /// `R[a + 3] := next value` and goto `body` (`body <= pc`); otherwise continue at `pc + 1`.
    ForLoop { a: u8, body: u32 },
    /// Generic `for` preparation: `R[a]` iterator, `R[a + 1]` state, `R[a + 2]` control,
    /// `R[a + 3]` closing value. Mark `R[a + 3]` to-be-closed (as `Tbc`), then goto `call` (the
    /// matching `TForCall`).
    TForPrep { a: u8, call: u32 },
    /// `R[a + 4], ..., R[a + 3 + n] := R[a](R[a + 1], R[a + 2])` (`n >= 1` results, nil-padded).
    TForCall { a: u8, n: u8 },
    /// Generic `for` back edge: if `R[a + 4] ~= nil` then `R[a + 2] := R[a + 4]` and goto `body`
    /// (`body <= pc`); otherwise continue at `pc + 1`.
    TForLoop { a: u8, body: u32 },
    /// Table constructor items: `R[t][first + i - 1] := R[t + i]` for `1 <= i <= n` (or for every
    /// value from `R[t + 1]` up to `top` when `n == MULTRET`). `first >= 1`.
    SetList { t: u8, n: u8, first: u32 },
    /// `R[a] := closure(Proto::protos[proto])`, capturing upvalues as its `upvalues` describe.
    Closure { a: u8, proto: u32 },
    /// `R[a], ..., R[a + n - 1] := the extra arguments (...)`, nil-padded; all of them, setting
    /// `top`, when `n == MULTRET`.
    VarArg { a: u8, n: u8 },
    /// First instruction of every vararg function: the fixed parameters are `nparams`; the
    /// interpreter stashes the extra arguments wherever `VarArg` will find them.
    VarArgPrep { nparams: u8 },
}

// The interpreter's dispatch loop reads one instruction per step; keep it to one machine word.
const _: () = assert!(size_of::<Insn>() <= 8);

impl Insn {
    /// The instruction's name as printed by the disassembler (Lua's opcode names where they exist).
    pub fn opname(&self) -> &'static str {
        match self {
            Insn::Move { .. } => "MOVE",
            Insn::LoadI { .. } => "LOADI",
            Insn::LoadF { .. } => "LOADF",
            Insn::LoadK { .. } => "LOADK",
            Insn::LoadFalse { .. } => "LOADFALSE",
            Insn::LoadFalseSkip { .. } => "LFALSESKIP",
            Insn::LoadTrue { .. } => "LOADTRUE",
            Insn::LoadNil { .. } => "LOADNIL",
            Insn::GetUpval { .. } => "GETUPVAL",
            Insn::SetUpval { .. } => "SETUPVAL",
            Insn::GetTabUp { .. } => "GETTABUP",
            Insn::GetTable { .. } => "GETTABLE",
            Insn::GetI { .. } => "GETI",
            Insn::GetField { .. } => "GETFIELD",
            Insn::SetTabUp { .. } => "SETTABUP",
            Insn::SetTabUpK { .. } => "SETTABUPK",
            Insn::SetTable { .. } => "SETTABLE",
            Insn::SetTableK { .. } => "SETTABLEK",
            Insn::SetI { .. } => "SETI",
            Insn::SetIK { .. } => "SETIK",
            Insn::SetField { .. } => "SETFIELD",
            Insn::SetFieldK { .. } => "SETFIELDK",
            Insn::NewTable { .. } => "NEWTABLE",
            Insn::SelfK { .. } => "SELF",
            Insn::Arith { .. } => "ARITH",
            Insn::ArithK { .. } => "ARITHK",
            Insn::ArithI { .. } => "ARITHI",
            Insn::Unm { .. } => "UNM",
            Insn::BNot { .. } => "BNOT",
            Insn::Not { .. } => "NOT",
            Insn::Len { .. } => "LEN",
            Insn::Concat { .. } => "CONCAT",
            Insn::Close { .. } => "CLOSE",
            Insn::Tbc { .. } => "TBC",
            Insn::Jmp { .. } => "JMP",
            Insn::Eq { .. } => "EQ",
            Insn::Lt { .. } => "LT",
            Insn::Le { .. } => "LE",
            Insn::EqK { .. } => "EQK",
            Insn::EqI { .. } => "EQI",
            Insn::LtI { .. } => "LTI",
            Insn::LeI { .. } => "LEI",
            Insn::GtI { .. } => "GTI",
            Insn::GeI { .. } => "GEI",
            Insn::Test { .. } => "TEST",
            Insn::TestSet { .. } => "TESTSET",
            Insn::Call { .. } => "CALL",
            Insn::TailCall { .. } => "TAILCALL",
            Insn::Return { .. } => "RETURN",
            Insn::Return0 => "RETURN0",
            Insn::Return1 { .. } => "RETURN1",
            Insn::ForPrep { .. } => "FORPREP",
            Insn::ForLoop { .. } => "FORLOOP",
            Insn::TForPrep { .. } => "TFORPREP",
            Insn::TForCall { .. } => "TFORCALL",
            Insn::TForLoop { .. } => "TFORLOOP",
            Insn::SetList { .. } => "SETLIST",
            Insn::Closure { .. } => "CLOSURE",
            Insn::VarArg { .. } => "VARARG",
            Insn::VarArgPrep { .. } => "VARARGPREP",
        }
    }

    /// The absolute pc this instruction may jump to, if it can jump at all. `LoadFalseSkip`'s
    /// implicit skip of one instruction is not reported here (see `successors`).
    pub fn jump_target(&self) -> Option<u32> {
        match *self {
            Insn::Jmp { target }
            | Insn::Eq { target, .. }
            | Insn::Lt { target, .. }
            | Insn::Le { target, .. }
            | Insn::EqK { target, .. }
            | Insn::EqI { target, .. }
            | Insn::LtI { target, .. }
            | Insn::LeI { target, .. }
            | Insn::GtI { target, .. }
            | Insn::GeI { target, .. }
            | Insn::Test { target, .. }
            | Insn::TestSet { target, .. } => Some(target),
            Insn::ForPrep { exit, .. } => Some(exit),
            Insn::ForLoop { body, .. } | Insn::TForLoop { body, .. } => Some(body),
            Insn::TForPrep { call, .. } => Some(call),
            _ => None,
        }
    }

    /// Replaces the jump target of a jumping instruction; other instructions are left unchanged.
    pub fn set_jump_target(&mut self, new_target: u32) {
        match self {
            Insn::Jmp { target }
            | Insn::Eq { target, .. }
            | Insn::Lt { target, .. }
            | Insn::Le { target, .. }
            | Insn::EqK { target, .. }
            | Insn::EqI { target, .. }
            | Insn::LtI { target, .. }
            | Insn::LeI { target, .. }
            | Insn::GtI { target, .. }
            | Insn::GeI { target, .. }
            | Insn::Test { target, .. }
            | Insn::TestSet { target, .. } => *target = new_target,
            Insn::ForPrep { exit, .. } => *exit = new_target,
            Insn::ForLoop { body, .. } | Insn::TForLoop { body, .. } => *body = new_target,
            Insn::TForPrep { call, .. } => *call = new_target,
            _ => {}
        }
    }

    /// True for the fused compare/test-and-jump instructions.
    pub fn is_conditional(&self) -> bool {
        matches!(
            self,
            Insn::Eq { .. }
                | Insn::Lt { .. }
                | Insn::Le { .. }
                | Insn::EqK { .. }
                | Insn::EqI { .. }
                | Insn::LtI { .. }
                | Insn::LeI { .. }
                | Insn::GtI { .. }
                | Insn::GeI { .. }
                | Insn::Test { .. }
                | Insn::TestSet { .. }
        )
    }

    /// True if this instruction, at `pc`, can jump backwards (to `target <= pc`): the loop back
    /// edges where a tracing JIT counts hotness. These are `ForLoop`, `TForLoop`, a `Jmp` closing
    /// a `while` loop or a backward `goto`, and the conditional jump closing a `repeat` loop.
    pub fn is_backedge(&self, pc: u32) -> bool {
        match self {
            Insn::ForPrep { .. } | Insn::TForPrep { .. } => false,
            _ => self.jump_target().is_some_and(|target| target <= pc),
        }
    }

    /// The pcs execution may continue at after this instruction at `pc`, in a fixed order
    /// (fall-through first). Returns have none.
    pub fn successors(&self, pc: u32) -> Successors {
        let next = pc + 1;
        match *self {
            Insn::Return { .. } | Insn::Return0 | Insn::Return1 { .. } | Insn::TailCall { .. } => {
                Successors::none()
            }
            Insn::Jmp { target } | Insn::TForPrep { call: target, .. } => Successors::one(target),
            Insn::LoadFalseSkip { .. } => Successors::one(pc + 2),
            _ => match self.jump_target() {
                Some(target) => Successors::two(next, target),
                None => Successors::one(next),
            },
        }
    }
}

/// Up to two successor pcs (see `Insn::successors`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Successors {
    pcs: [u32; 2],
    len: u8,
    pos: u8,
}

impl Successors {
    fn none() -> Successors {
        Successors {
            pcs: [0, 0],
            len: 0,
            pos: 0,
        }
    }
    fn one(a: u32) -> Successors {
        Successors {
            pcs: [a, 0],
            len: 1,
            pos: 0,
        }
    }
    fn two(a: u32, b: u32) -> Successors {
        Successors {
            pcs: [a, b],
            len: 2,
            pos: 0,
        }
    }
}

impl Iterator for Successors {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.pos < self.len {
            self.pos += 1;
            Some(self.pcs[usize::from(self.pos - 1)])
        } else {
            None
        }
    }
}

/// A constant in a function's constant table.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A Lua string: arbitrary bytes.
    Str(Rc<[u8]>),
}

/// How a closure finds one of its upvalues when `Closure` creates it.
#[derive(Clone, Debug, PartialEq)]
pub struct UpvalDesc {
    /// The variable's name (for debug messages; `_ENV` for the main chunk's upvalue 0).
    pub name: Rc<str>,
    /// True: the enclosing function's register `index`. False: the enclosing closure's upvalue
    /// `index`. (The main chunk's `_ENV` is `in_stack: true, index: 0` as in Lua; whoever loads the
    /// chunk sets it to the globals table.)
    pub in_stack: bool,
    pub index: u8,
}

/// Debug information for one local variable: it lives in register `reg` for `start_pc <= pc <
/// end_pc`. Compile-time constants (`local x <const> = 1`) have no register and no entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LocVar {
    pub name: Rc<str>,
    pub start_pc: u32,
    pub end_pc: u32,
    pub reg: u8,
}

/// A compiled function.
#[derive(Clone, Debug, PartialEq)]
pub struct Proto {
    /// The chunk name as Lua prints it in messages (`x.lua`, `[string "..."]`).
    pub source: Rc<str>,
    /// Line of the `function` keyword; 0 for the main chunk.
    pub line_defined: u32,
    /// Line of the closing `end`; 0 for the main chunk.
    pub last_line_defined: u32,
    /// Number of fixed parameters (including `self` for methods).
    pub num_params: u8,
    pub is_vararg: bool,
    /// Registers the function needs (frame size); at most 255.
    pub max_stack: u8,
    pub code: Vec<Insn>,
    /// Source line of each instruction (`lines.len() == code.len()`).
    pub lines: Vec<u32>,
    pub constants: Vec<Constant>,
    /// Nested functions, indexed by `Closure::proto`.
    pub protos: Vec<Rc<Proto>>,
    pub upvalues: Vec<UpvalDesc>,
    /// Local variables in order of declaration.
    pub locvars: Vec<LocVar>,
}

impl Proto {
    /// The source line of the instruction at `pc` (0 if `pc` is out of range).
    pub fn line(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(0)
    }

    /// The name of the local variable in register `reg` at `pc`, if one is active there
    /// (Lua's `luaF_getlocalname`).
    pub fn local_name(&self, reg: u8, pc: usize) -> Option<&Rc<str>> {
        let pc = pc as u32;
        // Later declarations shadow earlier ones that share the register, so search backwards.
        self.locvars
            .iter()
            .rev()
            .find(|var| var.reg == reg && var.start_pc <= pc && pc < var.end_pc)
            .map(|var| &var.name)
    }
}
