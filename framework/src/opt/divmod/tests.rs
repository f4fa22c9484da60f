//! Tests of the `divmod` pass: before/after traces, a sweep of divisors and dividends against the
//! plain ops, and a Cranelift-compiled check.

use expect_test::{Expect, expect};

#[cfg(feature = "cranelift")]
use crate::backend::{Backend, cranelift::CraneliftBackend};
use crate::ir::eval::eval_pure;
use crate::ir::{Const, OpRef, Opcode, Trace, text, verify::verify};
use crate::opt::{OptContext, divmod};

#[track_caller]
fn check(before: &str, after: Expect) {
    let mut trace = text::parse(before).unwrap();
    verify(&trace).unwrap();
    divmod::run(&mut trace, &mut OptContext::for_tests());
    verify(&trace).unwrap();
    after.assert_eq(&trace.to_string());
}

#[test]
fn divmod_mod_by_positive_constant_uses_mulhi() {
    check(
        "
[i0]
i1 = int_mod(i0, 1000000007)
jump(i1)
",
        expect![[r#"
            [i0]
            i2 = int_shr(i0, 63)
            i3 = int_xor(i0, i2)
            i4 = uint_mulhi(i3, -8543223828751151131)
            i5 = uint_shr(i4, 29)
            i6 = int_xor(i5, i2)
            i7 = int_mul(i6, 1000000007)
            i1 = int_sub(i0, i7)
            jump(i1)
        "#]],
    );
}

#[test]
fn divmod_floordiv_by_positive_constant_needs_no_fixup() {
    check(
        "
[i0]
i1 = int_floordiv(i0, 10)
jump(i1)
",
        expect![[r#"
            [i0]
            i2 = int_shr(i0, 63)
            i3 = int_xor(i0, i2)
            i4 = uint_mulhi(i3, -3689348814741910323)
            i5 = uint_shr(i4, 3)
            i1 = int_xor(i5, i2)
            jump(i1)
        "#]],
    );
}

#[test]
fn divmod_power_of_two_is_shift_and_mask() {
    check(
        "
[i0, i1]
i2 = int_floordiv(i0, 8)
i3 = int_mod(i1, 8)
jump(i2, i3)
",
        expect![[r#"
            [i0, i1]
            i2 = int_shr(i0, 3)
            i3 = int_and(i1, 7)
            jump(i2, i3)
        "#]],
    );
}

#[test]
fn divmod_negative_divisor_rounds_toward_minus_infinity() {
    check(
        "
[i0, i1]
i2 = int_floordiv(i0, -8)
i3 = int_mod(i1, -7)
jump(i2, i3)
",
        expect![[r#"
            [i0, i1]
            i4 = int_and(i0, 7)
            i5 = int_ne(i4, 0)
            i6 = int_shr(i0, 3)
            i7 = int_neg(i6)
            i2 = int_sub(i7, i5)
            i9 = int_shr(i1, 63)
            i10 = int_xor(i1, i9)
            i11 = uint_mulhi(i10, -7905747460161236406)
            i12 = uint_shr(i11, 2)
            i13 = int_xor(i12, i9)
            i14 = int_mul(i13, 7)
            i15 = int_sub(i1, i14)
            i16 = int_ne(i15, 0)
            i17 = int_neg(i16)
            i18 = int_and(i17, -7)
            i3 = int_add(i15, i18)
            jump(i2, i3)
        "#]],
    );
}

#[test]
fn divmod_by_one_and_minus_one() {
    check(
        "
[i0]
i1 = int_floordiv(i0, 1)
i2 = int_mod(i0, -1)
i3 = int_floordiv(i1, -1)
i4 = int_add(i3, i2)
jump(i4)
",
        expect![[r#"
            [i0]
            i1 = same_as_i(i0)
            i2 = same_as_i(0)
            i3 = int_neg(i1)
            i4 = int_add(i3, i2)
            jump(i4)
        "#]],
    );
}

#[test]
fn divmod_variable_divisor_is_kept() {
    check(
        "
[i0, i1]
i2 = int_mod(i0, i1)
jump(i2, i1)
",
        expect![[r#"
            [i0, i1]
            i2 = int_mod(i0, i1)
            jump(i2, i1)
        "#]],
    );
}

/// Divisors the sweep tries: the edges, small odd and even numbers, powers of two and their
/// negations, and the moduli programs use.
fn divisors() -> Vec<i64> {
    let mut ds = vec![
        1,
        -1,
        2,
        -2,
        3,
        -3,
        5,
        6,
        7,
        -7,
        10,
        -10,
        11,
        12,
        25,
        60,
        100,
        641,
        1000,
        1_000_003,
        -1_000_003,
        1_000_000_007,
        1 << 32,
        (1 << 32) + 1,
        (1 << 62) + 1,
        (1 << 62) - 1,
        i64::MAX,
        i64::MAX - 1,
        i64::MIN,
        i64::MIN + 1,
        -(1 << 62),
    ];
    for k in [1, 4, 16, 31, 33, 61, 62, 63] {
        ds.push(1i64.wrapping_shl(k));
        ds.push(1i64.wrapping_shl(k).wrapping_neg());
    }
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..24 {
        let r = next(&mut seed) as i64;
        // Divisors of every magnitude: shift a random word right by a random amount.
        let d = r >> (next(&mut seed) % 63);
        if d != 0 {
            ds.push(d);
        }
    }
    ds
}

/// Dividends the sweep tries: the edges, values around zero and around multiples of `d`, and
/// random words.
fn dividends(d: i64, seed: &mut u64) -> Vec<i64> {
    let mut xs = vec![
        i64::MIN,
        i64::MIN + 1,
        i64::MAX,
        i64::MAX - 1,
        -1,
        0,
        1,
        2,
        -2,
        d,
        d.wrapping_neg(),
    ];
    for m in [1i64, 2, 3, 1000, i64::MAX / d.wrapping_abs().max(1)] {
        let base = d.wrapping_mul(m);
        for delta in [-1i64, 0, 1] {
            xs.push(base.wrapping_add(delta));
            xs.push(base.wrapping_neg().wrapping_add(delta));
        }
    }
    for _ in 0..60 {
        let r = next(seed) as i64;
        xs.push(r);
        xs.push(r >> (next(seed) % 64));
    }
    xs
}

/// A xorshift step: a deterministic sequence, so a failure reproduces.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// `int_floordiv(x, d)` and `int_mod(x, d)` as one trace, reduced; returns it and the two results.
fn reduced(d: i64) -> (Trace, OpRef, OpRef) {
    let src =
        format!("[i0, i3]\ni1 = int_floordiv(i0, {d})\ni2 = int_mod(i0, {d})\njump(i1, i2)\n");
    let mut trace = text::parse(&src).unwrap();
    divmod::run(&mut trace, &mut OptContext::for_tests());
    verify(&trace).unwrap();
    assert!(
        trace
            .ops
            .iter()
            .all(|i| !matches!(i.opcode, Opcode::IntFloorDiv | Opcode::IntMod)),
        "not reduced for {d}:\n{trace}"
    );
    let jump = trace.ops.last().unwrap();
    (trace.clone(), jump.args[0], jump.args[1])
}

/// Runs the straight-line pure ops of `trace` on input `x` with the shared evaluator.
fn eval(trace: &Trace, x: i64, values: &mut Vec<i64>) {
    values.clear();
    values.resize(trace.types.len(), 0);
    values[trace.inputs[0].index()] = x;
    let get = |values: &Vec<i64>, r: OpRef| match trace.as_const(r) {
        Some(c) => c,
        None => Const::Int(values[r.index()]),
    };
    for inst in &trace.ops {
        if inst.opcode == Opcode::Jump {
            break;
        }
        let args: Vec<Const> = inst.args.iter().map(|&a| get(values, a)).collect();
        let v = eval_pure(inst.opcode, &args).unwrap();
        values[inst.res.unwrap().index()] = v.bits();
    }
}

#[test]
fn divmod_reduction_matches_plain_ops_on_a_sweep() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut values = Vec::new();
    for d in divisors() {
        let (trace, q, r) = reduced(d);
        for x in dividends(d, &mut seed) {
            eval(&trace, x, &mut values);
            let plain = |op| {
                eval_pure(op, &[Const::Int(x), Const::Int(d)])
                    .unwrap()
                    .bits()
            };
            let value = |r: OpRef| trace.as_const_int(r).unwrap_or_else(|| values[r.index()]);
            assert_eq!(value(q), plain(Opcode::IntFloorDiv), "{x} // {d}:\n{trace}");
            assert_eq!(value(r), plain(Opcode::IntMod), "{x} % {d}:\n{trace}");
        }
    }
}

#[test]
fn divmod_magic_numbers_of_known_divisors() {
    // Checked by hand against the proof in `divmod::magic`: m = floor(2^(63+l) / e) + 1.
    assert_eq!(divmod::magic(3), (0xaaaa_aaaa_aaaa_aaab, 1));
    assert_eq!(divmod::magic(7), (0x9249_2492_4924_924a, 2));
    assert_eq!(divmod::magic(10), (0xcccc_cccc_cccc_cccd, 3));
}

/// The Cranelift lowering of the reduced ops (`uint_mulhi` is `umulhi`) agrees with the plain
/// ops, for a few divisors in one compiled trace.
#[cfg(feature = "cranelift")]
#[test]
fn divmod_reduced_trace_compiled_by_cranelift_matches_plain_ops() {
    let ds = [
        3i64,
        -7,
        10,
        1_000_003,
        1_000_000_007,
        i64::MAX,
        i64::MIN,
        -(1 << 40),
    ];
    // Input 0 is the frame; x is loaded from its slot 0 and the results go to slots 1 and up.
    let mut src = String::from("[p0, i1]\n");
    let mut slots = Vec::new();
    for (k, d) in ds.iter().enumerate() {
        let (q, r) = (2 + 2 * k, 3 + 2 * k);
        src.push_str(&format!(
            "i{q} = int_floordiv(i1, {d})\ni{r} = int_mod(i1, {d})\n"
        ));
        slots.push(format!("{}=i{q}, {}=i{r}", 1 + 2 * k, 2 + 2 * k));
    }
    src.push_str(&format!("finish() [pc=0; {}]\n", slots.join(", ")));
    let mut trace = text::parse(&src).unwrap();
    divmod::run(&mut trace, &mut OptContext::for_tests());
    verify(&trace).unwrap();
    let Ok(mut backend) = CraneliftBackend::new() else {
        // No native ISA for Cranelift on this host: the sweep above still checks the reduction.
        return;
    };
    // Input 1 (x) is read from frame slot 0.
    let code = backend.compile(&trace, "divmod_test").unwrap();
    let mut ctx = crate::backend::JitCtxHeader::default();
    let mut seed = 0x1234_5678_9abc_def1u64;
    let mut xs = vec![i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX];
    xs.extend((0..200).map(|_| next(&mut seed) as i64 >> (next(&mut seed) % 64)));
    let mut frame = vec![0i64; 1 + 2 * ds.len()];
    for x in xs {
        frame[0] = x;
        // SAFETY: the context starts with a `JitCtxHeader`, the frame has every slot the trace
        // reads and writes, and the trace dereferences no other pointer.
        let exit = unsafe { code.run((&raw mut ctx).cast(), frame.as_mut_ptr()) };
        assert_eq!(exit, 0);
        for (k, &d) in ds.iter().enumerate() {
            let plain = |op| {
                eval_pure(op, &[Const::Int(x), Const::Int(d)])
                    .unwrap()
                    .bits()
            };
            assert_eq!(frame[1 + 2 * k], plain(Opcode::IntFloorDiv), "{x} // {d}");
            assert_eq!(frame[2 + 2 * k], plain(Opcode::IntMod), "{x} % {d}");
        }
    }
}
