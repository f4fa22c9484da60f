use expect_test::{Expect, expect};

use crate::ir::{text, verify::verify};
use crate::opt::{OptContext, fold};

#[track_caller]
fn check(before: &str, after: Expect) {
    let mut trace = text::parse(before).unwrap();
    verify(&trace).unwrap();
    fold::run(&mut trace, &mut OptContext::for_tests());
    verify(&trace).unwrap();
    after.assert_eq(&trace.to_string());
}

#[test]
fn fold_int_add_zero() {
    check(
        "
[i0]
i1 = int_add(i0, 0)
jump(i1)
",
        expect![[r#"
            [i0]
            jump(i0)
        "#]],
    );
}

#[test]
fn fold_ptr_add_zero() {
    check(
        "
[p0]
p1 = ptr_add(p0, 0)
i2 = getfield_i(p1, #8)
jump(p0)
",
        expect![[r#"
            [p0]
            i2 = getfield_i(p0, #8)
            jump(p0)
        "#]],
    );
}

#[test]
fn fold_constant_operands() {
    check(
        "
[i0]
i1 = int_mul(6, 7)
i2 = int_add(i0, i1)
jump(i2)
",
        expect![[r#"
            [i0]
            i2 = int_add(i0, 42)
            jump(i2)
        "#]],
    );
}

#[test]
fn fold_cse_commutative() {
    check(
        "
[i0, i1]
i2 = int_add(i0, i1)
i3 = int_add(i1, i0)
i4 = int_mul(i2, i3)
jump(i4, i1)
",
        expect![[r#"
            [i0, i1]
            i2 = int_add(i0, i1)
            i4 = int_mul(i2, i2)
            jump(i4, i1)
        "#]],
    );
}

#[test]
fn fold_guard_value_substitutes_constant() {
    check(
        "
[i0, i1]
guard_value(i0, 3) [pc=0; 0=i0]
i2 = int_add(i0, i1)
guard_value(i0, 3) [pc=1; 0=i0]
jump(i2, i1)
",
        expect![[r#"
            [i0, i1]
            guard_value(i0, 3) [pc=0; 0=i0]
            i2 = int_add(3, i1)
            jump(i2, i1)
        "#]],
    );
}

#[test]
fn fold_duplicate_guard_true_removed() {
    check(
        "
[i0]
i1 = int_lt(i0, 10)
guard_true(i1) [pc=0; 0=i0]
i2 = int_lt(i0, 10)
guard_true(i2) [pc=1; 0=i0]
jump(i0)
",
        expect![[r#"
            [i0]
            i1 = int_lt(i0, 10)
            guard_true(i1) [pc=0; 0=i0]
            jump(i0)
        "#]],
    );
}

#[test]
fn fold_float_bits_round_trip_cancels() {
    check(
        "
[i0]
f1 = float_from_bits(i0)
i2 = float_to_bits(f1)
jump(i2)
",
        expect![[r#"
            [i0]
            f1 = float_from_bits(i0)
            jump(i0)
        "#]],
    );
}

#[test]
fn fold_bits_round_trip_not_cancelled_through_label() {
    check(
        "
[i0]
f1 = float_from_bits(i0)
f2 = float_add(f1, 1.0)
i3 = float_to_bits(f2)
label(i3)
f4 = float_from_bits(i3)
f5 = float_add(f4, 1.0)
i6 = float_to_bits(f5)
jump(i6)
",
        expect![[r#"
            [i0]
            f1 = float_from_bits(i0)
            f2 = float_add(f1, 1.0)
            i3 = float_to_bits(f2)
            label(i3)
            f4 = float_from_bits(i3)
            f5 = float_add(f4, 1.0)
            i6 = float_to_bits(f5)
            jump(i6)
        "#]],
    );
}

#[test]
fn fold_label_forgets_variant_facts() {
    check(
        "
[i0, i1]
i2 = int_add(i0, 1)
i3 = int_mul(i1, 2)
label(i2, i1)
i4 = int_add(i2, 1)
i5 = int_mul(i1, 2)
jump(i4, i1)
",
        expect![[r#"
            [i0, i1]
            i2 = int_add(i0, 1)
            i3 = int_mul(i1, 2)
            label(i2, i1)
            i4 = int_add(i2, 1)
            i5 = int_mul(i1, 2)
            jump(i4, i1)
        "#]],
    );
}

#[test]
fn fold_keeps_label_operand_definitions() {
    check(
        "
[i0]
i1 = int_add(i0, 1)
i2 = int_add(i0, 1)
label(i1, i2)
i3 = int_add(i1, i2)
jump(i3, i1)
",
        expect![[r#"
            [i0]
            i1 = int_add(i0, 1)
            i2 = int_add(i0, 1)
            label(i1, i2)
            i3 = int_add(i1, i2)
            jump(i3, i1)
        "#]],
    );
}

#[test]
fn fold_keeps_guard_not_invalidated_on_a_constant_flag() {
    // The flag's address is a constant, but the word behind it changes: the guard must stay.
    check(
        "
[i0]
guard_not_invalidated(0x1000) [pc=1; 0=i0]
i1 = int_add(i0, 1)
jump(i1)
",
        expect![[r#"
            [i0]
            guard_not_invalidated(0x1000) [pc=1; 0=i0]
            i1 = int_add(i0, 1)
            jump(i1)
        "#]],
    );
}

#[test]
fn fold_facts_about_a_preamble_load_hold_in_the_body() {
    // `i1` is one value for the whole loop (the heap pass forwarded the body's load to it): the
    // body's mask and guard repeat the preamble's. The loop variable `i3` stays variant.
    check(
        "
[p0, i3]
i1 = getfield_i(p0, #0)
i2 = int_and(i1, 255)
guard_true(i2) [pc=1; 0=i3]
label(i3)
i4 = int_and(i1, 255)
guard_true(i4) [pc=1; 0=i3]
i5 = int_and(i3, 255)
guard_true(i5) [pc=2; 0=i3]
i6 = int_add(i3, 1)
jump(i6)
",
        expect![[r#"
            [p0, i3]
            i1 = getfield_i(p0, #0)
            i2 = int_and(i1, 255)
            guard_true(i2) [pc=1; 0=i3]
            label(i3)
            i5 = int_and(i3, 255)
            guard_true(i5) [pc=2; 0=i3]
            i6 = int_add(i3, 1)
            jump(i6)
        "#]],
    );
}
