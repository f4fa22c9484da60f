//! Before/after tests of `unbox` in the text form: loop-carried floats stay unboxed across the label.

use expect_test::{Expect, expect};

use crate::ir::{text, verify::verify};
use crate::opt::{OptContext, unbox};

#[track_caller]
fn check(before: &str, after: Expect) {
    let mut trace = text::parse(before).unwrap();
    unbox::run(&mut trace, &mut OptContext::for_tests());
    verify(&trace).unwrap();
    after.assert_eq(&trace.to_string());
}

#[test]
fn unbox_float_accumulator_carried_as_float() {
    // s = s + float(i): the slot holds the float's bits.
    check(
        "
[p0, i1, i2]
f3 = float_from_bits(i1)
f4 = cast_int_to_float(i2)
f5 = float_add(f3, f4)
i6 = float_to_bits(f5)
i7 = int_add(i2, 1)
label(i6, i7)
f8 = float_from_bits(i6)
f9 = cast_int_to_float(i7)
f10 = float_add(f8, f9)
i11 = float_to_bits(f10)
i12 = int_lt(i7, 100)
guard_true(i12) [pc=3; 0=i6, 1=i11]
i13 = int_add(i7, 1)
jump(i11, i13)
",
        expect![[r#"
            [p0, i1, i2]
            f3 = float_from_bits(i1)
            f4 = cast_int_to_float(i2)
            f5 = float_add(f3, f4)
            i6 = float_to_bits(f5)
            i7 = int_add(i2, 1)
            f14 = float_from_bits(i6)
            label(f14, i7)
            f9 = cast_int_to_float(i7)
            f10 = float_add(f14, f9)
            i11 = float_to_bits(f10)
            i12 = int_lt(i7, 100)
            guard_true(i12) [pc=3; 0=f14, 1=f10]
            i13 = int_add(i7, 1)
            jump(f10, i13)
        "#]],
    );
}

#[test]
fn unbox_leaves_an_operand_the_body_uses_as_an_integer() {
    check(
        "
[p0, i1]
label(i1)
f2 = float_from_bits(i1)
f3 = float_add(f2, 1.5)
i4 = float_to_bits(f3)
setfield(p0, i1, #8)
jump(i4)
",
        expect![[r#"
            [p0, i1]
            label(i1)
            f2 = float_from_bits(i1)
            f3 = float_add(f2, 1.5)
            i4 = float_to_bits(f3)
            setfield(p0, i1, #8)
            jump(i4)
        "#]],
    );
}

#[test]
fn unbox_leaves_an_operand_not_produced_from_a_float() {
    check(
        "
[i0]
label(i0)
f1 = float_from_bits(i0)
i2 = int_add(i0, 8)
jump(i2)
",
        expect![[r#"
            [i0]
            label(i0)
            f1 = float_from_bits(i0)
            i2 = int_add(i0, 8)
            jump(i2)
        "#]],
    );
}
