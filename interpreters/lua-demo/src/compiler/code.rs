//! Code generation helpers, after Lua 5.4's `lcode.c`: expression descriptors, registers,
//! constants and jump lists.
//!
//! An expression being compiled is an `ExpDesc`: where its value is (a constant, a register, a
//! variable not yet read, an instruction whose destination is still open) plus two lists of
//! pending jumps taken when it is true (`t`) or false (`f`). A jump list is threaded through the
//! jump-target fields of the jumping instructions themselves, ending in `NO_JUMP`, as in Lua.
//! Because our conditional instructions carry their own target, the list holds the compare or
//! test instruction itself where Lua's holds the `JMP` after it.
//!
//! Registers are a stack: locals occupy the bottom, temporaries are allocated at `freereg` and
//! must be freed in reverse order. Nothing here reads source tokens; the parser drives it.

use std::rc::Rc;

use super::CompileError;
use super::fold::{self, FoldUnary};
use super::numeral::Number;
use super::parser::Parser;
use crate::bytecode::{ArithOp, Constant, Insn, MULTRET, NO_JUMP as INSN_NO_JUMP};

/// End of a jump list / "no jump" (as a pc).
pub(super) const NO_JUMP: usize = usize::MAX;

/// Placeholder destination of a `TestSet` until its list is patched.
const NO_REG: u8 = u8::MAX;

/// Registers are numbered below this; a function needing this many is rejected.
const MAX_REGS: u32 = 255;

pub(super) type CResult<T> = Result<T, CompileError>;

/// Where an expression's value is (Lua's `expkind` with its `u` payload).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ExpKind {
    /// No value (empty expression list).
    Void,
    Nil,
    True,
    False,
    /// Constant-table entry.
    K(u32),
    KFlt(f64),
    KInt(i64),
    KStr(Rc<[u8]>),
    /// In a fixed register.
    NonReloc(u8),
    /// A local variable: its register and its index among the function's active variables.
    Local {
        reg: u8,
        vidx: usize,
    },
    Upval(u8),
    /// A compile-time constant local: absolute index into the parser's variable list.
    Const(usize),
    /// `R[t][R[key]]`.
    Indexed {
        t: u8,
        key: u8,
    },
    /// `Upval[t][K[key]]` with a string key.
    IndexUp {
        t: u8,
        key: u32,
    },
    /// `R[t][key]` with an integer key.
    IndexInt {
        t: u8,
        key: i32,
    },
    /// `R[t][K[key]]` with a string key.
    IndexStr {
        t: u8,
        key: u32,
    },
    /// A conditional jump at this pc (true when it jumps).
    Jmp(usize),
    /// The instruction at this pc produces the value; its destination register is open.
    Reloc(usize),
    /// An open call at this pc.
    Call(usize),
    /// An open `...` at this pc.
    Vararg(usize),
}

/// An expression descriptor: a value location plus its true and false exit lists.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct ExpDesc {
    pub(super) k: ExpKind,
    pub(super) t: usize,
    pub(super) f: usize,
}

impl ExpDesc {
    pub(super) fn new(k: ExpKind) -> ExpDesc {
        ExpDesc {
            k,
            t: NO_JUMP,
            f: NO_JUMP,
        }
    }

    pub(super) fn void() -> ExpDesc {
        ExpDesc::new(ExpKind::Void)
    }

    pub(super) fn has_jumps(&self) -> bool {
        self.t != self.f
    }

    /// True for an open call or vararg, whose result count is still adjustable.
    pub(super) fn has_multret(&self) -> bool {
        matches!(self.k, ExpKind::Call(_) | ExpKind::Vararg(_))
    }

    /// The numeric constant this expression is, if it is one without jumps (Lua's `tonumeral`).
    pub(super) fn numeral(&self) -> Option<Number> {
        if self.has_jumps() {
            return None;
        }
        match self.k {
            ExpKind::KInt(i) => Some(Number::Int(i)),
            ExpKind::KFlt(f) => Some(Number::Float(f)),
            _ => None,
        }
    }

    /// The register of a `NonReloc` expression.
    fn reg(&self) -> Option<u8> {
        match self.k {
            ExpKind::NonReloc(r) => Some(r),
            _ => None,
        }
    }

    /// An integer constant usable as an `i16` immediate operand.
    fn small_int(&self) -> Option<i16> {
        match self.numeral() {
            Some(Number::Int(i)) => i16::try_from(i).ok(),
            _ => None,
        }
    }

    /// An integer constant usable as an `i8` immediate in an order comparison.
    pub(super) fn order_imm(&self) -> Option<i8> {
        match self.numeral() {
            Some(Number::Int(i)) => i8::try_from(i).ok(),
            _ => None,
        }
    }

    /// A number usable as an `EqI` immediate: an integer, or a float with an integral value
    /// (equality does not care which).
    fn eq_imm(&self) -> Option<i8> {
        match self.numeral()? {
            Number::Int(i) => i8::try_from(i).ok(),
            Number::Float(f) => fold::float_to_int_exact(f).and_then(|i| i8::try_from(i).ok()),
        }
    }
}

/// Binary operators in Lua's `ORDER OPR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinOpr {
    Arith(ArithOp),
    Concat,
    Eq,
    Lt,
    Le,
    Ne,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOpr {
    /// Left and right binding priorities (Lua's `priority` table).
    pub(super) fn priority(self) -> (u8, u8) {
        match self {
            BinOpr::Arith(ArithOp::Add | ArithOp::Sub) => (10, 10),
            BinOpr::Arith(ArithOp::Mul | ArithOp::Mod | ArithOp::Div | ArithOp::IDiv) => (11, 11),
            BinOpr::Arith(ArithOp::Pow) => (14, 13),
            BinOpr::Arith(ArithOp::BAnd) => (6, 6),
            BinOpr::Arith(ArithOp::BOr) => (4, 4),
            BinOpr::Arith(ArithOp::BXor) => (5, 5),
            BinOpr::Arith(ArithOp::Shl | ArithOp::Shr) => (7, 7),
            BinOpr::Concat => (9, 8),
            BinOpr::Eq | BinOpr::Lt | BinOpr::Le | BinOpr::Ne | BinOpr::Gt | BinOpr::Ge => (3, 3),
            BinOpr::And => (2, 2),
            BinOpr::Or => (1, 1),
        }
    }
}

/// Priority of unary operators: they bind tighter than everything but `^` on their right.
pub(super) const UNARY_PRIORITY: u8 = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum UnOpr {
    Minus,
    BNot,
    Not,
    Len,
}

/// The destination field of an instruction whose result register is still open.
fn set_dest(insn: &mut Insn, reg: u8) {
    match insn {
        Insn::Move { a, .. }
        | Insn::LoadI { a, .. }
        | Insn::LoadF { a, .. }
        | Insn::LoadK { a, .. }
        | Insn::LoadFalse { a }
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
        | Insn::Closure { a, .. }
        | Insn::VarArg { a, .. } => *a = reg,
        _ => {}
    }
}

/// Flips the jump condition of a conditional instruction.
fn negate(insn: &mut Insn) {
    match insn {
        Insn::Eq { jump_if, .. }
        | Insn::Lt { jump_if, .. }
        | Insn::Le { jump_if, .. }
        | Insn::EqK { jump_if, .. }
        | Insn::EqI { jump_if, .. }
        | Insn::LtI { jump_if, .. }
        | Insn::LeI { jump_if, .. }
        | Insn::GtI { jump_if, .. }
        | Insn::GeI { jump_if, .. }
        | Insn::Test { jump_if, .. }
        | Insn::TestSet { jump_if, .. } => *jump_if = !*jump_if,
        _ => {}
    }
}

/// A register number known to be below `MAX_REGS`.
fn reg8(r: u32) -> u8 {
    debug_assert!(r < MAX_REGS);
    r as u8
}

impl Parser<'_> {
    // --- Emitting instructions -------------------------------------------------------------

    /// Appends an instruction at the line of the last token read; returns its pc.
    pub(super) fn code(&mut self, insn: Insn) -> CResult<usize> {
        let line = self.lastline;
        let fs = &mut self.cur;
        if fs.code.len() >= (INSN_NO_JUMP - 1) as usize {
            return Err(self.syntax_error("code size overflow"));
        }
        fs.code.push(insn);
        fs.lines.push(line);
        Ok(fs.code.len() - 1)
    }

    pub(super) fn pc(&self) -> usize {
        self.cur.code.len()
    }

    /// Attributes the last instruction to `line` (Lua's `luaK_fixline`).
    pub(super) fn fix_line(&mut self, line: u32) {
        if let Some(last) = self.cur.lines.last_mut() {
            *last = line;
        }
    }

    /// The previous instruction, unless something may jump to the current pc (then what runs
    /// before it is unknown).
    fn previous_insn(&self) -> Option<Insn> {
        let pc = self.pc();
        if pc > self.cur.last_target {
            self.cur.code.last().copied()
        } else {
            None
        }
    }

    fn remove_last_insn(&mut self) {
        self.cur.code.pop();
        self.cur.lines.pop();
    }

    /// Sets `n` registers from `from` to nil, merging with a preceding `LoadNil` when the
    /// ranges touch.
    pub(super) fn load_nil(&mut self, from: u32, n: u32) -> CResult<()> {
        let mut first = from;
        let mut last = from + n - 1;
        if let Some(Insn::LoadNil { a, n: pn }) = self.previous_insn() {
            let pfirst = u32::from(a);
            let plast = pfirst + u32::from(pn) - 1;
            if (pfirst <= first && first <= plast + 1) || (first <= pfirst && pfirst <= last + 1) {
                first = first.min(pfirst);
                last = last.max(plast);
                if let Some(insn) = self.cur.code.last_mut() {
                    *insn = Insn::LoadNil {
                        a: reg8(first),
                        n: reg8(last - first + 1),
                    };
                }
                return Ok(());
            }
        }
        self.code(Insn::LoadNil {
            a: reg8(first),
            n: reg8(n),
        })?;
        Ok(())
    }

    pub(super) fn jump(&mut self) -> CResult<usize> {
        self.code(Insn::Jmp {
            target: INSN_NO_JUMP,
        })
    }

    /// Emits a return of `nret` values from `first` (`None` = all up to top).
    pub(super) fn ret(&mut self, first: u32, nret: Option<u32>) -> CResult<()> {
        let insn = match nret {
            Some(0) => Insn::Return0,
            Some(1) => Insn::Return1 { a: reg8(first) },
            Some(n) => Insn::Return {
                a: reg8(first),
                n: reg8(n),
                close: false,
            },
            None => Insn::Return {
                a: reg8(first),
                n: MULTRET,
                close: false,
            },
        };
        self.code(insn)?;
        Ok(())
    }

    /// Marks the current pc as a jump target and returns it.
    pub(super) fn get_label(&mut self) -> usize {
        self.cur.last_target = self.pc();
        self.pc()
    }

    fn get_jump(&self, pc: usize) -> usize {
        match self.cur.code[pc].jump_target() {
            Some(INSN_NO_JUMP) | None => NO_JUMP,
            Some(target) => target as usize,
        }
    }

    fn fix_jump(&mut self, pc: usize, dest: usize) {
        let target = if dest == NO_JUMP {
            INSN_NO_JUMP
        } else {
            dest as u32
        };
        self.cur.code[pc].set_jump_target(target);
    }

    /// Appends jump list `l2` to jump list `l1`.
    pub(super) fn concat_jumps(&mut self, l1: &mut usize, l2: usize) {
        if l2 == NO_JUMP {
            return;
        }
        if *l1 == NO_JUMP {
            *l1 = l2;
            return;
        }
        let mut list = *l1;
        loop {
            let next = self.get_jump(list);
            if next == NO_JUMP {
                break;
            }
            list = next;
        }
        self.fix_jump(list, l2);
    }

    /// If the jump at `node` is a `TestSet`, makes it copy into `reg`, or turns it into a plain
    /// `Test` when no copy is needed. Returns false for other jumps.
    fn patch_test_reg(&mut self, node: usize, reg: Option<u8>) -> bool {
        let Insn::TestSet {
            b, jump_if, target, ..
        } = self.cur.code[node]
        else {
            return false;
        };
        self.cur.code[node] = match reg {
            Some(r) if r != b => Insn::TestSet {
                a: r,
                b,
                jump_if,
                target,
            },
            _ => Insn::Test {
                a: b,
                jump_if,
                target,
            },
        };
        true
    }

    /// Jumps in `list` will not produce values.
    fn remove_values(&mut self, mut list: usize) {
        while list != NO_JUMP {
            self.patch_test_reg(list, None);
            list = self.get_jump(list);
        }
    }

    /// Patches every jump in `list`: value-producing tests go to `vtarget` copying into `reg`,
    /// the others to `dtarget`.
    fn patch_list_aux(&mut self, mut list: usize, vtarget: usize, reg: Option<u8>, dtarget: usize) {
        while list != NO_JUMP {
            let next = self.get_jump(list);
            if self.patch_test_reg(list, reg) {
                self.fix_jump(list, vtarget);
            } else {
                self.fix_jump(list, dtarget);
            }
            list = next;
        }
    }

    pub(super) fn patch_list(&mut self, list: usize, target: usize) {
        self.patch_list_aux(list, target, None, target);
    }

    pub(super) fn patch_to_here(&mut self, list: usize) {
        let here = self.get_label();
        self.patch_list(list, here);
    }

    // --- Registers ----------------------------------------------------------------------------

    pub(super) fn check_stack(&mut self, n: u32) -> CResult<()> {
        let new_stack = self.cur.freereg + n;
        if new_stack > u32::from(self.cur.max_stack) {
            if new_stack >= MAX_REGS {
                return Err(self.syntax_error("function or expression needs too many registers"));
            }
            self.cur.max_stack = reg8(new_stack);
        }
        Ok(())
    }

    pub(super) fn reserve_regs(&mut self, n: u32) -> CResult<()> {
        self.check_stack(n)?;
        self.cur.freereg += n;
        Ok(())
    }

    /// Frees a temporary register (locals are never freed here).
    fn free_reg(&mut self, reg: u8) {
        if u32::from(reg) >= self.nvarstack() {
            self.cur.freereg -= 1;
            debug_assert_eq!(u32::from(reg), self.cur.freereg);
        }
    }

    fn free_regs(&mut self, r1: u8, r2: u8) {
        if r1 > r2 {
            self.free_reg(r1);
            self.free_reg(r2);
        } else {
            self.free_reg(r2);
            self.free_reg(r1);
        }
    }

    pub(super) fn free_exp(&mut self, e: &ExpDesc) {
        if let ExpKind::NonReloc(r) = e.k {
            self.free_reg(r);
        }
    }

    fn free_exps(&mut self, e1: &ExpDesc, e2: &ExpDesc) {
        match (e1.reg(), e2.reg()) {
            (Some(r1), Some(r2)) => self.free_regs(r1, r2),
            (Some(r), None) | (None, Some(r)) => self.free_reg(r),
            (None, None) => {}
        }
    }

    // --- Constants ----------------------------------------------------------------------------

    /// Index of `value` in the constant table, adding it if new.
    pub(super) fn add_k(&mut self, value: Constant) -> u32 {
        let key = ConstKey::of(&value);
        if let Some(&index) = self.cur.kcache.get(&key) {
            return index;
        }
        let index = self.cur.constants.len() as u32;
        self.cur.constants.push(value);
        self.cur.kcache.insert(key, index);
        index
    }

    pub(super) fn string_k(&mut self, s: &Rc<[u8]>) -> u32 {
        self.add_k(Constant::Str(s.clone()))
    }

    fn load_k(&mut self, reg: u8, k: u32) -> CResult<()> {
        self.code(Insn::LoadK { a: reg, k })?;
        Ok(())
    }

    fn load_int(&mut self, reg: u8, i: i64) -> CResult<()> {
        match i32::try_from(i) {
            Ok(i) => {
                self.code(Insn::LoadI { a: reg, i })?;
            }
            Err(_) => {
                let k = self.add_k(Constant::Int(i));
                self.load_k(reg, k)?;
            }
        }
        Ok(())
    }

    fn load_float(&mut self, reg: u8, f: f64) -> CResult<()> {
        // `-0.0` must keep its sign, so it is not an integral value here.
        let small = fold::float_to_int_exact(f)
            .filter(|_| !(f == 0.0 && f.is_sign_negative()))
            .and_then(|i| i32::try_from(i).ok());
        match small {
            Some(i) => {
                self.code(Insn::LoadF { a: reg, f: i })?;
            }
            None => {
                let k = self.add_k(Constant::Float(f));
                self.load_k(reg, k)?;
            }
        }
        Ok(())
    }

    /// Turns a compile-time constant value into an expression.
    fn const_to_exp(value: &Constant) -> ExpKind {
        match value {
            Constant::Int(i) => ExpKind::KInt(*i),
            Constant::Float(f) => ExpKind::KFlt(*f),
            Constant::Bool(false) => ExpKind::False,
            Constant::Bool(true) => ExpKind::True,
            Constant::Nil => ExpKind::Nil,
            Constant::Str(s) => ExpKind::KStr(s.clone()),
        }
    }

    /// The constant value of an expression, if it has one (for `local x <const> = ...`).
    pub(super) fn exp_to_const(&self, e: &ExpDesc) -> Option<Constant> {
        if e.has_jumps() {
            return None;
        }
        match &e.k {
            ExpKind::False => Some(Constant::Bool(false)),
            ExpKind::True => Some(Constant::Bool(true)),
            ExpKind::Nil => Some(Constant::Nil),
            ExpKind::KStr(s) => Some(Constant::Str(s.clone())),
            ExpKind::Const(index) => Some(self.actvar[*index].value.clone()),
            ExpKind::KInt(i) => Some(Constant::Int(*i)),
            ExpKind::KFlt(f) => Some(Constant::Float(*f)),
            _ => None,
        }
    }

    // --- Discharging expressions into registers -------------------------------------------

    /// Sets the number of results of an open call or vararg (`None` = all of them).
    pub(super) fn set_returns(&mut self, e: &ExpDesc, nresults: Option<u32>) -> CResult<()> {
        let n = match nresults {
            Some(n) => u8::try_from(n)
                .ok()
                .filter(|&n| n != MULTRET)
                .ok_or_else(|| {
                    self.syntax_error("function or expression needs too many registers")
                })?,
            None => MULTRET,
        };
        match e.k {
            ExpKind::Call(pc) => {
                if let Insn::Call { nresults, .. } = &mut self.cur.code[pc] {
                    *nresults = n;
                }
            }
            ExpKind::Vararg(pc) => {
                let freereg = reg8(self.cur.freereg);
                if let Insn::VarArg { a, n: count } = &mut self.cur.code[pc] {
                    *count = n;
                    *a = freereg;
                }
                self.reserve_regs(1)?;
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn set_multret(&mut self, e: &ExpDesc) -> CResult<()> {
        self.set_returns(e, None)
    }

    /// Makes an open call or vararg produce exactly one value.
    pub(super) fn set_one_ret(&mut self, e: &mut ExpDesc) {
        match e.k {
            ExpKind::Call(pc) => {
                if let Insn::Call { func, .. } = self.cur.code[pc] {
                    e.k = ExpKind::NonReloc(func);
                }
            }
            ExpKind::Vararg(pc) => {
                if let Insn::VarArg { n, .. } = &mut self.cur.code[pc] {
                    *n = 1;
                }
                e.k = ExpKind::Reloc(pc);
            }
            _ => {}
        }
    }

    /// Emits the read of a variable so that the expression is a value (Lua's `dischargevars`).
    pub(super) fn discharge_vars(&mut self, e: &mut ExpDesc) -> CResult<()> {
        match e.k.clone() {
            ExpKind::Const(index) => {
                e.k = Self::const_to_exp(&self.actvar[index].value);
            }
            ExpKind::Local { reg, .. } => e.k = ExpKind::NonReloc(reg),
            ExpKind::Upval(up) => {
                e.k = ExpKind::Reloc(self.code(Insn::GetUpval { a: 0, up })?);
            }
            ExpKind::IndexUp { t, key } => {
                e.k = ExpKind::Reloc(self.code(Insn::GetTabUp { a: 0, up: t, key })?);
            }
            ExpKind::IndexInt { t, key } => {
                self.free_reg(t);
                e.k = ExpKind::Reloc(self.code(Insn::GetI { a: 0, t, i: key })?);
            }
            ExpKind::IndexStr { t, key } => {
                self.free_reg(t);
                e.k = ExpKind::Reloc(self.code(Insn::GetField { a: 0, t, key })?);
            }
            ExpKind::Indexed { t, key } => {
                self.free_regs(t, key);
                e.k = ExpKind::Reloc(self.code(Insn::GetTable { a: 0, t, key })?);
            }
            ExpKind::Vararg(_) | ExpKind::Call(_) => self.set_one_ret(e),
            _ => {}
        }
        Ok(())
    }

    fn discharge_to_reg(&mut self, e: &mut ExpDesc, reg: u8) -> CResult<()> {
        self.discharge_vars(e)?;
        match e.k.clone() {
            ExpKind::Nil => self.load_nil(u32::from(reg), 1)?,
            ExpKind::False => {
                self.code(Insn::LoadFalse { a: reg })?;
            }
            ExpKind::True => {
                self.code(Insn::LoadTrue { a: reg })?;
            }
            ExpKind::KStr(s) => {
                let k = self.string_k(&s);
                self.load_k(reg, k)?;
            }
            ExpKind::K(k) => self.load_k(reg, k)?,
            ExpKind::KFlt(f) => self.load_float(reg, f)?,
            ExpKind::KInt(i) => self.load_int(reg, i)?,
            ExpKind::Reloc(pc) => set_dest(&mut self.cur.code[pc], reg),
            ExpKind::NonReloc(r) => {
                if r != reg {
                    self.code(Insn::Move { a: reg, b: r })?;
                }
            }
            // A jump: nothing to load; the caller handles its lists.
            _ => return Ok(()),
        }
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    fn discharge_to_any_reg(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if !matches!(e.k, ExpKind::NonReloc(_)) {
            self.reserve_regs(1)?;
            let reg = reg8(self.cur.freereg - 1);
            self.discharge_to_reg(e, reg)?;
        }
        Ok(())
    }

    fn code_loadbool(&mut self, insn: Insn) -> CResult<usize> {
        self.get_label();
        self.code(insn)
    }

    /// True if some jump in the list does not produce its own value (is not a `TestSet`).
    fn need_value(&self, mut list: usize) -> bool {
        while list != NO_JUMP {
            if !matches!(self.cur.code[list], Insn::TestSet { .. }) {
                return true;
            }
            list = self.get_jump(list);
        }
        false
    }

    /// Puts the final value of `e`, jumps included, into `reg`.
    fn exp_to_reg(&mut self, e: &mut ExpDesc, reg: u8) -> CResult<()> {
        self.discharge_to_reg(e, reg)?;
        if let ExpKind::Jmp(pc) = e.k {
            let mut t = e.t;
            self.concat_jumps(&mut t, pc);
            e.t = t;
        }
        if e.has_jumps() {
            let mut p_f = NO_JUMP;
            let mut p_t = NO_JUMP;
            if self.need_value(e.t) || self.need_value(e.f) {
                let fj = if matches!(e.k, ExpKind::Jmp(_)) {
                    NO_JUMP
                } else {
                    self.jump()?
                };
                p_f = self.code_loadbool(Insn::LoadFalseSkip { a: reg })?;
                p_t = self.code_loadbool(Insn::LoadTrue { a: reg })?;
                self.patch_to_here(fj);
            }
            let end = self.get_label();
            self.patch_list_aux(e.f, end, Some(reg), p_f);
            self.patch_list_aux(e.t, end, Some(reg), p_t);
        }
        e.f = NO_JUMP;
        e.t = NO_JUMP;
        e.k = ExpKind::NonReloc(reg);
        Ok(())
    }

    /// Puts `e` into the next free register.
    pub(super) fn exp_to_next_reg(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e)?;
        self.free_exp(e);
        self.reserve_regs(1)?;
        let reg = reg8(self.cur.freereg - 1);
        self.exp_to_reg(e, reg)
    }

    /// Puts `e` into some register (its own if it already has one) and returns it.
    pub(super) fn exp_to_any_reg(&mut self, e: &mut ExpDesc) -> CResult<u8> {
        self.discharge_vars(e)?;
        if let ExpKind::NonReloc(reg) = e.k {
            if !e.has_jumps() {
                return Ok(reg);
            }
            // A temporary may receive the jump values; a local must not change.
            if u32::from(reg) >= self.nvarstack() {
                self.exp_to_reg(e, reg)?;
                return Ok(reg);
            }
        }
        self.exp_to_next_reg(e)?;
        Ok(e.reg().unwrap_or(0))
    }

    /// Like `exp_to_any_reg`, but an upvalue without jumps may stay an upvalue.
    pub(super) fn exp_to_any_reg_up(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if !matches!(e.k, ExpKind::Upval(_)) || e.has_jumps() {
            self.exp_to_any_reg(e)?;
        }
        Ok(())
    }

    /// Makes `e` a value in a register or a constant.
    pub(super) fn exp_to_val(&mut self, e: &mut ExpDesc) -> CResult<()> {
        if e.has_jumps() {
            self.exp_to_any_reg(e)?;
            Ok(())
        } else {
            self.discharge_vars(e)
        }
    }

    /// Makes a constant expression a `K` with index at most `limit`; false (and `e` unchanged,
    /// though the constant may have been added) if it is not a constant or does not fit.
    fn exp_to_k(&mut self, e: &mut ExpDesc, limit: u32) -> bool {
        if e.has_jumps() {
            return false;
        }
        let index = match e.k.clone() {
            ExpKind::True => self.add_k(Constant::Bool(true)),
            ExpKind::False => self.add_k(Constant::Bool(false)),
            ExpKind::Nil => self.add_k(Constant::Nil),
            ExpKind::KInt(i) => self.add_k(Constant::Int(i)),
            ExpKind::KFlt(f) => self.add_k(Constant::Float(f)),
            ExpKind::KStr(s) => self.string_k(&s),
            ExpKind::K(k) => k,
            _ => return false,
        };
        if index <= limit {
            e.k = ExpKind::K(index);
            true
        } else {
            false
        }
    }

    /// A constant index up to `limit`, or else the expression in a register.
    fn exp_to_rk(&mut self, e: &mut ExpDesc, limit: u32) -> CResult<RegOrK> {
        if self.exp_to_k(e, limit)
            && let ExpKind::K(k) = e.k
        {
            return Ok(RegOrK::K(k));
        }
        Ok(RegOrK::Reg(self.exp_to_any_reg(e)?))
    }

    /// Stores `ex` into the variable `var`.
    pub(super) fn store_var(&mut self, var: &ExpDesc, ex: &mut ExpDesc) -> CResult<()> {
        const K16: u32 = u16::MAX as u32;
        match var.k {
            ExpKind::Local { reg, .. } => {
                self.free_exp(ex);
                return self.exp_to_reg(ex, reg);
            }
            ExpKind::Upval(up) => {
                let src = self.exp_to_any_reg(ex)?;
                self.code(Insn::SetUpval { up, src })?;
            }
            ExpKind::IndexUp { t, key } => {
                let value = if key <= K16 {
                    self.exp_to_rk(ex, K16)?
                } else {
                    RegOrK::Reg(self.exp_to_any_reg(ex)?)
                };
                self.code(match value {
                    RegOrK::K(k) => Insn::SetTabUpK {
                        up: t,
                        key: key as u16,
                        k: k as u16,
                    },
                    RegOrK::Reg(src) => Insn::SetTabUp { up: t, key, src },
                })?;
            }
            ExpKind::IndexInt { t, key } => {
                let insn = match i16::try_from(key) {
                    Ok(i) => match self.exp_to_rk(ex, K16)? {
                        RegOrK::K(k) => Insn::SetIK { t, i, k: k as u16 },
                        RegOrK::Reg(src) => Insn::SetI { t, i: key, src },
                    },
                    Err(_) => Insn::SetI {
                        t,
                        i: key,
                        src: self.exp_to_any_reg(ex)?,
                    },
                };
                self.code(insn)?;
            }
            ExpKind::IndexStr { t, key } => {
                let value = if key <= K16 {
                    self.exp_to_rk(ex, K16)?
                } else {
                    RegOrK::Reg(self.exp_to_any_reg(ex)?)
                };
                self.code(match value {
                    RegOrK::K(k) => Insn::SetFieldK {
                        t,
                        key: key as u16,
                        k: k as u16,
                    },
                    RegOrK::Reg(src) => Insn::SetField { t, key, src },
                })?;
            }
            ExpKind::Indexed { t, key } => {
                let value = self.exp_to_rk(ex, K16)?;
                self.code(match value {
                    RegOrK::K(k) => Insn::SetTableK {
                        t,
                        key,
                        k: k as u16,
                    },
                    RegOrK::Reg(src) => Insn::SetTable { t, key, src },
                })?;
            }
            _ => return Err(self.internal_error("store to a non-variable")),
        }
        self.free_exp(ex);
        Ok(())
    }

    /// `e:key(...)`: puts the method and `e` in two consecutive registers; `e` becomes them.
    pub(super) fn code_self(&mut self, e: &mut ExpDesc, key: &ExpDesc) -> CResult<()> {
        let obj = self.exp_to_any_reg(e)?;
        self.free_exp(e);
        let base = reg8(self.cur.freereg);
        e.k = ExpKind::NonReloc(base);
        self.reserve_regs(2)?;
        let key = match &key.k {
            ExpKind::K(k) => *k,
            ExpKind::KStr(s) => self.string_k(s),
            _ => return Err(self.internal_error("method name is not a constant")),
        };
        self.code(Insn::SelfK { a: base, obj, key })?;
        Ok(())
    }

    // --- Conditions -------------------------------------------------------------------------

    fn negate_condition(&mut self, pc: usize) {
        negate(&mut self.cur.code[pc]);
    }

    /// Emits a jump taken when `e` is `cond` (truthy for true); returns its pc.
    fn jump_on_cond(&mut self, e: &mut ExpDesc, cond: bool) -> CResult<usize> {
        if let ExpKind::Reloc(pc) = e.k
            && let Insn::Not { b, .. } = self.cur.code[pc]
        {
            // Test the operand of `not` directly, with the opposite condition.
            self.remove_last_insn();
            return self.code(Insn::Test {
                a: b,
                jump_if: !cond,
                target: INSN_NO_JUMP,
            });
        }
        self.discharge_to_any_reg(e)?;
        self.free_exp(e);
        let b = e.reg().unwrap_or(0);
        self.code(Insn::TestSet {
            a: NO_REG,
            b,
            jump_if: cond,
            target: INSN_NO_JUMP,
        })
    }

    /// Falls through when `e` is true; its false list collects the jumps out.
    pub(super) fn go_if_true(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => {
                self.negate_condition(pc);
                pc
            }
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True => NO_JUMP,
            _ => self.jump_on_cond(e, false)?,
        };
        let mut f = e.f;
        self.concat_jumps(&mut f, pc);
        e.f = f;
        self.patch_to_here(e.t);
        e.t = NO_JUMP;
        Ok(())
    }

    /// Falls through when `e` is false; its true list collects the jumps out.
    pub(super) fn go_if_false(&mut self, e: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(e)?;
        let pc = match e.k {
            ExpKind::Jmp(pc) => pc,
            ExpKind::Nil | ExpKind::False => NO_JUMP,
            _ => self.jump_on_cond(e, true)?,
        };
        let mut t = e.t;
        self.concat_jumps(&mut t, pc);
        e.t = t;
        self.patch_to_here(e.f);
        e.f = NO_JUMP;
        Ok(())
    }

    fn code_not(&mut self, e: &mut ExpDesc) -> CResult<()> {
        match e.k {
            ExpKind::Nil | ExpKind::False => e.k = ExpKind::True,
            ExpKind::K(_)
            | ExpKind::KFlt(_)
            | ExpKind::KInt(_)
            | ExpKind::KStr(_)
            | ExpKind::True => e.k = ExpKind::False,
            ExpKind::Jmp(pc) => self.negate_condition(pc),
            ExpKind::Reloc(_) | ExpKind::NonReloc(_) => {
                self.discharge_to_any_reg(e)?;
                self.free_exp(e);
                let b = e.reg().unwrap_or(0);
                e.k = ExpKind::Reloc(self.code(Insn::Not { a: 0, b })?);
            }
            _ => return Err(self.internal_error("'not' of an undischarged expression")),
        }
        std::mem::swap(&mut e.t, &mut e.f);
        self.remove_values(e.f);
        self.remove_values(e.t);
        Ok(())
    }

    // --- Indexing -----------------------------------------------------------------------------

    /// Turns table expression `t` into the indexed location `t[k]`.
    pub(super) fn indexed(&mut self, t: &mut ExpDesc, k: &mut ExpDesc) -> CResult<()> {
        if let ExpKind::KStr(s) = k.k.clone() {
            k.k = ExpKind::K(self.string_k(&s));
        }
        let string_key = match k.k {
            ExpKind::K(index)
                if !k.has_jumps()
                    && matches!(self.cur.constants[index as usize], Constant::Str(_)) =>
            {
                Some(index)
            }
            _ => None,
        };
        if let ExpKind::Upval(up) = t.k {
            match string_key {
                Some(key) => {
                    t.k = ExpKind::IndexUp { t: up, key };
                    return Ok(());
                }
                None => {
                    self.exp_to_any_reg(t)?;
                }
            }
        }
        let table = match t.k {
            ExpKind::Local { reg, .. } | ExpKind::NonReloc(reg) => reg,
            _ => return Err(self.internal_error("indexing a non-register table")),
        };
        if let Some(key) = string_key {
            t.k = ExpKind::IndexStr { t: table, key };
        } else if let Some(Number::Int(i @ 0..=255)) = k.numeral() {
            // Like Lua, only small non-negative integer keys use `GetI`/`SetI`, so that error
            // messages name other keys as Lua does.
            t.k = ExpKind::IndexInt {
                t: table,
                key: i as i32,
            };
        } else {
            let key = self.exp_to_any_reg(k)?;
            t.k = ExpKind::Indexed { t: table, key };
        }
        Ok(())
    }

    // --- Operators ----------------------------------------------------------------------------

    /// Tries to fold `e1 op e2` into `e1`.
    fn const_folding(op: ArithOp, e1: &mut ExpDesc, e2: &ExpDesc) -> bool {
        let (Some(a), Some(b)) = (e1.numeral(), e2.numeral()) else {
            return false;
        };
        match fold::fold_binary(op, a, b) {
            Some(result) => {
                e1.k = number_exp(result);
                true
            }
            None => false,
        }
    }

    pub(super) fn prefix(&mut self, op: UnOpr, e: &mut ExpDesc, line: u32) -> CResult<()> {
        self.discharge_vars(e)?;
        match op {
            UnOpr::Minus | UnOpr::BNot => {
                let fold_op = if op == UnOpr::Minus {
                    FoldUnary::Minus
                } else {
                    FoldUnary::BNot
                };
                if let Some(result) = e.numeral().and_then(|n| fold::fold_unary(fold_op, n)) {
                    e.k = number_exp(result);
                    return Ok(());
                }
                self.code_unary(op, e, line)
            }
            UnOpr::Len => self.code_unary(op, e, line),
            UnOpr::Not => self.code_not(e),
        }
    }

    fn code_unary(&mut self, op: UnOpr, e: &mut ExpDesc, line: u32) -> CResult<()> {
        let b = self.exp_to_any_reg(e)?;
        self.free_exp(e);
        let insn = match op {
            UnOpr::Minus => Insn::Unm { a: 0, b },
            UnOpr::BNot => Insn::BNot { a: 0, b },
            UnOpr::Len => Insn::Len { a: 0, b },
            UnOpr::Not => Insn::Not { a: 0, b },
        };
        e.k = ExpKind::Reloc(self.code(insn)?);
        self.fix_line(line);
        Ok(())
    }

    /// Prepares the left operand `v` of a binary operator before the right one is read.
    pub(super) fn infix(&mut self, op: BinOpr, v: &mut ExpDesc) -> CResult<()> {
        self.discharge_vars(v)?;
        match op {
            BinOpr::And => self.go_if_true(v)?,
            BinOpr::Or => self.go_if_false(v)?,
            BinOpr::Concat => self.exp_to_next_reg(v)?,
            BinOpr::Arith(_) => {
                // A numeral may be folded or become an immediate/constant operand.
                if v.numeral().is_none() {
                    self.exp_to_any_reg(v)?;
                }
            }
            BinOpr::Eq | BinOpr::Ne => {
                if v.numeral().is_none() {
                    self.exp_to_rk(v, u32::from(u8::MAX))?;
                }
            }
            BinOpr::Lt | BinOpr::Le | BinOpr::Gt | BinOpr::Ge => {
                if v.order_imm().is_none() {
                    self.exp_to_any_reg(v)?;
                }
            }
        }
        Ok(())
    }

    /// Finishes `e1 op e2` into `e1`.
    pub(super) fn posfix(
        &mut self,
        op: BinOpr,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        self.discharge_vars(e2)?;
        if let BinOpr::Arith(arith) = op
            && Self::const_folding(arith, e1, e2)
        {
            return Ok(());
        }
        match op {
            BinOpr::And => {
                let mut f = e2.f;
                self.concat_jumps(&mut f, e1.f);
                e2.f = f;
                *e1 = e2.clone();
            }
            BinOpr::Or => {
                let mut t = e2.t;
                self.concat_jumps(&mut t, e1.t);
                e2.t = t;
                *e1 = e2.clone();
            }
            BinOpr::Concat => {
                self.exp_to_next_reg(e2)?;
                self.code_concat(e1, e2, line)?;
            }
            BinOpr::Arith(arith) => self.code_arith(arith, e1, e2, line)?,
            BinOpr::Eq | BinOpr::Ne => self.code_eq(op == BinOpr::Eq, e1, e2)?,
            BinOpr::Gt | BinOpr::Ge => {
                // `a > b` is `b < a`, `a >= b` is `b <= a`.
                std::mem::swap(e1, e2);
                self.code_order(op == BinOpr::Ge, e1, e2)?;
            }
            BinOpr::Lt | BinOpr::Le => self.code_order(op == BinOpr::Le, e1, e2)?,
        }
        Ok(())
    }

    fn code_concat(&mut self, e1: &mut ExpDesc, e2: &ExpDesc, line: u32) -> CResult<()> {
        let first = e1.reg().unwrap_or(0);
        if let Some(Insn::Concat { n, .. }) = self.previous_insn() {
            // `e2` is itself a concatenation: extend it downwards to include `e1`.
            self.free_exp(e2);
            if let Some(insn) = self.cur.code.last_mut() {
                *insn = Insn::Concat { a: first, n: n + 1 };
            }
        } else {
            self.code(Insn::Concat { a: first, n: 2 })?;
            self.free_exp(e2);
            self.fix_line(line);
        }
        Ok(())
    }

    /// Arithmetic and bitwise operators: an immediate or constant operand when one side is a
    /// numeral, otherwise two registers.
    fn code_arith(
        &mut self,
        op: ArithOp,
        e1: &mut ExpDesc,
        e2: &mut ExpDesc,
        line: u32,
    ) -> CResult<()> {
        const K16: u32 = u16::MAX as u32;
        if e1.numeral().is_some() && e2.numeral().is_some() {
            // Both constant but not foldable (e.g. `1 // 0`): the left one goes to a register.
            self.exp_to_any_reg(e1)?;
        }
        let insn = if e2.numeral().is_some() {
            let b = self.exp_to_any_reg(e1)?;
            if let Some(imm) = e2.small_int() {
                Insn::ArithI {
                    op,
                    a: 0,
                    b,
                    imm,
                    imm_left: false,
                }
            } else if self.exp_to_k(e2, K16) {
                let k = if let ExpKind::K(k) = e2.k {
                    k as u16
                } else {
                    0
                };
                Insn::ArithK {
                    op,
                    a: 0,
                    b,
                    k,
                    k_left: false,
                }
            } else {
                let c = self.exp_to_any_reg(e2)?;
                Insn::Arith { op, a: 0, b, c }
            }
        } else if e1.numeral().is_some() {
            let b = self.exp_to_any_reg(e2)?;
            if let Some(imm) = e1.small_int() {
                Insn::ArithI {
                    op,
                    a: 0,
                    b,
                    imm,
                    imm_left: true,
                }
            } else if self.exp_to_k(e1, K16) {
                let k = if let ExpKind::K(k) = e1.k {
                    k as u16
                } else {
                    0
                };
                Insn::ArithK {
                    op,
                    a: 0,
                    b,
                    k,
                    k_left: true,
                }
            } else {
                let left = self.exp_to_any_reg(e1)?;
                Insn::Arith {
                    op,
                    a: 0,
                    b: left,
                    c: b,
                }
            }
        } else {
            let c = self.exp_to_any_reg(e2)?;
            let b = self.exp_to_any_reg(e1)?;
            Insn::Arith { op, a: 0, b, c }
        };
        let pc = self.code(insn)?;
        self.free_exps(e1, e2);
        e1.k = ExpKind::Reloc(pc);
        e1.t = NO_JUMP;
        e1.f = NO_JUMP;
        self.fix_line(line);
        Ok(())
    }

    fn code_eq(&mut self, is_eq: bool, e1: &mut ExpDesc, e2: &mut ExpDesc) -> CResult<()> {
        if !matches!(e1.k, ExpKind::NonReloc(_)) {
            // `e1` is a constant kept by `infix`: compare the other way round.
            std::mem::swap(e1, e2);
        }
        let a = self.exp_to_any_reg(e1)?;
        let insn = if let Some(imm) = e2.eq_imm() {
            Insn::EqI {
                a,
                imm,
                jump_if: is_eq,
                target: INSN_NO_JUMP,
            }
        } else {
            match self.exp_to_rk(e2, u32::from(u8::MAX))? {
                RegOrK::K(k) => Insn::EqK {
                    a,
                    k: k as u8,
                    jump_if: is_eq,
                    target: INSN_NO_JUMP,
                },
                RegOrK::Reg(b) => Insn::Eq {
                    a,
                    b,
                    jump_if: is_eq,
                    target: INSN_NO_JUMP,
                },
            }
        };
        self.free_exps(e1, e2);
        e1.k = ExpKind::Jmp(self.code(insn)?);
        Ok(())
    }

    /// `e1 < e2` (or `<=` when `or_equal`), jumping when true.
    fn code_order(&mut self, or_equal: bool, e1: &mut ExpDesc, e2: &mut ExpDesc) -> CResult<()> {
        let target = INSN_NO_JUMP;
        let jump_if = true;
        let insn = if let Some(imm) = e2.order_imm() {
            let a = self.exp_to_any_reg(e1)?;
            if or_equal {
                Insn::LeI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
            } else {
                Insn::LtI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
            }
        } else if let Some(imm) = e1.order_imm() {
            // `imm < x` is `x > imm`.
            let a = self.exp_to_any_reg(e2)?;
            if or_equal {
                Insn::GeI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
            } else {
                Insn::GtI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
            }
        } else {
            let a = self.exp_to_any_reg(e1)?;
            let b = self.exp_to_any_reg(e2)?;
            if or_equal {
                Insn::Le {
                    a,
                    b,
                    jump_if,
                    target,
                }
            } else {
                Insn::Lt {
                    a,
                    b,
                    jump_if,
                    target,
                }
            }
        };
        self.free_exps(e1, e2);
        e1.k = ExpKind::Jmp(self.code(insn)?);
        Ok(())
    }

    // --- Tables ---------------------------------------------------------------------------------

    /// Fills in the size hints of the `NewTable` at `pc`.
    pub(super) fn set_table_size(&mut self, pc: usize, array: u32, hash: u32) {
        if let Insn::NewTable {
            array: a, hash: h, ..
        } = &mut self.cur.code[pc]
        {
            *a = array;
            *h = u8::try_from(hash).unwrap_or(u8::MAX);
        }
    }

    /// Stores `tostore` list items (`None` = up to top) from the registers above `base` into
    /// the table in `base`, after `nelems` items already stored.
    pub(super) fn set_list(&mut self, base: u8, nelems: u32, tostore: Option<u32>) -> CResult<()> {
        let n = match tostore {
            Some(n) => reg8(n),
            None => MULTRET,
        };
        let first = nelems
            .checked_add(1)
            .ok_or_else(|| self.syntax_error("items in a constructor overflow"))?;
        self.code(Insn::SetList { t: base, n, first })?;
        self.cur.freereg = u32::from(base) + 1;
        Ok(())
    }

    // --- Finishing a function ---------------------------------------------------------------

    /// Final pass over a function's code (Lua's `luaK_finish`): returns learn whether they must
    /// close upvalues, forward jumps to jumps are shortened, and nothing is left unpatched.
    pub(super) fn finish_code(&mut self) -> CResult<()> {
        let needclose = self.cur.needclose;
        let is_vararg = self.cur.is_vararg;
        for pc in 0..self.cur.code.len() {
            let insn = self.cur.code[pc];
            match insn {
                Insn::Return0 | Insn::Return1 { .. } if needclose || is_vararg => {
                    let (a, n) = match insn {
                        Insn::Return1 { a } => (a, 1),
                        _ => (0, 0),
                    };
                    self.cur.code[pc] = Insn::Return {
                        a,
                        n,
                        close: needclose,
                    };
                }
                Insn::Return { a, n, .. } => {
                    self.cur.code[pc] = Insn::Return {
                        a,
                        n,
                        close: needclose,
                    }
                }
                Insn::TailCall { func, nargs, .. } => {
                    self.cur.code[pc] = Insn::TailCall {
                        func,
                        nargs,
                        close: needclose,
                    }
                }
                Insn::TestSet { a: NO_REG, .. } => {
                    return Err(self.internal_error("unpatched TESTSET"));
                }
                _ => {}
            }
            if let Some(target) = insn.jump_target() {
                if target == INSN_NO_JUMP {
                    return Err(self.internal_error("unpatched jump"));
                }
                if matches!(insn, Insn::Jmp { .. }) || insn.is_conditional() {
                    let last = self.final_target(target as usize);
                    // Only shorten forward jumps, so that every loop keeps the single back edge
                    // the source gave it.
                    if target as usize > pc && last > pc {
                        self.cur.code[pc].set_jump_target(last as u32);
                    }
                }
            }
        }
        Ok(())
    }

    /// Follows a chain of unconditional jumps starting at `pc` (at most 100 links).
    fn final_target(&self, mut pc: usize) -> usize {
        for _ in 0..100 {
            match self.cur.code.get(pc) {
                Some(Insn::Jmp { target }) if (*target as usize) != pc => pc = *target as usize,
                _ => break,
            }
        }
        pc
    }
}

/// A register or a constant index (Lua's RK operand).
#[derive(Clone, Copy)]
enum RegOrK {
    Reg(u8),
    K(u32),
}

fn number_exp(n: Number) -> ExpKind {
    match n {
        Number::Int(i) => ExpKind::KInt(i),
        Number::Float(f) => ExpKind::KFlt(f),
    }
}

/// Key of the constant cache: floats by bit pattern, so `1` and `1.0` (and `0.0` and `-0.0`)
/// stay distinct constants.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum ConstKey {
    Nil,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(Rc<[u8]>),
}

impl ConstKey {
    fn of(value: &Constant) -> ConstKey {
        match value {
            Constant::Nil => ConstKey::Nil,
            Constant::Bool(b) => ConstKey::Bool(*b),
            Constant::Int(i) => ConstKey::Int(*i),
            Constant::Float(f) => ConstKey::Float(f.to_bits()),
            Constant::Str(s) => ConstKey::Str(s.clone()),
        }
    }
}
