//! Lowering of Ruff's syntax tree into pyvgc's own [`crate::ast`].
//!
//! A straight structural walk. It converts byte ranges to line/character spans, joins string
//! pieces, turns number tokens into constants, and rejects the syntax Python 3.11 does not have or
//! pyvgc does not run (async functions, `await`, async comprehensions, `except*`, PEP 695 type
//! parameters and `type` statements, t-strings) with a `SyntaxError` naming the feature. Nesting
//! is bounded: past [`MAX_DEPTH`] levels it reports CPython's "maximum recursion depth exceeded
//! during compilation" instead of growing the native stack.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::Num;
use ruff_python_ast as rs;
use ruff_text_size::{Ranged, TextRange};

use super::{SourceMap, SyntaxError};
use crate::ast::*;
use crate::bytecode::{BinOp, CmpOp, Constant, Conversion, UnaryOp};

/// How deep statements and expressions may nest before the front end gives up.
pub const MAX_DEPTH: u32 = 2500;

/// The lowering state: the source map for spans and the current depth.
pub struct Lowerer<'a> {
    /// Byte offset → line/column.
    pub map: &'a SourceMap<'a>,
    depth: u32,
    /// How many `def`/`lambda` bodies enclose the current node.
    in_function: u32,
    /// The name private identifiers are mangled with: the innermost enclosing class's name
    /// without its leading underscores (None outside classes, or for a name of underscores).
    private_prefix: Option<Rc<str>>,
}

type R<T> = Result<T, SyntaxError>;

impl<'a> Lowerer<'a> {
    /// A lowerer over `map`'s source.
    pub fn new(map: &'a SourceMap<'a>) -> Self {
        Lowerer {
            map,
            depth: 0,
            in_function: 0,
            private_prefix: None,
        }
    }

    /// CPython's private name mangling: inside class `_C`, `__x` (not ending in `__`) is `_C__x`.
    fn mangle(&self, id: &rs::Identifier) -> Name {
        self.mangle_str(id.id.as_str())
    }

    fn mangle_str(&self, id: &str) -> Name {
        match &self.private_prefix {
            Some(prefix) if id.starts_with("__") && !id.ends_with("__") && !id.contains('.') => {
                Rc::from(format!("_{prefix}{id}"))
            }
            _ => Rc::from(id),
        }
    }

    fn span(&self, range: TextRange) -> Span {
        self.map.span(range)
    }

    fn unsupported(&self, range: TextRange, what: &str) -> SyntaxError {
        self.map
            .error_at(range, format!("pyvgc does not support {what}"))
    }

    fn enter(&mut self, range: TextRange) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let mut err = self.map.error_at(
                range,
                "maximum recursion depth exceeded during compilation".to_string(),
            );
            err.kind = "RecursionError";
            return Err(err);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Lowers a statement list.
    pub fn stmts(&mut self, body: &[rs::Stmt]) -> R<Vec<Stmt>> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&mut self, stmt: &rs::Stmt) -> R<Stmt> {
        self.enter(stmt.range())?;
        let result = self.stmt_inner(stmt);
        self.leave();
        result
    }

    fn stmt_inner(&mut self, stmt: &rs::Stmt) -> R<Stmt> {
        let span = self.span(stmt.range());
        let kind = match stmt {
            rs::Stmt::FunctionDef(f) => {
                if f.is_async {
                    return Err(self.unsupported(f.range, "'async def'"));
                }
                if let Some(tp) = &f.type_params {
                    return Err(self.unsupported(tp.range, "type parameter lists (Python 3.12)"));
                }
                let params = self.params(&f.parameters)?;
                self.in_function += 1;
                let body = self.stmts(&f.body);
                self.in_function -= 1;
                StmtKind::FunctionDef(Box::new(FunctionDef {
                    name: self.mangle(&f.name),
                    params,
                    body: body?,
                    decorators: self.decorators(&f.decorator_list)?,
                    returns: self.opt_expr(f.returns.as_deref())?,
                }))
            }
            rs::Stmt::ClassDef(c) => {
                if let Some(tp) = &c.type_params {
                    return Err(self.unsupported(tp.range, "type parameter lists (Python 3.12)"));
                }
                let (bases, keywords) = match &c.arguments {
                    Some(a) => (self.exprs(&a.args)?, self.keywords(&a.keywords)?),
                    None => (Vec::new(), Vec::new()),
                };
                let stripped = c.name.id.as_str().trim_start_matches('_');
                let prefix = (!stripped.is_empty()).then(|| Rc::from(stripped));
                let outer = std::mem::replace(&mut self.private_prefix, prefix);
                let body = self.stmts(&c.body);
                self.private_prefix = outer;
                StmtKind::ClassDef(Box::new(ClassDef {
                    name: self.mangle(&c.name),
                    bases,
                    keywords,
                    body: body?,
                    decorators: self.decorators(&c.decorator_list)?,
                }))
            }
            rs::Stmt::Return(r) => StmtKind::Return(self.opt_expr(r.value.as_deref())?),
            rs::Stmt::Delete(d) => StmtKind::Delete(self.exprs(&d.targets)?),
            rs::Stmt::TypeAlias(t) => {
                return Err(self.unsupported(t.range, "the 'type' statement (Python 3.12)"));
            }
            rs::Stmt::Assign(a) => StmtKind::Assign {
                targets: self.exprs(&a.targets)?,
                value: self.expr(&a.value)?,
            },
            rs::Stmt::AugAssign(a) => StmtKind::AugAssign {
                target: self.expr(&a.target)?,
                op: binop(a.op),
                value: self.expr(&a.value)?,
            },
            rs::Stmt::AnnAssign(a) => StmtKind::AnnAssign {
                target: self.expr(&a.target)?,
                annotation: self.expr(&a.annotation)?,
                value: self.opt_expr(a.value.as_deref())?,
                simple: a.simple,
            },
            rs::Stmt::For(f) => {
                if f.is_async {
                    return Err(self.unsupported(f.range, "'async for'"));
                }
                StmtKind::For {
                    target: self.expr(&f.target)?,
                    iter: self.expr(&f.iter)?,
                    body: self.stmts(&f.body)?,
                    orelse: self.stmts(&f.orelse)?,
                }
            }
            rs::Stmt::While(w) => StmtKind::While {
                test: self.expr(&w.test)?,
                body: self.stmts(&w.body)?,
                orelse: self.stmts(&w.orelse)?,
            },
            rs::Stmt::If(i) => {
                // `elif`/`else` clauses become nested `If`s, innermost last.
                let mut orelse = Vec::new();
                for clause in i.elif_else_clauses.iter().rev() {
                    let body = self.stmts(&clause.body)?;
                    match &clause.test {
                        None => orelse = body,
                        Some(test) => {
                            orelse = vec![Stmt {
                                span: self.span(clause.range),
                                kind: StmtKind::If {
                                    test: self.expr(test)?,
                                    body,
                                    orelse,
                                },
                            }];
                        }
                    }
                }
                StmtKind::If {
                    test: self.expr(&i.test)?,
                    body: self.stmts(&i.body)?,
                    orelse,
                }
            }
            rs::Stmt::With(w) => {
                if w.is_async {
                    return Err(self.unsupported(w.range, "'async with'"));
                }
                let mut items = Vec::new();
                for item in &w.items {
                    items.push(WithItem {
                        context: self.expr(&item.context_expr)?,
                        target: self.opt_expr(item.optional_vars.as_deref())?,
                    });
                }
                StmtKind::With {
                    items,
                    body: self.stmts(&w.body)?,
                }
            }
            rs::Stmt::Match(m) => {
                let mut cases = Vec::new();
                for case in &m.cases {
                    cases.push(MatchCase {
                        pattern: self.pattern(&case.pattern)?,
                        guard: self.opt_expr(case.guard.as_deref())?,
                        body: self.stmts(&case.body)?,
                    });
                }
                StmtKind::Match {
                    subject: self.expr(&m.subject)?,
                    cases,
                }
            }
            rs::Stmt::Raise(r) => StmtKind::Raise {
                exc: self.opt_expr(r.exc.as_deref())?,
                cause: self.opt_expr(r.cause.as_deref())?,
            },
            rs::Stmt::Try(t) => {
                if t.is_star {
                    return Err(self.unsupported(t.range, "'except*' (exception groups)"));
                }
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let rs::ExceptHandler::ExceptHandler(h) = h;
                    handlers.push(ExceptHandler {
                        span: self.span(h.range),
                        type_: self.opt_expr(h.type_.as_deref())?,
                        name: h.name.as_ref().map(|n| self.mangle(n)),
                        body: self.stmts(&h.body)?,
                    });
                }
                StmtKind::Try {
                    body: self.stmts(&t.body)?,
                    handlers,
                    orelse: self.stmts(&t.orelse)?,
                    finalbody: self.stmts(&t.finalbody)?,
                }
            }
            rs::Stmt::Assert(a) => StmtKind::Assert {
                test: self.expr(&a.test)?,
                msg: self.opt_expr(a.msg.as_deref())?,
            },
            rs::Stmt::Import(i) => StmtKind::Import(self.aliases(&i.names)),
            rs::Stmt::ImportFrom(i) => StmtKind::ImportFrom {
                module: i.module.as_ref().map(name),
                names: self.aliases(&i.names),
                level: i.level,
            },
            rs::Stmt::Global(g) => {
                StmtKind::Global(g.names.iter().map(|n| self.mangle(n)).collect())
            }
            rs::Stmt::Nonlocal(n) => {
                StmtKind::Nonlocal(n.names.iter().map(|n| self.mangle(n)).collect())
            }
            rs::Stmt::Expr(e) => StmtKind::Expr(self.expr(&e.value)?),
            rs::Stmt::Pass(_) => StmtKind::Pass,
            rs::Stmt::Break(_) => StmtKind::Break,
            rs::Stmt::Continue(_) => StmtKind::Continue,
            rs::Stmt::IpyEscapeCommand(c) => {
                return Err(self.map.error_at(c.range, "invalid syntax".to_string()));
            }
        };
        Ok(Stmt { span, kind })
    }

    fn aliases(&self, names: &[rs::Alias]) -> Vec<Alias> {
        names
            .iter()
            .map(|a| {
                // The name an import binds is mangled; the module or attribute it reads is not.
                let bound = a.asname.as_ref().unwrap_or(&a.name);
                let mangled = self.mangle(bound);
                let asname = if a.asname.is_some() || *mangled != *bound.id.as_str() {
                    Some(mangled)
                } else {
                    None
                };
                Alias {
                    name: name(&a.name),
                    asname,
                    span: self.span(a.range),
                }
            })
            .collect()
    }

    fn decorators(&mut self, decorators: &[rs::Decorator]) -> R<Vec<Expr>> {
        decorators
            .iter()
            .map(|d| self.expr(&d.expression))
            .collect()
    }

    fn keywords(&mut self, keywords: &[rs::Keyword]) -> R<Vec<Keyword>> {
        let mut out = Vec::new();
        for k in keywords {
            out.push(Keyword {
                arg: k.arg.as_ref().map(name),
                value: self.expr(&k.value)?,
                span: self.span(k.range),
            });
        }
        Ok(out)
    }

    fn params(&mut self, p: &rs::Parameters) -> R<Parameters> {
        let mut out = Parameters::default();
        for pd in &p.posonlyargs {
            out.posonly.push(self.param_with_default(pd)?);
        }
        for pd in &p.args {
            out.args.push(self.param_with_default(pd)?);
        }
        if let Some(v) = &p.vararg {
            out.vararg = Some(self.param(v, None)?);
        }
        for pd in &p.kwonlyargs {
            out.kwonly.push(self.param_with_default(pd)?);
        }
        if let Some(k) = &p.kwarg {
            out.kwarg = Some(self.param(k, None)?);
        }
        Ok(out)
    }

    fn param_with_default(&mut self, pd: &rs::ParameterWithDefault) -> R<Param> {
        let default = self.opt_expr(pd.default.as_deref())?;
        self.param(&pd.parameter, default)
    }

    fn param(&mut self, p: &rs::Parameter, default: Option<Expr>) -> R<Param> {
        Ok(Param {
            name: self.mangle(&p.name),
            annotation: self.opt_expr(p.annotation.as_deref())?,
            default,
            span: self.span(p.name.range),
        })
    }

    fn exprs(&mut self, exprs: &[rs::Expr]) -> R<Vec<Expr>> {
        exprs.iter().map(|e| self.expr(e)).collect()
    }

    fn opt_expr(&mut self, e: Option<&rs::Expr>) -> R<Option<Expr>> {
        e.map(|e| self.expr(e)).transpose()
    }

    fn boxed(&mut self, e: &rs::Expr) -> R<Box<Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    fn opt_boxed(&mut self, e: Option<&rs::Expr>) -> R<Option<Box<Expr>>> {
        e.map(|e| self.boxed(e)).transpose()
    }

    /// Lowers one expression.
    pub fn expr(&mut self, e: &rs::Expr) -> R<Expr> {
        self.enter(e.range())?;
        let result = self.expr_inner(e);
        self.leave();
        result
    }

    fn expr_inner(&mut self, e: &rs::Expr) -> R<Expr> {
        let span = self.span(e.range());
        let kind = match e {
            rs::Expr::BoolOp(b) => ExprKind::BoolOp {
                and: matches!(b.op, rs::BoolOp::And),
                values: self.exprs(&b.values)?,
            },
            rs::Expr::Named(n) => ExprKind::Named {
                target: self.boxed(&n.target)?,
                value: self.boxed(&n.value)?,
            },
            rs::Expr::BinOp(b) => ExprKind::BinOp {
                left: self.boxed(&b.left)?,
                op: binop(b.op),
                right: self.boxed(&b.right)?,
            },
            rs::Expr::UnaryOp(u) => ExprKind::Unary {
                op: match u.op {
                    rs::UnaryOp::Invert => UnaryOp::Invert,
                    rs::UnaryOp::Not => UnaryOp::Not,
                    rs::UnaryOp::UAdd => UnaryOp::Pos,
                    rs::UnaryOp::USub => UnaryOp::Neg,
                },
                operand: self.boxed(&u.operand)?,
            },
            rs::Expr::Lambda(l) => {
                let params = Box::new(match &l.parameters {
                    Some(p) => self.params(p)?,
                    None => Parameters::default(),
                });
                self.in_function += 1;
                let body = self.boxed(&l.body);
                self.in_function -= 1;
                ExprKind::Lambda {
                    params,
                    body: body?,
                }
            }
            rs::Expr::If(i) => ExprKind::IfExp {
                test: self.boxed(&i.test)?,
                body: self.boxed(&i.body)?,
                orelse: self.boxed(&i.orelse)?,
            },
            rs::Expr::Dict(d) => {
                let mut items = Vec::new();
                for item in &d.items {
                    let key = self.opt_expr(item.key.as_ref())?;
                    items.push((key, self.expr(&item.value)?));
                }
                ExprKind::Dict(items)
            }
            rs::Expr::Set(s) => ExprKind::Set(self.exprs(&s.elts)?),
            rs::Expr::ListComp(c) => {
                self.comp(c.range, CompKind::List, &c.elt, None, &c.generators)?
            }
            rs::Expr::SetComp(c) => {
                self.comp(c.range, CompKind::Set, &c.elt, None, &c.generators)?
            }
            rs::Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(self.map.error_at(
                        c.range,
                        "dict unpacking cannot be used in dict comprehension".to_string(),
                    ));
                };
                self.comp(c.range, CompKind::Dict, key, Some(&c.value), &c.generators)?
            }
            rs::Expr::Generator(g) => {
                self.comp(g.range, CompKind::Generator, &g.elt, None, &g.generators)?
            }
            rs::Expr::Await(a) => {
                // Outside `async def` (the only place pyvgc could reach) CPython rejects it too.
                let msg = if self.in_function > 0 {
                    "'await' outside async function"
                } else {
                    "'await' outside function"
                };
                return Err(self.map.error_at(a.range, msg.to_string()));
            }
            rs::Expr::Yield(y) => ExprKind::Yield(self.opt_boxed(y.value.as_deref())?),
            rs::Expr::YieldFrom(y) => ExprKind::YieldFrom(self.boxed(&y.value)?),
            rs::Expr::Compare(c) => ExprKind::Compare {
                left: self.boxed(&c.left)?,
                ops: c.ops.iter().map(|op| cmpop(*op)).collect(),
                comparators: self.exprs(&c.comparators)?,
            },
            rs::Expr::Call(c) => ExprKind::Call {
                func: self.boxed(&c.func)?,
                args: self.exprs(&c.arguments.args)?,
                keywords: self.keywords(&c.arguments.keywords)?,
            },
            rs::Expr::FString(f) => {
                let mut parts = Vec::new();
                for part in f.value.iter() {
                    match part {
                        rs::FStringPart::Literal(lit) => push_literal(&mut parts, &lit.value),
                        rs::FStringPart::FString(fs) => {
                            self.fstring_elements(&fs.elements, &mut parts)?;
                        }
                    }
                }
                ExprKind::FString(parts)
            }
            rs::Expr::TString(t) => return Err(self.unsupported(t.range, "t-strings")),
            rs::Expr::StringLiteral(s) => {
                ExprKind::Constant(Constant::Str(Rc::from(s.value.to_str())))
            }
            rs::Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                ExprKind::Constant(Constant::Bytes(Rc::from(bytes)))
            }
            rs::Expr::NumberLiteral(n) => ExprKind::Constant(match &n.value {
                rs::Number::Int(i) => int_constant(i),
                rs::Number::Float(f) => Constant::Float(*f),
                rs::Number::Complex { imag, .. } => Constant::Imag(*imag),
            }),
            rs::Expr::BooleanLiteral(b) => ExprKind::Constant(if b.value {
                Constant::True
            } else {
                Constant::False
            }),
            rs::Expr::NoneLiteral(_) => ExprKind::Constant(Constant::None),
            rs::Expr::EllipsisLiteral(_) => ExprKind::Constant(Constant::Ellipsis),
            rs::Expr::Attribute(a) => ExprKind::Attribute {
                value: self.boxed(&a.value)?,
                attr: self.mangle(&a.attr),
            },
            rs::Expr::Subscript(s) => ExprKind::Subscript {
                value: self.boxed(&s.value)?,
                slice: self.boxed(&s.slice)?,
            },
            rs::Expr::Starred(s) => ExprKind::Starred(self.boxed(&s.value)?),
            rs::Expr::Name(n) => ExprKind::Name(self.mangle_str(n.id.as_str())),
            rs::Expr::List(l) => ExprKind::List(self.exprs(&l.elts)?),
            rs::Expr::Tuple(t) => ExprKind::Tuple(self.exprs(&t.elts)?),
            rs::Expr::Slice(s) => ExprKind::Slice {
                lower: self.opt_boxed(s.lower.as_deref())?,
                upper: self.opt_boxed(s.upper.as_deref())?,
                step: self.opt_boxed(s.step.as_deref())?,
            },
            rs::Expr::IpyEscapeCommand(c) => {
                return Err(self.map.error_at(c.range, "invalid syntax".to_string()));
            }
        };
        Ok(Expr { span, kind })
    }

    fn comp(
        &mut self,
        range: TextRange,
        kind: CompKind,
        elt: &rs::Expr,
        value: Option<&rs::Expr>,
        generators: &[rs::Comprehension],
    ) -> R<ExprKind> {
        let mut gens = Vec::new();
        for g in generators {
            if g.is_async {
                // CPython rejects these outside `async def`, which pyvgc does not support.
                return Err(self.map.error_at(
                    range,
                    "asynchronous comprehension outside of an asynchronous function".to_string(),
                ));
            }
            gens.push(Comprehension {
                target: self.expr(&g.target)?,
                iter: self.expr(&g.iter)?,
                ifs: self.exprs(&g.ifs)?,
            });
        }
        Ok(ExprKind::Comp {
            kind,
            elt: self.boxed(elt)?,
            value: self.opt_boxed(value)?,
            generators: gens,
        })
    }

    fn fstring_elements(
        &mut self,
        elements: &rs::InterpolatedStringElements,
        parts: &mut Vec<FPart>,
    ) -> R<()> {
        for element in elements.iter() {
            match element {
                rs::InterpolatedStringElement::Literal(lit) => push_literal(parts, &lit.value),
                rs::InterpolatedStringElement::Interpolation(field) => {
                    self.enter(field.range)?;
                    let mut conv = match field.conversion {
                        rs::ConversionFlag::None => Conversion::None,
                        rs::ConversionFlag::Str => Conversion::Str,
                        rs::ConversionFlag::Repr => Conversion::Repr,
                        rs::ConversionFlag::Ascii => Conversion::Ascii,
                    };
                    if let Some(debug) = &field.debug_text {
                        // `f"{x=}"` prints the expression text, then the repr unless a
                        // conversion or format spec says otherwise (as CPython does).
                        push_literal(parts, debug.as_str());
                        if conv == Conversion::None && field.format_spec.is_none() {
                            conv = Conversion::Repr;
                        }
                    }
                    let spec = match &field.format_spec {
                        Some(spec) => {
                            let mut spec_parts = Vec::new();
                            self.fstring_elements(&spec.elements, &mut spec_parts)?;
                            Some(spec_parts)
                        }
                        None => None,
                    };
                    parts.push(FPart::Field {
                        value: self.boxed(&field.expression)?,
                        conv,
                        spec,
                    });
                    self.leave();
                }
            }
        }
        Ok(())
    }

    fn pattern(&mut self, p: &rs::Pattern) -> R<Pattern> {
        self.enter(p.range())?;
        let result = self.pattern_inner(p);
        self.leave();
        result
    }

    fn patterns(&mut self, ps: &[rs::Pattern]) -> R<Vec<Pattern>> {
        ps.iter().map(|p| self.pattern(p)).collect()
    }

    fn pattern_inner(&mut self, p: &rs::Pattern) -> R<Pattern> {
        let span = self.span(p.range());
        let kind = match p {
            rs::Pattern::MatchValue(v) => PatternKind::Value(self.expr(&v.value)?),
            rs::Pattern::MatchSingleton(s) => PatternKind::Singleton(match s.value {
                rs::Singleton::None => Constant::None,
                rs::Singleton::True => Constant::True,
                rs::Singleton::False => Constant::False,
            }),
            rs::Pattern::MatchSequence(s) => PatternKind::Sequence(self.patterns(&s.patterns)?),
            rs::Pattern::MatchMapping(m) => PatternKind::Mapping {
                keys: self.exprs(&m.keys)?,
                patterns: self.patterns(&m.patterns)?,
                rest: m.rest.as_ref().map(|n| self.mangle(n)),
            },
            rs::Pattern::MatchClass(c) => {
                let mut kwd_attrs = Vec::new();
                let mut kwd_patterns = Vec::new();
                for k in &c.arguments.keywords {
                    kwd_attrs.push(name(&k.attr));
                    kwd_patterns.push(self.pattern(&k.pattern)?);
                }
                PatternKind::Class {
                    cls: self.expr(&c.cls)?,
                    patterns: self.patterns(&c.arguments.patterns)?,
                    kwd_attrs,
                    kwd_patterns,
                }
            }
            rs::Pattern::MatchStar(s) => PatternKind::Star(s.name.as_ref().map(|n| self.mangle(n))),
            rs::Pattern::MatchAs(a) => PatternKind::As {
                pattern: match &a.pattern {
                    Some(p) => Some(Box::new(self.pattern(p)?)),
                    None => None,
                },
                name: a.name.as_ref().map(|n| self.mangle(n)),
            },
            rs::Pattern::MatchOr(o) => PatternKind::Or(self.patterns(&o.patterns)?),
        };
        Ok(Pattern { span, kind })
    }
}

/// Appends literal text, merging it with a literal just before it.
fn push_literal(parts: &mut Vec<FPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FPart::Literal(prev)) = parts.last_mut() {
        let joined = format!("{prev}{text}");
        *prev = Rc::from(joined);
    } else {
        parts.push(FPart::Literal(Rc::from(text)));
    }
}

fn name(id: &rs::Identifier) -> Name {
    Rc::from(id.id.as_str())
}

/// The constant for an int literal: `Int` if it fits in i64, else `BigInt` parsed from the token.
fn int_constant(i: &rs::Int) -> Constant {
    if let Some(v) = i.as_i64() {
        return Constant::Int(v);
    }
    let text: String = i.to_string().chars().filter(|c| *c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let parsed = if let Some(rest) = lower.strip_prefix("0x") {
        BigInt::from_str_radix(rest, 16)
    } else if let Some(rest) = lower.strip_prefix("0o") {
        BigInt::from_str_radix(rest, 8)
    } else if let Some(rest) = lower.strip_prefix("0b") {
        BigInt::from_str_radix(rest, 2)
    } else {
        BigInt::from_str_radix(&lower, 10)
    };
    match parsed {
        Ok(b) => Constant::BigInt(Rc::new(b)),
        // The lexer only produces valid digits, so this is unreachable in practice; zero is a
        // harmless value rather than a panic.
        Err(_) => Constant::Int(0),
    }
}

fn binop(op: rs::Operator) -> BinOp {
    match op {
        rs::Operator::Add => BinOp::Add,
        rs::Operator::Sub => BinOp::Sub,
        rs::Operator::Mult => BinOp::Mul,
        rs::Operator::MatMult => BinOp::MatMul,
        rs::Operator::Div => BinOp::TrueDiv,
        rs::Operator::Mod => BinOp::Mod,
        rs::Operator::Pow => BinOp::Pow,
        rs::Operator::LShift => BinOp::LShift,
        rs::Operator::RShift => BinOp::RShift,
        rs::Operator::BitOr => BinOp::Or,
        rs::Operator::BitXor => BinOp::Xor,
        rs::Operator::BitAnd => BinOp::And,
        rs::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: rs::CmpOp) -> CmpOp {
    match op {
        rs::CmpOp::Eq => CmpOp::Eq,
        rs::CmpOp::NotEq => CmpOp::Ne,
        rs::CmpOp::Lt => CmpOp::Lt,
        rs::CmpOp::LtE => CmpOp::Le,
        rs::CmpOp::Gt => CmpOp::Gt,
        rs::CmpOp::GtE => CmpOp::Ge,
        rs::CmpOp::Is => CmpOp::Is,
        rs::CmpOp::IsNot => CmpOp::IsNot,
        rs::CmpOp::In => CmpOp::In,
        rs::CmpOp::NotIn => CmpOp::NotIn,
    }
}
