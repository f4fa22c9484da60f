//! The dialect handlers are written in: the `Mode` trait, its two modes, and abstract values.
//!
//! A handler is written once, generic over `M: Mode`, and works on abstract values: [`Int`],
//! [`Float`], [`Bool`] and [`Ref`]. Each carries its concrete value and a mode tag: in [`Concrete`]
//! mode the tag is `()` and every operation compiles to the plain machine operation; in
//! [`Recording`] mode the tag is the value's [`OpRef`] and every operation also appends an IR op to
//! the trace being recorded (through a thread-local recorder, so operators can be overloaded).
//! Branching on an abstract [`Bool`] goes through [`Bool::branch`], which records a guard on the
//! observed direction. An abstract value reaches plain Rust only through [`Int::promote`] (a guard on
//! the value) or a residual call; the type checker enforces this.
//!
//! The frame is not owned by the mode: [`Frame`] is a view of the interpreter's slot stack, passed
//! beside the mode, whose slots live in registers inside a trace and are written back on exit.

use std::marker::PhantomData;
use std::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Not, Shl, Shr, Sub};

use crate::ir::{CallDescr, Const, OpRef, Opcode};
use crate::recorder;

/// An execution mode: how abstract operations are carried out.
pub trait Mode: Copy + Sized + 'static {
    /// What an abstract value carries besides its concrete value.
    type Tag: Copy + std::fmt::Debug;
    /// True while recording a trace (`we_are_jitted` for code that must know).
    const RECORDING: bool;
    /// The tag of a constant.
    fn konst(c: Const) -> Self::Tag;
    /// Records a pure op whose concrete result is `result`.
    fn op(opcode: Opcode, args: &[Self::Tag], imm: i64, result: Const) -> Self::Tag;
    /// Records a guard that holds for the concrete values seen.
    fn guard(opcode: Opcode, args: &[Self::Tag]);
    /// Records a heap load whose concrete result is `result`.
    fn load(opcode: Opcode, base: Self::Tag, offset: i64, result: Const) -> Self::Tag;
    /// Records a heap store.
    fn store(base: Self::Tag, value: Self::Tag, offset: i64);
    /// Records a call into compiled function trace `target` on the callee frame `frame`, already
    /// made concretely with result `result`.
    fn call_assembler(target: u32, frame: Self::Tag, result: i64) -> Self::Tag;
    /// Records a read of a quasi-immutable field of the object at `addr` (see `quasi`).
    fn quasi_immutable_read(base: Self::Tag, addr: usize, offset: i64, result: Const) -> Self::Tag;
    /// Records a call through `descr`, already made concretely with result `result`.
    fn call(descr: &'static CallDescr, args: &[Self::Tag], result: Const) -> Self::Tag;
    /// Records an allocation of `size` bytes through the allocator `descr`, already made
    /// concretely with result `result`.
    fn alloc(descr: &'static CallDescr, size: i64, result: usize) -> Self::Tag;
    /// Reads frame slot `slot` (relative to the trace's entry frame) whose concrete value is `value`.
    fn read_slot(slot: i32, value: i64) -> Self::Tag;
    /// Writes frame slot `slot`.
    fn write_slot(slot: i32, tag: Self::Tag);
    /// The address of slot `rel` of the trace's entry frame (whose concrete value is `addr`).
    fn frame_address(rel: i32, addr: usize) -> Self::Tag;
}

/// The interpreter: abstract values are plain machine values.
#[derive(Clone, Copy, Debug)]
pub struct Concrete;

impl Mode for Concrete {
    type Tag = ();
    const RECORDING: bool = false;
    #[inline(always)]
    fn konst(_: Const) {}
    #[inline(always)]
    fn op(_: Opcode, _: &[()], _: i64, _: Const) {}
    #[inline(always)]
    fn guard(_: Opcode, _: &[()]) {}
    #[inline(always)]
    fn load(_: Opcode, _: (), _: i64, _: Const) {}
    #[inline(always)]
    fn store(_: (), _: (), _: i64) {}
    #[inline(always)]
    fn quasi_immutable_read(_: (), _: usize, _: i64, _: Const) {}
    #[inline(always)]
    fn call_assembler(_: u32, _: (), _: i64) {}
    #[inline(always)]
    fn call(_: &'static CallDescr, _: &[()], _: Const) {}
    #[inline(always)]
    fn alloc(_: &'static CallDescr, _: i64, _: usize) {}
    #[inline(always)]
    fn read_slot(_: i32, _: i64) {}
    #[inline(always)]
    fn write_slot(_: i32, _: ()) {}
    #[inline(always)]
    fn frame_address(_: i32, _: usize) {}
}

/// The recorder: every operation is carried out and appended to the current trace.
#[derive(Clone, Copy, Debug)]
pub struct Recording;

impl Mode for Recording {
    type Tag = OpRef;
    const RECORDING: bool = true;
    fn konst(c: Const) -> OpRef {
        recorder::with(|r| r.constant(c))
    }
    fn op(opcode: Opcode, args: &[OpRef], imm: i64, result: Const) -> OpRef {
        recorder::with(|r| r.pure_op(opcode, args, imm, result))
    }
    fn guard(opcode: Opcode, args: &[OpRef]) {
        recorder::with(|r| r.guard(opcode, args))
    }
    fn load(opcode: Opcode, base: OpRef, offset: i64, result: Const) -> OpRef {
        recorder::with(|r| r.load(opcode, base, offset, result))
    }
    fn store(base: OpRef, value: OpRef, offset: i64) {
        recorder::with(|r| r.store(base, value, offset))
    }
    fn call_assembler(target: u32, frame: OpRef, result: i64) -> OpRef {
        recorder::with(|r| r.call_assembler(target, frame, result))
    }
    fn quasi_immutable_read(base: OpRef, addr: usize, offset: i64, result: Const) -> OpRef {
        recorder::with(|r| r.quasi_immutable_read(base, addr, offset, result))
    }
    fn call(descr: &'static CallDescr, args: &[OpRef], result: Const) -> OpRef {
        recorder::with(|r| r.call(descr, args, result))
    }
    fn alloc(descr: &'static CallDescr, size: i64, result: usize) -> OpRef {
        recorder::with(|r| r.alloc(descr, size, result))
    }
    fn read_slot(slot: i32, value: i64) -> OpRef {
        recorder::with(|r| r.read_slot(slot, value))
    }
    fn write_slot(slot: i32, tag: OpRef) {
        recorder::with(|r| r.write_slot(slot, tag))
    }
    fn frame_address(rel: i32, addr: usize) -> OpRef {
        recorder::with(|r| r.frame_address(rel, addr))
    }
}

/// An abstract 64-bit integer (wrapping arithmetic; `*_ovf` methods check overflow).
#[derive(Clone, Copy, Debug)]
pub struct Int<M: Mode> {
    v: i64,
    tag: M::Tag,
}

/// An abstract double.
#[derive(Clone, Copy, Debug)]
pub struct Float<M: Mode> {
    v: f64,
    tag: M::Tag,
}

/// An abstract boolean: the result of a comparison. Branch on it with [`Bool::branch`].
#[derive(Clone, Copy, Debug)]
pub struct Bool<M: Mode> {
    v: bool,
    tag: M::Tag,
}

/// An abstract pointer to memory the language owns (a heap object).
#[derive(Clone, Copy, Debug)]
pub struct Ref<M: Mode> {
    v: usize,
    tag: M::Tag,
}

macro_rules! binop {
    ($ty:ident, $trait:ident, $method:ident, $opcode:ident, $eval:expr) => {
        impl<M: Mode> $trait for $ty<M> {
            type Output = $ty<M>;
            #[inline(always)]
            fn $method(self, rhs: $ty<M>) -> $ty<M> {
                let f: fn(_, _) -> _ = $eval;
                let v = f(self.v, rhs.v);
                $ty {
                    v,
                    tag: M::op(Opcode::$opcode, &[self.tag, rhs.tag], 0, v.to_const()),
                }
            }
        }
    };
}

trait ToConst {
    fn to_const(self) -> Const;
}
impl ToConst for i64 {
    #[inline(always)]
    fn to_const(self) -> Const {
        Const::Int(self)
    }
}
impl ToConst for f64 {
    #[inline(always)]
    fn to_const(self) -> Const {
        Const::Float(self)
    }
}

binop!(Int, Add, add, IntAdd, |a: i64, b: i64| a.wrapping_add(b));
binop!(Int, Sub, sub, IntSub, |a: i64, b: i64| a.wrapping_sub(b));
binop!(Int, Mul, mul, IntMul, |a: i64, b: i64| a.wrapping_mul(b));
binop!(Int, BitAnd, bitand, IntAnd, |a: i64, b: i64| a & b);
binop!(Int, BitOr, bitor, IntOr, |a: i64, b: i64| a | b);
binop!(Int, BitXor, bitxor, IntXor, |a: i64, b: i64| a ^ b);
binop!(Float, Add, add, FloatAdd, |a: f64, b: f64| a + b);
binop!(Float, Sub, sub, FloatSub, |a: f64, b: f64| a - b);
binop!(Float, Mul, mul, FloatMul, |a: f64, b: f64| a * b);
binop!(Float, Div, div, FloatTrueDiv, |a: f64, b: f64| a / b);

impl<M: Mode> Neg for Int<M> {
    type Output = Int<M>;
    #[inline(always)]
    fn neg(self) -> Int<M> {
        self.unary(Opcode::IntNeg, self.v.wrapping_neg())
    }
}

impl<M: Mode> Not for Int<M> {
    type Output = Int<M>;
    #[inline(always)]
    fn not(self) -> Int<M> {
        self.unary(Opcode::IntInvert, !self.v)
    }
}

impl<M: Mode> Neg for Float<M> {
    type Output = Float<M>;
    #[inline(always)]
    fn neg(self) -> Float<M> {
        self.unary(Opcode::FloatNeg, -self.v)
    }
}

/// Shift counts are taken modulo 64, as the machine does; languages guard their own rules.
impl<M: Mode> Shl for Int<M> {
    type Output = Int<M>;
    #[inline(always)]
    fn shl(self, rhs: Int<M>) -> Int<M> {
        self.binary(Opcode::IntShl, rhs, self.v.wrapping_shl(rhs.v as u32))
    }
}

impl<M: Mode> Shr for Int<M> {
    type Output = Int<M>;
    #[inline(always)]
    fn shr(self, rhs: Int<M>) -> Int<M> {
        self.binary(Opcode::IntShr, rhs, self.v.wrapping_shr(rhs.v as u32))
    }
}

impl<M: Mode> Int<M> {
    /// A constant.
    #[inline(always)]
    pub fn new(v: i64) -> Int<M> {
        Int {
            v,
            tag: M::konst(Const::Int(v)),
        }
    }

    /// The concrete value, for code that must not influence what the trace does (logging, asserts).
    /// To branch on the value, use [`Int::promote`].
    #[inline(always)]
    pub fn peek(self) -> i64 {
        self.v
    }

    /// The IR tag (an `OpRef` while recording).
    #[inline(always)]
    pub fn tag(self) -> M::Tag {
        self.tag
    }

    #[inline(always)]
    fn unary(self, opcode: Opcode, v: i64) -> Int<M> {
        Int {
            v,
            tag: M::op(opcode, &[self.tag], 0, Const::Int(v)),
        }
    }

    #[inline(always)]
    fn binary(self, opcode: Opcode, rhs: Int<M>, v: i64) -> Int<M> {
        Int {
            v,
            tag: M::op(opcode, &[self.tag, rhs.tag], 0, Const::Int(v)),
        }
    }

    #[inline(always)]
    fn compare(self, opcode: Opcode, rhs: Int<M>, v: bool) -> Bool<M> {
        Bool {
            v,
            tag: M::op(opcode, &[self.tag, rhs.tag], 0, Const::Int(v as i64)),
        }
    }

    /// Guards on the value and returns it as a plain integer (RPython's `promote`).
    #[inline(always)]
    pub fn promote(self) -> i64 {
        if M::RECORDING {
            let k = M::konst(Const::Int(self.v));
            M::guard(Opcode::GuardValue, &[self.tag, k]);
        }
        self.v
    }

    /// Guards on the value and returns it as a constant abstract value.
    #[inline(always)]
    pub fn promote_const(self) -> Int<M> {
        Int::new(self.promote())
    }

    pub fn lt(self, rhs: Int<M>) -> Bool<M> {
        self.compare(Opcode::IntLt, rhs, self.v < rhs.v)
    }
    pub fn le(self, rhs: Int<M>) -> Bool<M> {
        self.compare(Opcode::IntLe, rhs, self.v <= rhs.v)
    }
    pub fn gt(self, rhs: Int<M>) -> Bool<M> {
        self.compare(Opcode::IntGt, rhs, self.v > rhs.v)
    }
    pub fn ge(self, rhs: Int<M>) -> Bool<M> {
        self.compare(Opcode::IntGe, rhs, self.v >= rhs.v)
    }
    pub fn eq(self, rhs: Int<M>) -> Bool<M> {
        self.compare(Opcode::IntEq, rhs, self.v == rhs.v)
    }
    pub fn ne(self, rhs: Int<M>) -> Bool<M> {
        self.compare(Opcode::IntNe, rhs, self.v != rhs.v)
    }
    /// Unsigned less-than (bounds checks in one comparison).
    pub fn ult(self, rhs: Int<M>) -> Bool<M> {
        self.compare(Opcode::UintLt, rhs, (self.v as u64) < (rhs.v as u64))
    }
    pub fn eq_const(self, k: i64) -> Bool<M> {
        self.eq(Int::new(k))
    }

    /// Logical shift right.
    pub fn ushr(self, rhs: Int<M>) -> Int<M> {
        self.binary(
            Opcode::UintShr,
            rhs,
            ((self.v as u64).wrapping_shr(rhs.v as u32)) as i64,
        )
    }

    /// Floor division by a nonzero divisor, recorded with a guard that it is nonzero.
    /// `i64::MIN // -1` wraps. The caller handles a zero divisor before calling.
    pub fn floordiv(self, rhs: Int<M>) -> Int<M> {
        assert!(
            rhs.v != 0,
            "floordiv by zero: the caller must check the divisor first"
        );
        let q = self.v.wrapping_div(rhs.v);
        let v = if (self.v.wrapping_rem(rhs.v) != 0) && ((self.v < 0) != (rhs.v < 0)) {
            q - 1
        } else {
            q
        };
        self.binary(Opcode::IntFloorDiv, rhs, v)
    }

    /// Modulo with the sign of the divisor (floor semantics), by a nonzero divisor.
    pub fn floormod(self, rhs: Int<M>) -> Int<M> {
        assert!(
            rhs.v != 0,
            "floormod by zero: the caller must check the divisor first"
        );
        let r = self.v.wrapping_rem(rhs.v);
        let v = if r != 0 && ((r < 0) != (rhs.v < 0)) {
            r + rhs.v
        } else {
            r
        };
        self.binary(Opcode::IntMod, rhs, v)
    }

    /// Overflow-checked addition: `None` on overflow. Records the op and a guard on the outcome.
    pub fn add_ovf(self, rhs: Int<M>) -> Option<Int<M>> {
        self.ovf(
            Opcode::IntAddOvf,
            rhs,
            self.v.checked_add(rhs.v),
            self.v.wrapping_add(rhs.v),
        )
    }
    pub fn sub_ovf(self, rhs: Int<M>) -> Option<Int<M>> {
        self.ovf(
            Opcode::IntSubOvf,
            rhs,
            self.v.checked_sub(rhs.v),
            self.v.wrapping_sub(rhs.v),
        )
    }
    pub fn mul_ovf(self, rhs: Int<M>) -> Option<Int<M>> {
        self.ovf(
            Opcode::IntMulOvf,
            rhs,
            self.v.checked_mul(rhs.v),
            self.v.wrapping_mul(rhs.v),
        )
    }

    fn ovf(
        self,
        opcode: Opcode,
        rhs: Int<M>,
        checked: Option<i64>,
        wrapped: i64,
    ) -> Option<Int<M>> {
        match checked {
            Some(v) => {
                let tag = M::op(opcode, &[self.tag, rhs.tag], 0, Const::Int(v));
                M::guard(Opcode::GuardNoOverflow, &[tag]);
                Some(Int { v, tag })
            }
            None => {
                // The overflowing path is left to the interpreter: recording it would need a guard
                // that overflow happens, which no backend emits. Abort instead.
                if M::RECORDING {
                    recorder::with(|r| r.abort(recorder::AbortReason::OverflowPath));
                }
                let _ = wrapped;
                None
            }
        }
    }

    pub fn to_float(self) -> Float<M> {
        let v = self.v as f64;
        Float {
            v,
            tag: M::op(Opcode::CastIntToFloat, &[self.tag], 0, Const::Float(v)),
        }
    }

    /// Reinterprets the bits as a double.
    pub fn bits_to_float(self) -> Float<M> {
        let v = f64::from_bits(self.v as u64);
        Float {
            v,
            tag: M::op(Opcode::FloatFromBits, &[self.tag], 0, Const::Float(v)),
        }
    }

    /// Reinterprets the integer as a pointer.
    pub fn to_ref(self) -> Ref<M> {
        let v = self.v as usize;
        Ref {
            v,
            tag: M::op(Opcode::CastIntToPtr, &[self.tag], 0, Const::Ref(v)),
        }
    }
}

impl<M: Mode> Float<M> {
    #[inline(always)]
    pub fn new(v: f64) -> Float<M> {
        Float {
            v,
            tag: M::konst(Const::Float(v)),
        }
    }
    #[inline(always)]
    pub fn peek(self) -> f64 {
        self.v
    }
    #[inline(always)]
    pub fn tag(self) -> M::Tag {
        self.tag
    }
    #[inline(always)]
    fn unary(self, opcode: Opcode, v: f64) -> Float<M> {
        Float {
            v,
            tag: M::op(opcode, &[self.tag], 0, Const::Float(v)),
        }
    }
    fn compare(self, opcode: Opcode, rhs: Float<M>, v: bool) -> Bool<M> {
        Bool {
            v,
            tag: M::op(opcode, &[self.tag, rhs.tag], 0, Const::Int(v as i64)),
        }
    }
    pub fn abs(self) -> Float<M> {
        self.unary(Opcode::FloatAbs, self.v.abs())
    }
    pub fn floor(self) -> Float<M> {
        self.unary(Opcode::FloatFloor, self.v.floor())
    }
    pub fn ceil(self) -> Float<M> {
        self.unary(Opcode::FloatCeil, self.v.ceil())
    }
    pub fn sqrt(self) -> Float<M> {
        self.unary(Opcode::FloatSqrt, self.v.sqrt())
    }
    pub fn lt(self, rhs: Float<M>) -> Bool<M> {
        self.compare(Opcode::FloatLt, rhs, self.v < rhs.v)
    }
    pub fn le(self, rhs: Float<M>) -> Bool<M> {
        self.compare(Opcode::FloatLe, rhs, self.v <= rhs.v)
    }
    pub fn gt(self, rhs: Float<M>) -> Bool<M> {
        self.compare(Opcode::FloatGt, rhs, self.v > rhs.v)
    }
    pub fn ge(self, rhs: Float<M>) -> Bool<M> {
        self.compare(Opcode::FloatGe, rhs, self.v >= rhs.v)
    }
    pub fn eq(self, rhs: Float<M>) -> Bool<M> {
        self.compare(Opcode::FloatEq, rhs, self.v == rhs.v)
    }
    pub fn ne(self, rhs: Float<M>) -> Bool<M> {
        self.compare(Opcode::FloatNe, rhs, self.v != rhs.v)
    }
    /// The double's bits as an integer.
    pub fn to_bits(self) -> Int<M> {
        let v = self.v.to_bits() as i64;
        Int {
            v,
            tag: M::op(Opcode::FloatToBits, &[self.tag], 0, Const::Int(v)),
        }
    }
    /// Truncation toward zero; the caller guards that the value is in range.
    pub fn to_int_trunc(self) -> Int<M> {
        let v = self.v as i64;
        Int {
            v,
            tag: M::op(Opcode::CastFloatToInt, &[self.tag], 0, Const::Int(v)),
        }
    }
}

impl<M: Mode> Bool<M> {
    #[inline(always)]
    pub fn new(v: bool) -> Bool<M> {
        Bool {
            v,
            tag: M::konst(Const::Int(v as i64)),
        }
    }

    /// Branches on the condition, recording a guard on the observed direction.
    #[inline(always)]
    pub fn branch(self) -> bool {
        M::guard(
            if self.v {
                Opcode::GuardTrue
            } else {
                Opcode::GuardFalse
            },
            &[self.tag],
        );
        self.v
    }

    /// The condition as an integer 0 or 1, without branching.
    pub fn to_int(self) -> Int<M> {
        Int {
            v: self.v as i64,
            tag: self.tag,
        }
    }

    /// Logical and without short-circuit (both sides are already computed).
    pub fn and(self, rhs: Bool<M>) -> Bool<M> {
        let v = self.v & rhs.v;
        Bool {
            v,
            tag: M::op(
                Opcode::IntAnd,
                &[self.tag, rhs.tag],
                0,
                Const::Int(v as i64),
            ),
        }
    }

    /// The concrete value, for code that must not influence the trace.
    pub fn peek(self) -> bool {
        self.v
    }
}

impl<M: Mode> Ref<M> {
    /// A constant pointer.
    #[inline(always)]
    pub fn new(v: usize) -> Ref<M> {
        Ref {
            v,
            tag: M::konst(Const::Ref(v)),
        }
    }

    #[inline(always)]
    pub fn peek(self) -> usize {
        self.v
    }

    #[inline(always)]
    pub fn tag(self) -> M::Tag {
        self.tag
    }

    /// Guards on the pointer's identity and returns it.
    pub fn promote(self) -> usize {
        if M::RECORDING {
            let k = M::konst(Const::Ref(self.v));
            M::guard(Opcode::GuardValue, &[self.tag, k]);
        }
        self.v
    }

    pub fn is_null(self) -> Bool<M> {
        let k = Ref::<M>::new(0);
        Bool {
            v: self.v == 0,
            tag: M::op(
                Opcode::PtrEq,
                &[self.tag, k.tag],
                0,
                Const::Int((self.v == 0) as i64),
            ),
        }
    }

    pub fn ptr_eq(self, rhs: Ref<M>) -> Bool<M> {
        let v = self.v == rhs.v;
        Bool {
            v,
            tag: M::op(Opcode::PtrEq, &[self.tag, rhs.tag], 0, Const::Int(v as i64)),
        }
    }

    /// Pointer arithmetic in bytes.
    pub fn offset(self, bytes: Int<M>) -> Ref<M> {
        let v = self.v.wrapping_add(bytes.v as usize);
        Ref {
            v,
            tag: M::op(Opcode::PtrAdd, &[self.tag, bytes.tag], 0, Const::Ref(v)),
        }
    }

    pub fn to_int(self) -> Int<M> {
        Int {
            v: self.v as i64,
            tag: M::op(
                Opcode::CastPtrToInt,
                &[self.tag],
                0,
                Const::Int(self.v as i64),
            ),
        }
    }

    /// Loads the 64-bit integer at `self + offset`.
    ///
    /// # Safety
    /// `self + offset` must be valid for an aligned 8-byte read.
    #[inline(always)]
    pub unsafe fn get_int(self, offset: i64) -> Int<M> {
        // SAFETY: the caller guarantees the address is readable.
        let v = unsafe { ((self.v as *const u8).offset(offset as isize) as *const i64).read() };
        Int {
            v,
            tag: M::load(Opcode::GetfieldI, self.tag, offset, Const::Int(v)),
        }
    }

    /// Loads an immutable 64-bit integer field (the optimiser may CSE and hoist it).
    ///
    /// # Safety
    /// As [`Ref::get_int`], and the field must never change while the object is alive.
    #[inline(always)]
    pub unsafe fn get_int_immutable(self, offset: i64) -> Int<M> {
        // SAFETY: the caller guarantees the address is readable.
        let v = unsafe { ((self.v as *const u8).offset(offset as isize) as *const i64).read() };
        Int {
            v,
            tag: M::load(Opcode::GetfieldPureI, self.tag, offset, Const::Int(v)),
        }
    }

    /// Loads the double at `self + offset`.
    ///
    /// # Safety
    /// As [`Ref::get_int`].
    #[inline(always)]
    pub unsafe fn get_float(self, offset: i64) -> Float<M> {
        // SAFETY: the caller guarantees the address is readable.
        let v = unsafe { ((self.v as *const u8).offset(offset as isize) as *const f64).read() };
        Float {
            v,
            tag: M::load(Opcode::GetfieldF, self.tag, offset, Const::Float(v)),
        }
    }

    /// Loads the pointer at `self + offset`.
    ///
    /// # Safety
    /// As [`Ref::get_int`].
    #[inline(always)]
    pub unsafe fn get_ref(self, offset: i64) -> Ref<M> {
        // SAFETY: the caller guarantees the address is readable.
        let v = unsafe { ((self.v as *const u8).offset(offset as isize) as *const usize).read() };
        Ref {
            v,
            tag: M::load(Opcode::GetfieldR, self.tag, offset, Const::Ref(v)),
        }
    }

    /// Loads an immutable pointer field.
    ///
    /// # Safety
    /// As [`Ref::get_int_immutable`].
    #[inline(always)]
    pub unsafe fn get_ref_immutable(self, offset: i64) -> Ref<M> {
        // SAFETY: the caller guarantees the address is readable.
        let v = unsafe { ((self.v as *const u8).offset(offset as isize) as *const usize).read() };
        Ref {
            v,
            tag: M::load(Opcode::GetfieldPureR, self.tag, offset, Const::Ref(v)),
        }
    }

    /// Loads a quasi-immutable 64-bit integer field: while recording, the value becomes a constant
    /// of the trace (the object is promoted first if it is not one) and the trace depends on the
    /// field (see [`crate::quasi`]).
    ///
    /// # Safety
    /// As [`Ref::get_int`], and every write of this field must call
    /// [`crate::quasi::quasi_immutable_write`] (the `set_*_quasi_immutable` accessors do).
    #[inline(always)]
    pub unsafe fn get_int_quasi_immutable(self, offset: i64) -> Int<M> {
        // SAFETY: the caller guarantees the address is readable.
        let v = unsafe { ((self.v as *const u8).offset(offset as isize) as *const i64).read() };
        Int {
            v,
            tag: M::quasi_immutable_read(self.tag, self.v, offset, Const::Int(v)),
        }
    }

    /// Loads a quasi-immutable pointer field. See [`Ref::get_int_quasi_immutable`].
    ///
    /// # Safety
    /// As [`Ref::get_int_quasi_immutable`].
    #[inline(always)]
    pub unsafe fn get_ref_quasi_immutable(self, offset: i64) -> Ref<M> {
        // SAFETY: the caller guarantees the address is readable.
        let v = unsafe { ((self.v as *const u8).offset(offset as isize) as *const usize).read() };
        Ref {
            v,
            tag: M::quasi_immutable_read(self.tag, self.v, offset, Const::Ref(v)),
        }
    }

    /// Stores into a quasi-immutable integer field and invalidates the traces that read it.
    ///
    /// # Safety
    /// As [`Ref::set_int`].
    #[inline(always)]
    pub unsafe fn set_int_quasi_immutable(self, offset: i64, value: Int<M>) {
        crate::quasi::quasi_immutable_write(self.v, offset);
        // SAFETY: forwarded from the caller.
        unsafe { self.set_int(offset, value) };
    }

    /// Stores into a quasi-immutable pointer field and invalidates the traces that read it.
    ///
    /// # Safety
    /// As [`Ref::set_int`].
    #[inline(always)]
    pub unsafe fn set_ref_quasi_immutable(self, offset: i64, value: Ref<M>) {
        crate::quasi::quasi_immutable_write(self.v, offset);
        // SAFETY: forwarded from the caller.
        unsafe { self.set_ref(offset, value) };
    }

    /// Stores a 64-bit integer at `self + offset`.
    ///
    /// # Safety
    /// `self + offset` must be valid for an aligned 8-byte write, and the language's write barrier
    /// rules (if the field holds a reference) are the caller's business.
    #[inline(always)]
    pub unsafe fn set_int(self, offset: i64, value: Int<M>) {
        // SAFETY: the caller guarantees the address is writable.
        unsafe { ((self.v as *mut u8).offset(offset as isize) as *mut i64).write(value.v) };
        M::store(self.tag, value.tag, offset);
    }

    /// Stores a double at `self + offset`.
    ///
    /// # Safety
    /// As [`Ref::set_int`].
    #[inline(always)]
    pub unsafe fn set_float(self, offset: i64, value: Float<M>) {
        // SAFETY: the caller guarantees the address is writable.
        unsafe { ((self.v as *mut u8).offset(offset as isize) as *mut f64).write(value.v) };
        M::store(self.tag, value.tag, offset);
    }

    /// Stores a pointer at `self + offset`.
    ///
    /// # Safety
    /// As [`Ref::set_int`].
    #[inline(always)]
    pub unsafe fn set_ref(self, offset: i64, value: Ref<M>) {
        // SAFETY: the caller guarantees the address is writable.
        unsafe { ((self.v as *mut u8).offset(offset as isize) as *mut usize).write(value.v) };
        M::store(self.tag, value.tag, offset);
    }
}

/// A condition an `if` can test: plain `bool`, or an abstract [`Bool`] (recording a guard).
/// `#[interpreter]` rewrites `if c` in handlers to `if Cond::test(c)`.
pub trait Cond {
    fn test(self) -> bool;
}

impl Cond for bool {
    #[inline(always)]
    fn test(self) -> bool {
        self
    }
}

impl<M: Mode> Cond for Bool<M> {
    #[inline(always)]
    fn test(self) -> bool {
        self.branch()
    }
}

/// A view of the interpreter's frame: word-sized slots that live in registers inside a trace.
///
/// Slot `i` is the word at `base + i`. While recording, slot numbers are taken relative to the
/// frame the trace started in (`rel`), so inlined calls address their callee's slots above it.
pub struct Frame<M: Mode> {
    base: *mut i64,
    rel: i32,
    len: usize,
    _mode: PhantomData<M>,
}

impl<M: Mode> Frame<M> {
    /// A frame of `len` slots at `base`, `rel` slots above the trace's entry frame (0 when not
    /// recording).
    ///
    /// # Safety
    /// `base..base + len` must stay valid for reads and writes while the frame is used, and not be
    /// accessed through other pointers at the same time except by residual calls.
    #[inline(always)]
    pub unsafe fn new(base: *mut i64, len: usize, rel: i32) -> Frame<M> {
        Frame {
            base,
            rel,
            len,
            _mode: PhantomData,
        }
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline(always)]
    pub fn base(&self) -> *mut i64 {
        self.base
    }

    #[inline(always)]
    pub fn rel(&self) -> i32 {
        self.rel
    }

    /// The address of slot 0 as an abstract pointer, for residual calls that need the frame in
    /// memory (flush the slots they read first, see [`crate::recorder::flush_slots`]).
    #[inline(always)]
    pub fn base_ref(&self) -> Ref<M> {
        let v = self.base as usize;
        let tag = if M::RECORDING {
            M::frame_address(self.rel, v)
        } else {
            M::konst(Const::Ref(v))
        };
        Ref { v, tag }
    }

    /// Writes slots `range` (relative to this frame) to memory while recording; a no-op otherwise.
    #[inline(always)]
    pub fn flush(&self, range: std::ops::Range<usize>) {
        if M::RECORDING {
            recorder::flush_slots(self.rel + range.start as i32..self.rel + range.end as i32);
        }
    }

    /// Declares that a residual call wrote slots `range` in memory; later reads load them.
    #[inline(always)]
    pub fn forget(&self, range: std::ops::Range<usize>) {
        if M::RECORDING {
            recorder::forget_slots(self.rel + range.start as i32..self.rel + range.end as i32);
        }
    }

    /// Reads slot `idx`.
    #[inline(always)]
    pub fn get(&self, idx: usize) -> Int<M> {
        assert!(idx < self.len, "frame slot {idx} out of range {}", self.len);
        // SAFETY: `idx < len` and `Frame::new`'s contract makes `base..base + len` valid.
        let v = unsafe { self.base.add(idx).read() };
        Int {
            v,
            tag: M::read_slot(self.rel + idx as i32, v),
        }
    }

    /// Writes slot `idx`.
    #[inline(always)]
    pub fn set(&mut self, idx: usize, value: Int<M>) {
        assert!(idx < self.len, "frame slot {idx} out of range {}", self.len);
        // SAFETY: as in `get`.
        unsafe { self.base.add(idx).write(value.v) };
        M::write_slot(self.rel + idx as i32, value.tag);
    }

    #[inline(always)]
    pub fn get_float(&self, idx: usize) -> Float<M> {
        self.get(idx).bits_to_float()
    }

    #[inline(always)]
    pub fn set_float(&mut self, idx: usize, value: Float<M>) {
        self.set(idx, value.to_bits())
    }
}

/// Calls `f` concretely and records it as a call through `descr` with `args`.
///
/// `descr.addr` must be an `extern "C" fn(ctx, args...) -> ret` that does what `f` does: compiled
/// code calls it instead. Use [`macro@crate::residual`] to define both from one body.
#[inline(always)]
pub fn residual_call<M: Mode>(
    descr: &'static CallDescr,
    args: &[M::Tag],
    f: impl FnOnce() -> i64,
) -> Int<M> {
    let v = f();
    let tag = M::call(descr, args, Const::Int(v));
    Int { v, tag }
}

/// As [`residual_call`] for a function returning a double.
#[inline(always)]
pub fn residual_call_f<M: Mode>(
    descr: &'static CallDescr,
    args: &[M::Tag],
    f: impl FnOnce() -> f64,
) -> Float<M> {
    let v = f();
    let tag = M::call(descr, args, Const::Float(v));
    Float { v, tag }
}

/// Allocates a `size`-byte object through the language's allocator and records it as `new`.
///
/// `descr.addr` must be an `extern "C" fn(ctx, size: i64) -> *mut u8` (declare it with
/// `#[residual]`) returning *zeroed*, 8-byte aligned memory, and `f` must do what it does (call
/// it): compiled code calls it, and so does the driver when it rebuilds an object the optimiser
/// removed (`opt::virtualize`) at a guard exit. An object that never escapes the trace is never
/// allocated in compiled code.
#[inline(always)]
pub fn new_object<M: Mode>(
    descr: &'static CallDescr,
    size: i64,
    f: impl FnOnce() -> usize,
) -> Ref<M> {
    let v = f();
    let tag = M::alloc(descr, size, v);
    Ref { v, tag }
}

/// Calls a function through its compiled function-entry trace (RPython's `call_assembler`).
///
/// `f` makes the call concretely (runs the callee to its return, in the interpreter) and returns
/// its result word; while recording, the trace records a `call_assembler` of `target` (from
/// [`crate::Jit::call_assembler_target`]) on `callee_frame`, the callee frame's address (from
/// [`Frame::base_ref`] of the callee's frame view). The callee's arguments must be in memory
/// first ([`Frame::flush`]) and the caller must forget the callee's slots after
/// ([`Frame::forget`]), as for any residual call that reads and writes frames.
#[inline(always)]
pub fn call_assembler<M: Mode>(
    target: crate::ir::TraceId,
    callee_frame: Ref<M>,
    f: impl FnOnce() -> i64,
) -> Int<M> {
    let v = f();
    let tag = M::call_assembler(target.0, callee_frame.tag, v);
    Int { v, tag }
}
