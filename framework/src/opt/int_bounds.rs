//! Integer bounds: guard and overflow-check removal from value ranges.
//!
//! A forward walk computes an interval `[lo, hi]` for integer values from constants, masks,
//! comparisons and arithmetic, and narrows intervals when a guard checks a comparison
//! (`guard_true(int_lt(x, 10))` gives `x <= 9` afterwards). With the intervals it
//! - replaces a comparison whose outcome is decided by a constant (`fold` then drops its guard);
//! - turns `int_add_ovf`/`int_sub_ovf`/`int_mul_ovf` that cannot overflow into the plain op and
//!   removes their `guard_no_overflow`.
//!
//! At the `label`, intervals of loop-variant values are forgotten. It does not widen or iterate:
//! facts come only from the straight line before the use.

use std::collections::HashMap;

use super::{OptContext, Subst, label_args, remove_ops, unshare_snapshots, variant_values};
use crate::ir::{OpRef, Opcode, Trace, Type};

#[derive(Clone, Copy, Debug, PartialEq)]
struct Range {
    lo: i64,
    hi: i64,
}

const FULL: Range = Range {
    lo: i64::MIN,
    hi: i64::MAX,
};

#[allow(
    clippy::needless_range_loop,
    reason = "the loop rewrites `trace.ops[idx]` while it fills `dead`"
)]
pub fn run(trace: &mut Trace, _ctx: &mut OptContext) {
    unshare_snapshots(trace);
    let variant = variant_values(trace);
    let pinned = label_args(trace);
    let mut ranges: HashMap<OpRef, Range> = HashMap::new();
    let mut defs: HashMap<OpRef, (Opcode, OpRef, OpRef)> = HashMap::new();
    let mut subst = Subst::default();
    let mut dead = vec![false; trace.ops.len()];
    let mut drop_next_ovf_guard = false;
    for idx in 0..trace.ops.len() {
        subst.apply(trace, idx);
        let opcode = trace.ops[idx].opcode;
        let args = trace.ops[idx].args.clone();
        let range_of = |ranges: &HashMap<OpRef, Range>, r: OpRef| match trace.as_const_int(r) {
            Some(v) => Range { lo: v, hi: v },
            None => ranges.get(&r).copied().unwrap_or(FULL),
        };
        if opcode == Opcode::GuardNoOverflow && drop_next_ovf_guard {
            dead[idx] = true;
            drop_next_ovf_guard = false;
            continue;
        }
        drop_next_ovf_guard = false;
        match opcode {
            Opcode::Label => {
                ranges.retain(|k, _| !variant.contains(k));
                defs.retain(|k, _| !variant.contains(k));
                continue;
            }
            Opcode::GuardTrue | Opcode::GuardFalse => {
                if let Some(&(cmp, a, b)) = defs.get(&args[0]) {
                    narrow(&mut ranges, trace, cmp, a, b, opcode == Opcode::GuardTrue);
                }
                continue;
            }
            Opcode::GuardValue if trace.type_of(args[0]) == Type::Int => {
                if let Some(v) = trace.as_const_int(args[1]) {
                    ranges.insert(args[0], Range { lo: v, hi: v });
                }
                continue;
            }
            _ => {}
        }
        let Some(res) = trace.ops[idx].res else {
            continue;
        };
        if trace.type_of(res) != Type::Int {
            continue;
        }
        if args.len() == 2 {
            defs.insert(res, (opcode, args[0], args[1]));
        }
        let ra = args.first().map(|&a| range_of(&ranges, a)).unwrap_or(FULL);
        let rb = args.get(1).map(|&b| range_of(&ranges, b)).unwrap_or(FULL);
        let range = match opcode {
            Opcode::IntAdd | Opcode::IntAddOvf => add(ra, rb),
            Opcode::IntSub | Opcode::IntSubOvf => sub(ra, rb),
            Opcode::IntMul | Opcode::IntMulOvf => mul(ra, rb),
            Opcode::IntAnd if rb.lo >= 0 => Some(Range { lo: 0, hi: rb.hi }),
            Opcode::IntAnd if ra.lo >= 0 => Some(Range { lo: 0, hi: ra.hi }),
            Opcode::IntMod if rb.lo == rb.hi && rb.lo != 0 => Some(modulo(ra, rb.lo)),
            Opcode::IntFloorDiv if rb.lo == rb.hi && rb.lo != 0 && rb.lo != -1 => {
                Some(floor_div(ra, rb.lo))
            }
            Opcode::IntLt
            | Opcode::IntLe
            | Opcode::IntGt
            | Opcode::IntGe
            | Opcode::IntEq
            | Opcode::IntNe => {
                if let Some(decided) = decide(opcode, ra, rb).filter(|_| !pinned.contains(&res)) {
                    let k = trace.const_int(decided as i64);
                    subst.insert(res, k);
                    dead[idx] = true;
                    continue;
                }
                Some(Range { lo: 0, hi: 1 })
            }
            Opcode::UintLt
            | Opcode::UintLe
            | Opcode::FloatLt
            | Opcode::FloatLe
            | Opcode::FloatGt
            | Opcode::FloatGe
            | Opcode::FloatEq
            | Opcode::FloatNe
            | Opcode::PtrEq
            | Opcode::PtrNe => Some(Range { lo: 0, hi: 1 }),
            _ => None,
        };
        let is_ovf = matches!(
            opcode,
            Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf
        );
        if is_ovf && range.is_some() {
            // The result range was computed without overflow: the check cannot fail.
            trace.ops[idx].opcode = match opcode {
                Opcode::IntAddOvf => Opcode::IntAdd,
                Opcode::IntSubOvf => Opcode::IntSub,
                _ => Opcode::IntMul,
            };
            drop_next_ovf_guard = true;
        }
        if let Some(range) = range {
            ranges.insert(res, range);
        }
    }
    remove_ops(trace, &dead);
}

fn add(a: Range, b: Range) -> Option<Range> {
    Some(Range {
        lo: a.lo.checked_add(b.lo)?,
        hi: a.hi.checked_add(b.hi)?,
    })
}

fn sub(a: Range, b: Range) -> Option<Range> {
    Some(Range {
        lo: a.lo.checked_sub(b.hi)?,
        hi: a.hi.checked_sub(b.lo)?,
    })
}

fn mul(a: Range, b: Range) -> Option<Range> {
    let c = [
        a.lo.checked_mul(b.lo)?,
        a.lo.checked_mul(b.hi)?,
        a.hi.checked_mul(b.lo)?,
        a.hi.checked_mul(b.hi)?,
    ];
    Some(Range {
        lo: *c.iter().min()?,
        hi: *c.iter().max()?,
    })
}

/// The range of `x mod d` (floor remainder: it takes the divisor's sign) for `x` in `a`.
fn modulo(a: Range, d: i64) -> Range {
    if d > 0 {
        // A nonnegative dividend below the divisor is its own remainder.
        let hi = if a.lo >= 0 { a.hi.min(d - 1) } else { d - 1 };
        Range { lo: 0, hi }
    } else {
        Range { lo: d + 1, hi: 0 }
    }
}

/// The range of `floor(x / d)` for `x` in `a` and `d` not 0 or -1 (so nothing overflows): floor
/// division by a positive constant is monotone, by a negative one antitone.
fn floor_div(a: Range, d: i64) -> Range {
    let f = |x: i64| {
        let q = x / d;
        if x % d != 0 && ((x < 0) != (d < 0)) {
            q - 1
        } else {
            q
        }
    };
    if d > 0 {
        Range {
            lo: f(a.lo),
            hi: f(a.hi),
        }
    } else {
        Range {
            lo: f(a.hi),
            hi: f(a.lo),
        }
    }
}

fn decide(opcode: Opcode, a: Range, b: Range) -> Option<bool> {
    match opcode {
        Opcode::IntLt if a.hi < b.lo => Some(true),
        Opcode::IntLt if a.lo >= b.hi => Some(false),
        Opcode::IntLe if a.hi <= b.lo => Some(true),
        Opcode::IntLe if a.lo > b.hi => Some(false),
        Opcode::IntGt => decide(Opcode::IntLt, b, a),
        Opcode::IntGe => decide(Opcode::IntLe, b, a),
        Opcode::IntEq if a.lo == a.hi && b.lo == b.hi && a.lo == b.lo => Some(true),
        Opcode::IntEq | Opcode::IntNe if a.hi < b.lo || b.hi < a.lo => {
            Some(opcode == Opcode::IntNe)
        }
        _ => None,
    }
}

/// Narrows the ranges of `a` and `b` given that `a cmp b` is `holds`.
fn narrow(
    ranges: &mut HashMap<OpRef, Range>,
    trace: &Trace,
    cmp: Opcode,
    a: OpRef,
    b: OpRef,
    holds: bool,
) {
    // Normalise to `a < b` or `a <= b` holding.
    let (cmp, a, b) = match (cmp, holds) {
        (Opcode::IntLt, true) => (Opcode::IntLt, a, b),
        (Opcode::IntLt, false) => (Opcode::IntLe, b, a),
        (Opcode::IntLe, true) => (Opcode::IntLe, a, b),
        (Opcode::IntLe, false) => (Opcode::IntLt, b, a),
        (Opcode::IntGt, true) => (Opcode::IntLt, b, a),
        (Opcode::IntGt, false) => (Opcode::IntLe, a, b),
        (Opcode::IntGe, true) => (Opcode::IntLe, b, a),
        (Opcode::IntGe, false) => (Opcode::IntLt, a, b),
        _ => return,
    };
    let get = |ranges: &HashMap<OpRef, Range>, r: OpRef| match trace.as_const_int(r) {
        Some(v) => Range { lo: v, hi: v },
        None => ranges.get(&r).copied().unwrap_or(FULL),
    };
    let (ra, rb) = (get(ranges, a), get(ranges, b));
    let strict = (cmp == Opcode::IntLt) as i64;
    // a <= b - strict and b >= a + strict.
    if !a.is_const()
        && let Some(max) = rb.hi.checked_sub(strict)
    {
        ranges.insert(
            a,
            Range {
                lo: ra.lo,
                hi: ra.hi.min(max),
            },
        );
    }
    if !b.is_const()
        && let Some(min) = ra.lo.checked_add(strict)
    {
        ranges.insert(
            b,
            Range {
                lo: rb.lo.max(min),
                hi: rb.hi,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::ir::text;
    use crate::opt::{OptContext, int_bounds};

    #[track_caller]
    fn check(before: &str, after: Expect) {
        let mut trace = text::parse(before).unwrap();
        int_bounds::run(&mut trace, &mut OptContext::for_tests());
        crate::ir::verify::verify(&trace).unwrap();
        after.assert_eq(&trace.to_string());
    }

    #[test]
    fn int_bounds_add_ovf_after_lt_guard_cannot_overflow() {
        check(
            "
[i0]
i1 = int_lt(i0, 100)
guard_true(i1) [pc=0; 0=i0]
i2 = int_add_ovf(i0, 1)
guard_no_overflow(i2) [pc=1; 0=i0]
jump(i2)
",
            expect![[r#"
                [i0]
                i1 = int_lt(i0, 100)
                guard_true(i1) [pc=0; 0=i0]
                i2 = int_add(i0, 1)
                jump(i2)
            "#]],
        );
    }

    #[test]
    fn int_bounds_mod_by_positive_constant_is_below_divisor() {
        check(
            "
[i0, i1]
i2 = int_mod(i0, 1000003)
i3 = int_mul_ovf(i2, i2)
guard_no_overflow(i3) [pc=0; 0=i0]
i4 = int_lt(i2, 0)
guard_false(i4) [pc=1; 0=i0]
jump(i3, i1)
",
            expect![[r#"
                [i0, i1]
                i2 = int_mod(i0, 1000003)
                i3 = int_mul(i2, i2)
                guard_false(0) [pc=1; 0=i0]
                jump(i3, i1)
            "#]],
        );
    }

    #[test]
    fn int_bounds_floordiv_by_constant_scales_range() {
        check(
            "
[i0]
i1 = int_and(i0, 1023)
i2 = int_floordiv(i1, -4)
i3 = int_ge(i2, -256)
guard_true(i3) [pc=0; 0=i0]
i4 = int_lt(i2, -255)
guard_false(i4) [pc=1; 0=i0]
jump(i2)
",
            expect![[r#"
                [i0]
                i1 = int_and(i0, 1023)
                i2 = int_floordiv(i1, -4)
                guard_true(1) [pc=0; 0=i0]
                i4 = int_lt(i2, -255)
                guard_false(i4) [pc=1; 0=i0]
                jump(i2)
            "#]],
        );
    }

    #[test]
    fn int_bounds_decided_comparison_becomes_constant() {
        check(
            "
[i0]
i1 = int_and(i0, 255)
i2 = int_lt(i1, 256)
guard_true(i2) [pc=0; 0=i0]
jump(i1)
",
            expect![[r#"
                [i0]
                i1 = int_and(i0, 255)
                guard_true(1) [pc=0; 0=i0]
                jump(i1)
            "#]],
        );
    }

    #[test]
    fn int_bounds_unknown_add_keeps_overflow_check() {
        check(
            "
[i0, i1]
i2 = int_add_ovf(i0, i1)
guard_no_overflow(i2) [pc=0; 0=i0]
jump(i2, i1)
",
            expect![[r#"
                [i0, i1]
                i2 = int_add_ovf(i0, i1)
                guard_no_overflow(i2) [pc=0; 0=i0]
                jump(i2, i1)
            "#]],
        );
    }
}
