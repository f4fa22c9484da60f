//! Scope analysis: which names are local, global, free or cell in each scope, as CPython's
//! `symtable.c` decides it.
//!
//! Two passes. The first walks the tree and records, per scope (module, class, function/lambda,
//! comprehension), how each name is used (bound, used, declared global/nonlocal, a parameter),
//! and reports the declaration errors CPython's symtable reports. The second resolves each name
//! top-down: explicit globals, locals, free variables (bound in an enclosing *function* scope;
//! class scopes do not enclose), implicit globals; names that an inner scope captures become
//! cells. Class bodies that contain `super` or `__class__` in a method get the implicit
//! `__class__` cell. Scopes are keyed by the address of the AST node that opens them (the tree is
//! not moved between analysis and code generation).

use std::collections::HashMap;

use crate::ast::*;
use crate::frontend::{SourceMap, SyntaxError};

/// What kind of scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// A module (or `exec`/`eval` code).
    Module,
    /// A class body.
    Class,
    /// A function or lambda.
    Function,
    /// A comprehension or generator expression.
    Comprehension,
}

/// Where a name lives, once resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A local of this scope (fast local in functions, the locals mapping elsewhere).
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere visible: globals, then builtins.
    GlobalImplicit,
    /// Bound in an enclosing function: reached through a cell in the closure.
    Free,
    /// Local here and captured by an inner scope: lives in a cell.
    Cell,
}

const DEF_LOCAL: u8 = 1;
const DEF_PARAM: u8 = 2;
const DEF_GLOBAL: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;

/// One scope.
#[derive(Debug)]
pub struct Scope {
    /// What kind of scope.
    pub kind: ScopeKind,
    /// Its name (function/class name, `<lambda>`, `<listcomp>`...).
    pub name: Name,
    /// Names in first-seen order with their use flags.
    order: Vec<Name>,
    flags: HashMap<Name, u8>,
    /// Resolution of every name seen here (filled by the second pass).
    pub resolved: HashMap<Name, Resolved>,
    /// Parameter names in slot order.
    pub params: Vec<Name>,
    /// Cell variables in order.
    pub cellvars: Vec<Name>,
    /// Free variables in order.
    pub freevars: Vec<Name>,
    /// Inner scopes in source order.
    pub children: Vec<usize>,
    /// The enclosing scope.
    pub parent: Option<usize>,
    /// Contains `yield`.
    pub is_generator: bool,
    /// A class body whose methods need the `__class__` cell.
    pub needs_class_cell: bool,
    /// A function that uses `super` or `__class__` (so it gets `__class__` as a free variable).
    uses_class: bool,
    /// Where each global/nonlocal was declared (for errors).
    decl_spans: HashMap<Name, Span>,
}

impl Scope {
    fn new(kind: ScopeKind, name: Name, parent: Option<usize>) -> Self {
        Scope {
            kind,
            name,
            order: Vec::new(),
            flags: HashMap::new(),
            resolved: HashMap::new(),
            params: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            children: Vec::new(),
            parent,
            is_generator: false,
            needs_class_cell: false,
            uses_class: false,
            decl_spans: HashMap::new(),
        }
    }

    /// How `name` resolves in this scope (names never seen are implicit globals, or in class
    /// and module scopes go through the locals mapping).
    pub fn resolve(&self, name: &str) -> Resolved {
        self.resolved
            .get(name)
            .copied()
            .unwrap_or(Resolved::GlobalImplicit)
    }

    /// All names bound in this scope that are plain locals (not cells), in first-seen order,
    /// parameters excluded.
    pub fn plain_locals(&self) -> Vec<Name> {
        self.order
            .iter()
            .filter(|n| self.resolved.get(*n) == Some(&Resolved::Local) && !self.params.contains(n))
            .cloned()
            .collect()
    }
}

/// The analysed program: all scopes, scope 0 being the module.
#[derive(Debug)]
pub struct SymbolTable {
    /// All scopes.
    pub scopes: Vec<Scope>,
    /// AST node address → scope index.
    pub by_node: HashMap<usize, usize>,
}

impl SymbolTable {
    /// The scope opened by the node at `addr`.
    pub fn scope_of<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }
}

struct Builder<'a> {
    map: &'a SourceMap<'a>,
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    cur: usize,
}

type R<T> = Result<T, SyntaxError>;

/// Analyses a module body (or exec/eval code: `kind` is `Module` for all of them).
pub fn analyze_module(map: &SourceMap<'_>, body: &[Stmt]) -> R<SymbolTable> {
    let mut b = Builder::new(map);
    for s in body {
        b.stmt(s)?;
    }
    b.finish()
}

/// Analyses an expression (the body of `eval`).
pub fn analyze_expression(map: &SourceMap<'_>, expr: &Expr) -> R<SymbolTable> {
    let mut b = Builder::new(map);
    b.expr(expr)?;
    b.finish()
}

impl<'a> Builder<'a> {
    fn new(map: &'a SourceMap<'a>) -> Self {
        Builder {
            map,
            scopes: vec![Scope::new(ScopeKind::Module, "<module>".into(), None)],
            by_node: HashMap::new(),
            cur: 0,
        }
    }

    fn finish(mut self) -> R<SymbolTable> {
        self.resolve(0, &HashMap::new())?;
        Ok(SymbolTable {
            scopes: self.scopes,
            by_node: self.by_node,
        })
    }

    fn err(&self, span: Span, msg: String) -> SyntaxError {
        self.map.error_span(span, msg)
    }

    fn add(&mut self, name: &Name, flag: u8, span: Span) -> R<()> {
        let scope = &mut self.scopes[self.cur];
        let old = scope.flags.get(name).copied().unwrap_or(0);
        if old == 0 {
            scope.order.push(name.clone());
        }
        if flag == DEF_PARAM && old & DEF_PARAM != 0 {
            return Err(self.err(
                span,
                format!("duplicate argument '{name}' in function definition"),
            ));
        }
        // Binding or using a name that is already declared global/nonlocal is fine; the
        // reverse order is checked where the declaration is seen.
        self.scopes[self.cur].flags.insert(name.clone(), old | flag);
        Ok(())
    }

    fn bind(&mut self, name: &Name, span: Span) -> R<()> {
        self.add(name, DEF_LOCAL, span)
    }

    fn use_name(&mut self, name: &Name, span: Span) -> R<()> {
        if matches!(
            self.scopes[self.cur].kind,
            ScopeKind::Function | ScopeKind::Comprehension
        ) && (&**name == "super" || &**name == "__class__")
        {
            self.scopes[self.cur].uses_class = true;
        }
        self.add(name, USE, span)
    }

    fn push_scope<T>(&mut self, node: &T, kind: ScopeKind, name: Name) -> usize {
        let idx = self.scopes.len();
        self.scopes.push(Scope::new(kind, name, Some(self.cur)));
        self.scopes[self.cur].children.push(idx);
        self.by_node.insert(node as *const T as usize, idx);
        self.cur = idx;
        idx
    }

    fn pop_scope(&mut self) {
        self.cur = self.scopes[self.cur].parent.unwrap_or(0);
    }

    fn stmts(&mut self, body: &[Stmt]) -> R<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn params_defaults(&mut self, params: &Parameters) -> R<()> {
        for p in params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.kwonly)
        {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn params_annotations(&mut self, params: &Parameters) -> R<()> {
        let all = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(params.vararg.iter())
            .chain(&params.kwonly)
            .chain(params.kwarg.iter());
        for p in all {
            if let Some(a) = &p.annotation {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    fn declare_params(&mut self, params: &Parameters) -> R<()> {
        let ordered = params
            .posonly
            .iter()
            .chain(&params.args)
            .chain(&params.kwonly)
            .chain(params.vararg.iter())
            .chain(params.kwarg.iter());
        for p in ordered {
            self.add(&p.name, DEF_PARAM, p.span)?;
            self.scopes[self.cur].params.push(p.name.clone());
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> R<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.params_defaults(&f.params)?;
                self.params_annotations(&f.params)?;
                if let Some(r) = &f.returns {
                    self.expr(r)?;
                }
                self.bind(&f.name, s.span)?;
                self.push_scope(&**f, ScopeKind::Function, f.name.clone());
                self.declare_params(&f.params)?;
                self.stmts(&f.body)?;
                self.pop_scope();
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                self.bind(&c.name, s.span)?;
                self.push_scope(&**c, ScopeKind::Class, c.name.clone());
                self.stmts(&c.body)?;
                self.pop_scope();
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                if let ExprKind::Name(n) = &target.kind {
                    self.use_name(n, target.span)?;
                }
                self.target(target)?;
                self.expr(value)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name(n) = &target.kind {
                    let flags = self.scopes[self.cur].flags.get(n).copied().unwrap_or(0);
                    if flags & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && *simple {
                        let which = if flags & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(
                            self.err(s.span, format!("annotated name '{n}' can't be {which}"))
                        );
                    }
                }
                if self.scopes[self.cur].kind != ScopeKind::Function {
                    self.expr(annotation)?;
                }
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.target(target)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)?;
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for case in cases {
                    self.pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&case.body)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                if let Some(c) = cause {
                    self.expr(c)?;
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.type_ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n, h.span)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound: Name = match &a.asname {
                        Some(n) => n.clone(),
                        None => a.name.split('.').next().unwrap_or("").into(),
                    };
                    self.bind(&bound, a.span)?;
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if &*a.name == "*" {
                        if self.scopes[self.cur].kind != ScopeKind::Module {
                            return Err(self
                                .err(a.span, "import * only allowed at module level".to_string()));
                        }
                        continue;
                    }
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.bind(&bound, a.span)?;
                }
            }
            StmtKind::Global(names) => {
                for n in names {
                    self.declare(n, s.span, true)?;
                }
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    self.declare(n, s.span, false)?;
                }
            }
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    fn declare(&mut self, n: &Name, span: Span, global: bool) -> R<()> {
        let kind = self.scopes[self.cur].kind;
        if !global && kind == ScopeKind::Module {
            return Err(self.err(
                span,
                "nonlocal declaration not allowed at module level".to_string(),
            ));
        }
        let flags = self.scopes[self.cur].flags.get(n).copied().unwrap_or(0);
        let which = if global { "global" } else { "nonlocal" };
        if flags & DEF_PARAM != 0 {
            return Err(self.err(span, format!("name '{n}' is parameter and {which}")));
        }
        if global && flags & DEF_NONLOCAL != 0 {
            return Err(self.err(span, format!("name '{n}' is nonlocal and global")));
        }
        if !global && flags & DEF_GLOBAL != 0 {
            return Err(self.err(span, format!("name '{n}' is nonlocal and global")));
        }
        if flags & DEF_LOCAL != 0 {
            return Err(self.err(
                span,
                format!("name '{n}' is assigned to before {which} declaration"),
            ));
        }
        if flags & USE != 0 {
            return Err(self.err(
                span,
                format!("name '{n}' is used prior to {which} declaration"),
            ));
        }
        self.add(n, if global { DEF_GLOBAL } else { DEF_NONLOCAL }, span)?;
        self.scopes[self.cur].decl_spans.insert(n.clone(), span);
        Ok(())
    }

    /// A store or delete target.
    fn target(&mut self, t: &Expr) -> R<()> {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n, t.span),
            ExprKind::Tuple(elts) | ExprKind::List(elts) => {
                for e in elts {
                    self.target(e)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn pattern(&mut self, p: &Pattern) -> R<()> {
        match &p.kind {
            PatternKind::Value(e) => self.expr(e),
            PatternKind::Singleton(_) => Ok(()),
            PatternKind::Sequence(ps) | PatternKind::Or(ps) => {
                for p in ps {
                    self.pattern(p)?;
                }
                Ok(())
            }
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                for k in keys {
                    self.expr(k)?;
                }
                for p in patterns {
                    self.pattern(p)?;
                }
                if let Some(r) = rest {
                    self.bind(r, p.span)?;
                }
                Ok(())
            }
            PatternKind::Class {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                for p in patterns.iter().chain(kwd_patterns) {
                    self.pattern(p)?;
                }
                Ok(())
            }
            PatternKind::Star(name) => {
                if let Some(n) = name {
                    self.bind(n, p.span)?;
                }
                Ok(())
            }
            PatternKind::As { pattern, name } => {
                if let Some(inner) = pattern {
                    self.pattern(inner)?;
                }
                if let Some(n) = name {
                    self.bind(n, p.span)?;
                }
                Ok(())
            }
        }
    }

    fn expr(&mut self, e: &Expr) -> R<()> {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.expr(v)?;
                }
            }
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.bind_walrus(n, target.span)?;
                }
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)?;
            }
            ExprKind::Unary { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { params, body } => {
                self.params_defaults(params)?;
                self.push_scope(e, ScopeKind::Function, "<lambda>".into());
                self.declare_params(params)?;
                self.expr(body)?;
                self.pop_scope();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.expr(k)?;
                    }
                    self.expr(v)?;
                }
            }
            ExprKind::Set(elts) | ExprKind::List(elts) | ExprKind::Tuple(elts) => {
                for x in elts {
                    self.expr(x)?;
                }
            }
            ExprKind::Comp {
                kind,
                elt,
                value,
                generators,
            } => {
                let name = match kind {
                    CompKind::List => "<listcomp>",
                    CompKind::Set => "<setcomp>",
                    CompKind::Dict => "<dictcomp>",
                    CompKind::Generator => "<genexpr>",
                };
                // The first iterable is evaluated in the enclosing scope.
                self.expr(&generators[0].iter)?;
                self.push_scope(e, ScopeKind::Comprehension, name.into());
                self.add(&".0".into(), DEF_PARAM, e.span)?;
                self.scopes[self.cur].params.push(".0".into());
                if *kind == CompKind::Generator {
                    self.scopes[self.cur].is_generator = true;
                }
                for (i, g) in generators.iter().enumerate() {
                    if i > 0 {
                        self.expr(&g.iter)?;
                    }
                    self.target(&g.target)?;
                    for cond in &g.ifs {
                        self.expr(cond)?;
                    }
                }
                self.expr(elt)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.pop_scope();
            }
            ExprKind::Yield(v) => {
                self.check_yield(e.span, "yield")?;
                if let Some(v) = v {
                    self.expr(v)?;
                }
            }
            ExprKind::YieldFrom(v) => {
                self.check_yield(e.span, "yield from")?;
                self.expr(v)?;
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                for c in comparators {
                    self.expr(c)?;
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                for a in args {
                    self.expr(a)?;
                }
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::FString(parts) => self.fparts(parts)?,
            ExprKind::Constant(_) => {}
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred(v) => self.expr(v)?,
            ExprKind::Name(n) => self.use_name(n, e.span)?,
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
            }
        }
        Ok(())
    }

    fn fparts(&mut self, parts: &[FPart]) -> R<()> {
        for p in parts {
            if let FPart::Field { value, spec, .. } = p {
                self.expr(value)?;
                if let Some(spec) = spec {
                    self.fparts(spec)?;
                }
            }
        }
        Ok(())
    }

    fn check_yield(&mut self, span: Span, what: &str) -> R<()> {
        match self.scopes[self.cur].kind {
            ScopeKind::Function => {
                self.scopes[self.cur].is_generator = true;
                Ok(())
            }
            ScopeKind::Comprehension => {
                let msg = match &*self.scopes[self.cur].name {
                    "<listcomp>" => "'yield' inside list comprehension",
                    "<setcomp>" => "'yield' inside set comprehension",
                    "<dictcomp>" => "'yield' inside dict comprehension",
                    _ => "'yield' inside generator expression",
                };
                Err(self.err(span, msg.to_string()))
            }
            _ => Err(self.err(
                span,
                format!(
                    "'{}' outside function",
                    what.split(' ').next().unwrap_or(what)
                ),
            )),
        }
    }

    /// A walrus target binds in the nearest enclosing non-comprehension scope.
    fn bind_walrus(&mut self, n: &Name, span: Span) -> R<()> {
        if self.scopes[self.cur].kind != ScopeKind::Comprehension {
            return self.bind(n, span);
        }
        let comp = self.cur;
        let mut target = comp;
        while self.scopes[target].kind == ScopeKind::Comprehension {
            if self.scopes[target].flags.get(n).copied().unwrap_or(0) & DEF_LOCAL != 0 {
                return Err(self.err(
                    span,
                    format!(
                        "assignment expression cannot rebind comprehension iteration variable '{n}'"
                    ),
                ));
            }
            target = self.scopes[target].parent.unwrap_or(0);
        }
        if self.scopes[target].kind == ScopeKind::Class {
            return Err(self.err(
                span,
                "assignment expression within a comprehension cannot be used in a class body"
                    .to_string(),
            ));
        }
        // Bound in the target scope; each comprehension in between sees it as free (or, at
        // module level, as a global).
        self.cur = target;
        let is_module = self.scopes[target].kind == ScopeKind::Module;
        let flags = self.scopes[target].flags.get(n).copied().unwrap_or(0);
        if flags & (DEF_GLOBAL | DEF_NONLOCAL) == 0 {
            self.bind(n, span)?;
        }
        self.cur = comp;
        let mut s = comp;
        while self.scopes[s].kind == ScopeKind::Comprehension {
            self.cur = s;
            if is_module {
                self.add(n, DEF_GLOBAL, span)?;
            } else {
                self.add(n, DEF_NONLOCAL, span)?;
            }
            s = self.scopes[s].parent.unwrap_or(0);
        }
        self.cur = comp;
        Ok(())
    }

    /// Second pass: resolves scope `idx` given the names bound by enclosing function scopes
    /// (name → whether it is visible). Returns this scope's free names (to be provided by an
    /// enclosing scope).
    fn resolve(&mut self, idx: usize, enclosing: &HashMap<Name, ()>) -> R<Vec<Name>> {
        let kind = self.scopes[idx].kind;
        let order = self.scopes[idx].order.clone();
        let mut free: Vec<Name> = Vec::new();
        for n in &order {
            let flags = self.scopes[idx].flags[n];
            let r = if flags & DEF_GLOBAL != 0 {
                Resolved::GlobalExplicit
            } else if flags & DEF_NONLOCAL != 0 {
                if !enclosing.contains_key(n) {
                    let span = self.scopes[idx]
                        .decl_spans
                        .get(n)
                        .copied()
                        .unwrap_or_default();
                    return Err(self.err(span, format!("no binding for nonlocal '{n}' found")));
                }
                Resolved::Free
            } else if flags & (DEF_LOCAL | DEF_PARAM) != 0 {
                Resolved::Local
            } else if enclosing.contains_key(n) && kind != ScopeKind::Module {
                Resolved::Free
            } else {
                Resolved::GlobalImplicit
            };
            if r == Resolved::Free {
                free.push(n.clone());
            }
            self.scopes[idx].resolved.insert(n.clone(), r);
        }
        // What children may capture: enclosing function bindings plus this function's locals
        // (class and module scopes do not enclose).
        let mut inner = enclosing.clone();
        if matches!(kind, ScopeKind::Function | ScopeKind::Comprehension) {
            for n in &order {
                match self.scopes[idx].resolved[n] {
                    Resolved::Local | Resolved::Free => {
                        inner.insert(n.clone(), ());
                    }
                    Resolved::GlobalExplicit => {
                        inner.remove(n);
                    }
                    _ => {}
                }
            }
        } else if kind == ScopeKind::Class {
            inner.insert("__class__".into(), ());
        } else {
            inner.clear();
        }
        let children = self.scopes[idx].children.clone();
        for child in children {
            if self.scopes[child].uses_class && self.scopes[child].kind != ScopeKind::Class {
                // `super()` needs `__class__`: record an implicit use in the method.
                let c = &mut self.scopes[child];
                if !c.flags.contains_key("__class__") {
                    c.order.push("__class__".into());
                    c.flags.insert("__class__".into(), USE);
                }
            }
            let child_free = self.resolve(child, &inner)?;
            for n in child_free {
                if kind == ScopeKind::Class && &*n == "__class__" {
                    self.scopes[idx].needs_class_cell = true;
                    continue;
                }
                match self.scopes[idx].resolved.get(&n).copied() {
                    Some(Resolved::Local) | Some(Resolved::Cell)
                        if kind != ScopeKind::Class && kind != ScopeKind::Module =>
                    {
                        self.scopes[idx].resolved.insert(n.clone(), Resolved::Cell);
                    }
                    Some(Resolved::Free) => {}
                    _ => {
                        // Free in the child and not bound here: this scope passes it through.
                        // In a class body the name may also be a class-level local; it is then
                        // still free for the methods (class scopes do not enclose).
                        if !free.contains(&n) {
                            free.push(n.clone());
                        }
                        if !self.scopes[idx].resolved.contains_key(&n) {
                            self.scopes[idx].resolved.insert(n.clone(), Resolved::Free);
                        }
                        if kind == ScopeKind::Class {
                            // Remember it so the class body gets the cell in its closure.
                            let s = &mut self.scopes[idx];
                            if !s.freevars.contains(&n) {
                                s.freevars.push(n.clone());
                            }
                        }
                    }
                }
            }
        }
        if kind == ScopeKind::Class && self.scopes[idx].needs_class_cell {
            self.scopes[idx].cellvars.push("__class__".into());
        }
        // Cell and free lists in first-seen order.
        let s = &mut self.scopes[idx];
        for n in &order {
            if s.resolved.get(n) == Some(&Resolved::Cell) && !s.cellvars.contains(n) {
                s.cellvars.push(n.clone());
            }
        }
        for n in &free {
            if !s.freevars.contains(n) {
                s.freevars.push(n.clone());
            }
        }
        Ok(free)
    }
}
