//! Evaluation of pure ops on constant operands: shared by constant folding and the IR interpreter.
//!
//! One definition of what each pure op computes, so the optimiser and the interpreting backend can
//! never disagree. Ops with preconditions (a nonzero divisor) return `None` when they do not hold.

use super::{Const, Opcode};

/// The result of `opcode` on `args`, or `None` if the op is not pure arithmetic or its
/// preconditions fail (division by zero; overflow of an `_ovf` op).
pub fn eval_pure(opcode: Opcode, args: &[Const]) -> Option<Const> {
    use Opcode::*;
    let int = |k: usize| args[k].bits();
    let float = |k: usize| f64::from_bits(args[k].bits() as u64);
    let b = |v: bool| Const::Int(v as i64);
    Some(match opcode {
        IntAdd => Const::Int(int(0).wrapping_add(int(1))),
        IntSub => Const::Int(int(0).wrapping_sub(int(1))),
        IntMul => Const::Int(int(0).wrapping_mul(int(1))),
        IntAnd => Const::Int(int(0) & int(1)),
        IntOr => Const::Int(int(0) | int(1)),
        IntXor => Const::Int(int(0) ^ int(1)),
        IntShl => Const::Int(int(0).wrapping_shl(int(1) as u32)),
        IntShr => Const::Int(int(0).wrapping_shr(int(1) as u32)),
        UintShr => Const::Int((int(0) as u64).wrapping_shr(int(1) as u32) as i64),
        IntNeg => Const::Int(int(0).wrapping_neg()),
        IntInvert => Const::Int(!int(0)),
        IntFloorDiv => {
            let (x, y) = (int(0), int(1));
            if y == 0 {
                return None;
            }
            let q = x.wrapping_div(y);
            Const::Int(if x.wrapping_rem(y) != 0 && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            })
        }
        IntMod => {
            let (x, y) = (int(0), int(1));
            if y == 0 {
                return None;
            }
            let r = x.wrapping_rem(y);
            Const::Int(if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            })
        }
        UintMulhi => {
            let product = (int(0) as u64 as u128) * (int(1) as u64 as u128);
            Const::Int((product >> 64) as u64 as i64)
        }
        IntLt => b(int(0) < int(1)),
        IntLe => b(int(0) <= int(1)),
        IntGt => b(int(0) > int(1)),
        IntGe => b(int(0) >= int(1)),
        IntEq => b(int(0) == int(1)),
        IntNe => b(int(0) != int(1)),
        UintLt => b((int(0) as u64) < (int(1) as u64)),
        UintLe => b((int(0) as u64) <= (int(1) as u64)),
        IntAddOvf => Const::Int(int(0).checked_add(int(1))?),
        IntSubOvf => Const::Int(int(0).checked_sub(int(1))?),
        IntMulOvf => Const::Int(int(0).checked_mul(int(1))?),
        FloatAdd => Const::Float(float(0) + float(1)),
        FloatSub => Const::Float(float(0) - float(1)),
        FloatMul => Const::Float(float(0) * float(1)),
        FloatTrueDiv => Const::Float(float(0) / float(1)),
        FloatNeg => Const::Float(-float(0)),
        FloatAbs => Const::Float(float(0).abs()),
        FloatFloor => Const::Float(float(0).floor()),
        FloatCeil => Const::Float(float(0).ceil()),
        FloatSqrt => Const::Float(float(0).sqrt()),
        FloatLt => b(float(0) < float(1)),
        FloatLe => b(float(0) <= float(1)),
        FloatGt => b(float(0) > float(1)),
        FloatGe => b(float(0) >= float(1)),
        FloatEq => b(float(0) == float(1)),
        FloatNe => b(float(0) != float(1)),
        CastIntToFloat => Const::Float(int(0) as f64),
        CastFloatToInt => Const::Int(float(0) as i64),
        FloatToBits => Const::Int(args[0].bits()),
        FloatFromBits => Const::Float(f64::from_bits(int(0) as u64)),
        PtrEq => b(int(0) == int(1)),
        PtrNe => b(int(0) != int(1)),
        PtrAdd => Const::Ref((int(0) as usize).wrapping_add(int(1) as usize)),
        CastPtrToInt => Const::Int(int(0)),
        CastIntToPtr => Const::Ref(int(0) as usize),
        SameAsI | SameAsF | SameAsR => args[0],
        _ => return None,
    })
}
