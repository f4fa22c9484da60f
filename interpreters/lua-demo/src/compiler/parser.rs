//! The Lua 5.4 parser, after `lparser.c`: recursive descent that emits code while it parses.
//!
//! Each function being compiled has a `FuncState` (the current one is `Parser::cur`, enclosing
//! ones wait in `Parser::outer`). Active local variables of all open functions live in one list
//! (`actvar`), as do pending gotos and visible labels, each function remembering where its own
//! entries start. Scoping, upvalue resolution, `goto`/label resolution, `<const>`/`<close>`
//! locals and the order of evaluation in assignments all follow Lua; the comments name the Lua
//! function each part corresponds to when the name is not obvious.
//!
//! Recursion is bounded like Lua's: every statement and subexpression counts a level, and 200
//! levels is the error "C stack overflow".

use std::collections::HashMap;
use std::rc::Rc;

use super::CompileError;
use super::code::{BinOpr, CResult, ConstKey, ExpDesc, ExpKind, NO_JUMP, UNARY_PRIORITY, UnOpr};
use super::lexer::{Lexer, Near, Tok, Token, error_at, token_to_str};
use crate::bytecode::{
    ArithOp, Constant, Insn, LocVar, MULTRET, NO_JUMP as INSN_NO_JUMP, Proto, UpvalDesc,
};

/// Maximum number of local variables per function (Lua's `MAXVARS`).
const MAX_VARS: usize = 200;
/// Maximum number of upvalues per function (Lua's `MAXUPVAL`).
const MAX_UPVALUES: usize = 255;
/// Nesting limit of statements and expressions (Lua's `LUAI_MAXCCALLS`).
const MAX_LEVELS: u32 = 200;
/// List items stored per `SetList` (Lua's `LFIELDS_PER_FLUSH`).
const FIELDS_PER_FLUSH: u32 = 50;

/// The kind of a local variable (Lua's `VDKREG`, `RDKCONST`, `RDKTOCLOSE`, `RDKCTC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum VarKind {
    Regular,
    /// `<const>` whose value is not known at compile time: read-only, but in a register.
    ReadOnly,
    /// `<close>`: read-only and closed when it goes out of scope.
    ToClose,
    /// `<const>` with a constant value: no register, uses are replaced by the value.
    CompileTimeConst,
}

/// An active (or being declared) local variable.
#[derive(Clone, Debug)]
pub(super) struct VarDesc {
    kind: VarKind,
    /// Register, unless a compile-time constant.
    reg: u8,
    /// Index in the function's `locvars`, unless a compile-time constant.
    locvar: usize,
    name: Rc<str>,
    /// The value of a compile-time constant.
    pub(super) value: Constant,
}

/// A pending goto or a visible label.
#[derive(Clone, Debug)]
struct LabelDesc {
    name: Rc<str>,
    /// For a label, its position; for a goto, its jump list.
    pc: usize,
    line: u32,
    /// Number of active variables at that position.
    nactvar: usize,
    /// For a goto: whether it leaves the scope of a captured variable.
    close: bool,
}

/// A block (Lua's `BlockCnt`).
#[derive(Clone, Debug)]
struct BlockCnt {
    first_label: usize,
    first_goto: usize,
    /// Active variables outside the block.
    nactvar: usize,
    /// Some variable of the block is captured or to-be-closed.
    upval: bool,
    is_loop: bool,
    /// Inside the scope of a to-be-closed variable (no tail calls).
    inside_tbc: bool,
}

/// A function being compiled (Lua's `FuncState` plus the `Proto` it fills).
pub(super) struct FuncState {
    pub(super) code: Vec<Insn>,
    pub(super) lines: Vec<u32>,
    pub(super) constants: Vec<Constant>,
    pub(super) kcache: HashMap<ConstKey, u32>,
    protos: Vec<Rc<Proto>>,
    upvalues: Vec<UpvalDesc>,
    /// Kind of the variable each upvalue refers to (for assignments to `<const>` upvalues).
    upvalue_kinds: Vec<VarKind>,
    locvars: Vec<LocVar>,
    num_params: u8,
    pub(super) is_vararg: bool,
    pub(super) max_stack: u8,
    line_defined: u32,
    last_line_defined: u32,
    blocks: Vec<BlockCnt>,
    /// The last pc that is a jump target.
    pub(super) last_target: usize,
    /// Index of this function's first variable in `Parser::actvar`.
    first_local: usize,
    /// Index of this function's first label in `Parser::labels`.
    first_label: usize,
    /// Number of active local variables (including compile-time constants).
    pub(super) nactvar: usize,
    /// First free register.
    pub(super) freereg: u32,
    /// Returns must close upvalues or to-be-closed variables.
    pub(super) needclose: bool,
}

impl FuncState {
    fn new(line_defined: u32, first_local: usize, first_label: usize) -> FuncState {
        FuncState {
            code: Vec::new(),
            lines: Vec::new(),
            constants: Vec::new(),
            kcache: HashMap::new(),
            protos: Vec::new(),
            upvalues: Vec::new(),
            upvalue_kinds: Vec::new(),
            locvars: Vec::new(),
            num_params: 0,
            is_vararg: false,
            // Registers 0 and 1 are always valid, as in Lua.
            max_stack: 2,
            line_defined,
            last_line_defined: 0,
            blocks: Vec::new(),
            last_target: 0,
            first_local,
            first_label,
            nactvar: 0,
            freereg: 0,
            needclose: false,
        }
    }
}

/// Table constructor state (Lua's `ConsControl`).
struct ConsControl {
    /// Last list item read, not yet stored.
    v: ExpDesc,
    /// Register of the table.
    table: u8,
    /// Record items so far.
    nh: u32,
    /// Array items already stored.
    na: u32,
    /// Array items pending.
    tostore: u32,
}

pub(super) struct Parser<'a> {
    lex: Lexer<'a>,
    /// The current token.
    t: Token,
    /// A token read ahead by `lookahead`.
    ahead: Option<Token>,
    /// Line of the last token consumed: the line instructions are attributed to.
    pub(super) lastline: u32,
    chunkname: Rc<str>,
    pub(super) cur: FuncState,
    outer: Vec<FuncState>,
    pub(super) actvar: Vec<VarDesc>,
    gotos: Vec<LabelDesc>,
    labels: Vec<LabelDesc>,
    depth: u32,
    env_name: Rc<str>,
    break_name: Rc<str>,
}

/// Compiles a whole chunk (Lua's `luaY_parser` + `mainfunc`).
pub(super) fn parse_chunk(src: &[u8], chunkname: Rc<str>) -> CResult<Rc<Proto>> {
    let mut parser = Parser {
        lex: Lexer::new(src, chunkname.clone()),
        t: Token {
            tok: Tok::Eos,
            text: Rc::from(&[][..]),
        },
        ahead: None,
        lastline: 1,
        chunkname,
        cur: FuncState::new(0, 0, 0),
        outer: Vec::new(),
        actvar: Vec::new(),
        gotos: Vec::new(),
        labels: Vec::new(),
        depth: 0,
        env_name: Rc::from("_ENV"),
        break_name: Rc::from("break"),
    };
    parser.main_func().map(Rc::new)
}

fn get_unopr(tok: &Tok) -> Option<UnOpr> {
    match tok {
        Tok::Not => Some(UnOpr::Not),
        Tok::Char(b'-') => Some(UnOpr::Minus),
        Tok::Char(b'~') => Some(UnOpr::BNot),
        Tok::Char(b'#') => Some(UnOpr::Len),
        _ => None,
    }
}

fn get_binopr(tok: &Tok) -> Option<BinOpr> {
    Some(match tok {
        Tok::Char(b'+') => BinOpr::Arith(ArithOp::Add),
        Tok::Char(b'-') => BinOpr::Arith(ArithOp::Sub),
        Tok::Char(b'*') => BinOpr::Arith(ArithOp::Mul),
        Tok::Char(b'%') => BinOpr::Arith(ArithOp::Mod),
        Tok::Char(b'^') => BinOpr::Arith(ArithOp::Pow),
        Tok::Char(b'/') => BinOpr::Arith(ArithOp::Div),
        Tok::IDiv => BinOpr::Arith(ArithOp::IDiv),
        Tok::Char(b'&') => BinOpr::Arith(ArithOp::BAnd),
        Tok::Char(b'|') => BinOpr::Arith(ArithOp::BOr),
        Tok::Char(b'~') => BinOpr::Arith(ArithOp::BXor),
        Tok::Shl => BinOpr::Arith(ArithOp::Shl),
        Tok::Shr => BinOpr::Arith(ArithOp::Shr),
        Tok::Concat => BinOpr::Concat,
        Tok::Ne => BinOpr::Ne,
        Tok::Eq => BinOpr::Eq,
        Tok::Char(b'<') => BinOpr::Lt,
        Tok::Le => BinOpr::Le,
        Tok::Char(b'>') => BinOpr::Gt,
        Tok::Ge => BinOpr::Ge,
        Tok::And => BinOpr::And,
        Tok::Or => BinOpr::Or,
        _ => return None,
    })
}

/// Lua's `vkisvar`: something that can be assigned to.
fn is_var(k: &ExpKind) -> bool {
    matches!(
        k,
        ExpKind::Local { .. }
            | ExpKind::Upval(_)
            | ExpKind::Const(_)
            | ExpKind::Indexed { .. }
            | ExpKind::IndexUp { .. }
            | ExpKind::IndexInt { .. }
            | ExpKind::IndexStr { .. }
    )
}

fn is_indexed(k: &ExpKind) -> bool {
    matches!(
        k,
        ExpKind::Indexed { .. }
            | ExpKind::IndexUp { .. }
            | ExpKind::IndexInt { .. }
            | ExpKind::IndexStr { .. }
    )
}

fn name_bytes(name: &str) -> Rc<[u8]> {
    Rc::from(name.as_bytes())
}

impl<'a> Parser<'a> {
    // --- Tokens ---------------------------------------------------------------------------------

    fn next(&mut self) -> CResult<()> {
        self.lastline = self.lex.line;
        self.t = match self.ahead.take() {
            Some(token) => token,
            None => self.lex.next_token()?,
        };
        Ok(())
    }

    fn lookahead(&mut self) -> CResult<&Tok> {
        if self.ahead.is_none() {
            self.ahead = Some(self.lex.next_token()?);
        }
        Ok(self.ahead.as_ref().map_or(&Tok::Eos, |token| &token.tok))
    }

    fn is(&self, tok: &Tok) -> bool {
        &self.t.tok == tok
    }

    fn is_char(&self, c: u8) -> bool {
        self.t.tok == Tok::Char(c)
    }

    fn test_next(&mut self, tok: &Tok) -> CResult<bool> {
        if self.is(tok) {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn check(&self, tok: &Tok) -> CResult<()> {
        if self.is(tok) {
            Ok(())
        } else {
            Err(self.error_expected(tok))
        }
    }

    fn check_next(&mut self, tok: &Tok) -> CResult<()> {
        self.check(tok)?;
        self.next()
    }

    /// `what` closes `who` opened at line `line`.
    fn check_match(&mut self, what: &Tok, who: &Tok, line: u32) -> CResult<()> {
        if self.test_next(what)? {
            return Ok(());
        }
        if line == self.lex.line {
            Err(self.error_expected(what))
        } else {
            let msg = format!(
                "{} expected (to close {} at line {line})",
                token_to_str(what),
                token_to_str(who)
            );
            Err(self.syntax_error(&msg))
        }
    }

    fn check_name(&mut self) -> CResult<Rc<str>> {
        match &self.t.tok {
            Tok::Name(name) => {
                let name = name.clone();
                self.next()?;
                Ok(name)
            }
            _ => Err(self.error_expected(&Tok::Name(Rc::from("")))),
        }
    }

    fn code_name(&mut self) -> CResult<ExpDesc> {
        let name = self.check_name()?;
        Ok(ExpDesc::new(ExpKind::KStr(name_bytes(&name))))
    }

    fn block_follow(&self, with_until: bool) -> bool {
        match self.t.tok {
            Tok::Else | Tok::Elseif | Tok::End | Tok::Eos => true,
            Tok::Until => with_until,
            _ => false,
        }
    }

    // --- Errors ---------------------------------------------------------------------------------

    /// An error at the current line, quoting the current token (Lua's `luaX_syntaxerror`).
    pub(super) fn syntax_error(&self, msg: &str) -> CompileError {
        let near = match &self.t.tok {
            Tok::Name(_) | Tok::Str(_) | Tok::Int(_) | Tok::Flt(_) => Near::Text(&self.t.text),
            tok => Near::Tok(tok),
        };
        error_at(&self.chunkname, self.lex.line, msg, Some(near))
    }

    /// An error at the current line without a token (Lua's `luaK_semerror`).
    fn sem_error(&self, msg: &str) -> CompileError {
        error_at(&self.chunkname, self.lex.line, msg, None)
    }

    fn error_expected(&self, tok: &Tok) -> CompileError {
        self.syntax_error(&format!("{} expected", token_to_str(tok)))
    }

    /// "too many X (limit is N) in F", for the function at `level` (0 = current).
    fn error_limit(&self, level: usize, limit: usize, what: &str) -> CompileError {
        let line = self.fs_at(level).map_or(0, |fs| fs.line_defined);
        let place = if line == 0 {
            "main function".to_string()
        } else {
            format!("function at line {line}")
        };
        self.syntax_error(&format!("too many {what} (limit is {limit}) in {place}"))
    }

    /// A broken compiler invariant: reported as an error rather than a panic.
    pub(super) fn internal_error(&self, what: &str) -> CompileError {
        let msg = format!(
            "{}:{}: internal compiler error: {what}",
            self.chunkname, self.lex.line
        );
        CompileError::new(msg.into_bytes(), Some(self.lex.line))
    }

    fn enter_level(&mut self) -> CResult<()> {
        self.depth += 1;
        if self.depth >= MAX_LEVELS {
            return Err(CompileError::new(b"C stack overflow".to_vec(), None));
        }
        Ok(())
    }

    fn leave_level(&mut self) {
        self.depth -= 1;
    }

    // --- Functions, blocks and variables ------------------------------------------------------

    /// The function `level` steps out from the current one.
    fn fs_at(&self, level: usize) -> Option<&FuncState> {
        if level == 0 {
            Some(&self.cur)
        } else {
            self.outer.len().checked_sub(level).map(|i| &self.outer[i])
        }
    }

    fn fs_at_mut(&mut self, level: usize) -> Option<&mut FuncState> {
        if level == 0 {
            Some(&mut self.cur)
        } else {
            self.outer
                .len()
                .checked_sub(level)
                .map(|i| &mut self.outer[i])
        }
    }

    fn var(&self, vidx: usize) -> &VarDesc {
        &self.actvar[self.cur.first_local + vidx]
    }

    fn var_mut(&mut self, vidx: usize) -> &mut VarDesc {
        let first = self.cur.first_local;
        &mut self.actvar[first + vidx]
    }

    /// Number of registers used by the first `nvar` active variables (Lua's `reglevel`).
    pub(super) fn reg_level(&self, nvar: usize) -> u32 {
        (0..nvar)
            .rev()
            .map(|i| self.var(i))
            .find(|var| var.kind != VarKind::CompileTimeConst)
            .map_or(0, |var| u32::from(var.reg) + 1)
    }

    /// Number of registers used by active variables (Lua's `luaY_nvarstack`).
    pub(super) fn nvarstack(&self) -> u32 {
        self.reg_level(self.cur.nactvar)
    }

    /// Declares a local variable (not active yet); returns its index in the function.
    fn new_localvar(&mut self, name: Rc<str>) -> CResult<usize> {
        if self.actvar.len() + 1 - self.cur.first_local > MAX_VARS {
            return Err(self.error_limit(0, MAX_VARS, "local variables"));
        }
        self.actvar.push(VarDesc {
            kind: VarKind::Regular,
            reg: 0,
            locvar: 0,
            name,
            value: Constant::Nil,
        });
        Ok(self.actvar.len() - 1 - self.cur.first_local)
    }

    /// Activates the last `nvars` declared variables, giving them registers.
    fn adjust_local_vars(&mut self, nvars: usize) -> CResult<()> {
        let first_reg = self.nvarstack();
        for reg in first_reg..first_reg + nvars as u32 {
            let vidx = self.cur.nactvar;
            self.cur.nactvar += 1;
            let name = self.var(vidx).name.clone();
            let reg8 = u8::try_from(reg).map_err(|_| self.internal_error("register overflow"))?;
            let locvar = self.cur.locvars.len();
            self.cur.locvars.push(LocVar {
                name,
                start_pc: self.pc() as u32,
                end_pc: 0,
                reg: reg8,
            });
            let var = self.var_mut(vidx);
            var.reg = reg8;
            var.locvar = locvar;
        }
        Ok(())
    }

    /// Deactivates variables down to `to_level`, closing their debug ranges.
    fn remove_vars(&mut self, to_level: usize) {
        let pc = self.pc() as u32;
        while self.cur.nactvar > to_level {
            self.cur.nactvar -= 1;
            let var = self.var(self.cur.nactvar);
            if var.kind != VarKind::CompileTimeConst {
                let locvar = var.locvar;
                self.cur.locvars[locvar].end_pc = pc;
            }
        }
    }

    fn enter_block(&mut self, is_loop: bool) {
        let inside_tbc = self.cur.blocks.last().is_some_and(|bl| bl.inside_tbc);
        self.cur.blocks.push(BlockCnt {
            first_label: self.labels.len(),
            first_goto: self.gotos.len(),
            nactvar: self.cur.nactvar,
            upval: false,
            is_loop,
            inside_tbc,
        });
    }

    fn leave_block(&mut self) -> CResult<()> {
        let Some(bl) = self.cur.blocks.last().cloned() else {
            return Err(self.internal_error("leaving a block that was not entered"));
        };
        let stack_level = self.reg_level(bl.nactvar);
        // Variables go out of scope now; their descriptors stay in `actvar` until the end of
        // this function, because pending gotos still compare register levels with them.
        self.remove_vars(bl.nactvar);
        let mut has_close = false;
        if bl.is_loop {
            has_close = self.create_label(self.break_name.clone(), 0, false)?;
        }
        let has_previous = self.cur.blocks.len() > 1;
        if !has_close && has_previous && bl.upval {
            self.code(Insn::Close {
                a: stack_level as u8,
            })?;
        }
        self.cur.freereg = stack_level;
        self.labels.truncate(bl.first_label);
        self.cur.blocks.pop();
        if has_previous {
            self.move_gotos_out(&bl);
        } else if let Some(goto) = self.gotos.get(bl.first_goto) {
            return Err(self.undefined_goto(goto));
        }
        self.actvar
            .truncate(self.cur.first_local + self.cur.nactvar);
        Ok(())
    }

    /// Pending gotos of a block being left now belong to the enclosing block (Lua's
    /// `movegotosout`).
    fn move_gotos_out(&mut self, bl: &BlockCnt) {
        let block_level = self.reg_level(bl.nactvar);
        for i in bl.first_goto..self.gotos.len() {
            let goto_level = self.reg_level(self.gotos[i].nactvar);
            let goto = &mut self.gotos[i];
            if goto_level > block_level {
                goto.close |= bl.upval;
            }
            goto.nactvar = bl.nactvar;
        }
    }

    /// Marks the block holding variable `vidx` of the function at `level` as having a captured
    /// variable.
    fn mark_upval(&mut self, level: usize, vidx: usize) {
        if let Some(fs) = self.fs_at_mut(level) {
            if let Some(bl) = fs.blocks.iter_mut().rev().find(|bl| bl.nactvar <= vidx) {
                bl.upval = true;
            }
            fs.needclose = true;
        }
    }

    fn mark_to_be_closed(&mut self) {
        if let Some(bl) = self.cur.blocks.last_mut() {
            bl.upval = true;
            bl.inside_tbc = true;
        }
        self.cur.needclose = true;
    }

    fn open_func(&mut self, line_defined: u32) {
        let fs = FuncState::new(line_defined, self.actvar.len(), self.labels.len());
        let parent = std::mem::replace(&mut self.cur, fs);
        self.outer.push(parent);
        self.enter_block(false);
    }

    /// Finishes the current function and makes the enclosing one current again.
    fn close_func(&mut self) -> CResult<Proto> {
        let first = self.nvarstack();
        self.ret(first, Some(0))?;
        self.leave_block()?;
        self.finish_code()?;
        let parent = self.outer.pop().unwrap_or_else(|| FuncState::new(0, 0, 0));
        let fs = std::mem::replace(&mut self.cur, parent);
        Ok(Proto {
            source: self.chunkname.clone(),
            line_defined: fs.line_defined,
            last_line_defined: fs.last_line_defined,
            num_params: fs.num_params,
            is_vararg: fs.is_vararg,
            max_stack: fs.max_stack,
            code: fs.code,
            lines: fs.lines,
            constants: fs.constants,
            protos: fs.protos,
            upvalues: fs.upvalues,
            locvars: fs.locvars,
        })
    }

    fn set_vararg(&mut self, nparams: u8) -> CResult<()> {
        self.cur.is_vararg = true;
        self.code(Insn::VarArgPrep { nparams })?;
        Ok(())
    }

    fn main_func(&mut self) -> CResult<Proto> {
        self.enter_block(false);
        self.set_vararg(0)?;
        self.cur.upvalues.push(UpvalDesc {
            name: self.env_name.clone(),
            in_stack: true,
            index: 0,
        });
        self.cur.upvalue_kinds.push(VarKind::Regular);
        self.next()?;
        self.stat_list()?;
        self.check(&Tok::Eos)?;
        self.close_func()
    }

    // --- Variables and upvalues -------------------------------------------------------------

    /// Looks `name` up among the active locals of the function at `level`.
    fn search_var(&self, level: usize, name: &str) -> Option<ExpKind> {
        let fs = self.fs_at(level)?;
        (0..fs.nactvar).rev().find_map(|i| {
            let index = fs.first_local + i;
            let var = &self.actvar[index];
            if &*var.name != name {
                None
            } else if var.kind == VarKind::CompileTimeConst {
                Some(ExpKind::Const(index))
            } else {
                Some(ExpKind::Local {
                    reg: var.reg,
                    vidx: i,
                })
            }
        })
    }

    fn new_upvalue(&mut self, level: usize, name: &Rc<str>, var: &ExpKind) -> CResult<u8> {
        let count = self.fs_at(level).map_or(0, |fs| fs.upvalues.len());
        if count + 1 > MAX_UPVALUES {
            return Err(self.error_limit(level, MAX_UPVALUES, "upvalues"));
        }
        let (in_stack, index, kind) = match *var {
            ExpKind::Local { reg, vidx } => {
                let first = self.fs_at(level + 1).map_or(0, |fs| fs.first_local);
                (true, reg, self.actvar[first + vidx].kind)
            }
            ExpKind::Upval(up) => {
                let kind = self
                    .fs_at(level + 1)
                    .and_then(|fs| fs.upvalue_kinds.get(usize::from(up)).copied())
                    .unwrap_or(VarKind::Regular);
                (false, up, kind)
            }
            _ => return Err(self.internal_error("upvalue of a non-variable")),
        };
        let Some(fs) = self.fs_at_mut(level) else {
            return Err(self.internal_error("no function for upvalue"));
        };
        fs.upvalues.push(UpvalDesc {
            name: name.clone(),
            in_stack,
            index,
        });
        fs.upvalue_kinds.push(kind);
        Ok(count as u8)
    }

    /// Resolves `name` in the function at `level` (Lua's `singlevaraux`); `Void` means global.
    fn single_var_aux(&mut self, level: usize, name: &Rc<str>, base: bool) -> CResult<ExpKind> {
        if self.fs_at(level).is_none() {
            return Ok(ExpKind::Void);
        }
        if let Some(found) = self.search_var(level, name) {
            if let (ExpKind::Local { vidx, .. }, false) = (&found, base) {
                self.mark_upval(level, *vidx);
            }
            return Ok(found);
        }
        let existing = self
            .fs_at(level)
            .and_then(|fs| fs.upvalues.iter().position(|up| up.name == *name));
        let index = match existing {
            Some(index) => index as u8,
            None => {
                let outer = self.single_var_aux(level + 1, name, false)?;
                match outer {
                    ExpKind::Local { .. } | ExpKind::Upval(_) => {
                        self.new_upvalue(level, name, &outer)?
                    }
                    // A global or a compile-time constant: nothing to capture.
                    other => return Ok(other),
                }
            }
        };
        Ok(ExpKind::Upval(index))
    }

    /// A variable reference: local, upvalue, constant or `_ENV.name`.
    fn single_var(&mut self, var: &mut ExpDesc) -> CResult<()> {
        let name = self.check_name()?;
        *var = ExpDesc::new(self.single_var_aux(0, &name, true)?);
        if var.k == ExpKind::Void {
            let env = self.env_name.clone();
            *var = ExpDesc::new(self.single_var_aux(0, &env, true)?);
            if var.k == ExpKind::Void {
                return Err(self.internal_error("_ENV not found"));
            }
            self.exp_to_any_reg_up(var)?;
            let mut key = ExpDesc::new(ExpKind::KStr(name_bytes(&name)));
            self.indexed(var, &mut key)?;
        }
        Ok(())
    }

    fn check_readonly(&self, e: &ExpDesc) -> CResult<()> {
        let name = match e.k {
            ExpKind::Const(index) => Some(self.actvar[index].name.clone()),
            ExpKind::Local { vidx, .. } => {
                let var = self.var(vidx);
                (var.kind != VarKind::Regular).then(|| var.name.clone())
            }
            ExpKind::Upval(up) => {
                let up = usize::from(up);
                match self.cur.upvalue_kinds.get(up) {
                    Some(VarKind::Regular) | None => None,
                    Some(_) => Some(self.cur.upvalues[up].name.clone()),
                }
            }
            _ => None,
        };
        match name {
            Some(name) => {
                Err(self.sem_error(&format!("attempt to assign to const variable '{name}'")))
            }
            None => Ok(()),
        }
    }

    // --- Gotos and labels -----------------------------------------------------------------------

    fn find_label(&self, name: &str) -> Option<LabelDesc> {
        self.labels[self.cur.first_label..]
            .iter()
            .find(|label| &*label.name == name)
            .cloned()
    }

    fn new_goto_entry(&mut self, name: Rc<str>, line: u32, pc: usize) {
        self.gotos.push(LabelDesc {
            name,
            pc,
            line,
            nactvar: self.cur.nactvar,
            close: false,
        });
    }

    fn undefined_goto(&self, goto: &LabelDesc) -> CompileError {
        let msg = if goto.name == self.break_name {
            format!("break outside loop at line {}", goto.line)
        } else {
            format!(
                "no visible label '{}' for <goto> at line {}",
                goto.name, goto.line
            )
        };
        self.sem_error(&msg)
    }

    /// Resolves pending goto `g` to `label`, or reports a jump into a variable's scope.
    fn solve_goto(&mut self, g: usize, label: &LabelDesc) -> CResult<()> {
        let goto = self.gotos[g].clone();
        if goto.nactvar < label.nactvar {
            let var_name = self.var(goto.nactvar).name.clone();
            let msg = format!(
                "<goto {}> at line {} jumps into the scope of local '{var_name}'",
                goto.name, goto.line
            );
            return Err(self.sem_error(&msg));
        }
        self.patch_list(goto.pc, label.pc);
        self.gotos.remove(g);
        Ok(())
    }

    /// Resolves the current block's pending gotos to `label`; true if one needs a `Close`.
    fn solve_gotos(&mut self, label: &LabelDesc) -> CResult<bool> {
        let mut i = self
            .cur
            .blocks
            .last()
            .map_or(self.gotos.len(), |bl| bl.first_goto);
        let mut needs_close = false;
        while i < self.gotos.len() {
            if self.gotos[i].name == label.name {
                needs_close |= self.gotos[i].close;
                self.solve_goto(i, label)?;
            } else {
                i += 1;
            }
        }
        Ok(needs_close)
    }

    /// Declares a label here; `last` says it ends its block (so block locals are out of scope).
    fn create_label(&mut self, name: Rc<str>, line: u32, last: bool) -> CResult<bool> {
        let pc = self.get_label();
        let nactvar = if last {
            self.cur
                .blocks
                .last()
                .map_or(self.cur.nactvar, |bl| bl.nactvar)
        } else {
            self.cur.nactvar
        };
        let label = LabelDesc {
            name,
            pc,
            line,
            nactvar,
            close: false,
        };
        self.labels.push(label.clone());
        if self.solve_gotos(&label)? {
            let level = self.nvarstack();
            self.code(Insn::Close { a: level as u8 })?;
            return Ok(true);
        }
        Ok(false)
    }

    // --- Statements -----------------------------------------------------------------------------

    fn stat_list(&mut self) -> CResult<()> {
        while !self.block_follow(true) {
            if self.is(&Tok::Return) {
                // `return` must be the last statement of its block.
                return self.statement();
            }
            self.statement()?;
        }
        Ok(())
    }

    fn block(&mut self) -> CResult<()> {
        self.enter_block(false);
        self.stat_list()?;
        self.leave_block()
    }

    fn statement(&mut self) -> CResult<()> {
        let line = self.lex.line;
        self.enter_level()?;
        match self.t.tok {
            Tok::Char(b';') => self.next()?,
            Tok::If => self.if_stat(line)?,
            Tok::While => self.while_stat(line)?,
            Tok::Do => {
                self.next()?;
                self.block()?;
                self.check_match(&Tok::End, &Tok::Do, line)?;
            }
            Tok::For => self.for_stat(line)?,
            Tok::Repeat => self.repeat_stat(line)?,
            Tok::Function => self.func_stat(line)?,
            Tok::Local => {
                self.next()?;
                if self.test_next(&Tok::Function)? {
                    self.local_func()?;
                } else {
                    self.local_stat()?;
                }
            }
            Tok::DbColon => {
                self.next()?;
                let name = self.check_name()?;
                self.label_stat(name, line)?;
            }
            Tok::Return => {
                self.next()?;
                self.ret_stat()?;
            }
            Tok::Break => self.break_stat()?,
            Tok::Goto => {
                self.next()?;
                self.goto_stat()?;
            }
            _ => self.expr_stat()?,
        }
        self.cur.freereg = self.nvarstack();
        self.leave_level();
        Ok(())
    }

    /// `cond` of `if`/`while`/`repeat`: returns the jumps taken when it is false.
    fn cond(&mut self) -> CResult<usize> {
        let mut v = ExpDesc::void();
        self.expr(&mut v)?;
        if v.k == ExpKind::Nil {
            v.k = ExpKind::False;
        }
        self.go_if_true(&mut v)?;
        Ok(v.f)
    }

    fn test_then_block(&mut self, escape_list: &mut usize) -> CResult<()> {
        self.next()?;
        let mut v = ExpDesc::void();
        self.expr(&mut v)?;
        self.check_next(&Tok::Then)?;
        let jf = if self.is(&Tok::Break) {
            // `if c then break`: jump straight out of the loop when `c` holds.
            let line = self.lex.line;
            self.go_if_false(&mut v)?;
            self.next()?;
            self.enter_block(false);
            self.new_goto_entry(self.break_name.clone(), line, v.t);
            while self.test_next(&Tok::Char(b';'))? {}
            if self.block_follow(false) {
                return self.leave_block();
            }
            self.jump()?
        } else {
            self.go_if_true(&mut v)?;
            self.enter_block(false);
            v.f
        };
        self.stat_list()?;
        self.leave_block()?;
        if self.is(&Tok::Else) || self.is(&Tok::Elseif) {
            let j = self.jump()?;
            self.concat_jumps(escape_list, j);
        }
        self.patch_to_here(jf);
        Ok(())
    }

    fn if_stat(&mut self, line: u32) -> CResult<()> {
        let mut escape_list = NO_JUMP;
        self.test_then_block(&mut escape_list)?;
        while self.is(&Tok::Elseif) {
            self.test_then_block(&mut escape_list)?;
        }
        if self.test_next(&Tok::Else)? {
            self.block()?;
        }
        self.check_match(&Tok::End, &Tok::If, line)?;
        self.patch_to_here(escape_list);
        Ok(())
    }

    fn while_stat(&mut self, line: u32) -> CResult<()> {
        self.next()?;
        let while_init = self.get_label();
        let cond_exit = self.cond()?;
        self.enter_block(true);
        self.check_next(&Tok::Do)?;
        self.block()?;
        let back = self.jump()?;
        self.patch_list(back, while_init);
        self.check_match(&Tok::End, &Tok::While, line)?;
        self.leave_block()?;
        self.patch_to_here(cond_exit);
        Ok(())
    }

    fn repeat_stat(&mut self, line: u32) -> CResult<()> {
        let repeat_init = self.get_label();
        self.enter_block(true);
        self.enter_block(false);
        self.next()?;
        self.stat_list()?;
        self.check_match(&Tok::Until, &Tok::Repeat, line)?;
        // The condition is inside the scope block: it sees the body's locals.
        let mut cond_exit = self.cond()?;
        let Some(scope) = self.cur.blocks.last().cloned() else {
            return Err(self.internal_error("repeat without a block"));
        };
        self.leave_block()?;
        if scope.upval {
            // Repeating must close the body's captured locals: a fresh copy per iteration.
            let exit = self.jump()?;
            self.patch_to_here(cond_exit);
            let level = self.reg_level(scope.nactvar);
            self.code(Insn::Close { a: level as u8 })?;
            cond_exit = self.jump()?;
            self.patch_to_here(exit);
        }
        self.patch_list(cond_exit, repeat_init);
        self.leave_block()
    }

    /// An expression into the next register (Lua's `exp1`).
    fn exp1(&mut self) -> CResult<()> {
        let mut e = ExpDesc::void();
        self.expr(&mut e)?;
        self.exp_to_next_reg(&mut e)
    }

    fn for_body(&mut self, base: u32, line: u32, nvars: usize, generic: bool) -> CResult<()> {
        self.check_next(&Tok::Do)?;
        let a = base as u8;
        let prep = if generic {
            self.code(Insn::TForPrep {
                a,
                call: INSN_NO_JUMP,
            })?
        } else {
            self.code(Insn::ForPrep {
                a,
                exit: INSN_NO_JUMP,
            })?
        };
        // The declared variables live in their own block, so they are fresh in each iteration.
        self.enter_block(false);
        self.adjust_local_vars(nvars)?;
        self.reserve_regs(nvars as u32)?;
        self.block()?;
        self.leave_block()?;
        let end_label = self.get_label();
        let body = (prep + 1) as u32;
        if generic {
            self.cur.code[prep].set_jump_target(end_label as u32);
            self.code(Insn::TForCall { a, n: nvars as u8 })?;
            self.fix_line(line);
            self.code(Insn::TForLoop { a, body })?;
        } else {
            let end_for = self.code(Insn::ForLoop { a, body })?;
            self.cur.code[prep].set_jump_target(end_for as u32 + 1);
        }
        self.fix_line(line);
        Ok(())
    }

    fn for_num(&mut self, var_name: Rc<str>, line: u32) -> CResult<()> {
        let base = self.cur.freereg;
        let state: Rc<str> = Rc::from("(for state)");
        for _ in 0..3 {
            self.new_localvar(state.clone())?;
        }
        self.new_localvar(var_name)?;
        self.check_next(&Tok::Char(b'='))?;
        self.exp1()?;
        self.check_next(&Tok::Char(b','))?;
        self.exp1()?;
        if self.test_next(&Tok::Char(b','))? {
            self.exp1()?;
        } else {
            let mut step = ExpDesc::new(ExpKind::KInt(1));
            self.exp_to_next_reg(&mut step)?;
        }
        self.adjust_local_vars(3)?;
        self.for_body(base, line, 1, false)
    }

    fn for_list(&mut self, index_name: Rc<str>) -> CResult<()> {
        let base = self.cur.freereg;
        let state: Rc<str> = Rc::from("(for state)");
        for _ in 0..4 {
            self.new_localvar(state.clone())?;
        }
        self.new_localvar(index_name)?;
        let mut nvars = 5;
        while self.test_next(&Tok::Char(b','))? {
            let name = self.check_name()?;
            self.new_localvar(name)?;
            nvars += 1;
        }
        self.check_next(&Tok::In)?;
        let line = self.lex.line;
        let (mut e, nexps) = self.exp_list()?;
        self.adjust_assign(4, nexps, &mut e)?;
        self.adjust_local_vars(4)?;
        // The fourth state variable is the closing value.
        self.mark_to_be_closed();
        // Room to call the iterator.
        self.check_stack(3)?;
        self.for_body(base, line, nvars - 4, true)
    }

    fn for_stat(&mut self, line: u32) -> CResult<()> {
        self.enter_block(true);
        self.next()?;
        let var_name = self.check_name()?;
        match self.t.tok {
            Tok::Char(b'=') => self.for_num(var_name, line)?,
            Tok::Char(b',') | Tok::In => self.for_list(var_name)?,
            _ => return Err(self.syntax_error("'=' or 'in' expected")),
        }
        self.check_match(&Tok::End, &Tok::For, line)?;
        self.leave_block()
    }

    fn func_name(&mut self, v: &mut ExpDesc) -> CResult<bool> {
        self.single_var(v)?;
        while self.is_char(b'.') {
            self.field_sel(v)?;
        }
        if self.is_char(b':') {
            self.field_sel(v)?;
            return Ok(true);
        }
        Ok(false)
    }

    fn func_stat(&mut self, line: u32) -> CResult<()> {
        self.next()?;
        let mut v = ExpDesc::void();
        let is_method = self.func_name(&mut v)?;
        let mut b = ExpDesc::void();
        self.body(&mut b, is_method, line)?;
        self.check_readonly(&v)?;
        self.store_var(&v, &mut b)?;
        // The definition "happens" in the first line.
        self.fix_line(line);
        Ok(())
    }

    fn local_func(&mut self) -> CResult<()> {
        let fvar = self.cur.nactvar;
        let name = self.check_name()?;
        self.new_localvar(name)?;
        self.adjust_local_vars(1)?;
        let mut b = ExpDesc::void();
        let line = self.lex.line;
        self.body(&mut b, false, line)?;
        // Debug information sees the variable only after the closure exists.
        let locvar = self.var(fvar).locvar;
        let pc = self.pc() as u32;
        self.cur.locvars[locvar].start_pc = pc;
        Ok(())
    }

    fn local_attribute(&mut self) -> CResult<VarKind> {
        if !self.test_next(&Tok::Char(b'<'))? {
            return Ok(VarKind::Regular);
        }
        let attribute = self.check_name()?;
        self.check_next(&Tok::Char(b'>'))?;
        match &*attribute {
            "const" => Ok(VarKind::ReadOnly),
            "close" => Ok(VarKind::ToClose),
            _ => Err(self.sem_error(&format!("unknown attribute '{attribute}'"))),
        }
    }

    fn local_stat(&mut self) -> CResult<()> {
        let mut to_close: Option<usize> = None;
        let mut nvars = 0;
        let mut vidx;
        loop {
            let name = self.check_name()?;
            vidx = self.new_localvar(name)?;
            let kind = self.local_attribute()?;
            self.var_mut(vidx).kind = kind;
            if kind == VarKind::ToClose {
                if to_close.is_some() {
                    return Err(self.sem_error("multiple to-be-closed variables in local list"));
                }
                to_close = Some(self.cur.nactvar + nvars);
            }
            nvars += 1;
            if !self.test_next(&Tok::Char(b','))? {
                break;
            }
        }
        let (mut e, nexps) = if self.test_next(&Tok::Char(b'='))? {
            self.exp_list()?
        } else {
            (ExpDesc::void(), 0)
        };
        let constant = if nvars == nexps && self.var(vidx).kind == VarKind::ReadOnly {
            self.exp_to_const(&e)
        } else {
            None
        };
        if let Some(value) = constant {
            let var = self.var_mut(vidx);
            var.kind = VarKind::CompileTimeConst;
            var.value = value;
            self.adjust_local_vars(nvars - 1)?;
            self.cur.nactvar += 1;
        } else {
            self.adjust_assign(nvars, nexps, &mut e)?;
            self.adjust_local_vars(nvars)?;
        }
        if let Some(level) = to_close {
            self.mark_to_be_closed();
            let reg = self.reg_level(level);
            self.code(Insn::Tbc { a: reg as u8 })?;
        }
        Ok(())
    }

    fn label_stat(&mut self, name: Rc<str>, line: u32) -> CResult<()> {
        self.check_next(&Tok::DbColon)?;
        while self.is_char(b';') || self.is(&Tok::DbColon) {
            self.statement()?;
        }
        if let Some(existing) = self.find_label(&name) {
            let msg = format!("label '{name}' already defined on line {}", existing.line);
            return Err(self.sem_error(&msg));
        }
        let last = self.block_follow(false);
        self.create_label(name, line, last)?;
        Ok(())
    }

    fn goto_stat(&mut self) -> CResult<()> {
        let line = self.lex.line;
        let name = self.check_name()?;
        match self.find_label(&name) {
            None => {
                // Forward jump, resolved when the label appears.
                let pc = self.jump()?;
                self.new_goto_entry(name, line, pc);
            }
            Some(label) => {
                // Backward jump: leave the scope of the variables declared after the label.
                let label_level = self.reg_level(label.nactvar);
                if self.nvarstack() > label_level {
                    self.code(Insn::Close {
                        a: label_level as u8,
                    })?;
                }
                let jump = self.jump()?;
                self.patch_list(jump, label.pc);
            }
        }
        Ok(())
    }

    fn break_stat(&mut self) -> CResult<()> {
        let line = self.lex.line;
        self.next()?;
        let pc = self.jump()?;
        self.new_goto_entry(self.break_name.clone(), line, pc);
        Ok(())
    }

    fn ret_stat(&mut self) -> CResult<()> {
        let mut first = self.nvarstack();
        let nret = if self.block_follow(true) || self.is_char(b';') {
            Some(0)
        } else {
            let (mut e, nexps) = self.exp_list()?;
            if e.has_multret() {
                self.set_multret(&e)?;
                let inside_tbc = self.cur.blocks.last().is_some_and(|bl| bl.inside_tbc);
                if let (ExpKind::Call(pc), 1, false) = (&e.k, nexps, inside_tbc)
                    && let Insn::Call { func, nargs, .. } = self.cur.code[*pc]
                {
                    self.cur.code[*pc] = Insn::TailCall {
                        func,
                        nargs,
                        close: false,
                    };
                }
                None
            } else if nexps == 1 {
                first = u32::from(self.exp_to_any_reg(&mut e)?);
                Some(1)
            } else {
                self.exp_to_next_reg(&mut e)?;
                Some(nexps as u32)
            }
        };
        self.ret(first, nret)?;
        self.test_next(&Tok::Char(b';'))?;
        Ok(())
    }

    // --- Assignments --------------------------------------------------------------------------

    /// Adjusts `nexps` values (the last one `e`) to `nvars` registers.
    fn adjust_assign(&mut self, nvars: usize, nexps: usize, e: &mut ExpDesc) -> CResult<()> {
        let needed = nvars as i64 - nexps as i64;
        if e.has_multret() {
            let extra = (needed + 1).max(0) as u32;
            self.set_returns(e, Some(extra))?;
        } else {
            if e.k != ExpKind::Void {
                self.exp_to_next_reg(e)?;
            }
            if needed > 0 {
                // Check first: the nils must fit in the register file.
                self.check_stack(needed as u32)?;
                self.load_nil(self.cur.freereg, needed as u32)?;
            }
        }
        if needed > 0 {
            self.reserve_regs(needed as u32)?;
        } else {
            // Drop the extra values.
            self.cur.freereg = (i64::from(self.cur.freereg) + needed) as u32;
        }
        Ok(())
    }

    /// In a multiple assignment, a table or index register that a later target (a local or
    /// upvalue) overwrites is first copied to a safe register (Lua's `check_conflict`).
    fn check_conflict(&mut self, targets: &mut [ExpDesc], v: &ExpDesc) -> CResult<()> {
        let extra = self.cur.freereg as u8;
        let mut conflict = false;
        for lh in targets.iter_mut() {
            match lh.k {
                ExpKind::IndexUp { t, key } if v.k == ExpKind::Upval(t) => {
                    conflict = true;
                    lh.k = ExpKind::IndexStr { t: extra, key };
                }
                ExpKind::Indexed { t, key } => {
                    if let ExpKind::Local { reg, .. } = v.k {
                        let t = if t == reg {
                            conflict = true;
                            extra
                        } else {
                            t
                        };
                        let key = if key == reg {
                            conflict = true;
                            extra
                        } else {
                            key
                        };
                        lh.k = ExpKind::Indexed { t, key };
                    }
                }
                ExpKind::IndexInt { t, key } => {
                    if matches!(v.k, ExpKind::Local { reg, .. } if reg == t) {
                        conflict = true;
                        lh.k = ExpKind::IndexInt { t: extra, key };
                    }
                }
                ExpKind::IndexStr { t, key } => {
                    if matches!(v.k, ExpKind::Local { reg, .. } if reg == t) {
                        conflict = true;
                        lh.k = ExpKind::IndexStr { t: extra, key };
                    }
                }
                _ => {}
            }
        }
        if conflict {
            match v.k {
                ExpKind::Local { reg, .. } => self.code(Insn::Move { a: extra, b: reg })?,
                ExpKind::Upval(up) => self.code(Insn::GetUpval { a: extra, up })?,
                _ => return Err(self.internal_error("conflict with a non-variable")),
            };
            self.reserve_regs(1)?;
        }
        Ok(())
    }

    /// `target {, target} = explist` after the first target (Lua's recursive `restassign`, as a
    /// loop: targets are collected left to right, then stored right to left).
    fn rest_assign(&mut self, first: ExpDesc) -> CResult<()> {
        let depth = self.depth;
        let mut targets = vec![first];
        while let Some(lh) = targets.last() {
            if !is_var(&lh.k) {
                return Err(self.syntax_error("syntax error"));
            }
            self.check_readonly(lh)?;
            if !self.test_next(&Tok::Char(b','))? {
                break;
            }
            let mut nv = ExpDesc::void();
            self.suffixed_exp(&mut nv)?;
            if !is_indexed(&nv.k) {
                self.check_conflict(&mut targets, &nv)?;
            }
            self.enter_level()?;
            targets.push(nv);
        }
        self.check_next(&Tok::Char(b'='))?;
        let nvars = targets.len();
        let (mut e, nexps) = self.exp_list()?;
        let Some(last) = targets.pop() else {
            return Err(self.internal_error("assignment without targets"));
        };
        if nexps == nvars {
            self.set_one_ret(&mut e);
            self.store_var(&last, &mut e)?;
        } else {
            self.adjust_assign(nvars, nexps, &mut e)?;
            let mut value = ExpDesc::new(ExpKind::NonReloc((self.cur.freereg - 1) as u8));
            self.store_var(&last, &mut value)?;
        }
        while let Some(target) = targets.pop() {
            let mut value = ExpDesc::new(ExpKind::NonReloc((self.cur.freereg - 1) as u8));
            self.store_var(&target, &mut value)?;
        }
        self.depth = depth;
        Ok(())
    }

    fn expr_stat(&mut self) -> CResult<()> {
        let mut v = ExpDesc::void();
        self.suffixed_exp(&mut v)?;
        if self.is_char(b'=') || self.is_char(b',') {
            return self.rest_assign(v);
        }
        let ExpKind::Call(pc) = v.k else {
            return Err(self.syntax_error("syntax error"));
        };
        // A call statement uses no results.
        if let Insn::Call { nresults, .. } = &mut self.cur.code[pc] {
            *nresults = 0;
        }
        Ok(())
    }

    // --- Expressions --------------------------------------------------------------------------

    fn exp_list(&mut self) -> CResult<(ExpDesc, usize)> {
        let mut v = ExpDesc::void();
        self.expr(&mut v)?;
        let mut n = 1;
        while self.test_next(&Tok::Char(b','))? {
            self.exp_to_next_reg(&mut v)?;
            self.expr(&mut v)?;
            n += 1;
        }
        Ok((v, n))
    }

    pub(super) fn expr(&mut self, v: &mut ExpDesc) -> CResult<()> {
        self.subexpr(v, 0)?;
        Ok(())
    }

    /// `subexpr -> (simpleexp | unop subexpr) { binop subexpr }` where binop binds tighter than
    /// `limit`; returns the first operator not handled.
    fn subexpr(&mut self, v: &mut ExpDesc, limit: u8) -> CResult<Option<BinOpr>> {
        self.enter_level()?;
        if let Some(op) = get_unopr(&self.t.tok) {
            let line = self.lex.line;
            self.next()?;
            self.subexpr(v, UNARY_PRIORITY)?;
            self.prefix(op, v, line)?;
        } else {
            self.simple_exp(v)?;
        }
        let mut op = get_binopr(&self.t.tok);
        while let Some(binop) = op {
            let (left, right) = binop.priority();
            if left <= limit {
                break;
            }
            let line = self.lex.line;
            self.next()?;
            self.infix(binop, v)?;
            let mut v2 = ExpDesc::void();
            let next_op = self.subexpr(&mut v2, right)?;
            self.posfix(binop, v, &mut v2, line)?;
            op = next_op;
        }
        self.leave_level();
        Ok(op)
    }

    fn simple_exp(&mut self, v: &mut ExpDesc) -> CResult<()> {
        let kind = match &self.t.tok {
            Tok::Flt(f) => ExpKind::KFlt(*f),
            Tok::Int(i) => ExpKind::KInt(*i),
            Tok::Str(s) => ExpKind::KStr(s.clone()),
            Tok::Nil => ExpKind::Nil,
            Tok::True => ExpKind::True,
            Tok::False => ExpKind::False,
            Tok::Dots => {
                if !self.cur.is_vararg {
                    return Err(self.syntax_error("cannot use '...' outside a vararg function"));
                }
                ExpKind::Vararg(self.code(Insn::VarArg { a: 0, n: 0 })?)
            }
            Tok::Char(b'{') => return self.constructor(v),
            Tok::Function => {
                self.next()?;
                let line = self.lex.line;
                return self.body(v, false, line);
            }
            _ => return self.suffixed_exp(v),
        };
        *v = ExpDesc::new(kind);
        self.next()
    }

    fn primary_exp(&mut self, v: &mut ExpDesc) -> CResult<()> {
        match self.t.tok {
            Tok::Char(b'(') => {
                let line = self.lex.line;
                self.next()?;
                self.expr(v)?;
                self.check_match(&Tok::Char(b')'), &Tok::Char(b'('), line)?;
                self.discharge_vars(v)
            }
            Tok::Name(_) => self.single_var(v),
            _ => Err(self.syntax_error("unexpected symbol")),
        }
    }

    fn suffixed_exp(&mut self, v: &mut ExpDesc) -> CResult<()> {
        let line = self.lex.line;
        self.primary_exp(v)?;
        loop {
            match self.t.tok {
                Tok::Char(b'.') => self.field_sel(v)?,
                Tok::Char(b'[') => {
                    self.exp_to_any_reg_up(v)?;
                    let mut key = ExpDesc::void();
                    self.y_index(&mut key)?;
                    self.indexed(v, &mut key)?;
                }
                Tok::Char(b':') => {
                    self.next()?;
                    let key = self.code_name()?;
                    self.code_self(v, &key)?;
                    self.func_args(v, line)?;
                }
                Tok::Char(b'(' | b'{') | Tok::Str(_) => {
                    self.exp_to_next_reg(v)?;
                    self.func_args(v, line)?;
                }
                _ => return Ok(()),
            }
        }
    }

    fn field_sel(&mut self, v: &mut ExpDesc) -> CResult<()> {
        self.exp_to_any_reg_up(v)?;
        self.next()?;
        let mut key = self.code_name()?;
        self.indexed(v, &mut key)
    }

    fn y_index(&mut self, v: &mut ExpDesc) -> CResult<()> {
        self.next()?;
        self.expr(v)?;
        self.exp_to_val(v)?;
        self.check_next(&Tok::Char(b']'))
    }

    fn func_args(&mut self, f: &mut ExpDesc, line: u32) -> CResult<()> {
        let mut args = match &self.t.tok {
            Tok::Char(b'(') => {
                self.next()?;
                let args = if self.is_char(b')') {
                    ExpDesc::void()
                } else {
                    let (args, _) = self.exp_list()?;
                    if args.has_multret() {
                        self.set_multret(&args)?;
                    }
                    args
                };
                self.check_match(&Tok::Char(b')'), &Tok::Char(b'('), line)?;
                args
            }
            Tok::Char(b'{') => {
                let mut args = ExpDesc::void();
                self.constructor(&mut args)?;
                args
            }
            Tok::Str(s) => {
                let args = ExpDesc::new(ExpKind::KStr(s.clone()));
                self.next()?;
                args
            }
            _ => return Err(self.syntax_error("function arguments expected")),
        };
        let ExpKind::NonReloc(base) = f.k else {
            return Err(self.internal_error("called function not in a register"));
        };
        let nargs = if args.has_multret() {
            MULTRET
        } else {
            if args.k != ExpKind::Void {
                self.exp_to_next_reg(&mut args)?;
            }
            (self.cur.freereg - (u32::from(base) + 1)) as u8
        };
        *f = ExpDesc::new(ExpKind::Call(self.code(Insn::Call {
            func: base,
            nargs,
            nresults: 1,
        })?));
        self.fix_line(line);
        // The call leaves one result in `base` (unless changed later).
        self.cur.freereg = u32::from(base) + 1;
        Ok(())
    }

    fn body(&mut self, e: &mut ExpDesc, is_method: bool, line: u32) -> CResult<()> {
        self.open_func(line);
        if is_method {
            self.new_localvar(Rc::from("self"))?;
            self.adjust_local_vars(1)?;
        }
        self.check_next(&Tok::Char(b'('))?;
        self.par_list()?;
        self.check_next(&Tok::Char(b')'))?;
        self.stat_list()?;
        self.cur.last_line_defined = self.lex.line;
        self.check_match(&Tok::End, &Tok::Function, line)?;
        let proto = self.close_func()?;
        let index = self.cur.protos.len() as u32;
        self.cur.protos.push(Rc::new(proto));
        *e = ExpDesc::new(ExpKind::Reloc(
            self.code(Insn::Closure { a: 0, proto: index })?,
        ));
        self.exp_to_next_reg(e)
    }

    fn par_list(&mut self) -> CResult<()> {
        let mut nparams = 0;
        let mut is_vararg = false;
        if !self.is_char(b')') {
            loop {
                match self.t.tok {
                    Tok::Name(_) => {
                        let name = self.check_name()?;
                        self.new_localvar(name)?;
                        nparams += 1;
                    }
                    Tok::Dots => {
                        self.next()?;
                        is_vararg = true;
                    }
                    _ => return Err(self.syntax_error("<name> or '...' expected")),
                }
                if is_vararg || !self.test_next(&Tok::Char(b','))? {
                    break;
                }
            }
        }
        self.adjust_local_vars(nparams)?;
        // At most `MAX_VARS` (200) variables, so this fits.
        self.cur.num_params = self.cur.nactvar as u8;
        if is_vararg {
            self.set_vararg(self.cur.num_params)?;
        }
        self.reserve_regs(self.cur.nactvar as u32)
    }

    // --- Table constructors -------------------------------------------------------------------

    fn constructor(&mut self, t: &mut ExpDesc) -> CResult<()> {
        let line = self.lex.line;
        let table = self.cur.freereg as u8;
        let pc = self.code(Insn::NewTable {
            a: table,
            hash: 0,
            array: 0,
        })?;
        let mut cc = ConsControl {
            v: ExpDesc::void(),
            table,
            nh: 0,
            na: 0,
            tostore: 0,
        };
        *t = ExpDesc::new(ExpKind::NonReloc(table));
        self.reserve_regs(1)?;
        self.check_next(&Tok::Char(b'{'))?;
        loop {
            if self.is_char(b'}') {
                break;
            }
            self.close_list_field(&mut cc)?;
            self.field(&mut cc)?;
            if !(self.test_next(&Tok::Char(b','))? || self.test_next(&Tok::Char(b';'))?) {
                break;
            }
        }
        self.check_match(&Tok::Char(b'}'), &Tok::Char(b'{'), line)?;
        self.last_list_field(&mut cc)?;
        self.set_table_size(pc, cc.na, cc.nh);
        Ok(())
    }

    fn field(&mut self, cc: &mut ConsControl) -> CResult<()> {
        match self.t.tok {
            Tok::Name(_) => {
                if self.lookahead()? != &Tok::Char(b'=') {
                    self.list_field(cc)
                } else {
                    self.rec_field(cc)
                }
            }
            Tok::Char(b'[') => self.rec_field(cc),
            _ => self.list_field(cc),
        }
    }

    fn list_field(&mut self, cc: &mut ConsControl) -> CResult<()> {
        self.expr(&mut cc.v)?;
        cc.tostore += 1;
        Ok(())
    }

    fn rec_field(&mut self, cc: &mut ConsControl) -> CResult<()> {
        let reg = self.cur.freereg;
        let mut key = if matches!(self.t.tok, Tok::Name(_)) {
            if cc.nh >= i32::MAX as u32 {
                return Err(self.error_limit(0, i32::MAX as usize, "items in a constructor"));
            }
            self.code_name()?
        } else {
            let mut key = ExpDesc::void();
            self.y_index(&mut key)?;
            key
        };
        cc.nh += 1;
        self.check_next(&Tok::Char(b'='))?;
        let mut tab = ExpDesc::new(ExpKind::NonReloc(cc.table));
        self.indexed(&mut tab, &mut key)?;
        let mut val = ExpDesc::void();
        self.expr(&mut val)?;
        self.store_var(&tab, &mut val)?;
        self.cur.freereg = reg;
        Ok(())
    }

    fn close_list_field(&mut self, cc: &mut ConsControl) -> CResult<()> {
        if cc.v.k == ExpKind::Void {
            return Ok(());
        }
        self.exp_to_next_reg(&mut cc.v)?;
        cc.v = ExpDesc::void();
        if cc.tostore == FIELDS_PER_FLUSH {
            self.set_list(cc.table, cc.na, Some(cc.tostore))?;
            cc.na += cc.tostore;
            cc.tostore = 0;
        }
        Ok(())
    }

    fn last_list_field(&mut self, cc: &mut ConsControl) -> CResult<()> {
        if cc.tostore == 0 {
            return Ok(());
        }
        if cc.v.has_multret() {
            self.set_multret(&cc.v)?;
            self.set_list(cc.table, cc.na, None)?;
            // The open item's count is unknown; it is not counted in the size hint.
            cc.na += cc.tostore - 1;
        } else {
            if cc.v.k != ExpKind::Void {
                self.exp_to_next_reg(&mut cc.v)?;
            }
            self.set_list(cc.table, cc.na, Some(cc.tostore))?;
            cc.na += cc.tostore;
        }
        Ok(())
    }
}
