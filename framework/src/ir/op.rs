//! THE op table: every trace IR operation, its text name, arity, result type and effects.
//!
//! One `ops!` invocation generates the `Opcode` enum, its text names and the effect predicates, in
//! the manner of LuaJIT's `IRDEF` and PyPy's `_oplist`. Nobody hand-writes a `match` listing which
//! ops are pure: add a row here instead. Arity `-1` means variadic (calls, label, jump, finish).
//!
//! Flags:
//! - `pure`: no effects, result depends only on operands; may be folded, CSE'd and removed if unused.
//! - `comm`: commutative (fold canonicalises operand order).
//! - `guard`: may leave the trace; carries a snapshot.
//! - `load`: reads the heap; `store`: writes the heap; `alloc`: allocates; `call`: calls out.
//! - `imm`: carries an immediate (a field offset or an allocation size) printed as `#n`.
//! - `descr`: carries a call descriptor printed as `[name]`.
//! - `ctl`: control flow (label, jump, finish).

use super::Type;

macro_rules! ops {
    ($( $variant:ident = $name:literal ($arity:expr) -> $ty:ident [$($flag:ident),*] ),* $(,)?) => {
        /// A trace IR operation. See the table in this module for each op's row.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Opcode { $($variant),* }

        impl Opcode {
            /// Every opcode, in table order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$variant),*];

            /// The op's name in the text form (`Opcode::IntAdd` is `int_add`).
            pub fn name(self) -> &'static str {
                match self { $(Opcode::$variant => $name),* }
            }

            /// Number of value operands, or `None` if variadic.
            pub fn arity(self) -> Option<usize> {
                match self { $(Opcode::$variant => { let a: i32 = $arity; if a < 0 { None } else { Some(a as usize) } }),* }
            }

            /// The result type. `ResultTy::SameAsArg0` for ops whose type is their operand's.
            pub fn result(self) -> ResultTy {
                match self { $(Opcode::$variant => ResultTy::$ty),* }
            }

            fn flags(self) -> u16 {
                match self { $(Opcode::$variant => 0 $(| flag::$flag)*),* }
            }

            /// Looks an opcode up by its text name.
            pub fn from_name(name: &str) -> Option<Opcode> {
                match name { $($name => Some(Opcode::$variant),)* _ => None }
            }
        }
    };
}

#[allow(non_upper_case_globals)]
mod flag {
    pub const pure: u16 = 1;
    pub const comm: u16 = 2;
    pub const guard: u16 = 4;
    pub const load: u16 = 8;
    pub const store: u16 = 16;
    pub const alloc: u16 = 32;
    pub const call: u16 = 64;
    pub const imm: u16 = 128;
    pub const descr: u16 = 256;
    pub const ctl: u16 = 512;
}

/// What type an op produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultTy {
    Int,
    Float,
    Ref,
    Void,
    /// The type of the call descriptor's result (calls only).
    Descr,
}

impl ResultTy {
    /// The concrete type, given a call descriptor's result type for `Descr`.
    pub fn resolve(self, descr_ret: Option<Type>) -> Type {
        match self {
            ResultTy::Int => Type::Int,
            ResultTy::Float => Type::Float,
            ResultTy::Ref => Type::Ref,
            ResultTy::Void => Type::Void,
            ResultTy::Descr => descr_ret.unwrap_or(Type::Void),
        }
    }
}

ops! {
    // Integer arithmetic (64-bit, wrapping).
    IntAdd = "int_add" (2) -> Int [pure, comm],
    IntSub = "int_sub" (2) -> Int [pure],
    IntMul = "int_mul" (2) -> Int [pure, comm],
    IntAnd = "int_and" (2) -> Int [pure, comm],
    IntOr = "int_or" (2) -> Int [pure, comm],
    IntXor = "int_xor" (2) -> Int [pure, comm],
    IntShl = "int_shl" (2) -> Int [pure],
    IntShr = "int_shr" (2) -> Int [pure],
    UintShr = "uint_shr" (2) -> Int [pure],
    IntNeg = "int_neg" (1) -> Int [pure],
    IntInvert = "int_invert" (1) -> Int [pure],
    // Floor division and modulo with a nonzero divisor (the recorder guards it); MIN // -1 wraps.
    IntFloorDiv = "int_floordiv" (2) -> Int [pure],
    IntMod = "int_mod" (2) -> Int [pure],
    // The high 64 bits of the unsigned 128-bit product: `opt::divmod` divides by a constant with it.
    UintMulhi = "uint_mulhi" (2) -> Int [pure, comm],
    // Integer comparisons produce 0 or 1.
    IntLt = "int_lt" (2) -> Int [pure],
    IntLe = "int_le" (2) -> Int [pure],
    IntGt = "int_gt" (2) -> Int [pure],
    IntGe = "int_ge" (2) -> Int [pure],
    IntEq = "int_eq" (2) -> Int [pure, comm],
    IntNe = "int_ne" (2) -> Int [pure, comm],
    UintLt = "uint_lt" (2) -> Int [pure],
    UintLe = "uint_le" (2) -> Int [pure],
    // Overflow-checked arithmetic: always followed by `guard_no_overflow` on its result.
    IntAddOvf = "int_add_ovf" (2) -> Int [pure, comm],
    IntSubOvf = "int_sub_ovf" (2) -> Int [pure],
    IntMulOvf = "int_mul_ovf" (2) -> Int [pure, comm],
    // Floating point (IEEE 754 double).
    FloatAdd = "float_add" (2) -> Float [pure, comm],
    FloatSub = "float_sub" (2) -> Float [pure],
    FloatMul = "float_mul" (2) -> Float [pure, comm],
    FloatTrueDiv = "float_truediv" (2) -> Float [pure],
    FloatNeg = "float_neg" (1) -> Float [pure],
    FloatAbs = "float_abs" (1) -> Float [pure],
    FloatFloor = "float_floor" (1) -> Float [pure],
    FloatCeil = "float_ceil" (1) -> Float [pure],
    FloatSqrt = "float_sqrt" (1) -> Float [pure],
    FloatLt = "float_lt" (2) -> Int [pure],
    FloatLe = "float_le" (2) -> Int [pure],
    FloatGt = "float_gt" (2) -> Int [pure],
    FloatGe = "float_ge" (2) -> Int [pure],
    FloatEq = "float_eq" (2) -> Int [pure, comm],
    FloatNe = "float_ne" (2) -> Int [pure, comm],
    CastIntToFloat = "cast_int_to_float" (1) -> Float [pure],
    // Truncates toward zero; the caller guards that the value fits.
    CastFloatToInt = "cast_float_to_int" (1) -> Int [pure],
    FloatToBits = "float_to_bits" (1) -> Int [pure],
    FloatFromBits = "float_from_bits" (1) -> Float [pure],
    // References (machine pointers).
    PtrEq = "ptr_eq" (2) -> Int [pure, comm],
    PtrNe = "ptr_ne" (2) -> Int [pure, comm],
    PtrAdd = "ptr_add" (2) -> Ref [pure],
    CastPtrToInt = "cast_ptr_to_int" (1) -> Int [pure],
    CastIntToPtr = "cast_int_to_ptr" (1) -> Ref [pure],
    // Copies: give a value a second name. `virtualize` emits them where a label operand's
    // definition was removed (the label needs a value of that name before it).
    SameAsI = "same_as_i" (1) -> Int [pure],
    SameAsF = "same_as_f" (1) -> Float [pure],
    SameAsR = "same_as_r" (1) -> Ref [pure],
    // Heap access: 64-bit loads and stores at `base + #offset`.
    GetfieldI = "getfield_i" (1) -> Int [load, imm],
    GetfieldF = "getfield_f" (1) -> Float [load, imm],
    GetfieldR = "getfield_r" (1) -> Ref [load, imm],
    // Loads of immutable fields: pure, so they are CSE'd and hoisted by peeling.
    GetfieldPureI = "getfield_pure_i" (1) -> Int [pure, load, imm],
    GetfieldPureF = "getfield_pure_f" (1) -> Float [pure, load, imm],
    GetfieldPureR = "getfield_pure_r" (1) -> Ref [pure, load, imm],
    Setfield = "setfield" (2) -> Void [store, imm],
    // Allocates `#size` zeroed bytes through the language's allocator.
    New = "new" (0) -> Ref [alloc, imm, descr],
    // The garbage collector's write barrier on the heap object at the operand, after a reference
    // was stored into it: marks the object's card (see `gc`). Lowered inline from the `GcLayout`
    // the `Jit` was given; the optimiser drops repeated and fresh-object barriers (`opt::heap`).
    GcWb = "gc_wb" (1) -> Void [store],
    // Calls through a descriptor; the descriptor says the effects.
    Call = "call" (-1) -> Descr [call, descr],
    CallPure = "call_pure" (-1) -> Descr [pure, call, descr],
    // Runs compiled function trace `#id` on the callee frame at the operand (RPython's
    // call_assembler); if it exits early, the language's portal finishes the call. Returns the
    // callee's result word. Effects: any, like a residual call.
    CallAssembler = "call_assembler" (1) -> Int [call, imm],
    // Guards: leave the trace through their snapshot when the condition fails.
    GuardTrue = "guard_true" (1) -> Void [guard],
    GuardFalse = "guard_false" (1) -> Void [guard],
    GuardValue = "guard_value" (2) -> Void [guard],
    GuardNonnull = "guard_nonnull" (1) -> Void [guard],
    GuardNoOverflow = "guard_no_overflow" (1) -> Void [guard],
    GuardNoException = "guard_no_exception" (0) -> Void [guard],
    // Fails when the trace's invalidation flag (the word at the operand's address) is nonzero: a
    // quasi-immutable field the trace read as a constant was written (see `quasi`).
    GuardNotInvalidated = "guard_not_invalidated" (1) -> Void [guard],
    // Control: the loop header, the back-edge, and the end of a bridge or function trace (an exit
    // through its snapshot). A function trace's normal return carries the call's result word, the
    // result of a `call_assembler` that ran the trace (at most one int operand).
    Label = "label" (-1) -> Void [ctl],
    Jump = "jump" (-1) -> Void [ctl],
    Finish = "finish" (-1) -> Void [ctl, guard],
}

impl Opcode {
    pub fn is_pure(self) -> bool {
        self.flags() & flag::pure != 0
    }
    pub fn is_commutative(self) -> bool {
        self.flags() & flag::comm != 0
    }
    pub fn is_guard(self) -> bool {
        self.flags() & flag::guard != 0
    }
    pub fn is_load(self) -> bool {
        self.flags() & flag::load != 0
    }
    pub fn is_store(self) -> bool {
        self.flags() & flag::store != 0
    }
    pub fn is_alloc(self) -> bool {
        self.flags() & flag::alloc != 0
    }
    pub fn is_call(self) -> bool {
        self.flags() & flag::call != 0
    }
    pub fn has_imm(self) -> bool {
        self.flags() & flag::imm != 0
    }
    pub fn has_descr(self) -> bool {
        self.flags() & flag::descr != 0
    }
    pub fn is_control(self) -> bool {
        self.flags() & flag::ctl != 0
    }
    /// An op that must stay even if its result is unused.
    pub fn has_side_effect(self) -> bool {
        !self.is_pure() && !self.is_load()
    }
    /// The type of every operand, for fixed-arity ops whose operands have one type.
    pub fn operand_type(self, idx: usize) -> Option<Type> {
        use Opcode::*;
        Some(match self {
            IntAdd | IntSub | IntMul | IntAnd | IntOr | IntXor | IntShl | IntShr | UintShr
            | IntNeg | IntInvert | IntFloorDiv | IntMod | UintMulhi | IntLt | IntLe | IntGt
            | IntGe | IntEq | IntNe | UintLt | UintLe | IntAddOvf | IntSubOvf | IntMulOvf
            | CastIntToFloat | FloatFromBits | CastIntToPtr | SameAsI | GuardTrue | GuardFalse
            | GuardNoOverflow => Type::Int,
            FloatAdd | FloatSub | FloatMul | FloatTrueDiv | FloatNeg | FloatAbs | FloatFloor
            | FloatCeil | FloatSqrt | FloatLt | FloatLe | FloatGt | FloatGe | FloatEq | FloatNe
            | CastFloatToInt | FloatToBits | SameAsF => Type::Float,
            PtrEq | PtrNe | CastPtrToInt | GuardNonnull | GetfieldI | GetfieldF | GetfieldR
            | GetfieldPureI | GetfieldPureF | GetfieldPureR | SameAsR | GuardNotInvalidated
            | CallAssembler | GcWb => Type::Ref,
            PtrAdd | Setfield if idx == 0 => Type::Ref,
            PtrAdd => Type::Int,
            _ => return None,
        })
    }
}
