//! Code generation: [`crate::ast`] + the symbol table → [`CodeObject`]s.
//!
//! The shapes follow CPython 3.11's `compile.c` so evaluation order, exception-handling
//! behaviour and traceback positions match it: exception handling is table-driven (a protected
//! range, the stack depth to cut back to, a handler), `finally` bodies are emitted twice (normal
//! and exceptional path) and inlined again on `break`/`continue`/`return` (the "frame blocks"
//! being unwound), comprehensions are nested code objects called with their first iterator, and
//! classes are built by calling `__build_class__` with a body function.
//!
//! Jumps are emitted against labels and patched at the end. The value-stack depth is tracked
//! while emitting (each instruction's `stack_effect`, labels remember the depth of the edges
//! that reach them), which gives both `max_stack` and the depth each handler cuts back to.
//! Protected ranges are a stack of open segments; unwinding for `break`/`return` closes the
//! segments of the blocks it leaves and reopens them after the jump, so the inlined cleanup code
//! is not protected by the handlers it belongs to. It deliberately does no optimisation beyond
//! CPython's observable-free ones (tuple-of-constants folding) and the specialised instructions.

use std::collections::HashMap;
use std::rc::Rc;

use super::symtable::{Resolved, ScopeKind, SymbolTable};
use crate::ast::*;
use crate::bytecode::{
    BinOp, CmpOp, CodeObject, Constant, ExceptionEntry, Insn, LineTable, Location, NO_JUMP,
    UnaryOp, flags, make_fn,
};
use crate::frontend::{SourceMap, SyntaxError};

type R<T> = Result<T, SyntaxError>;

/// A jump target not yet placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Label(usize);

/// What a `break`/`continue`/`return` leaving a block must undo.
#[derive(Clone, Debug)]
enum FBlock {
    /// A `while` loop.
    While { cont: Label, brk: Label },
    /// A `for` loop: its iterator is on the stack.
    For { cont: Label, brk: Label },
    /// The body of a `try` with handlers: leaving it just leaves the protected range.
    TryExcept { handler: usize },
    /// The body of a `try` with `finally`: leaving it runs the final body.
    FinallyTry { handler: usize, body: Rc<Vec<Stmt>> },
    /// Inside a `finally` body on the exceptional path: `prev, exc` are on the stack.
    FinallyEnd { handler: usize },
    /// A `with` body: the exit function is on the stack.
    With { handler: usize },
    /// An `except` body: `prev` is on the stack; `name` is the `as` name to clear.
    ExceptHandler {
        handlers: Vec<usize>,
        name: Option<Name>,
    },
    /// A value kept on the stack across an inlined `finally` (the return value).
    PopValue,
}

/// A protected range being built.
struct Handler {
    label: Label,
    depth: u32,
    open_since: Option<u32>,
}

/// One code object under construction.
struct Unit {
    scope: usize,
    code: Vec<Insn>,
    locs: Vec<Location>,
    consts: Vec<Constant>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u16>,
    varnames: Vec<Rc<str>>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    labels: Vec<Option<u32>>,
    label_depth: Vec<Option<i32>>,
    fixups: Vec<(usize, Label)>,
    handlers: Vec<Handler>,
    exc_entries: Vec<(u32, u32, Label, u32)>,
    fblocks: Vec<FBlock>,
    depth: i32,
    max_depth: i32,
    loc: Location,
    attr_caches: u32,
    global_caches: u32,
    name: Rc<str>,
    qualname: Rc<str>,
    first_line: u32,
    flags: u32,
    argcount: u32,
    posonly: u32,
    kwonly: u32,
    docstring: Option<Rc<str>>,
    /// Interactive mode: expression statements print their value.
    interactive: bool,
    /// Handler segments closed by an unwind, to reopen after its jump, with the depth to
    /// continue at.
    pending_resume: Vec<(Vec<usize>, i32)>,
}

/// The code generator.
pub struct Codegen<'a> {
    map: &'a SourceMap<'a>,
    table: &'a SymbolTable,
    units: Vec<Unit>,
    filename: Rc<str>,
    /// `from __future__ import annotations` is in effect: annotations are strings.
    future_annotations: bool,
}

/// CPython's `CO_MAXBLOCKS`: how many loops/`try`/`with` blocks may nest in one code object.
const MAX_BLOCKS: usize = 20;

/// Locals beyond this count cannot be addressed by `CompareFastFastJump`.
const FAST_FAST_LIMIT: usize = 256;

fn is_docstring(s: &Stmt) -> Option<Rc<str>> {
    if let StmtKind::Expr(Expr {
        kind: ExprKind::Constant(Constant::Str(text)),
        ..
    }) = &s.kind
    {
        Some(text.clone())
    } else {
        None
    }
}

fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::With { body, .. } => has_annotations(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            has_annotations(body)
                || handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(orelse)
                || has_annotations(finalbody)
        }
        StmtKind::Match { cases, .. } => cases.iter().any(|c| has_annotations(&c.body)),
        _ => false,
    })
}

impl<'a> Codegen<'a> {
    /// A code generator for one compilation.
    pub fn new(map: &'a SourceMap<'a>, table: &'a SymbolTable) -> Self {
        Codegen {
            map,
            table,
            units: Vec::new(),
            filename: Rc::from(map.filename),
            future_annotations: false,
        }
    }

    // ---------------------------------------------------------------- units

    fn push_unit(&mut self, scope: usize, name: Rc<str>, qualname: Rc<str>, first_line: u32) {
        let s = &self.table.scopes[scope];
        let mut unit = Unit {
            scope,
            code: Vec::new(),
            locs: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            cellvars: s.cellvars.clone(),
            freevars: s.freevars.clone(),
            labels: Vec::new(),
            label_depth: Vec::new(),
            fixups: Vec::new(),
            handlers: Vec::new(),
            exc_entries: Vec::new(),
            fblocks: Vec::new(),
            depth: 0,
            max_depth: 0,
            loc: Location {
                line: first_line,
                end_line: first_line,
                col: 0,
                end_col: 0,
            },
            attr_caches: 0,
            global_caches: 0,
            name,
            qualname,
            first_line,
            flags: 0,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            docstring: None,
            interactive: false,
            pending_resume: Vec::new(),
        };
        if matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension) {
            unit.flags |= flags::OPTIMIZED;
            unit.varnames = s.params.clone();
            for n in s.plain_locals() {
                if !unit.varnames.contains(&n) {
                    unit.varnames.push(n);
                }
            }
            if s.is_generator {
                unit.flags |= flags::GENERATOR;
            }
            if s.parent.is_some_and(|p| {
                matches!(
                    self.table.scopes[p].kind,
                    ScopeKind::Function | ScopeKind::Comprehension
                )
            }) {
                unit.flags |= flags::NESTED;
            }
        }
        if s.kind == ScopeKind::Class {
            unit.flags |= flags::CLASS_BODY;
        }
        self.units.push(unit);
    }

    fn u(&mut self) -> &mut Unit {
        self.units.last_mut().expect("a unit is always open")
    }

    fn ur(&self) -> &Unit {
        self.units.last().expect("a unit is always open")
    }

    fn scope_kind(&self) -> ScopeKind {
        self.table.scopes[self.ur().scope].kind
    }

    fn finish_unit(&mut self) -> CodeObject {
        let mut u = self.units.pop().expect("a unit is always open");
        for (pc, label) in std::mem::take(&mut u.fixups) {
            let target = u.labels[label.0].unwrap_or(pc as u32);
            if let Some(t) = u.code[pc].target_mut() {
                *t = target;
            }
        }
        let exception_table = u
            .exc_entries
            .iter()
            .filter(|(start, end, _, _)| start < end)
            .map(|&(start, end, label, depth)| ExceptionEntry {
                start,
                end,
                handler: u.labels[label.0].unwrap_or(end),
                depth,
            })
            .collect();
        let cell_args = u
            .cellvars
            .iter()
            .map(|c| {
                let n_params = self.table.scopes[u.scope].params.len();
                u.varnames[..n_params.min(u.varnames.len())]
                    .iter()
                    .position(|v| v == c)
                    .map(|p| p as u32)
            })
            .collect();
        CodeObject {
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            first_line: u.first_line,
            argcount: u.argcount,
            posonlyargcount: u.posonly,
            kwonlyargcount: u.kwonly,
            flags: u.flags,
            code: u.code,
            constants: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            cell_args,
            freevars: u.freevars,
            exception_table,
            line_table: LineTable { locations: u.locs },
            max_stack: u.max_depth.max(0) as u32,
            n_attr_caches: u.attr_caches,
            n_global_caches: u.global_caches,
            docstring: u.docstring,
        }
    }

    // ---------------------------------------------------------------- emission

    fn emit(&mut self, insn: Insn) {
        let u = self.u();
        u.code.push(insn);
        u.locs.push(u.loc);
        u.depth += insn.stack_effect(false);
        if u.depth > u.max_depth {
            u.max_depth = u.depth;
        }
    }

    fn emit_jump(&mut self, insn: Insn, label: Label) {
        let jump_depth = self.ur().depth + insn.stack_effect(true);
        let u = self.u();
        let pc = u.code.len();
        u.fixups.push((pc, label));
        if u.label_depth[label.0].is_none() {
            u.label_depth[label.0] = Some(jump_depth);
        }
        if jump_depth > u.max_depth {
            u.max_depth = jump_depth;
        }
        self.emit(insn);
    }

    fn new_label(&mut self) -> Label {
        let u = self.u();
        u.labels.push(None);
        u.label_depth.push(None);
        Label(u.labels.len() - 1)
    }

    fn bind(&mut self, label: Label) {
        let u = self.u();
        let pc = u.code.len() as u32;
        u.labels[label.0] = Some(pc);
        // The depth recorded by the jumps to a label is authoritative (the code before it may
        // be unreachable, with a meaningless depth).
        if let Some(d) = u.label_depth[label.0] {
            u.depth = d;
        } else {
            u.label_depth[label.0] = Some(u.depth);
        }
    }

    fn set_loc(&mut self, span: Span) {
        self.u().loc = Location {
            line: span.line,
            end_line: span.end_line,
            col: span.col,
            end_col: span.end_col,
        };
    }

    fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.u();
        // Code objects are never shared; other constants are deduplicated by value (floats by
        // bits so 0.0 and -0.0 stay apart).
        if !matches!(c, Constant::Code(_)) {
            for (i, existing) in u.consts.iter().enumerate() {
                if same_constant(existing, &c) {
                    return i as u32;
                }
            }
        }
        u.consts.push(c);
        (u.consts.len() - 1) as u32
    }

    fn load_const(&mut self, c: Constant) {
        if let Constant::Int(i) = c
            && let Ok(small) = i32::try_from(i)
        {
            self.emit(Insn::LoadSmallInt { i: small });
            return;
        }
        let k = self.add_const(c);
        self.emit(Insn::LoadConst { k });
    }

    fn name_idx(&mut self, name: &str) -> R<u16> {
        if let Some(&i) = self.ur().name_index.get(name) {
            return Ok(i);
        }
        let i = self.ur().names.len();
        if i > u16::MAX as usize {
            return Err(self.limit_error("names"));
        }
        let u = self.u();
        let rc: Rc<str> = Rc::from(name);
        u.names.push(rc.clone());
        u.name_index.insert(rc, i as u16);
        Ok(i as u16)
    }

    fn limit_error(&self, what: &str) -> SyntaxError {
        let loc = self.ur().loc;
        self.map.error_span(
            Span {
                line: loc.line,
                col: loc.col,
                end_line: loc.end_line,
                end_col: loc.end_col,
            },
            format!("pyvgc: too many {what} in one code object"),
        )
    }

    fn attr_cache(&mut self) -> u16 {
        let u = self.u();
        let c = u.attr_caches.min(u16::MAX as u32) as u16;
        u.attr_caches += 1;
        c
    }

    fn global_cache(&mut self) -> u16 {
        let u = self.u();
        let c = u.global_caches.min(u16::MAX as u32) as u16;
        u.global_caches += 1;
        c
    }

    fn error(&self, span: Span, msg: impl Into<String>) -> SyntaxError {
        self.map.error_span(span, msg.into())
    }

    /// Enters a frame block, enforcing CPython's limit on static nesting (`CO_MAXBLOCKS`).
    fn push_fblock(&mut self, block: FBlock, span: Span) -> R<()> {
        if self.ur().fblocks.len() >= MAX_BLOCKS {
            return Err(self.error(span, "too many statically nested blocks"));
        }
        self.u().fblocks.push(block);
        Ok(())
    }

    // ---------------------------------------------------------------- handlers

    fn push_handler(&mut self, label: Label) -> usize {
        let u = self.u();
        let depth = u.depth.max(0) as u32;
        let pc = u.code.len() as u32;
        u.handlers.push(Handler {
            label,
            depth,
            open_since: Some(pc),
        });
        // The handler is entered with the exception pushed.
        if u.label_depth[label.0].is_none() {
            u.label_depth[label.0] = Some(depth as i32 + 1);
        }
        if depth as i32 + 1 > u.max_depth {
            u.max_depth = depth as i32 + 1;
        }
        u.handlers.len() - 1
    }

    fn close_segment(&mut self, idx: usize) {
        let u = self.u();
        let pc = u.code.len() as u32;
        if let Some(start) = u.handlers[idx].open_since.take() {
            let h = &u.handlers[idx];
            u.exc_entries.push((start, pc, h.label, h.depth));
        }
    }

    fn pop_handler(&mut self, idx: usize) {
        self.close_segment(idx);
        let u = self.u();
        debug_assert_eq!(u.handlers.len(), idx + 1);
        u.handlers.truncate(idx);
    }

    /// Closes every open segment from `from` upwards (innermost first).
    fn suspend_handlers(&mut self, from: usize) -> Vec<usize> {
        let n = self.ur().handlers.len();
        let mut suspended = Vec::new();
        for idx in (from..n).rev() {
            if self.ur().handlers[idx].open_since.is_some() {
                self.close_segment(idx);
                suspended.push(idx);
            }
        }
        suspended
    }

    fn resume_handlers(&mut self, suspended: &[usize]) {
        let u = self.u();
        let pc = u.code.len() as u32;
        for &idx in suspended {
            if idx < u.handlers.len() {
                u.handlers[idx].open_since = Some(pc);
            }
        }
    }

    // ---------------------------------------------------------------- entry points

    /// Checks the `from __future__ import ...` statements (they must open the module, after
    /// its docstring, and name known features) and notes `annotations`.
    fn future_imports(&mut self, body: &[Stmt]) -> R<()> {
        let mut at_start = true;
        for (i, s) in body.iter().enumerate() {
            let is_future = matches!(
                &s.kind,
                StmtKind::ImportFrom { module: Some(m), level: 0, .. } if &**m == "__future__"
            );
            if !is_future {
                if !(i == 0 && is_docstring(s).is_some()) {
                    at_start = false;
                }
                continue;
            }
            if !at_start {
                return Err(self.error(
                    s.span,
                    "from __future__ imports must occur at the beginning of the file",
                ));
            }
            if let StmtKind::ImportFrom { names, .. } = &s.kind {
                for a in names {
                    let point = Span {
                        line: s.span.line,
                        col: s.span.col,
                        end_line: s.span.line,
                        end_col: s.span.col + 1,
                    };
                    match &*a.name {
                        "annotations" => self.future_annotations = true,
                        "nested_scopes" | "generators" | "division" | "absolute_import"
                        | "with_statement" | "print_function" | "unicode_literals"
                        | "generator_stop" | "barry_as_FLUFL" => {}
                        "braces" => return Err(self.error(point, "not a chance")),
                        other => {
                            return Err(
                                self.error(point, format!("future feature {other} is not defined"))
                            );
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Compiles an annotation: its value, or its source text under
    /// `from __future__ import annotations`.
    fn annotation(&mut self, e: &Expr) -> R<()> {
        if self.future_annotations {
            let text = self.map.span_text(e.span);
            self.load_const(Constant::Str(Rc::from(text)));
            Ok(())
        } else {
            self.expr(e)
        }
    }

    /// Compiles a module body.
    pub fn module(mut self, body: &[Stmt], interactive: bool) -> R<CodeObject> {
        self.future_imports(body)?;
        self.push_unit(0, "<module>".into(), "<module>".into(), 1);
        self.u().interactive = interactive;
        if has_annotations(body) {
            self.emit(Insn::SetupAnnotations);
        }
        let mut rest = body;
        if !interactive
            && let Some(first) = body.first()
            && let Some(doc) = is_docstring(first)
        {
            self.set_loc(first.span);
            self.load_const(Constant::Str(doc));
            let n = self.name_idx("__doc__")?;
            self.emit(Insn::StoreName { name: n });
            rest = &body[1..];
        }
        self.stmts(rest)?;
        self.load_const(Constant::None);
        self.emit(Insn::ReturnValue);
        Ok(self.finish_unit())
    }

    /// Compiles an expression for `eval`.
    pub fn expression(mut self, expr: &Expr) -> R<CodeObject> {
        self.push_unit(
            0,
            "<module>".into(),
            "<module>".into(),
            expr.span.line.max(1),
        );
        self.expr(expr)?;
        self.emit(Insn::ReturnValue);
        Ok(self.finish_unit())
    }

    // ---------------------------------------------------------------- statements

    fn stmts(&mut self, body: &[Stmt]) -> R<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        self.set_loc(s.span);
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(s, f),
            StmtKind::ClassDef(c) => self.class_def(s, c),
            StmtKind::Return(value) => {
                if !matches!(self.scope_kind(), ScopeKind::Function) {
                    return Err(self.error(s.span, "'return' outside function"));
                }
                if let Some(v) = value {
                    if self.ur().flags & flags::GENERATOR != 0 {
                        // `return x` in a generator is fine (StopIteration(x)).
                    }
                    self.expr(v)?;
                } else {
                    self.set_loc(s.span);
                    self.load_const(Constant::None);
                }
                self.unwind_all(true)?;
                self.set_loc(s.span);
                self.emit(Insn::ReturnValue);
                self.resume_after_unwind(-1);
                Ok(())
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Insn::Copy { n: 1 });
                    }
                    self.store(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.ann_assign(target, annotation, value.as_ref(), *simple),
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_loop(s, target, iter, body, orelse),
            StmtKind::While { test, body, orelse } => {
                let top = self.new_label();
                let brk = self.new_label();
                let orelse_label = self.new_label();
                self.bind(top);
                self.jump_if(test, false, orelse_label)?;
                self.push_fblock(FBlock::While { cont: top, brk }, s.span)?;
                self.stmts(body)?;
                self.u().fblocks.pop();
                self.set_loc(s.span);
                self.emit_jump(Insn::Jump { target: NO_JUMP }, top);
                self.bind(orelse_label);
                self.stmts(orelse)?;
                self.bind(brk);
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                let else_label = self.new_label();
                self.jump_if(test, false, else_label)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
                }
                self.bind(else_label);
                self.stmts(orelse)?;
                self.bind(end);
                Ok(())
            }
            StmtKind::With { items, body } => self.with(s, items, body),
            StmtKind::Match { subject, cases } => self.match_stmt(s, subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.set_loc(s.span);
                self.emit(Insn::Raise { n });
                Ok(())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(s, body, handlers, orelse)
                } else {
                    self.try_finally(s, body, handlers, orelse, finalbody)
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.set_loc(s.span);
                self.emit(Insn::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.set_loc(s.span);
                    self.emit(Insn::Call { argc: 1 });
                }
                self.emit(Insn::Raise { n: 1 });
                self.bind(end);
                Ok(())
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    self.set_loc(a.span);
                    self.load_const(Constant::Int(0));
                    self.load_const(Constant::None);
                    let idx = self.name_idx(&a.name)?;
                    self.emit(Insn::ImportName { name: idx });
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b.c as d` binds the innermost module.
                            let parts: Vec<&str> = a.name.split('.').collect();
                            for part in &parts[1..] {
                                let idx = self.name_idx(part)?;
                                self.emit(Insn::ImportFrom { name: idx });
                                self.emit(Insn::Swap { n: 2 });
                                self.emit(Insn::Pop);
                            }
                            self.store_name(asname, a.span)?;
                        }
                        None => {
                            let top = a.name.split('.').next().unwrap_or("");
                            self.store_name(&Rc::from(top), a.span)?;
                        }
                    }
                }
                Ok(())
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.load_const(Constant::Int(*level as i64));
                let fromlist: Vec<Constant> = names
                    .iter()
                    .map(|a| Constant::Str(a.name.clone()))
                    .collect();
                self.load_const(Constant::Tuple(Rc::from(fromlist)));
                let module_name = module.clone().unwrap_or_else(|| Rc::from(""));
                let idx = self.name_idx(&module_name)?;
                self.emit(Insn::ImportName { name: idx });
                if names.len() == 1 && &*names[0].name == "*" {
                    self.emit(Insn::ImportStar);
                    return Ok(());
                }
                for a in names {
                    self.set_loc(a.span);
                    let idx = self.name_idx(&a.name)?;
                    self.emit(Insn::ImportFrom { name: idx });
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.store_name(&bound, a.span)?;
                }
                self.emit(Insn::Pop);
                Ok(())
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Expr(e) => {
                if self.ur().interactive && self.scope_kind() == ScopeKind::Module {
                    self.expr(e)?;
                    self.set_loc(s.span);
                    self.emit(Insn::PrintExpr);
                    return Ok(());
                }
                if let ExprKind::Constant(_) = e.kind {
                    // A constant expression statement (a docstring-like string) does nothing.
                    self.emit(Insn::Nop);
                    return Ok(());
                }
                self.expr(e)?;
                self.emit(Insn::Pop);
                Ok(())
            }
            StmtKind::Pass => {
                self.emit(Insn::Nop);
                Ok(())
            }
            StmtKind::Break => self.break_continue(s.span, true),
            StmtKind::Continue => self.break_continue(s.span, false),
        }
    }

    fn break_continue(&mut self, span: Span, is_break: bool) -> R<()> {
        // Find the innermost loop.
        let blocks = self.ur().fblocks.clone();
        let Some(pos) = blocks
            .iter()
            .rposition(|b| matches!(b, FBlock::While { .. } | FBlock::For { .. }))
        else {
            return Err(self.error(
                span,
                if is_break {
                    "'break' outside loop"
                } else {
                    "'continue' not properly in loop"
                },
            ));
        };
        self.unwind_to(pos + 1, false)?;
        self.set_loc(span);
        match blocks[pos] {
            FBlock::While { cont, brk } => {
                self.emit_jump(
                    Insn::Jump { target: NO_JUMP },
                    if is_break { brk } else { cont },
                );
            }
            FBlock::For { cont, brk } => {
                if is_break {
                    self.emit(Insn::Pop);
                    self.emit_jump(Insn::Jump { target: NO_JUMP }, brk);
                } else {
                    self.emit_jump(Insn::Jump { target: NO_JUMP }, cont);
                }
            }
            _ => {}
        }
        self.resume_after_unwind(0);
        Ok(())
    }

    /// Emits the cleanup for every frame block above `level` (innermost first), as a `break`,
    /// `continue` or `return` leaving them needs; `preserve_tos` keeps the return value on top.
    fn unwind_to(&mut self, level: usize, preserve_tos: bool) -> R<()> {
        let saved_blocks = self.ur().fblocks.clone();
        let saved_depth = self.ur().depth;
        let first_handler = saved_blocks[level..]
            .iter()
            .filter_map(|b| match b {
                FBlock::TryExcept { handler }
                | FBlock::FinallyTry { handler, .. }
                | FBlock::FinallyEnd { handler }
                | FBlock::With { handler } => Some(*handler),
                FBlock::ExceptHandler { handlers, .. } => handlers.first().copied(),
                _ => None,
            })
            .min();
        let suspended = match first_handler {
            Some(h) => self.suspend_handlers(h),
            None => Vec::new(),
        };
        self.u().pending_resume_push(suspended, saved_depth);
        for i in (level..saved_blocks.len()).rev() {
            let block = saved_blocks[i].clone();
            // While a block's cleanup runs, it is no longer on the frame-block stack (so a
            // `return` inside an inlined `finally` does not run it again).
            self.u().fblocks.truncate(i);
            self.unwind_block(&block, preserve_tos)?;
        }
        self.u().fblocks = saved_blocks;
        Ok(())
    }

    /// Reopens the segments the last unwind closed; the code after it continues at the depth
    /// before the unwind plus `adjust`.
    fn resume_after_unwind(&mut self, adjust: i32) {
        if let Some((suspended, depth)) = self.u().pending_resume.pop() {
            self.resume_handlers(&suspended);
            self.u().depth = depth + adjust;
        }
    }

    fn unwind_all(&mut self, preserve_tos: bool) -> R<()> {
        self.unwind_to(0, preserve_tos)
    }

    fn unwind_block(&mut self, block: &FBlock, preserve_tos: bool) -> R<()> {
        match block {
            FBlock::While { .. } | FBlock::TryExcept { .. } => {}
            FBlock::For { .. } => {
                if preserve_tos {
                    self.emit(Insn::Swap { n: 2 });
                }
                self.emit(Insn::Pop);
            }
            FBlock::FinallyTry { body, .. } => {
                if preserve_tos {
                    self.u().fblocks.push(FBlock::PopValue);
                }
                let body = body.clone();
                self.stmts(&body)?;
                if preserve_tos {
                    self.u().fblocks.pop();
                }
            }
            FBlock::FinallyEnd { .. } => {
                if preserve_tos {
                    self.emit(Insn::Swap { n: 2 });
                }
                self.emit(Insn::Pop);
                if preserve_tos {
                    self.emit(Insn::Swap { n: 2 });
                }
                self.emit(Insn::PopExcept);
            }
            FBlock::With { .. } => {
                if preserve_tos {
                    self.emit(Insn::Swap { n: 2 });
                }
                self.load_const(Constant::None);
                self.load_const(Constant::None);
                self.load_const(Constant::None);
                self.emit(Insn::Call { argc: 3 });
                self.emit(Insn::Pop);
            }
            FBlock::ExceptHandler { name, .. } => {
                if preserve_tos {
                    self.emit(Insn::Swap { n: 2 });
                }
                self.emit(Insn::PopExcept);
                if let Some(n) = name {
                    self.load_const(Constant::None);
                    self.store_name(n, Span::default())?;
                    self.delete_name(n)?;
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Insn::Swap { n: 2 });
                }
                self.emit(Insn::Pop);
            }
        }
        Ok(())
    }

    fn function_def(&mut self, s: &Stmt, f: &FunctionDef) -> R<()> {
        for d in &f.decorators {
            self.expr(d)?;
        }
        self.set_loc(s.span);
        let first_line = f.decorators.first().map_or(s.span.line, |d| d.span.line);
        let scope = self
            .table
            .scope_of(f)
            .ok_or_else(|| self.error(s.span, "internal error: function scope missing"))?;
        self.make_function(
            scope,
            &f.name,
            &f.params,
            f.returns.as_ref(),
            first_line,
            s.span,
            |cg| {
                let mut body: &[Stmt] = &f.body;
                if let Some(first) = body.first()
                    && let Some(doc) = is_docstring(first)
                {
                    cg.u().docstring = Some(doc);
                    body = &body[1..];
                }
                cg.stmts(body)?;
                let ends_with_return =
                    matches!(body.last().map(|s| &s.kind), Some(StmtKind::Return(_)));
                if !ends_with_return {
                    if let Some(last) = f.body.last() {
                        cg.set_loc(Span {
                            line: last.span.end_line,
                            col: last.span.end_col.saturating_sub(1),
                            end_line: last.span.end_line,
                            end_col: last.span.end_col,
                        });
                    }
                    cg.load_const(Constant::None);
                    cg.emit(Insn::ReturnValue);
                }
                Ok(())
            },
        )?;
        self.set_loc(s.span);
        for _ in &f.decorators {
            self.emit(Insn::Call { argc: 1 });
        }
        self.store_name(&f.name, s.span)
    }

    fn qualname_for(&self, name: &str) -> Rc<str> {
        // CPython: a function directly in a class is `Class.name`; inside a function it is
        // `outer.<locals>.name`; at module level (or declared global) just `name`.
        let u = self.ur();
        let scope = &self.table.scopes[u.scope];
        match scope.kind {
            ScopeKind::Module => Rc::from(name),
            ScopeKind::Class => {
                if scope.resolve(name) == Resolved::GlobalExplicit {
                    Rc::from(name)
                } else {
                    Rc::from(format!("{}.{}", u.qualname, name))
                }
            }
            ScopeKind::Function | ScopeKind::Comprehension => {
                Rc::from(format!("{}.<locals>.{}", u.qualname, name))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn make_function(
        &mut self,
        scope: usize,
        name: &Name,
        params: &Parameters,
        returns: Option<&Expr>,
        first_line: u32,
        span: Span,
        body: impl FnOnce(&mut Self) -> R<()>,
    ) -> R<()> {
        let mut fn_flags = 0u8;
        // Positional defaults.
        let defaults: Vec<&Expr> = params
            .posonly
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.set_loc(span);
            self.emit(Insn::BuildTuple {
                n: defaults.len() as u32,
            });
            fn_flags |= make_fn::DEFAULTS;
        }
        // Keyword-only defaults.
        let kwdefaults: Vec<&Param> = params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kwdefaults.is_empty() {
            for p in &kwdefaults {
                self.load_const(Constant::Str(p.name.clone()));
                if let Some(d) = &p.default {
                    self.expr(d)?;
                }
            }
            self.set_loc(span);
            self.emit(Insn::BuildMap {
                n: kwdefaults.len() as u32,
            });
            fn_flags |= make_fn::KWDEFAULTS;
        }
        // Annotations (evaluated at definition time, as without `from __future__ import
        // annotations`).
        let mut n_ann = 0;
        let all_params = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(params.vararg.iter())
            .chain(&params.kwonly)
            .chain(params.kwarg.iter());
        for p in all_params {
            if let Some(a) = &p.annotation {
                self.load_const(Constant::Str(p.name.clone()));
                self.annotation(a)?;
                n_ann += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(Constant::Str("return".into()));
            self.annotation(r)?;
            n_ann += 1;
        }
        if n_ann > 0 {
            self.set_loc(span);
            self.emit(Insn::BuildMap { n: n_ann });
            fn_flags |= make_fn::ANNOTATIONS;
        }

        let qualname = self.qualname_for(name);
        self.push_unit(scope, name.clone(), qualname, first_line);
        {
            let u = self.u();
            u.argcount = (params.posonly.len() + params.args.len()) as u32;
            u.posonly = params.posonly.len() as u32;
            u.kwonly = params.kwonly.len() as u32;
            if params.vararg.is_some() {
                u.flags |= flags::VARARGS;
            }
            if params.kwarg.is_some() {
                u.flags |= flags::VARKEYWORDS;
            }
        }
        self.set_loc(span);
        body(self)?;
        let code = self.finish_unit();
        self.set_loc(span);
        self.emit_make_function(code, fn_flags)
    }

    /// Emits the closure tuple (if the code has free variables) and `MakeFunction`.
    fn emit_make_function(&mut self, code: CodeObject, mut fn_flags: u8) -> R<()> {
        if !code.freevars.is_empty() {
            for fv in code.freevars.clone().iter() {
                let slot = self.cell_slot(fv).ok_or_else(|| {
                    let loc = self.ur().loc;
                    self.map.error_span(
                        Span {
                            line: loc.line,
                            col: loc.col,
                            end_line: loc.end_line,
                            end_col: loc.end_col,
                        },
                        format!("internal error: no cell for free variable '{fv}'"),
                    )
                })?;
                self.emit(Insn::LoadClosure { slot });
            }
            self.emit(Insn::BuildTuple {
                n: code.freevars.len() as u32,
            });
            fn_flags |= make_fn::CLOSURE;
        }
        let k = self.add_const(Constant::Code(Rc::new(code)));
        self.emit(Insn::MakeFunction {
            code: k,
            flags: fn_flags,
        });
        Ok(())
    }

    fn cell_slot(&self, name: &str) -> Option<u16> {
        let u = self.ur();
        if let Some(i) = u.cellvars.iter().position(|c| &**c == name) {
            return Some(i as u16);
        }
        u.freevars
            .iter()
            .position(|c| &**c == name)
            .map(|i| (u.cellvars.len() + i) as u16)
    }

    fn class_def(&mut self, s: &Stmt, c: &ClassDef) -> R<()> {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.set_loc(s.span);
        let first_line = c.decorators.first().map_or(s.span.line, |d| d.span.line);
        let scope = self
            .table
            .scope_of(c)
            .ok_or_else(|| self.error(s.span, "internal error: class scope missing"))?;
        self.emit(Insn::LoadBuildClass);
        let qualname = self.qualname_for(&c.name);
        self.push_unit(scope, c.name.clone(), qualname.clone(), first_line);
        self.set_loc(s.span);
        let module_name = self.name_idx("__name__")?;
        self.emit(Insn::LoadName { name: module_name });
        let idx = self.name_idx("__module__")?;
        self.emit(Insn::StoreName { name: idx });
        self.load_const(Constant::Str(qualname));
        let idx = self.name_idx("__qualname__")?;
        self.emit(Insn::StoreName { name: idx });
        let mut body: &[Stmt] = &c.body;
        if let Some(first) = body.first()
            && let Some(doc) = is_docstring(first)
        {
            self.set_loc(first.span);
            self.load_const(Constant::Str(doc.clone()));
            let idx = self.name_idx("__doc__")?;
            self.emit(Insn::StoreName { name: idx });
            self.u().docstring = Some(doc);
            body = &body[1..];
        }
        if has_annotations(body) {
            self.emit(Insn::SetupAnnotations);
        }
        self.stmts(body)?;
        if self.table.scopes[scope].needs_class_cell {
            let slot = self.cell_slot("__class__").unwrap_or(0);
            self.emit(Insn::LoadClosure { slot });
            self.emit(Insn::Copy { n: 1 });
            let idx = self.name_idx("__classcell__")?;
            self.emit(Insn::StoreName { name: idx });
        } else {
            self.load_const(Constant::None);
        }
        self.emit(Insn::ReturnValue);
        let code = self.finish_unit();
        self.set_loc(s.span);
        self.emit_make_function(code, 0)?;
        self.load_const(Constant::Str(c.name.clone()));
        self.check_keywords(&c.keywords)?;
        self.call_helper(2, &c.bases, &c.keywords, s.span)?;
        for _ in &c.decorators {
            self.emit(Insn::Call { argc: 1 });
        }
        self.store_name(&c.name, s.span)
    }

    fn for_loop(
        &mut self,
        s: &Stmt,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> R<()> {
        // `for x in range(a[, b[, c]])` gets the specialised range iterator (the runtime still
        // checks that `range` is the builtin).
        let mut done = false;
        if let ExprKind::Call {
            func,
            args,
            keywords,
        } = &iter.kind
            && let ExprKind::Name(n) = &func.kind
            && &**n == "range"
            && keywords.is_empty()
            && (1..=3).contains(&args.len())
            && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
        {
            self.set_loc(iter.span);
            self.load_name(n, func.span)?;
            for a in args {
                self.expr(a)?;
            }
            self.set_loc(iter.span);
            self.emit(Insn::GetRangeIter {
                argc: args.len() as u8,
            });
            done = true;
        }
        if !done {
            self.expr(iter)?;
            self.set_loc(iter.span);
            self.emit(Insn::GetIter);
        }
        let top = self.new_label();
        let brk = self.new_label();
        let exhausted = self.new_label();
        self.bind(top);
        self.set_loc(s.span);
        self.emit_jump(Insn::ForIter { target: NO_JUMP }, exhausted);
        self.store(target)?;
        self.push_fblock(FBlock::For { cont: top, brk }, s.span)?;
        self.stmts(body)?;
        self.u().fblocks.pop();
        self.set_loc(s.span);
        self.emit_jump(Insn::Jump { target: NO_JUMP }, top);
        self.bind(exhausted);
        self.stmts(orelse)?;
        self.bind(brk);
        Ok(())
    }

    fn try_except(
        &mut self,
        s: &Stmt,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
    ) -> R<()> {
        let h_except = self.new_label();
        let end = self.new_label();
        let hidx = self.push_handler(h_except);
        self.push_fblock(FBlock::TryExcept { handler: hidx }, s.span)?;
        self.stmts(body)?;
        self.u().fblocks.pop();
        self.pop_handler(hidx);
        self.stmts(orelse)?;
        self.emit_jump(Insn::Jump { target: NO_JUMP }, end);

        // Handlers: the stack is [..., exc].
        self.bind(h_except);
        self.set_loc(s.span);
        let h_cleanup = self.new_label();
        let cidx = self.push_handler(h_cleanup);
        self.emit(Insn::PushExcInfo);
        for (i, h) in handlers.iter().enumerate() {
            self.set_loc(h.span);
            if h.type_.is_none() && i + 1 < handlers.len() {
                return Err(self.error(h.span, "default 'except:' must be last"));
            }
            let next = self.new_label();
            if let Some(t) = &h.type_ {
                self.expr(t)?;
                self.set_loc(h.span);
                self.emit(Insn::CheckExcMatch);
                self.emit_jump(Insn::PopJumpIfFalse { target: NO_JUMP }, next);
            }
            match &h.name {
                Some(name) => {
                    self.store_name(name, h.span)?;
                    let h_name = self.new_label();
                    let nidx = self.push_handler(h_name);
                    self.u().fblocks.push(FBlock::ExceptHandler {
                        handlers: vec![cidx, nidx],
                        name: Some(name.clone()),
                    });
                    self.stmts(&h.body)?;
                    self.u().fblocks.pop();
                    self.pop_handler(nidx);
                    self.set_loc(h.span);
                    // Leaving the handler: once the previous exception is restored, the
                    // cleanup handler no longer applies.
                    self.close_segment(cidx);
                    self.emit(Insn::PopExcept);
                    self.load_const(Constant::None);
                    self.store_name(name, h.span)?;
                    self.delete_name(name)?;
                    self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
                    self.resume_handlers(&[cidx]);
                    // Exception inside the named handler: clear the name, re-raise.
                    self.bind(h_name);
                    self.load_const(Constant::None);
                    self.store_name(name, h.span)?;
                    self.delete_name(name)?;
                    self.emit(Insn::Reraise);
                }
                None => {
                    self.emit(Insn::Pop);
                    self.u().fblocks.push(FBlock::ExceptHandler {
                        handlers: vec![cidx],
                        name: None,
                    });
                    self.stmts(&h.body)?;
                    self.u().fblocks.pop();
                    self.set_loc(h.span);
                    self.close_segment(cidx);
                    self.emit(Insn::PopExcept);
                    self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
                    self.resume_handlers(&[cidx]);
                }
            }
            self.bind(next);
        }
        // No handler matched: re-raise (still inside the cleanup range).
        self.set_loc(s.span);
        self.emit(Insn::Reraise);
        self.pop_handler(cidx);
        // Cleanup: [..., prev, exc]: restore the previously handled exception, re-raise.
        self.bind(h_cleanup);
        self.emit(Insn::Swap { n: 2 });
        self.emit(Insn::PopExcept);
        self.emit(Insn::Reraise);
        self.bind(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        s: &Stmt,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> R<()> {
        let h_finally = self.new_label();
        let end = self.new_label();
        let fin: Rc<Vec<Stmt>> = Rc::new(finalbody.to_vec());
        let hidx = self.push_handler(h_finally);
        self.push_fblock(
            FBlock::FinallyTry {
                handler: hidx,
                body: fin.clone(),
            },
            s.span,
        )?;
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(s, body, handlers, orelse)?;
        }
        self.u().fblocks.pop();
        self.pop_handler(hidx);
        // Normal path.
        self.stmts(finalbody)?;
        self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
        // Exceptional path: [..., exc].
        self.bind(h_finally);
        self.set_loc(s.span);
        let h_cleanup = self.new_label();
        let cidx = self.push_handler(h_cleanup);
        self.emit(Insn::PushExcInfo);
        self.u().fblocks.push(FBlock::FinallyEnd { handler: cidx });
        self.stmts(finalbody)?;
        self.u().fblocks.pop();
        self.set_loc(s.span);
        self.emit(Insn::Reraise);
        self.pop_handler(cidx);
        self.bind(h_cleanup);
        self.emit(Insn::Swap { n: 2 });
        self.emit(Insn::PopExcept);
        self.emit(Insn::Reraise);
        self.bind(end);
        Ok(())
    }

    fn with(&mut self, s: &Stmt, items: &[WithItem], body: &[Stmt]) -> R<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let end = self.new_label();
        self.expr(&item.context)?;
        self.set_loc(s.span);
        self.emit(Insn::BeforeWith);
        let h_with = self.new_label();
        // The handler cuts back to [..., exit] and pushes the exception.
        self.u().depth -= 1;
        let hidx = self.push_handler(h_with);
        self.u().depth += 1;
        match &item.target {
            Some(t) => self.store(t)?,
            None => self.emit(Insn::Pop),
        }
        self.push_fblock(FBlock::With { handler: hidx }, s.span)?;
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with(s, rest, body)?;
        }
        self.u().fblocks.pop();
        self.pop_handler(hidx);
        self.set_loc(s.span);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit(Insn::Call { argc: 3 });
        self.emit(Insn::Pop);
        self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
        // Exceptional exit: [..., exit, exc].
        self.bind(h_with);
        let h_cleanup = self.new_label();
        let cidx = self.push_handler(h_cleanup);
        self.emit(Insn::PushExcInfo);
        self.emit(Insn::WithExceptStart);
        let suppress = self.new_label();
        self.emit_jump(Insn::PopJumpIfTrue { target: NO_JUMP }, suppress);
        self.emit(Insn::Reraise);
        self.pop_handler(cidx);
        // Suppressed: [..., exit, prev, exc].
        self.bind(suppress);
        self.emit(Insn::Pop);
        self.emit(Insn::PopExcept);
        self.emit(Insn::Pop);
        self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
        self.bind(h_cleanup);
        self.emit(Insn::Swap { n: 2 });
        self.emit(Insn::PopExcept);
        self.emit(Insn::Reraise);
        self.bind(end);
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> R<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n, target.span)?;
                self.expr(value)?;
                self.set_loc(target.span.join(value.span));
                self.emit(Insn::InplaceOp { op });
                self.store_name(n, target.span)
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Insn::Copy { n: 1 });
                let name = self.name_idx(attr)?;
                let cache = self.attr_cache();
                self.set_loc(target.span);
                self.emit(Insn::LoadAttr { name, cache });
                self.expr(value)?;
                self.set_loc(target.span.join(value.span));
                self.emit(Insn::InplaceOp { op });
                self.emit(Insn::Swap { n: 2 });
                let cache = self.attr_cache();
                self.set_loc(target.span);
                self.emit(Insn::StoreAttr { name, cache });
                Ok(())
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit(Insn::Copy { n: 2 });
                self.emit(Insn::Copy { n: 2 });
                self.set_loc(target.span);
                self.emit(Insn::BinarySubscr);
                self.expr(value)?;
                self.set_loc(target.span.join(value.span));
                self.emit(Insn::InplaceOp { op });
                self.emit(Insn::Swap { n: 3 });
                self.emit(Insn::Swap { n: 2 });
                self.set_loc(target.span);
                self.emit(Insn::StoreSubscr);
                Ok(())
            }
            _ => Err(self.error(
                target.span,
                "'expression' is an illegal expression for augmented assignment",
            )),
        }
    }

    fn ann_assign(
        &mut self,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        simple: bool,
    ) -> R<()> {
        if let Some(v) = value {
            self.expr(v)?;
            self.store(target)?;
        }
        let in_function = matches!(
            self.scope_kind(),
            ScopeKind::Function | ScopeKind::Comprehension
        );
        match &target.kind {
            ExprKind::Name(n) if simple => {
                if !in_function {
                    self.annotation(annotation)?;
                    let ann = self.name_idx("__annotations__")?;
                    self.set_loc(target.span);
                    self.emit(Insn::LoadName { name: ann });
                    self.load_const(Constant::Str(n.clone()));
                    self.emit(Insn::StoreSubscr);
                }
            }
            ExprKind::Attribute { value: obj, .. } => {
                if value.is_none() {
                    self.expr(obj)?;
                    self.emit(Insn::Pop);
                }
                if !in_function && !self.future_annotations {
                    self.expr(annotation)?;
                    self.emit(Insn::Pop);
                }
            }
            ExprKind::Subscript { value: obj, slice } => {
                if value.is_none() {
                    self.expr(obj)?;
                    self.emit(Insn::Pop);
                    self.expr(slice)?;
                    self.emit(Insn::Pop);
                }
                if !in_function && !self.future_annotations {
                    self.expr(annotation)?;
                    self.emit(Insn::Pop);
                }
            }
            _ => {
                if !in_function && !self.future_annotations {
                    self.expr(annotation)?;
                    self.emit(Insn::Pop);
                }
            }
        }
        Ok(())
    }

    // ---------------------------------------------------------------- names

    fn load_name(&mut self, n: &Name, span: Span) -> R<()> {
        let _ = span;
        let scope = &self.table.scopes[self.ur().scope];
        let kind = scope.kind;
        let r = scope.resolve(n);
        match (kind, r) {
            (_, Resolved::GlobalExplicit) => {
                let name = self.name_idx(n)?;
                let cache = self.global_cache();
                self.emit(Insn::LoadGlobal { name, cache });
            }
            (ScopeKind::Function | ScopeKind::Comprehension, Resolved::GlobalImplicit) => {
                let name = self.name_idx(n)?;
                let cache = self.global_cache();
                self.emit(Insn::LoadGlobal { name, cache });
            }
            (ScopeKind::Function | ScopeKind::Comprehension, Resolved::Local) => {
                let slot = self.local_slot(n)?;
                self.emit(Insn::LoadFast { slot });
            }
            (ScopeKind::Class, Resolved::Free) => {
                let slot = self.cell_slot(n).unwrap_or(0);
                self.emit(Insn::LoadClassDeref { slot });
            }
            (_, Resolved::Free | Resolved::Cell) => {
                let slot = self.cell_slot(n).unwrap_or(0);
                self.emit(Insn::LoadDeref { slot });
            }
            _ => {
                let name = self.name_idx(n)?;
                self.emit(Insn::LoadName { name });
            }
        }
        Ok(())
    }

    fn store_name(&mut self, n: &Name, span: Span) -> R<()> {
        let _ = span;
        let scope = &self.table.scopes[self.ur().scope];
        let kind = scope.kind;
        let r = scope.resolve(n);
        match (kind, r) {
            (_, Resolved::GlobalExplicit) => {
                let name = self.name_idx(n)?;
                self.emit(Insn::StoreGlobal { name });
            }
            (ScopeKind::Function | ScopeKind::Comprehension, Resolved::Local) => {
                let slot = self.local_slot(n)?;
                self.emit(Insn::StoreFast { slot });
            }
            (ScopeKind::Function | ScopeKind::Comprehension, Resolved::GlobalImplicit) => {
                let name = self.name_idx(n)?;
                self.emit(Insn::StoreGlobal { name });
            }
            (ScopeKind::Class, Resolved::Free) | (_, Resolved::Cell) => {
                if kind == ScopeKind::Class && r == Resolved::Free {
                    // A class-level assignment to a name captured from an enclosing function
                    // that the class itself does not bind cannot happen (binding makes it
                    // local); treat it as a namespace store.
                    let name = self.name_idx(n)?;
                    self.emit(Insn::StoreName { name });
                } else {
                    let slot = self.cell_slot(n).unwrap_or(0);
                    self.emit(Insn::StoreDeref { slot });
                }
            }
            (_, Resolved::Free) => {
                let slot = self.cell_slot(n).unwrap_or(0);
                self.emit(Insn::StoreDeref { slot });
            }
            _ => {
                let name = self.name_idx(n)?;
                self.emit(Insn::StoreName { name });
            }
        }
        Ok(())
    }

    fn delete_name(&mut self, n: &Name) -> R<()> {
        let scope = &self.table.scopes[self.ur().scope];
        let kind = scope.kind;
        let r = scope.resolve(n);
        match (kind, r) {
            (_, Resolved::GlobalExplicit) => {
                let name = self.name_idx(n)?;
                self.emit(Insn::DeleteGlobal { name });
            }
            (ScopeKind::Function | ScopeKind::Comprehension, Resolved::Local) => {
                let slot = self.local_slot(n)?;
                self.emit(Insn::DeleteFast { slot });
            }
            (ScopeKind::Function | ScopeKind::Comprehension, Resolved::GlobalImplicit) => {
                let name = self.name_idx(n)?;
                self.emit(Insn::DeleteGlobal { name });
            }
            (ScopeKind::Module | ScopeKind::Class, Resolved::Local | Resolved::GlobalImplicit) => {
                let name = self.name_idx(n)?;
                self.emit(Insn::DeleteName { name });
            }
            _ => {
                let slot = self.cell_slot(n).unwrap_or(0);
                self.emit(Insn::DeleteDeref { slot });
            }
        }
        Ok(())
    }

    fn local_slot(&mut self, n: &str) -> R<u16> {
        let u = self.u();
        if let Some(i) = u.varnames.iter().position(|v| &**v == n) {
            return Ok(i as u16);
        }
        if u.varnames.len() > u16::MAX as usize {
            return Err(self.limit_error("local variables"));
        }
        let u = self.u();
        u.varnames.push(Rc::from(n));
        Ok((u.varnames.len() - 1) as u16)
    }

    /// The fast-local slot of `e` if it is a plain local of a function scope.
    fn fast_slot_of(&self, e: &Expr) -> Option<usize> {
        let ExprKind::Name(n) = &e.kind else {
            return None;
        };
        let u = self.ur();
        let scope = &self.table.scopes[u.scope];
        if !matches!(scope.kind, ScopeKind::Function | ScopeKind::Comprehension)
            || scope.resolve(n) != Resolved::Local
        {
            return None;
        }
        u.varnames.iter().position(|v| v == n)
    }

    // ---------------------------------------------------------------- targets

    fn store(&mut self, t: &Expr) -> R<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                self.set_loc(t.span);
                self.store_name(n, t.span)
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let name = self.name_idx(attr)?;
                let cache = self.attr_cache();
                self.set_loc(t.span);
                self.emit(Insn::StoreAttr { name, cache });
                Ok(())
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_loc(t.span);
                self.emit(Insn::StoreSubscr);
                Ok(())
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                self.set_loc(t.span);
                self.unpack(elts, t.span)?;
                for e in elts {
                    match &e.kind {
                        ExprKind::Starred(inner) => self.store(inner)?,
                        _ => self.store(e)?,
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) => Err(self.error(
                t.span,
                "starred assignment target must be in a list or tuple",
            )),
            _ => Err(self.error(t.span, "cannot assign to expression")),
        }
    }

    fn unpack(&mut self, elts: &[Expr], span: Span) -> R<()> {
        let stars: Vec<usize> = elts
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, ExprKind::Starred(_)))
            .map(|(i, _)| i)
            .collect();
        match stars.as_slice() {
            [] => {
                self.emit(Insn::UnpackSequence {
                    n: elts.len() as u32,
                });
                Ok(())
            }
            [i] => {
                let before = *i;
                let after = elts.len() - i - 1;
                if before > 255 || after > 255 {
                    return Err(
                        self.error(span, "too many expressions in star-unpacking assignment")
                    );
                }
                self.emit(Insn::UnpackEx {
                    before: before as u8,
                    after: after as u8,
                });
                Ok(())
            }
            _ => Err(self.error(span, "multiple starred expressions in assignment")),
        }
    }

    fn delete(&mut self, t: &Expr) -> R<()> {
        self.set_loc(t.span);
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let name = self.name_idx(attr)?;
                self.set_loc(t.span);
                self.emit(Insn::DeleteAttr { name });
                Ok(())
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_loc(t.span);
                self.emit(Insn::DeleteSubscr);
                Ok(())
            }
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.delete(e)?;
                }
                Ok(())
            }
            _ => Err(self.error(t.span, "cannot delete expression")),
        }
    }

    // ---------------------------------------------------------------- conditions

    /// Evaluates `e` and jumps to `label` if its truth equals `cond`.
    fn jump_if(&mut self, e: &Expr, cond: bool, label: Label) -> R<()> {
        match &e.kind {
            ExprKind::Unary {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, !cond, label),
            ExprKind::BoolOp { and, values } => {
                // `a and b` jumps if false as soon as one is false; jumps if true only if all
                // are true (and the dual for `or`).
                let short_circuits_to_label = *and != cond;
                if short_circuits_to_label {
                    for v in values {
                        self.jump_if(v, cond, label)?;
                    }
                } else {
                    let skip = self.new_label();
                    let (last, init) = values.split_last().expect("a BoolOp has values");
                    for v in init {
                        self.jump_if(v, !cond, skip)?;
                    }
                    self.jump_if(last, cond, label)?;
                    self.bind(skip);
                }
                return Ok(());
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } if ops.len() == 1 && !cond => {
                let op = ops[0];
                let right = &comparators[0];
                if let (Some(a), Some(b)) = (self.fast_slot_of(left), self.fast_slot_of(right))
                    && a < FAST_FAST_LIMIT
                    && b < FAST_FAST_LIMIT
                {
                    self.set_loc(e.span);
                    self.emit_jump(
                        Insn::CompareFastFastJump {
                            a: a as u8,
                            b: b as u8,
                            op,
                            target: NO_JUMP,
                        },
                        label,
                    );
                    return Ok(());
                }
                self.expr(left)?;
                self.expr(right)?;
                self.set_loc(e.span);
                self.emit_jump(
                    Insn::CompareJump {
                        op,
                        target: NO_JUMP,
                    },
                    label,
                );
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        self.set_loc(e.span);
        if cond {
            self.emit_jump(Insn::PopJumpIfTrue { target: NO_JUMP }, label);
        } else {
            self.emit_jump(Insn::PopJumpIfFalse { target: NO_JUMP }, label);
        }
        Ok(())
    }

    // ---------------------------------------------------------------- expressions

    fn expr(&mut self, e: &Expr) -> R<()> {
        let saved = self.ur().loc;
        self.set_loc(e.span);
        let result = self.expr_inner(e);
        self.u().loc = saved;
        result
    }

    fn expr_inner(&mut self, e: &Expr) -> R<()> {
        match &e.kind {
            ExprKind::Constant(c) => {
                self.load_const(c.clone());
            }
            ExprKind::Name(n) => self.load_name(n, e.span)?,
            ExprKind::BoolOp { and, values } => {
                let end = self.new_label();
                let (last, init) = values.split_last().expect("a BoolOp has values");
                for v in init {
                    self.expr(v)?;
                    self.set_loc(e.span);
                    if *and {
                        self.emit_jump(Insn::JumpIfFalseOrPop { target: NO_JUMP }, end);
                    } else {
                        self.emit_jump(Insn::JumpIfTrueOrPop { target: NO_JUMP }, end);
                    }
                }
                self.expr(last)?;
                self.bind(end);
            }
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                self.emit(Insn::Copy { n: 1 });
                self.store(target)?;
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.set_loc(e.span);
                self.emit(Insn::BinaryOp { op: *op });
            }
            ExprKind::Unary { op, operand } => {
                self.expr(operand)?;
                self.set_loc(e.span);
                self.emit(Insn::Unary { op: *op });
            }
            ExprKind::Lambda { params, body } => {
                let scope = self
                    .table
                    .scope_of(e)
                    .ok_or_else(|| self.error(e.span, "internal error: lambda scope missing"))?;
                let body_expr: &Expr = body;
                self.make_function(
                    scope,
                    &Rc::from("<lambda>"),
                    params,
                    None,
                    e.span.line,
                    e.span,
                    |cg| {
                        cg.expr(body_expr)?;
                        if cg.ur().flags & flags::GENERATOR != 0 {
                            // A generator lambda's value is discarded, as CPython does.
                            cg.emit(Insn::Pop);
                            cg.load_const(Constant::None);
                        }
                        cg.emit(Insn::ReturnValue);
                        Ok(())
                    },
                )?;
            }
            ExprKind::IfExp { test, body, orelse } => {
                let else_label = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, else_label)?;
                self.expr(body)?;
                self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
                self.bind(else_label);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict(items) => self.dict_display(items, e.span)?,
            ExprKind::Set(elts) => self.sequence_display(elts, SeqKind::Set, e.span)?,
            ExprKind::List(elts) => self.sequence_display(elts, SeqKind::List, e.span)?,
            ExprKind::Tuple(elts) => {
                if let Some(c) = constant_tuple(elts) {
                    self.load_const(c);
                } else {
                    self.sequence_display(elts, SeqKind::Tuple, e.span)?;
                }
            }
            ExprKind::Comp {
                kind,
                elt,
                value,
                generators,
            } => self.comprehension(e, *kind, elt, value.as_deref(), generators)?,
            ExprKind::Yield(v) => {
                if !matches!(self.scope_kind(), ScopeKind::Function) {
                    return Err(self.error(e.span, "'yield' outside function"));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.set_loc(e.span);
                self.emit(Insn::YieldValue { yf: false });
            }
            ExprKind::YieldFrom(v) => {
                if !matches!(self.scope_kind(), ScopeKind::Function) {
                    return Err(self.error(e.span, "'yield from' outside function"));
                }
                self.expr(v)?;
                self.set_loc(e.span);
                self.emit(Insn::GetYieldFromIter);
                self.load_const(Constant::None);
                let top = self.new_label();
                let end = self.new_label();
                self.bind(top);
                self.emit_jump(Insn::Send { target: NO_JUMP }, end);
                self.emit(Insn::YieldValue { yf: true });
                self.emit_jump(Insn::Jump { target: NO_JUMP }, top);
                self.bind(end);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                if ops.len() == 1 {
                    self.expr(&comparators[0])?;
                    self.set_loc(e.span);
                    self.emit(Insn::Compare { op: ops[0] });
                } else {
                    let cleanup = self.new_label();
                    let end = self.new_label();
                    let n = ops.len();
                    for i in 0..n - 1 {
                        self.expr(&comparators[i])?;
                        self.set_loc(e.span);
                        self.emit(Insn::Swap { n: 2 });
                        self.emit(Insn::Copy { n: 2 });
                        self.emit(Insn::Compare { op: ops[i] });
                        self.emit_jump(Insn::JumpIfFalseOrPop { target: NO_JUMP }, cleanup);
                    }
                    self.expr(&comparators[n - 1])?;
                    self.set_loc(e.span);
                    self.emit(Insn::Compare { op: ops[n - 1] });
                    self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
                    self.bind(cleanup);
                    self.emit(Insn::Swap { n: 2 });
                    self.emit(Insn::Pop);
                    self.bind(end);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e, func, args, keywords)?,
            ExprKind::FString(parts) => self.fstring(parts, e.span)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let name = self.name_idx(attr)?;
                let cache = self.attr_cache();
                self.set_loc(e.span);
                self.emit(Insn::LoadAttr { name, cache });
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.set_loc(e.span);
                self.emit(Insn::BinarySubscr);
            }
            ExprKind::Starred(_) => {
                return Err(self.error(e.span, "can't use starred expression here"));
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Constant::None),
                    }
                }
                let n = if let Some(s) = step {
                    self.expr(s)?;
                    3
                } else {
                    2
                };
                self.set_loc(e.span);
                self.emit(Insn::BuildSlice { n });
            }
        }
        Ok(())
    }

    fn sequence_display(&mut self, elts: &[Expr], kind: SeqKind, span: Span) -> R<()> {
        let has_star = elts.iter().any(|e| matches!(e.kind, ExprKind::Starred(_)));
        if !has_star {
            for x in elts {
                self.expr(x)?;
            }
            self.set_loc(span);
            let n = elts.len() as u32;
            self.emit(match kind {
                SeqKind::List => Insn::BuildList { n },
                SeqKind::Tuple => Insn::BuildTuple { n },
                SeqKind::Set => Insn::BuildSet { n },
            });
            return Ok(());
        }
        // Leading plain items first, then extend/append one by one.
        let lead = elts
            .iter()
            .take_while(|e| !matches!(e.kind, ExprKind::Starred(_)))
            .count();
        for x in &elts[..lead] {
            self.expr(x)?;
        }
        self.set_loc(span);
        let is_set = kind == SeqKind::Set;
        self.emit(if is_set {
            Insn::BuildSet { n: lead as u32 }
        } else {
            Insn::BuildList { n: lead as u32 }
        });
        for x in &elts[lead..] {
            match &x.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.set_loc(span);
                    self.emit(if is_set {
                        Insn::SetUpdate { depth: 1 }
                    } else {
                        Insn::ListExtend { depth: 1 }
                    });
                }
                _ => {
                    self.expr(x)?;
                    self.set_loc(span);
                    self.emit(if is_set {
                        Insn::SetAdd { depth: 1 }
                    } else {
                        Insn::ListAppend { depth: 1 }
                    });
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.emit(Insn::ListToTuple);
        }
        Ok(())
    }

    fn dict_display(&mut self, items: &[(Option<Expr>, Expr)], span: Span) -> R<()> {
        let mut run = 0u32;
        let mut built = false;
        for (k, v) in items {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    run += 1;
                }
                None => {
                    self.set_loc(span);
                    if run > 0 || !built {
                        self.emit(Insn::BuildMap { n: run });
                        if built {
                            self.emit(Insn::DictUpdate { depth: 1 });
                        }
                        built = true;
                        run = 0;
                    }
                    self.expr(v)?;
                    self.set_loc(span);
                    self.emit(Insn::DictUpdate { depth: 1 });
                }
            }
        }
        self.set_loc(span);
        if !built {
            self.emit(Insn::BuildMap { n: run });
        } else if run > 0 {
            self.emit(Insn::BuildMap { n: run });
            self.emit(Insn::DictUpdate { depth: 1 });
        }
        Ok(())
    }

    fn check_keywords(&self, keywords: &[Keyword]) -> R<()> {
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg
                && keywords[..i].iter().any(|p| p.arg.as_ref() == Some(name))
            {
                return Err(self.error(k.span, format!("keyword argument repeated: {name}")));
            }
        }
        Ok(())
    }

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> R<()> {
        self.check_keywords(keywords)?;
        let simple = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            && keywords.iter().all(|k| k.arg.is_some());
        if simple && let ExprKind::Attribute { value, attr } = &func.kind {
            self.expr(value)?;
            let name = self.name_idx(attr)?;
            let cache = self.attr_cache();
            self.set_loc(func.span);
            self.emit(Insn::LoadMethod { name, cache });
            for a in args {
                self.expr(a)?;
            }
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.set_loc(e.span);
            let argc = (args.len() + keywords.len()) as u16;
            if keywords.is_empty() {
                self.emit(Insn::CallMethod { argc });
            } else {
                let names = self.keyword_names(keywords);
                self.emit(Insn::CallMethodKw { argc, names });
            }
            return Ok(());
        }
        self.expr(func)?;
        self.call_helper(0, args, keywords, e.span)
    }

    fn keyword_names(&mut self, keywords: &[Keyword]) -> u32 {
        let names: Vec<Constant> = keywords
            .iter()
            .filter_map(|k| k.arg.clone().map(Constant::Str))
            .collect();
        self.add_const(Constant::Tuple(Rc::from(names)))
    }

    /// Emits the arguments and the call for a callable already on the stack, followed by
    /// `n_pushed` positional arguments already pushed too.
    fn call_helper(
        &mut self,
        n_pushed: u32,
        args: &[Expr],
        keywords: &[Keyword],
        span: Span,
    ) -> R<()> {
        let simple = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            && keywords.iter().all(|k| k.arg.is_some());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.set_loc(span);
            let argc = n_pushed + (args.len() + keywords.len()) as u32;
            if keywords.is_empty() {
                self.emit(Insn::Call { argc });
            } else {
                let names = self.keyword_names(keywords);
                self.emit(Insn::CallKw {
                    argc: argc.min(u16::MAX as u32) as u16,
                    names,
                });
            }
            return Ok(());
        }
        // General form: a positional tuple and a keyword dict.
        self.set_loc(span);
        self.emit(Insn::BuildList { n: n_pushed });
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.set_loc(span);
                    self.emit(Insn::ListExtend { depth: 1 });
                }
                _ => {
                    self.expr(a)?;
                    self.set_loc(span);
                    self.emit(Insn::ListAppend { depth: 1 });
                }
            }
        }
        self.emit(Insn::ListToTuple);
        if keywords.is_empty() {
            self.emit(Insn::CallEx { has_kwargs: false });
            return Ok(());
        }
        self.emit(Insn::BuildMap { n: 0 });
        for k in keywords {
            match &k.arg {
                Some(name) => {
                    self.load_const(Constant::Str(name.clone()));
                    self.expr(&k.value)?;
                    self.set_loc(span);
                    self.emit(Insn::BuildMap { n: 1 });
                    self.emit(Insn::DictMerge { depth: 1 });
                }
                None => {
                    self.expr(&k.value)?;
                    self.set_loc(span);
                    self.emit(Insn::DictMerge { depth: 1 });
                }
            }
        }
        self.emit(Insn::CallEx { has_kwargs: true });
        Ok(())
    }

    fn fstring(&mut self, parts: &[FPart], span: Span) -> R<()> {
        if parts.is_empty() {
            self.load_const(Constant::Str("".into()));
            return Ok(());
        }
        for p in parts {
            match p {
                FPart::Literal(s) => self.load_const(Constant::Str(s.clone())),
                FPart::Field { value, conv, spec } => {
                    self.expr(value)?;
                    let has_spec = spec.is_some();
                    if let Some(spec) = spec {
                        self.fstring(spec, span)?;
                    }
                    self.set_loc(span);
                    self.emit(Insn::FormatValue {
                        conv: *conv,
                        has_spec,
                    });
                }
            }
        }
        if parts.len() > 1 {
            self.set_loc(span);
            self.emit(Insn::BuildString {
                n: parts.len() as u32,
            });
        } else if let [FPart::Literal(_)] = parts {
            // A lone literal is already a str.
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[Comprehension],
    ) -> R<()> {
        let scope = self
            .table
            .scope_of(e)
            .ok_or_else(|| self.error(e.span, "internal error: comprehension scope missing"))?;
        let name: Rc<str> = self.table.scopes[scope].name.clone();
        let qualname = self.qualname_for(&name);
        self.push_unit(scope, name, qualname, e.span.line);
        self.u().argcount = 1;
        self.set_loc(e.span);
        match kind {
            CompKind::List => self.emit(Insn::BuildList { n: 0 }),
            CompKind::Set => self.emit(Insn::BuildSet { n: 0 }),
            CompKind::Dict => self.emit(Insn::BuildMap { n: 0 }),
            CompKind::Generator => {}
        }
        self.comp_generator(e, kind, elt, value, generators, 0)?;
        self.set_loc(e.span);
        if kind == CompKind::Generator {
            self.load_const(Constant::None);
        }
        self.emit(Insn::ReturnValue);
        let code = self.finish_unit();
        self.set_loc(e.span);
        self.emit_make_function(code, 0)?;
        self.expr(&generators[0].iter)?;
        self.set_loc(e.span);
        self.emit(Insn::GetIter);
        self.emit(Insn::Call { argc: 1 });
        Ok(())
    }

    fn comp_generator(
        &mut self,
        e: &Expr,
        kind: CompKind,
        elt: &Expr,
        value: Option<&Expr>,
        generators: &[Comprehension],
        level: usize,
    ) -> R<()> {
        let g = &generators[level];
        if level == 0 {
            self.emit(Insn::LoadFast { slot: 0 });
        } else {
            self.expr(&g.iter)?;
            self.set_loc(e.span);
            self.emit(Insn::GetIter);
        }
        let top = self.new_label();
        let end = self.new_label();
        self.bind(top);
        self.set_loc(e.span);
        self.emit_jump(Insn::ForIter { target: NO_JUMP }, end);
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, top)?;
        }
        if level + 1 < generators.len() {
            self.comp_generator(e, kind, elt, value, generators, level + 1)?;
        } else {
            let depth = (level + 2) as u16;
            match kind {
                CompKind::List => {
                    self.expr(elt)?;
                    self.set_loc(e.span);
                    self.emit(Insn::ListAppend { depth });
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.set_loc(e.span);
                    self.emit(Insn::SetAdd { depth });
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    if let Some(v) = value {
                        self.expr(v)?;
                    }
                    self.set_loc(e.span);
                    self.emit(Insn::MapAdd { depth });
                }
                CompKind::Generator => {
                    self.expr(elt)?;
                    self.set_loc(e.span);
                    self.emit(Insn::YieldValue { yf: false });
                    self.emit(Insn::Pop);
                }
            }
        }
        self.set_loc(e.span);
        self.emit_jump(Insn::Jump { target: NO_JUMP }, top);
        self.bind(end);
        Ok(())
    }

    // ---------------------------------------------------------------- match

    fn match_stmt(&mut self, s: &Stmt, subject: &Expr, cases: &[MatchCase]) -> R<()> {
        self.expr(subject)?;
        let end = self.new_label();
        for (i, case) in cases.iter().enumerate() {
            let is_last = i + 1 == cases.len();
            if !is_last && case.guard.is_none() && irrefutable(&case.pattern) {
                let msg = match &case.pattern.kind {
                    PatternKind::As {
                        pattern: None,
                        name: Some(n),
                    } => format!("name capture '{n}' makes remaining patterns unreachable"),
                    _ => "wildcard makes remaining patterns unreachable".to_string(),
                };
                return Err(self.error(case.pattern.span, msg));
            }
            self.set_loc(case.pattern.span);
            self.emit(Insn::Copy { n: 1 });
            let mut ctx = PatCtx {
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&case.pattern, &mut ctx)?;
            if let Some(g) = &case.guard {
                let fail = ctx.fail_label(self, 0);
                self.jump_if(g, false, fail)?;
            }
            self.set_loc(s.span);
            self.emit(Insn::Pop);
            self.stmts(&case.body)?;
            self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
            self.emit_fail_pop(&mut ctx);
        }
        self.set_loc(s.span);
        self.emit(Insn::Pop);
        self.bind(end);
        Ok(())
    }

    fn emit_fail_pop(&mut self, ctx: &mut PatCtx) {
        let labels = std::mem::take(&mut ctx.fail_pop);
        if labels.is_empty() {
            return;
        }
        for i in (1..labels.len()).rev() {
            self.bind(labels[i]);
            self.emit(Insn::Pop);
        }
        self.bind(labels[0]);
    }

    fn jump_to_fail(&mut self, ctx: &mut PatCtx, insn: Insn) {
        let n = ctx.on_top;
        let label = ctx.fail_label(self, n);
        self.emit_jump(insn, label);
    }

    /// Matches the subject on top of the stack against `p`; on success the subject has been
    /// consumed; on failure jumps to the fail label for the items counted in `ctx.on_top`.
    fn pattern(&mut self, p: &Pattern, ctx: &mut PatCtx) -> R<()> {
        self.set_loc(p.span);
        match &p.kind {
            PatternKind::As { pattern, name } => {
                match pattern {
                    None => match name {
                        None => self.emit(Insn::Pop),
                        Some(n) => self.store_name(n, p.span)?,
                    },
                    Some(inner) => match name {
                        Some(n) => {
                            self.emit(Insn::Copy { n: 1 });
                            ctx.on_top += 1;
                            self.pattern(inner, ctx)?;
                            ctx.on_top -= 1;
                            self.set_loc(p.span);
                            self.store_name(n, p.span)?;
                        }
                        None => self.pattern(inner, ctx)?,
                    },
                }
                Ok(())
            }
            PatternKind::Star(name) => {
                match name {
                    Some(n) => self.store_name(n, p.span)?,
                    None => self.emit(Insn::Pop),
                }
                Ok(())
            }
            PatternKind::Value(v) => {
                self.expr(v)?;
                self.set_loc(p.span);
                self.emit(Insn::Compare { op: CmpOp::Eq });
                self.jump_to_fail(ctx, Insn::PopJumpIfFalse { target: NO_JUMP });
                Ok(())
            }
            PatternKind::Singleton(c) => {
                self.load_const(c.clone());
                self.emit(Insn::Compare { op: CmpOp::Is });
                self.jump_to_fail(ctx, Insn::PopJumpIfFalse { target: NO_JUMP });
                Ok(())
            }
            PatternKind::Sequence(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| matches!(x.kind, PatternKind::Star(_)))
                    .map(|(i, _)| i)
                    .collect();
                if stars.len() > 1 {
                    return Err(self.error(p.span, "multiple starred names in sequence pattern"));
                }
                ctx.on_top += 1;
                self.emit(Insn::MatchSequence);
                self.jump_to_fail(ctx, Insn::PopJumpIfFalse { target: NO_JUMP });
                let n = items.len();
                self.emit(Insn::GetLen);
                if stars.is_empty() {
                    self.load_const(Constant::Int(n as i64));
                    self.emit(Insn::Compare { op: CmpOp::Eq });
                } else {
                    self.load_const(Constant::Int(n as i64 - 1));
                    self.emit(Insn::Compare { op: CmpOp::Ge });
                }
                self.jump_to_fail(ctx, Insn::PopJumpIfFalse { target: NO_JUMP });
                match stars.first() {
                    None => self.emit(Insn::UnpackSequence { n: n as u32 }),
                    Some(&i) => {
                        if i > 255 || n - i - 1 > 255 {
                            return Err(
                                self.error(p.span, "too many sub-patterns in sequence pattern")
                            );
                        }
                        self.emit(Insn::UnpackEx {
                            before: i as u8,
                            after: (n - i - 1) as u8,
                        })
                    }
                }
                ctx.on_top -= 1;
                ctx.on_top += n;
                for item in items {
                    ctx.on_top -= 1;
                    self.pattern(item, ctx)?;
                }
                Ok(())
            }
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                ctx.on_top += 1;
                self.emit(Insn::MatchMapping);
                self.jump_to_fail(ctx, Insn::PopJumpIfFalse { target: NO_JUMP });
                if keys.is_empty() && rest.is_none() {
                    ctx.on_top -= 1;
                    self.emit(Insn::Pop);
                    return Ok(());
                }
                if !keys.is_empty() {
                    self.emit(Insn::GetLen);
                    self.load_const(Constant::Int(keys.len() as i64));
                    self.emit(Insn::Compare { op: CmpOp::Ge });
                    self.jump_to_fail(ctx, Insn::PopJumpIfFalse { target: NO_JUMP });
                }
                for k in keys {
                    self.expr(k)?;
                }
                self.set_loc(p.span);
                self.emit(Insn::BuildTuple {
                    n: keys.len() as u32,
                });
                ctx.on_top += 1;
                self.emit(Insn::MatchKeys);
                ctx.on_top += 1;
                self.emit(Insn::Copy { n: 1 });
                self.jump_to_fail(ctx, Insn::PopJumpIfNone { target: NO_JUMP });
                self.emit(Insn::UnpackSequence {
                    n: keys.len() as u32,
                });
                ctx.on_top -= 1;
                ctx.on_top += keys.len();
                for sub in patterns {
                    ctx.on_top -= 1;
                    self.pattern(sub, ctx)?;
                }
                self.set_loc(p.span);
                // [subject, keys]
                match rest {
                    Some(r) => {
                        self.emit(Insn::CopyDictWithoutKeys);
                        self.store_name(r, p.span)?;
                        self.emit(Insn::Pop);
                    }
                    None => {
                        self.emit(Insn::Pop);
                        self.emit(Insn::Pop);
                    }
                }
                ctx.on_top -= 2;
                Ok(())
            }
            PatternKind::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                self.expr(cls)?;
                let names: Vec<Constant> =
                    kwd_attrs.iter().map(|a| Constant::Str(a.clone())).collect();
                self.load_const(Constant::Tuple(Rc::from(names)));
                self.set_loc(p.span);
                self.emit(Insn::MatchClass {
                    argc: patterns.len() as u16,
                });
                ctx.on_top += 1;
                self.emit(Insn::Copy { n: 1 });
                self.jump_to_fail(ctx, Insn::PopJumpIfNone { target: NO_JUMP });
                let total = patterns.len() + kwd_patterns.len();
                self.emit(Insn::UnpackSequence { n: total as u32 });
                ctx.on_top -= 1;
                ctx.on_top += total;
                for sub in patterns.iter().chain(kwd_patterns) {
                    ctx.on_top -= 1;
                    self.pattern(sub, ctx)?;
                }
                Ok(())
            }
            PatternKind::Or(alts) => {
                let end = self.new_label();
                let (last, init) = alts.split_last().expect("an or-pattern has alternatives");
                for alt in init {
                    self.set_loc(alt.span);
                    self.emit(Insn::Copy { n: 1 });
                    let mut sub = PatCtx {
                        fail_pop: Vec::new(),
                        on_top: 0,
                    };
                    self.pattern(alt, &mut sub)?;
                    self.emit(Insn::Pop);
                    self.emit_jump(Insn::Jump { target: NO_JUMP }, end);
                    self.emit_fail_pop(&mut sub);
                }
                self.pattern(last, ctx)?;
                self.bind(end);
                Ok(())
            }
        }
    }
}

/// The failure labels of a pattern being matched: `fail_pop[n]` pops `n` items then fails.
struct PatCtx {
    fail_pop: Vec<Label>,
    on_top: usize,
}

impl PatCtx {
    fn fail_label(&mut self, cg: &mut Codegen<'_>, n: usize) -> Label {
        while self.fail_pop.len() <= n {
            let l = cg.new_label();
            self.fail_pop.push(l);
        }
        self.fail_pop[n]
    }
}

/// True if `p` matches anything without a guard (a capture or wildcard, possibly in `|`).
fn irrefutable(p: &Pattern) -> bool {
    match &p.kind {
        PatternKind::As { pattern: None, .. } => true,
        PatternKind::As {
            pattern: Some(inner),
            ..
        } => irrefutable(inner),
        PatternKind::Or(alts) => alts.iter().any(irrefutable),
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
    Set,
}

/// A tuple display made only of constants folds into one constant (CPython does this too).
fn constant_tuple(elts: &[Expr]) -> Option<Constant> {
    let mut items = Vec::with_capacity(elts.len());
    for e in elts {
        match &e.kind {
            ExprKind::Constant(c) => items.push(c.clone()),
            _ => return None,
        }
    }
    Some(Constant::Tuple(Rc::from(items)))
}

fn same_constant(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) | (Constant::Imag(x), Constant::Imag(y)) => {
            x.to_bits() == y.to_bits()
        }
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same_constant(p, q))
        }
        (Constant::Int(_), Constant::Int(_))
        | (Constant::BigInt(_), Constant::BigInt(_))
        | (Constant::Str(_), Constant::Str(_))
        | (Constant::Bytes(_), Constant::Bytes(_))
        | (Constant::None, Constant::None)
        | (Constant::True, Constant::True)
        | (Constant::False, Constant::False)
        | (Constant::Ellipsis, Constant::Ellipsis) => a == b,
        _ => false,
    }
}

impl Span {
    /// The span from the start of `self` to the end of `other`.
    pub fn join(self, other: Span) -> Span {
        Span {
            line: self.line,
            col: self.col,
            end_line: other.end_line,
            end_col: other.end_col,
        }
    }
}

impl Unit {
    fn pending_resume_push(&mut self, suspended: Vec<usize>, depth: i32) {
        self.pending_resume.push((suspended, depth));
    }
}
