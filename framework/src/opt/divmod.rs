//! Strength reduction of `int_floordiv` and `int_mod` by a constant: no hardware divide.
//!
//! A hardware 64-bit divide costs 40 to 80 cycles; with the floor fix-up Lua and Python need it
//! dominates a loop such as `s = (s + j*j) % 1000000007`. Division by a constant `d` is rewritten
//! into shifts, masks and one `uint_mulhi` (the high half of a 64x64-bit unsigned product), after
//! Granlund and Montgomery ("Division by invariant integers using multiplication", 1994) and
//! Hacker's Delight, chapter 10. The rewrite works on the magnitude `e = |d|` first:
//!
//! - `e = 1`: the quotient is `x`, the remainder 0.
//! - `e = 2^k`: an arithmetic shift right by `k` *is* floor division (it rounds toward minus
//!   infinity), and `x & (e - 1)` is the floor remainder, for every `x`.
//! - otherwise: with `s = x >> 63` (0 or -1), `n = x ^ s` is `x` for `x >= 0` and `-x - 1` for
//!   `x < 0`, so `n` is in `[0, 2^63)`. For `x < 0`, `floor(x / e) = -(floor(n / e) + 1)`, which is
//!   `!floor(n / e)`; so `floor(x / e) = s ^ floor(n / e)` for every `x`, with no fix-up and no
//!   overflow (`i64::MIN` gives `n = 2^63 - 1`). `floor(n / e)` is `uint_mulhi(n, m) >> (l - 1)`
//!   with the magic number `m` of [`magic`] (the proof of the rounding is there). The remainder is
//!   `x - q * e`.
//!
//! A negative divisor `d = -e` reuses the above: with `q1 = floor(x / e)` and `r1 = x - q1 * e` in
//! `[0, e)`, `floor(x / d) = -ceil(x / e) = -q1 - (r1 != 0)` and `x mod d = r1 + (r1 != 0 ? d : 0)`.
//! `d = -1` is `int_neg(x)` (so `i64::MIN // -1` wraps, as the op's row says) and remainder 0;
//! `d = i64::MIN` is the power-of-two case with `k = 63`.
//!
//! The result keeps the value name of the op it replaces (the last emitted op takes it, or a
//! `same_as_i` when the result is an existing value), so no operand elsewhere is rewritten and a
//! label operand stays defined. Only what the op needs is emitted: `int_mod` by a positive divisor
//! does not build the negation. The pass runs after `int_bounds`, which reads the ranges of
//! `int_mod` and `int_floordiv` by a constant, and before the second `fold`, which shares the work
//! of `x // d` and `x % d` on one `x` (CSE) and folds constant dividends.
//!
//! It does not reduce division by a loop-invariant value that is not a constant, and it does not
//! use known ranges to drop the sign step for a dividend known to be nonnegative.

use super::OptContext;
use crate::ir::{Inst, OpRef, Opcode, Trace, Type};

pub fn run(trace: &mut Trace, _ctx: &mut OptContext) {
    if !trace
        .ops
        .iter()
        .any(|i| matches!(i.opcode, Opcode::IntFloorDiv | Opcode::IntMod))
    {
        return;
    }
    let ops = std::mem::take(&mut trace.ops);
    let mut out = Vec::with_capacity(ops.len());
    for inst in ops {
        let divisor = match inst.opcode {
            Opcode::IntFloorDiv | Opcode::IntMod => trace
                .as_const_int(inst.args[1])
                .filter(|&d| d != 0)
                .zip(inst.res),
            _ => None,
        };
        match divisor {
            Some((d, res)) => {
                let mut emitter = Emitter {
                    first_fresh: trace.types.len(),
                    trace,
                    out: &mut out,
                };
                let value = emitter.reduce(inst.opcode == Opcode::IntFloorDiv, inst.args[0], d);
                emitter.name_result(value, res);
            }
            None => out.push(inst),
        }
    }
    trace.ops = out;
}

/// The magic multiplier and shift for dividing `n` in `[0, 2^63)` by `e`, where `e` is in
/// `[3, 2^63)` and not a power of two: `floor(n / e) = uint_mulhi(n, m) >> shift`.
///
/// Proof. Let `l = ceil(log2 e)`, so `2^(l-1) < e < 2^l` and `2 <= l <= 63`, and let
/// `m = floor(2^(63+l) / e) + 1`. Then `m * e = 2^(63+l) + delta` with `0 < delta <= e`.
/// Write `n = q * e + r` with `0 <= r < e`. Then
/// `n * m / 2^(63+l) = (n / e) * (1 + delta / 2^(63+l)) = q + r / e + eps`, where
/// `eps = n * delta / (e * 2^(63+l)) < 2^63 * 2^l / (e * 2^(63+l)) = 1 / e` (as `n < 2^63` and
/// `delta <= e < 2^l`). So `r / e + eps < (e - 1) / e + 1 / e = 1` and `eps >= 0`: the floor of
/// `n * m / 2^(63+l)` is exactly `q`. Since `2^(63+l)` is `2^64 * 2^(l-1)`, that floor is
/// `floor(uint_mulhi(n, m) / 2^(l-1))`, a logical shift by `l - 1` (in `[1, 62]`).
/// `m` fits in 64 unsigned bits: `m <= 2^(63+l) / e + 1 < 2^64 + 1`, and `m = 2^64` would need
/// `2^(63+l) / e >= 2^64 - 1`, that is `e <= 2^(l-1) * 2^64 / (2^64 - 1) < 2^(l-1) + 1`,
/// contradicting `e > 2^(l-1)`. (It is at least `2^63`, so as an `i64` it is negative; `uint_mulhi`
/// reads it unsigned.)
pub fn magic(e: u64) -> (u64, u32) {
    debug_assert!((3..1 << 63).contains(&e) && !e.is_power_of_two());
    let l = 64 - (e - 1).leading_zeros();
    let m = (1u128 << (63 + l)) / e as u128 + 1;
    (m as u64, l - 1)
}

struct Emitter<'a> {
    /// Values numbered from here on were made by this reduction.
    first_fresh: usize,
    trace: &'a mut Trace,
    out: &'a mut Vec<Inst>,
}

impl Emitter<'_> {
    fn op(&mut self, opcode: Opcode, args: [OpRef; 2]) -> OpRef {
        let res = self.trace.new_value(Type::Int);
        let n_args = opcode.arity().unwrap_or(2);
        self.out.push(Inst {
            opcode,
            args: args[..n_args].to_vec(),
            res: Some(res),
            imm: 0,
            descr: None,
            snapshot: None,
        });
        res
    }

    fn k(&mut self, v: i64) -> OpRef {
        self.trace.const_int(v)
    }

    /// Gives `value` the name `res`: renames the op just emitted by this reduction, or copies an
    /// existing value.
    fn name_result(&mut self, value: OpRef, res: OpRef) {
        if let Some(last) = self.out.last_mut()
            && last.res == Some(value)
            && !value.is_const()
            && value.index() >= self.first_fresh
        {
            last.res = Some(res);
            return;
        }
        self.out.push(Inst {
            opcode: Opcode::SameAsI,
            args: vec![value],
            res: Some(res),
            imm: 0,
            descr: None,
            snapshot: None,
        });
    }

    /// The floor quotient (`quotient`) or floor remainder of `x` by the nonzero constant `d`.
    fn reduce(&mut self, quotient: bool, x: OpRef, d: i64) -> OpRef {
        match d {
            1 => return if quotient { x } else { self.k(0) },
            -1 => {
                return if quotient {
                    self.op(Opcode::IntNeg, [x, x])
                } else {
                    self.k(0)
                };
            }
            _ => {}
        }
        let e = d.unsigned_abs();
        if d > 0 {
            return if quotient {
                self.floor_quotient(x, e)
            } else {
                self.floor_remainder(x, e)
            };
        }
        // `d < 0`: the remainder by `e` decides whether the quotient rounds down one more.
        let r1 = self.floor_remainder(x, e);
        let zero = self.k(0);
        let c = self.op(Opcode::IntNe, [r1, zero]);
        if quotient {
            let q1 = self.floor_quotient(x, e);
            let neg = self.op(Opcode::IntNeg, [q1, q1]);
            self.op(Opcode::IntSub, [neg, c])
        } else {
            let mask = self.op(Opcode::IntNeg, [c, c]);
            let dk = self.k(d);
            let add = self.op(Opcode::IntAnd, [mask, dk]);
            self.op(Opcode::IntAdd, [r1, add])
        }
    }

    /// `floor(x / e)` for `e` in `[2, 2^63]`.
    fn floor_quotient(&mut self, x: OpRef, e: u64) -> OpRef {
        if e.is_power_of_two() {
            let k = self.k(e.trailing_zeros() as i64);
            return self.op(Opcode::IntShr, [x, k]);
        }
        let (m, shift) = magic(e);
        let k63 = self.k(63);
        let s = self.op(Opcode::IntShr, [x, k63]);
        let n = self.op(Opcode::IntXor, [x, s]);
        let mk = self.k(m as i64);
        let hi = self.op(Opcode::UintMulhi, [n, mk]);
        let sk = self.k(shift as i64);
        let u = self.op(Opcode::UintShr, [hi, sk]);
        self.op(Opcode::IntXor, [u, s])
    }

    /// `x - e * floor(x / e)`, in `[0, e)`, for `e` in `[2, 2^63]`.
    fn floor_remainder(&mut self, x: OpRef, e: u64) -> OpRef {
        if e.is_power_of_two() {
            let mask = self.k((e - 1) as i64);
            return self.op(Opcode::IntAnd, [x, mask]);
        }
        let q = self.floor_quotient(x, e);
        let ek = self.k(e as i64);
        let p = self.op(Opcode::IntMul, [q, ek]);
        self.op(Opcode::IntSub, [x, p])
    }
}

#[cfg(test)]
mod tests;
