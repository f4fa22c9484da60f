//! pyvgc's bytecode: the instruction set (`Insn`), code objects (`CodeObject`), constants and the
//! line table. The one-sentence doc on each instruction is the contract the runtime implements.
//!
//! **A stack machine, not a register machine.** lua-demo uses registers because Lua's semantics
//! are small and its compiler follows `lcode.c`. Python's are not: exception handling (the stack is
//! cut back to a recorded depth when a handler runs), generators (a suspended frame is its value
//! stack), `with`, `match` and chained comparisons are all specified by CPython as stack
//! manipulations, and following CPython 3.11's code generation keeps our behaviour (evaluation
//! order, which names are looked up when, what a traceback points at) identical to it at a fraction
//! of the compiler's size. For tracing the difference disappears: the trace recorder sees every
//! stack slot as an SSA value, so pushes and pops cost nothing in a compiled trace. What matters to
//! the tracer is that each instruction is one meaningful operation with constant operands; hence
//! the specialised forms for the hot cases: `CompareFastFastJump` (a local-local comparison fused
//! with its branch), `GetRangeIter` + `ForIter` (a `for i in range(...)` loop without a range
//! object), `LoadAttr`/`StoreAttr`/`LoadGlobal` with a per-code-object cache slot, and
//! `LoadMethod` + `CallMethod` (a method call without a bound-method allocation).
//!
//! Conventions used by every doc comment below:
//! - The value stack grows upwards; `TOS` is the top, `TOS1` the one below, and so on. "pops `a`,
//!   `b`" pops `b` first (it was on top) and means both were pushed in that order.
//! - `K[k]` is `constants[k]`, `N[n]` is `names[n]`, `L[s]` is local slot `s` (`varnames[s]`),
//!   `C[s]` is cell `s` (cells are `cellvars` followed by `freevars`).
//! - Jump targets are absolute indexes into `code`; after an instruction that does not jump,
//!   execution continues at `pc + 1`.
//! - Any instruction may raise; the runtime then looks the raising pc up in `exception_table`
//!   (see [`ExceptionEntry`]). Operators, comparisons, subscripts, attribute access, calls and
//!   iteration invoke Python's dunder protocols exactly as CPython 3.11 does; nothing below spells
//!   that out again.
//! - `NULL` is a stack marker that is not a Python value (only `LoadMethod` pushes it).
//!
//! This module does not execute anything and does not know the runtime's value type; `verify`
//! (in `bytecode::verify`) checks the stack discipline of a finished code object.

use std::fmt;
use std::rc::Rc;

use num_bigint::BigInt;

mod verify;

pub use verify::verify;

/// The jump target stored in an instruction while the compiler has not patched it yet. Never
/// present in a finished `CodeObject`.
pub const NO_JUMP: u32 = u32::MAX;

/// A binary operator, as in CPython's `NB_*` order (in-place forms are separate instructions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `@`
    MatMul,
    /// `/`
    TrueDiv,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
}

impl BinOp {
    /// Every operator, in declaration order (`BinOp::ALL[op as usize] == op`): residual calls
    /// of compiled code pass the operator as its index.
    pub const ALL: [BinOp; 13] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::MatMul,
        BinOp::TrueDiv,
        BinOp::FloorDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::LShift,
        BinOp::RShift,
        BinOp::And,
        BinOp::Or,
        BinOp::Xor,
    ];
    /// The operator as written in Python source (without the `=` of the in-place form).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }

    /// The dunder method name without underscores and without the `r`/`i` prefix ("add", ...).
    pub fn dunder(self) -> &'static str {
        match self {
            BinOp::Add => "add",
            BinOp::Sub => "sub",
            BinOp::Mul => "mul",
            BinOp::MatMul => "matmul",
            BinOp::TrueDiv => "truediv",
            BinOp::FloorDiv => "floordiv",
            BinOp::Mod => "mod",
            BinOp::Pow => "pow",
            BinOp::LShift => "lshift",
            BinOp::RShift => "rshift",
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::Xor => "xor",
        }
    }
}

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-x` (`__neg__`)
    Neg,
    /// `+x` (`__pos__`)
    Pos,
    /// `~x` (`__invert__`)
    Invert,
    /// `not x` (truth value, negated; always a bool)
    Not,
}

impl UnaryOp {
    /// Every operator, in declaration order (`UnaryOp::ALL[op as usize] == op`).
    pub const ALL: [UnaryOp; 4] = [UnaryOp::Neg, UnaryOp::Pos, UnaryOp::Invert, UnaryOp::Not];
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `in` (`__contains__`, else iteration; always a bool)
    In,
    /// `not in`
    NotIn,
    /// `is` (identity; always a bool)
    Is,
    /// `is not`
    IsNot,
}

impl CmpOp {
    /// Every operator, in declaration order (`CmpOp::ALL[op as usize] == op`).
    pub const ALL: [CmpOp; 10] = [
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Gt,
        CmpOp::Ge,
        CmpOp::In,
        CmpOp::NotIn,
        CmpOp::Is,
        CmpOp::IsNot,
    ];
    /// The operator as written in Python source.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
        }
    }
}

/// The conversion of an f-string replacement field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conversion {
    /// No `!x`: `format(value, spec)`.
    None,
    /// `!s`: `str(value)` first.
    Str,
    /// `!r`: `repr(value)` first.
    Repr,
    /// `!a`: `ascii(value)` first.
    Ascii,
}

/// Flags of `MakeFunction`: which optional items are on the stack below the code object.
pub mod make_fn {
    /// A tuple of positional defaults.
    pub const DEFAULTS: u8 = 1;
    /// A dict of keyword-only defaults.
    pub const KWDEFAULTS: u8 = 2;
    /// A dict of annotations (`{"x": int, "return": str}`), for `__annotations__`.
    pub const ANNOTATIONS: u8 = 4;
    /// A tuple of cells, one per `freevars` entry of the code object, in that order.
    pub const CLOSURE: u8 = 8;
}

/// One bytecode instruction: at most 8 bytes. See the module documentation for the notation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Insn {
    // ---- stack ----
    /// Does nothing (kept where a line needs an instruction, e.g. `pass`).
    Nop,
    /// Pops TOS and discards it.
    Pop,
    /// Pushes a copy of the `n`-th item from the top (`n` = 1 is TOS).
    Copy { n: u16 },
    /// Swaps TOS with the `n`-th item from the top (`n` >= 2).
    Swap { n: u16 },

    // ---- constants and variables ----
    /// Pushes `K[k]` (tuples of constants and code objects included).
    LoadConst { k: u32 },
    /// Pushes the int `i` (the common small-int case of `LoadConst`, without a constant lookup).
    LoadSmallInt { i: i32 },
    /// Pushes `L[slot]`; raises `UnboundLocalError: cannot access local variable 'x' where it is
    /// not associated with a value` if it is unbound.
    LoadFast { slot: u16 },
    /// Pops TOS into `L[slot]`.
    StoreFast { slot: u16 },
    /// Unbinds `L[slot]` (`del x`); raises the same `UnboundLocalError` if it was unbound.
    DeleteFast { slot: u16 },
    /// Pushes the contents of cell `C[slot]`; if empty raises `UnboundLocalError` (a cellvar) or
    /// `NameError: cannot access free variable 'x' where it is not associated with a value in
    /// enclosing scope` (a freevar).
    LoadDeref { slot: u16 },
    /// Pops TOS into cell `C[slot]`.
    StoreDeref { slot: u16 },
    /// Empties cell `C[slot]`, raising as `LoadDeref` does if it was already empty.
    DeleteDeref { slot: u16 },
    /// Class bodies only: pushes the class namespace's value for `C[slot]`'s name if present, else
    /// the contents of cell `C[slot]` (as `LoadDeref`).
    LoadClassDeref { slot: u16 },
    /// Pushes the cell object `C[slot]` itself (to build a closure tuple).
    LoadClosure { slot: u16 },
    /// Pushes global `N[name]`, else builtin `N[name]`, else raises `NameError: name 'x' is not
    /// defined`; `cache` (< `n_global_caches`) is this site's private inline-cache slot.
    LoadGlobal { name: u16, cache: u16 },
    /// Pops TOS into global `N[name]`.
    StoreGlobal { name: u16 },
    /// Deletes global `N[name]`, raising `NameError` if absent.
    DeleteGlobal { name: u16 },
    /// Module/class/exec scopes: pushes `N[name]` from the frame's locals mapping, else globals,
    /// else builtins, else raises `NameError`.
    LoadName { name: u16 },
    /// Module/class/exec scopes: pops TOS into the locals mapping under `N[name]`.
    StoreName { name: u16 },
    /// Module/class/exec scopes: deletes `N[name]` from the locals mapping (`NameError` if absent).
    DeleteName { name: u16 },

    // ---- attributes and subscripts ----
    /// Replaces TOS by `TOS.N[name]`; `cache` (< `n_attr_caches`) is this site's inline-cache slot.
    LoadAttr { name: u16, cache: u16 },
    /// Pops `obj` (TOS) and `value` (below it) and does `obj.N[name] = value`; `cache` as for
    /// `LoadAttr`.
    StoreAttr { name: u16, cache: u16 },
    /// Pops `obj` and does `del obj.N[name]`.
    DeleteAttr { name: u16 },
    /// Pops `obj`; if `type(obj)` has a plain Python function (or native method) `N[name]` that
    /// the instance does not shadow, pushes that function and then `obj`; otherwise pushes
    /// `obj.N[name]` and then `NULL`. Always followed (after the arguments) by `CallMethod*`.
    LoadMethod { name: u16, cache: u16 },
    /// Pops `key` (TOS) and `container`, pushes `container[key]`.
    BinarySubscr,
    /// Pops `key` (TOS), `container`, `value` and does `container[key] = value`.
    StoreSubscr,
    /// Pops `key` (TOS) and `container` and does `del container[key]`.
    DeleteSubscr,

    // ---- operators ----
    /// Pops `b` (TOS) and `a`, pushes `a op b`.
    BinaryOp { op: BinOp },
    /// Pops `b` (TOS) and `a`, pushes the result of `a op= b` (`__iop__` first, then as `BinaryOp`).
    InplaceOp { op: BinOp },
    /// Replaces TOS by `op TOS`.
    Unary { op: UnaryOp },
    /// Pops `b` (TOS) and `a`, pushes `a op b` (for `In`/`NotIn`: `b.__contains__(a)`).
    Compare { op: CmpOp },
    /// Pops `b` (TOS) and `a`; if `a op b` is false (by truth value) goes to `target`.
    CompareJump { op: CmpOp, target: u32 },
    /// Compares `L[a] op L[b]` without touching the stack; if false goes to `target` (the
    /// `if x < y:` / `while i < n:` case with two locals; unbound locals raise as `LoadFast`).
    CompareFastFastJump {
        a: u8,
        b: u8,
        op: CmpOp,
        target: u32,
    },

    // ---- jumps ----
    /// Goes to `target`.
    Jump { target: u32 },
    /// Pops TOS; if it is false (by truth value) goes to `target`.
    PopJumpIfFalse { target: u32 },
    /// Pops TOS; if it is true goes to `target`.
    PopJumpIfTrue { target: u32 },
    /// Pops TOS; if it is `None` goes to `target`.
    PopJumpIfNone { target: u32 },
    /// Pops TOS; if it is not `None` goes to `target`.
    PopJumpIfNotNone { target: u32 },
    /// If TOS is false goes to `target` leaving it on the stack, else pops it (`and`).
    JumpIfFalseOrPop { target: u32 },
    /// If TOS is true goes to `target` leaving it on the stack, else pops it (`or`).
    JumpIfTrueOrPop { target: u32 },

    // ---- iteration ----
    /// Replaces TOS by `iter(TOS)`.
    GetIter,
    /// Pops `argc` (1 to 3) arguments and the callable below them; if the callable is the builtin
    /// `range` and the arguments are ints, pushes a range iterator for them without creating a
    /// range object, otherwise pushes `iter(callable(*args))` (the head of a `for ... in range(...)`).
    GetRangeIter { argc: u8 },
    /// TOS is an iterator: pushes `next(TOS)`; when it is exhausted (StopIteration), pops the
    /// iterator and goes to `target` (fast path: range iterators from `GetRangeIter`).
    ForIter { target: u32 },

    // ---- building values ----
    /// Pops `n` items and pushes a tuple of them (first pushed is first).
    BuildTuple { n: u32 },
    /// Pops `n` items and pushes a list of them.
    BuildList { n: u32 },
    /// Pops `n` items and pushes a set of them (added first to last).
    BuildSet { n: u32 },
    /// Pops `n` key/value pairs (`k1, v1, k2, v2, ...`) and pushes a dict of them, inserted in order.
    BuildMap { n: u32 },
    /// Pops `n` strings and pushes their concatenation (f-strings).
    BuildString { n: u32 },
    /// Pops `start`, `stop` (and `step` if `n` = 3) and pushes `slice(start, stop[, step])`.
    BuildSlice { n: u8 },
    /// Pops TOS and appends it to the list that is then the `depth`-th item from the top.
    ListAppend { depth: u16 },
    /// Pops TOS and adds it to the set that is then the `depth`-th item from the top.
    SetAdd { depth: u16 },
    /// Pops `value` (TOS) and `key` and sets `d[key] = value` in the dict that is then the
    /// `depth`-th item from the top.
    MapAdd { depth: u16 },
    /// Pops an iterable and extends the list that is then the `depth`-th item with it (`[*x]`).
    ListExtend { depth: u16 },
    /// Pops an iterable and adds its items to the set that is then the `depth`-th item (`{*x}`).
    SetUpdate { depth: u16 },
    /// Pops a mapping and updates the dict that is then the `depth`-th item with it (`{**m}`);
    /// raises `TypeError: 'X' object is not a mapping` if it is not one.
    DictUpdate { depth: u16 },
    /// As `DictUpdate` but for `f(**m)`: a key already present raises `TypeError: f() got
    /// multiple values for keyword argument 'k'` and a non-mapping raises `TypeError: f() argument
    /// after ** must be a mapping, not X` (the callable named in the messages is the item below
    /// the positional tuple: stack `callable, args_tuple, kwargs_dict, mapping`).
    DictMerge { depth: u16 },
    /// Replaces the list at TOS by a tuple with the same items.
    ListToTuple,
    /// Pops `value` (and first a format spec string on top of it if `has_spec`), applies
    /// `conv`, then pushes `format(value, spec)` (`spec` = "" when absent).
    FormatValue { conv: Conversion, has_spec: bool },

    // ---- unpacking ----
    /// Pops an iterable and pushes exactly its `n` items, last first (so the first item is TOS);
    /// other lengths raise `ValueError: too many values to unpack (expected n)` / `not enough
    /// values to unpack (expected n, got m)`.
    UnpackSequence { n: u32 },
    /// Pops an iterable and pushes `before` items, a list of the middle, `after` items (all
    /// reversed, as `UnpackSequence`); too few raise `ValueError: not enough values to unpack
    /// (expected at least before+after, got m)`.
    UnpackEx { before: u8, after: u8 },

    // ---- calls and functions ----
    /// Pops `argc` arguments and the callable below them, pushes `callable(*args)`.
    Call { argc: u32 },
    /// Pops `argc` values and the callable; `K[names]` is a tuple of the last `len(names)`
    /// values' keyword names; pushes `callable(positional..., name=value...)`.
    CallKw { argc: u16, names: u32 },
    /// Stack: `callable, args_tuple[, kwargs_dict]`: pops them and pushes
    /// `callable(*args_tuple, **kwargs_dict)`.
    CallEx { has_kwargs: bool },
    /// Stack: `f, self_or_NULL, arg1..argN` (N = `argc`) from `LoadMethod`: pops them and pushes
    /// `f(self, arg1..argN)`, or `f(arg1..argN)` when the second item is `NULL`.
    CallMethod { argc: u16 },
    /// As `CallMethod`, with the last `len(K[names])` arguments passed by keyword.
    CallMethodKw { argc: u16, names: u32 },
    /// Pops the optional items selected by `flags` (see [`make_fn`]; pushed in the order
    /// defaults, kwdefaults, annotations, closure) and pushes a new function for the code object
    /// `K[code]` whose globals are the current frame's; its `__name__`/`__qualname__`/`__doc__`
    /// come from the code object.
    MakeFunction { code: u32, flags: u8 },
    /// Pops TOS and returns it from the frame (in a generator: finishes it, `StopIteration(value)`).
    ReturnValue,
    /// Pushes the builtin `__build_class__`; the compiler then calls it as
    /// `__build_class__(body_function, name, *bases, **keywords)`. The body function (flag
    /// `CLASS_BODY`, no parameters) runs with the namespace dict as its locals mapping. When a
    /// method uses `super()`/`__class__`, the body also stores its `__class__` cell in the
    /// namespace as `__classcell__` and returns that cell (CPython's protocol: class creation
    /// fills the cell with the new class and removes `__classcell__`); otherwise it returns
    /// `None`.
    LoadBuildClass,
    /// Creates `__annotations__ = {}` in the locals mapping unless it exists (module and class
    /// bodies with annotations).
    SetupAnnotations,

    // ---- exceptions ----
    /// `n` = 0: re-raises the exception being handled (`RuntimeError: No active exception to
    /// reraise` if none); 1: pops `exc` and raises it; 2: pops `cause` (TOS) and `exc` and raises
    /// `exc` with `__cause__ = cause` (`raise exc from cause`). Classes are instantiated first.
    Raise { n: u8 },
    /// Pops `exc` and raises it again without adding a traceback entry (end of a `finally` or of
    /// an unmatched `except`).
    Reraise,
    /// TOS is the exception just caught by a handler: pushes the previously handled exception
    /// (or `None`) below it and makes TOS the handled exception (`sys.exc_info()`); stack becomes
    /// `prev, exc`.
    PushExcInfo,
    /// Pops `prev` (TOS) and restores it as the handled exception.
    PopExcept,
    /// Pops a class or tuple of classes (TOS) and pushes whether the exception below it is an
    /// instance of it; a non-class raises `TypeError: catching classes that do not inherit from
    /// BaseException is not allowed`.
    CheckExcMatch,
    /// Pushes the builtin `AssertionError` class (never looked up by name, as CPython does).
    LoadAssertionError,
    /// Pops a context manager `m` and pushes `type(m).__exit__` bound to `m`, then the result of
    /// `m.__enter__()`.
    BeforeWith,
    /// Stack `exit, prev, exc` (the handler of a `with` body, after `PushExcInfo`): pushes
    /// `exit(type(exc), exc, exc.__traceback__)`.
    WithExceptStart,

    // ---- generators ----
    /// Pops TOS and suspends the generator yielding it; on resumption pushes the value sent in
    /// (`None` for `next()`). `yf` marks the yield inside a `yield from`: while suspended there,
    /// the iterator being delegated to is TOS, and `throw()`/`close()` go to it first (PEP 380).
    YieldValue { yf: bool },
    /// Replaces TOS by `iter(TOS)` unless it is a generator (the operand of `yield from`).
    GetYieldFromIter,
    /// Stack `iter, value`: if `value` is `None` calls `next(iter)`, else `iter.send(value)`; if it
    /// yields `v` the stack becomes `iter, v`; if it finishes with `StopIteration(r)` the stack
    /// becomes `r` and execution goes to `target`.
    Send { target: u32 },

    // ---- imports ----
    /// Pops `fromlist` (TOS, a tuple of names or `None`) and `level` (an int) and pushes
    /// `__import__(N[name], globals, None, fromlist, level)`.
    ImportName { name: u16 },
    /// TOS is a module: pushes `TOS.N[name]`, else the submodule `TOS.__name__ + "." + N[name]`
    /// from `sys.modules`, else raises `ImportError: cannot import name 'x' from 'm' (path)`.
    ImportFrom { name: u16 },
    /// Pops a module and binds each public name of it (its `__all__`, else names not starting
    /// with `_`) in the locals mapping (module scope only).
    ImportStar,

    // ---- match statements ----
    /// Pushes whether TOS is a mapping (TOS is kept).
    MatchMapping,
    /// Pushes whether TOS is a sequence for pattern matching (not str/bytes/bytearray; TOS kept).
    MatchSequence,
    /// Pushes `len(TOS)` (TOS is kept).
    GetLen,
    /// Stack `subject, keys_tuple`: pushes a tuple of `subject[k]` for each key if every key is
    /// present (looked up with `.get` semantics), else `None`; both are kept.
    MatchKeys,
    /// Pops `names` (TOS, a tuple of keyword attribute names), `cls` and `subject`; if `subject`
    /// is an instance of `cls`, pushes a tuple of the `argc` positional sub-subjects (from
    /// `cls.__match_args__`, or `subject` itself for the self-matching builtins) followed by the
    /// named attributes, or `None` if any is missing or it is not an instance; raises
    /// `TypeError` for a non-class or too many positional patterns as CPython does.
    MatchClass { argc: u16 },
    /// Stack `mapping, keys_tuple`: replaces the tuple by a new dict holding the mapping's items
    /// whose keys are not in it (`**rest`).
    CopyDictWithoutKeys,

    // ---- interactive ----
    /// Pops TOS and, unless it is `None`, prints its repr and stores it in `builtins._`
    /// (expression statements at the REPL prompt).
    PrintExpr,
}

/// Flags of a [`CodeObject`].
pub mod flags {
    /// Has a `*args` parameter (its local slot follows the keyword-only ones).
    pub const VARARGS: u32 = 0x04;
    /// Has a `**kwargs` parameter (its local slot follows `*args`', if any).
    pub const VARKEYWORDS: u32 = 0x08;
    /// A nested function (defined inside another function).
    pub const NESTED: u32 = 0x10;
    /// Calling it creates a generator instead of running the body.
    pub const GENERATOR: u32 = 0x20;
    /// A function scope with fast locals (not a module, class body or exec code).
    pub const OPTIMIZED: u32 = 0x01;
    /// A class body: run with the class namespace as its locals mapping.
    pub const CLASS_BODY: u32 = 0x1000;
}

/// A constant in a code object's pool.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`
    None,
    /// `True`
    True,
    /// `False`
    False,
    /// `...`
    Ellipsis,
    /// An int that fits in i64.
    Int(i64),
    /// An int that does not fit in i64.
    BigInt(Rc<BigInt>),
    /// A float.
    Float(f64),
    /// An imaginary literal `xj` (the complex number `0 + xj`).
    Imag(f64),
    /// A str.
    Str(Rc<str>),
    /// A bytes object.
    Bytes(Rc<[u8]>),
    /// A tuple of constants (keyword-name tuples, `fromlist`, folded tuple displays).
    Tuple(Rc<[Constant]>),
    /// A nested code object (functions, lambdas, classes, comprehensions).
    Code(Rc<CodeObject>),
}

impl fmt::Display for Constant {
    /// A Python-like repr, used by the disassembler (floats use Rust's shortest form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constant::None => f.write_str("None"),
            Constant::True => f.write_str("True"),
            Constant::False => f.write_str("False"),
            Constant::Ellipsis => f.write_str("Ellipsis"),
            Constant::Int(i) => write!(f, "{i}"),
            Constant::BigInt(i) => write!(f, "{i}"),
            Constant::Float(x) => write!(f, "{x:?}"),
            Constant::Imag(x) => write!(f, "{x:?}j"),
            Constant::Str(s) => write!(f, "{s:?}"),
            Constant::Bytes(b) => {
                f.write_str("b\"")?;
                for &c in b.iter() {
                    if c.is_ascii_graphic() || c == b' ' {
                        if c == b'"' || c == b'\\' {
                            f.write_str("\\")?;
                        }
                        write!(f, "{}", c as char)?;
                    } else {
                        write!(f, "\\x{c:02x}")?;
                    }
                }
                f.write_str("\"")
            }
            Constant::Tuple(items) => {
                f.write_str("(")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                if items.len() == 1 {
                    f.write_str(",")?;
                }
                f.write_str(")")
            }
            Constant::Code(code) => write!(f, "<code {}>", code.qualname),
        }
    }
}

/// One exception-table entry: an exception raised by an instruction at a pc in `start..end`
/// cuts the value stack back to `depth` items, pushes the exception and goes to `handler`. The
/// first matching entry wins; the compiler lists inner ranges before outer ones. No entry means
/// the exception propagates out of the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// First pc covered.
    pub start: u32,
    /// One past the last pc covered.
    pub end: u32,
    /// Where the handler starts.
    pub handler: u32,
    /// The stack depth to cut back to before pushing the exception.
    pub depth: u32,
}

/// The source range of one instruction: 1-based lines, 0-based columns counted in characters
/// (code points) of the line, end exclusive. Synthetic instructions carry the range of the
/// statement they belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Location {
    /// First line.
    pub line: u32,
    /// Last line.
    pub end_line: u32,
    /// Column of the first character on `line`.
    pub col: u32,
    /// Column one past the last character on `end_line`.
    pub end_col: u32,
}

/// The line table: one [`Location`] per instruction, for tracebacks (`pc → line, columns`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LineTable {
    /// `locations[pc]` is the source range of `code[pc]`.
    pub locations: Vec<Location>,
}

impl LineTable {
    /// The location of the instruction at `pc` (the default location if out of range).
    pub fn location(&self, pc: usize) -> Location {
        self.locations.get(pc).copied().unwrap_or_default()
    }

    /// The line of the instruction at `pc`.
    pub fn line(&self, pc: usize) -> u32 {
        self.location(pc).line
    }
}

/// A compiled unit: a module, function, lambda, class body or comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    /// `co_name`: the function/class name, `<module>`, `<lambda>`, `<listcomp>`, `<genexpr>`...
    pub name: Rc<str>,
    /// `co_qualname` (`C.f.<locals>.g`).
    pub qualname: Rc<str>,
    /// The source file name as given to the compiler.
    pub filename: Rc<str>,
    /// The line of the `def`/`class` (of its first decorator), or 1 for a module.
    pub first_line: u32,
    /// Number of positional parameters (positional-only included).
    pub argcount: u32,
    /// Number of positional-only parameters (the first ones).
    pub posonlyargcount: u32,
    /// Number of keyword-only parameters (they follow the positional ones in `varnames`).
    pub kwonlyargcount: u32,
    /// See [`flags`].
    pub flags: u32,
    /// The instructions.
    pub code: Vec<Insn>,
    /// The constant pool (`K`).
    pub constants: Vec<Constant>,
    /// Names of globals, attributes and imported modules (`N`).
    pub names: Vec<Rc<str>>,
    /// Local slots (`L`): parameters first (positional, keyword-only, `*args`, `**kwargs`), then
    /// the other locals. Empty for module, class and exec code, which use a locals mapping.
    pub varnames: Vec<Rc<str>>,
    /// Variables of this scope captured by inner scopes: cells `C[0..]`.
    pub cellvars: Vec<Rc<str>>,
    /// For each cellvar, the parameter slot whose argument initialises it, if it is a parameter
    /// (the runtime creates every cell at frame entry and fills these).
    pub cell_args: Vec<Option<u32>>,
    /// Variables of enclosing scopes used here: cells `C[cellvars.len()..]`, taken in order from
    /// the function's closure tuple.
    pub freevars: Vec<Rc<str>>,
    /// The exception table, inner ranges first.
    pub exception_table: Vec<ExceptionEntry>,
    /// pc → source range.
    pub line_table: LineTable,
    /// The maximum value-stack depth (NULL markers counted).
    pub max_stack: u32,
    /// Number of `LoadAttr`/`StoreAttr`/`LoadMethod` cache slots.
    pub n_attr_caches: u32,
    /// Number of `LoadGlobal` cache slots.
    pub n_global_caches: u32,
    /// The docstring (`__doc__` of the function), if the body starts with a string literal.
    pub docstring: Option<Rc<str>>,
}

impl CodeObject {
    /// True if calling this code creates a generator.
    pub fn is_generator(&self) -> bool {
        self.flags & flags::GENERATOR != 0
    }

    /// True if this code uses fast locals (a function, lambda or comprehension).
    pub fn is_optimized(&self) -> bool {
        self.flags & flags::OPTIMIZED != 0
    }

    /// The number of parameter slots (positional, keyword-only, `*args`, `**kwargs`).
    pub fn total_params(&self) -> usize {
        let mut n = (self.argcount + self.kwonlyargcount) as usize;
        if self.flags & flags::VARARGS != 0 {
            n += 1;
        }
        if self.flags & flags::VARKEYWORDS != 0 {
            n += 1;
        }
        n
    }

    /// The name of cell `C[slot]` (a cellvar or a freevar).
    pub fn cell_name(&self, slot: usize) -> &str {
        if slot < self.cellvars.len() {
            &self.cellvars[slot]
        } else {
            self.freevars
                .get(slot - self.cellvars.len())
                .map_or("?", |s| s)
        }
    }
}

impl Insn {
    /// The jump target of a jumping instruction (`ForIter` and `Send` included).
    pub fn target(&self) -> Option<u32> {
        match *self {
            Insn::CompareJump { target, .. }
            | Insn::CompareFastFastJump { target, .. }
            | Insn::Jump { target }
            | Insn::PopJumpIfFalse { target }
            | Insn::PopJumpIfTrue { target }
            | Insn::PopJumpIfNone { target }
            | Insn::PopJumpIfNotNone { target }
            | Insn::JumpIfFalseOrPop { target }
            | Insn::JumpIfTrueOrPop { target }
            | Insn::ForIter { target }
            | Insn::Send { target } => Some(target),
            _ => None,
        }
    }

    /// Mutable access to the jump target, for patching.
    pub fn target_mut(&mut self) -> Option<&mut u32> {
        match self {
            Insn::CompareJump { target, .. }
            | Insn::CompareFastFastJump { target, .. }
            | Insn::Jump { target }
            | Insn::PopJumpIfFalse { target }
            | Insn::PopJumpIfTrue { target }
            | Insn::PopJumpIfNone { target }
            | Insn::PopJumpIfNotNone { target }
            | Insn::JumpIfFalseOrPop { target }
            | Insn::JumpIfTrueOrPop { target }
            | Insn::ForIter { target }
            | Insn::Send { target } => Some(target),
            _ => None,
        }
    }

    /// True if execution never continues at `pc + 1`.
    pub fn is_terminator(&self) -> bool {
        matches!(
            self,
            Insn::Jump { .. } | Insn::ReturnValue | Insn::Raise { .. } | Insn::Reraise
        )
    }

    /// The change in stack depth, when the jump is taken (`jump` = true) or not. For jumps
    /// that keep or drop the operand differently per edge (`ForIter`, `JumpIf*OrPop`, `Send`)
    /// the two differ.
    pub fn stack_effect(&self, jump: bool) -> i32 {
        use Insn::*;
        match *self {
            Nop => 0,
            Pop => -1,
            Copy { .. } => 1,
            Swap { .. } => 0,
            LoadConst { .. } | LoadSmallInt { .. } | LoadFast { .. } => 1,
            StoreFast { .. } => -1,
            DeleteFast { .. } => 0,
            LoadDeref { .. } | LoadClassDeref { .. } | LoadClosure { .. } => 1,
            StoreDeref { .. } => -1,
            DeleteDeref { .. } => 0,
            LoadGlobal { .. } | LoadName { .. } => 1,
            StoreGlobal { .. } | StoreName { .. } => -1,
            DeleteGlobal { .. } | DeleteName { .. } => 0,
            LoadAttr { .. } => 0,
            StoreAttr { .. } => -2,
            DeleteAttr { .. } => -1,
            LoadMethod { .. } => 1,
            BinarySubscr => -1,
            StoreSubscr => -3,
            DeleteSubscr => -2,
            BinaryOp { .. } | InplaceOp { .. } | Compare { .. } => -1,
            Unary { .. } => 0,
            CompareJump { .. } => -2,
            CompareFastFastJump { .. } => 0,
            Jump { .. } => 0,
            PopJumpIfFalse { .. }
            | PopJumpIfTrue { .. }
            | PopJumpIfNone { .. }
            | PopJumpIfNotNone { .. } => -1,
            JumpIfFalseOrPop { .. } | JumpIfTrueOrPop { .. } => {
                if jump {
                    0
                } else {
                    -1
                }
            }
            GetIter => 0,
            GetRangeIter { argc } => -(argc as i32),
            ForIter { .. } => {
                if jump {
                    -1
                } else {
                    1
                }
            }
            BuildTuple { n } | BuildList { n } | BuildSet { n } | BuildString { n } => 1 - n as i32,
            BuildMap { n } => 1 - 2 * n as i32,
            BuildSlice { n } => 1 - n as i32,
            ListAppend { .. } | SetAdd { .. } => -1,
            MapAdd { .. } => -2,
            ListExtend { .. } | SetUpdate { .. } | DictUpdate { .. } | DictMerge { .. } => -1,
            ListToTuple => 0,
            FormatValue { has_spec, .. } => {
                if has_spec {
                    -1
                } else {
                    0
                }
            }
            UnpackSequence { n } => n as i32 - 1,
            UnpackEx { before, after } => before as i32 + after as i32,
            Call { argc } => -(argc as i32),
            CallKw { argc, .. } => -(argc as i32),
            CallEx { has_kwargs } => {
                if has_kwargs {
                    -2
                } else {
                    -1
                }
            }
            CallMethod { argc } | CallMethodKw { argc, .. } => -(argc as i32) - 1,
            MakeFunction { flags, .. } => 1 - flags.count_ones() as i32,
            ReturnValue => -1,
            LoadBuildClass => 1,
            SetupAnnotations => 0,
            Raise { n } => -(n as i32),
            Reraise => -1,
            PushExcInfo => 1,
            PopExcept => -1,
            CheckExcMatch => 0,
            LoadAssertionError => 1,
            BeforeWith => 1,
            WithExceptStart => 1,
            YieldValue { .. } => 0,
            GetYieldFromIter => 0,
            Send { .. } => {
                if jump {
                    -1
                } else {
                    0
                }
            }
            ImportName { .. } => -1,
            ImportFrom { .. } => 1,
            ImportStar => -1,
            MatchMapping | MatchSequence | GetLen | MatchKeys => 1,
            MatchClass { .. } => -2,
            CopyDictWithoutKeys => 0,
            PrintExpr => -1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_fit_in_eight_bytes() {
        assert!(std::mem::size_of::<Insn>() <= 8);
    }

    #[test]
    fn for_iter_pushes_on_fallthrough_and_pops_on_exit() {
        let insn = Insn::ForIter { target: 3 };
        assert_eq!(insn.stack_effect(false), 1);
        assert_eq!(insn.stack_effect(true), -1);
    }
}
