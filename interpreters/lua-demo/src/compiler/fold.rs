//! Constant folding of arithmetic on numeric literals, with Lua 5.4's rules (`constfolding`).
//!
//! Folding must not change what a program does, so it is refused exactly where Lua refuses it:
//! division or modulo by zero (a runtime error or an infinity decided at run time), bitwise
//! operations on floats without an exact integer value (a runtime error), and float results that
//! are NaN or zero (to keep `-0.0` and NaN out of the constant table). Integer arithmetic wraps.
//! Comparisons, concatenation and string coercions are never folded.

use super::numeral::Number;
use crate::bytecode::ArithOp;

/// A unary operator that may be folded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FoldUnary {
    Minus,
    BNot,
}

/// Lua's float-to-integer conversion without rounding (`F2Ieq`): only exact integral values in
/// the `i64` range convert.
pub(super) fn float_to_int_exact(f: f64) -> Option<i64> {
    if f.floor() != f {
        return None;
    }
    // -2^63 <= f < 2^63; both bounds are exact floats.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

fn to_int(n: Number) -> Option<i64> {
    match n {
        Number::Int(i) => Some(i),
        Number::Float(f) => float_to_int_exact(f),
    }
}

fn to_float(n: Number) -> f64 {
    match n {
        Number::Int(i) => i as f64,
        Number::Float(f) => f,
    }
}

fn is_zero(n: Number) -> bool {
    match n {
        Number::Int(i) => i == 0,
        Number::Float(f) => f == 0.0,
    }
}

/// Lua's `luaV_shiftl`: a negative shift goes right; shifts of 64 or more give 0.
pub(super) fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y)) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y) as i64
    }
}

fn int_arith(op: ArithOp, a: i64, b: i64) -> Option<i64> {
    Some(match op {
        ArithOp::Add => a.wrapping_add(b),
        ArithOp::Sub => a.wrapping_sub(b),
        ArithOp::Mul => a.wrapping_mul(b),
        ArithOp::Mod => {
            if b == 0 {
                return None;
            }
            if b == -1 {
                0
            } else {
                let r = a % b;
                if r != 0 && (r ^ b) < 0 { r + b } else { r }
            }
        }
        ArithOp::IDiv => {
            if b == 0 {
                return None;
            }
            if b == -1 {
                a.wrapping_neg()
            } else {
                let q = a / b;
                if (a ^ b) < 0 && a % b != 0 { q - 1 } else { q }
            }
        }
        ArithOp::BAnd => a & b,
        ArithOp::BOr => a | b,
        ArithOp::BXor => a ^ b,
        ArithOp::Shl => shift_left(a, b),
        ArithOp::Shr => shift_left(a, b.wrapping_neg()),
        ArithOp::Pow | ArithOp::Div => return None,
    })
}

fn float_arith(op: ArithOp, a: f64, b: f64) -> f64 {
    match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => a / b,
        ArithOp::Pow => {
            if b == 2.0 {
                a * a
            } else {
                a.powf(b)
            }
        }
        ArithOp::IDiv => (a / b).floor(),
        ArithOp::Mod => {
            let m = a % b;
            // `fmod` truncates; floored modulo differs when the remainder and divisor differ in sign.
            if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
                m + b
            } else {
                m
            }
        }
        // Bitwise operators never reach float arithmetic.
        ArithOp::BAnd | ArithOp::BOr | ArithOp::BXor | ArithOp::Shl | ArithOp::Shr => f64::NAN,
    }
}

/// Accepts an arithmetic result as a constant unless it is a float NaN or zero.
fn accept(n: Number) -> Option<Number> {
    match n {
        Number::Float(f) if f.is_nan() || f == 0.0 => None,
        n => Some(n),
    }
}

/// Folds `a op b`, or returns `None` when Lua would leave it to run time.
pub(super) fn fold_binary(op: ArithOp, a: Number, b: Number) -> Option<Number> {
    if op.is_bitwise() {
        let (x, y) = (to_int(a)?, to_int(b)?);
        return int_arith(op, x, y).map(Number::Int);
    }
    if matches!(op, ArithOp::Div | ArithOp::IDiv | ArithOp::Mod) && is_zero(b) {
        return None;
    }
    let result = match (op, a, b) {
        (ArithOp::Div | ArithOp::Pow, _, _) => {
            Number::Float(float_arith(op, to_float(a), to_float(b)))
        }
        (_, Number::Int(x), Number::Int(y)) => Number::Int(int_arith(op, x, y)?),
        _ => Number::Float(float_arith(op, to_float(a), to_float(b))),
    };
    accept(result)
}

/// Folds `-a` or `~a`.
pub(super) fn fold_unary(op: FoldUnary, a: Number) -> Option<Number> {
    let result = match (op, a) {
        (FoldUnary::Minus, Number::Int(i)) => Number::Int(i.wrapping_neg()),
        (FoldUnary::Minus, Number::Float(f)) => Number::Float(-f),
        (FoldUnary::BNot, n) => Number::Int(!to_int(n)?),
    };
    accept(result)
}
