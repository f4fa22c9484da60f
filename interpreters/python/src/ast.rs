//! pyvgc's own abstract syntax tree: what the compiler needs of a Python 3.11 program, with
//! source spans.
//!
//! It is produced by `frontend` (which lowers Ruff's tree into it, so that a parser upgrade is
//! one change in one module) and consumed by `compiler`. It is deliberately smaller than Python's
//! `ast` module: there is no expression context (the compiler knows from the position whether a
//! target is stored or deleted), `elif` chains are nested `If`s, string literal pieces are
//! already joined and escapes decoded, and constants are the bytecode's own [`Constant`]s. It
//! carries nothing the compiler does not read (no comments, no type parameters: the front end
//! rejects PEP 695 syntax, which 3.11 does not have).

use std::rc::Rc;

use crate::bytecode::{BinOp, CmpOp, Constant, Conversion, UnaryOp};

/// An identifier.
pub type Name = Rc<str>;

/// A source range: 1-based lines, 0-based columns counted in characters, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// First line.
    pub line: u32,
    /// Column of the first character.
    pub col: u32,
    /// Last line.
    pub end_line: u32,
    /// Column one past the last character on `end_line`.
    pub end_col: u32,
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: StmtKind,
}

/// The kinds of statement.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `def` (with its decorators).
    FunctionDef(Box<FunctionDef>),
    /// `class` (with its decorators).
    ClassDef(Box<ClassDef>),
    /// `return [value]`
    Return(Option<Expr>),
    /// `del a, b[i], c.x`
    Delete(Vec<Expr>),
    /// `t1 = t2 = value`
    Assign { targets: Vec<Expr>, value: Expr },
    /// `target op= value`
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `target: annotation [= value]`; `simple` when the target is a bare name not in parentheses.
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        simple: bool,
    },
    /// `for target in iter: body else: orelse`
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `if test: body else: orelse` (an `elif` is an `If` alone in `orelse`).
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `with a as x, b: body`
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
    },
    /// `match subject: cases`
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },
    /// `raise [exc [from cause]]`
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `try` with any of `except`, `else`, `finally`.
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
    },
    /// `assert test[, msg]`
    Assert { test: Expr, msg: Option<Expr> },
    /// `import a.b as c, d`
    Import(Vec<Alias>),
    /// `from ..module import a as b` (`names` is one `*` alias for a star import).
    ImportFrom {
        module: Option<Name>,
        names: Vec<Alias>,
        level: u32,
    },
    /// `global a, b`
    Global(Vec<Name>),
    /// `nonlocal a, b`
    Nonlocal(Vec<Name>),
    /// An expression statement.
    Expr(Expr),
    /// `pass`
    Pass,
    /// `break`
    Break,
    /// `continue`
    Continue,
}

/// A `def`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: Name,
    /// The parameters.
    pub params: Parameters,
    /// The body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
    /// The `-> annotation`.
    pub returns: Option<Expr>,
}

/// A `class`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// The class's name.
    pub name: Name,
    /// Positional arguments of the class statement (bases, possibly starred).
    pub bases: Vec<Expr>,
    /// Keyword arguments (`metaclass=...`, `**kw`).
    pub keywords: Vec<Keyword>,
    /// The body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A parameter list.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Parameters {
    /// Positional-only parameters (before `/`).
    pub posonly: Vec<Param>,
    /// Positional-or-keyword parameters.
    pub args: Vec<Param>,
    /// `*args`
    pub vararg: Option<Param>,
    /// Keyword-only parameters.
    pub kwonly: Vec<Param>,
    /// `**kwargs`
    pub kwarg: Option<Param>,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: Name,
    /// Its annotation.
    pub annotation: Option<Expr>,
    /// Its default value.
    pub default: Option<Expr>,
    /// Where the parameter is.
    pub span: Span,
}

/// One `expr [as target]` of a `with`.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// The context manager.
    pub context: Expr,
    /// The `as` target.
    pub target: Option<Expr>,
}

/// One `except [type [as name]]: body`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// The `except` clause's span.
    pub span: Span,
    /// The class (or tuple) matched.
    pub type_: Option<Expr>,
    /// The `as` name.
    pub name: Option<Name>,
    /// The body.
    pub body: Vec<Stmt>,
}

/// One `import` name.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// The dotted name (or `*`).
    pub name: Name,
    /// The `as` name.
    pub asname: Option<Name>,
    /// Where it is.
    pub span: Span,
}

/// A keyword argument (`arg` = `None` for `**value`).
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The keyword.
    pub arg: Option<Name>,
    /// The value.
    pub value: Expr,
    /// Where it is.
    pub span: Span,
}

/// One `case pattern [if guard]: body`.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchCase {
    /// The pattern.
    pub pattern: Pattern,
    /// The guard.
    pub guard: Option<Expr>,
    /// The body.
    pub body: Vec<Stmt>,
}

/// A `match` pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: PatternKind,
}

/// The kinds of pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum PatternKind {
    /// A value compared with `==` (literals, dotted names).
    Value(Expr),
    /// `None`, `True`, `False`, compared with `is`.
    Singleton(Constant),
    /// `[p, *rest, q]` / `(p, q)`.
    Sequence(Vec<Pattern>),
    /// `{k: p, **rest}`
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<Name>,
    },
    /// `Cls(p, attr=q)`
    Class {
        cls: Expr,
        patterns: Vec<Pattern>,
        kwd_attrs: Vec<Name>,
        kwd_patterns: Vec<Pattern>,
    },
    /// `*name` / `*_` inside a sequence pattern.
    Star(Option<Name>),
    /// `p as name`, a capture `name` (no pattern) or the wildcard `_` (neither).
    As {
        pattern: Option<Box<Pattern>>,
        name: Option<Name>,
    },
    /// `p | q`
    Or(Vec<Pattern>),
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: ExprKind,
}

/// Which comprehension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    /// `[x for ...]`
    List,
    /// `{x for ...}`
    Set,
    /// `{k: v for ...}`
    Dict,
    /// `(x for ...)`
    Generator,
}

/// One `for target in iter if cond...` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// The loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` conditions.
    pub ifs: Vec<Expr>,
}

/// A piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    /// Literal text.
    Literal(Rc<str>),
    /// A `{value!conv:spec}` replacement field.
    Field {
        value: Box<Expr>,
        conv: Conversion,
        spec: Option<Vec<FPart>>,
    },
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `a and b and c` (`and` = true) or `a or b`.
    BoolOp { and: bool, values: Vec<Expr> },
    /// `(name := value)`
    Named { target: Box<Expr>, value: Box<Expr> },
    /// `left op right`
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    /// `op operand`
    Unary { op: UnaryOp, operand: Box<Expr> },
    /// `lambda params: body`
    Lambda {
        params: Box<Parameters>,
        body: Box<Expr>,
    },
    /// `body if test else orelse`
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `{k: v, **m}` (a `None` key is a `**` item).
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `{a, b}`
    Set(Vec<Expr>),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `(a, b)`
    Tuple(Vec<Expr>),
    /// A comprehension; `value` is the value of a dict comprehension (`elt` is then the key).
    Comp {
        kind: CompKind,
        elt: Box<Expr>,
        value: Option<Box<Expr>>,
        generators: Vec<Comprehension>,
    },
    /// `yield [value]`
    Yield(Option<Box<Expr>>),
    /// `yield from value`
    YieldFrom(Box<Expr>),
    /// `left op1 c1 op2 c2 ...`
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    /// `func(args, keywords)` (`args` may hold `Starred`).
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    /// An f-string (implicitly concatenated literals included).
    FString(Vec<FPart>),
    /// A literal.
    Constant(Constant),
    /// `value.attr`
    Attribute { value: Box<Expr>, attr: Name },
    /// `value[slice]`
    Subscript { value: Box<Expr>, slice: Box<Expr> },
    /// `*value`
    Starred(Box<Expr>),
    /// A name.
    Name(Name),
    /// `lower:upper:step` inside a subscript.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}
