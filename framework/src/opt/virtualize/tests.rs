//! Before/after tests of `virtualize` in the text form, alone and after `peel`.

use expect_test::{Expect, expect};

use crate::ir::{text, verify::verify};
use crate::opt::{OptContext, optimize_with, peel, virtualize};

#[track_caller]
fn check(before: &str, after: Expect) {
    let mut trace = text::parse(before).unwrap();
    verify(&trace).unwrap();
    virtualize::run(&mut trace, &mut OptContext::for_tests());
    verify(&trace).unwrap();
    after.assert_eq(&trace.to_string());
}

#[track_caller]
fn check_peeled(before: &str, after: Expect) {
    let mut trace = text::parse(before).unwrap();
    optimize_with(
        &mut trace,
        &mut OptContext::for_tests(),
        &[("peel", peel::run), ("virtualize", virtualize::run)],
    )
    .unwrap();
    after.assert_eq(&trace.to_string());
}

#[test]
fn virtualize_removes_allocation_and_forwards_fields() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
setfield(p2, i1, #8)
i3 = getfield_i(p2, #8)
i4 = int_add(i3, 1)
jump(p0, i4)
",
        expect![[r#"
            [p0, i1]
            i4 = int_add(i1, 1)
            jump(p0, i4)
        "#]],
    );
}

#[test]
fn virtualize_drops_write_barrier_on_virtual_object() {
    check(
        "
[p0, p1, i2]
p3 = new(#16)[alloc]
setfield(p3, p1, #8)
gc_wb(p3)
i4 = int_add(i2, 1)
guard_true(i2) [pc=0; 0=p3]
setfield(p0, p3, #8)
gc_wb(p0)
jump(p0, p1, i4)
",
        expect![[r#"
            [p0, p1, i2]
            i4 = int_add(i2, 1)
            guard_true(i2) [pc=0; 0=p3; p3=new(#16)[alloc]{8=p1}]
            p3 = new(#16)[alloc]
            setfield(p3, p1, #8)
            setfield(p0, p3, #8)
            gc_wb(p0)
            jump(p0, p1, i4)
        "#]],
    );
}

#[test]
fn virtualize_unset_field_reads_zero() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
i3 = getfield_i(p2, #8)
i4 = int_add(i3, i1)
jump(p0, i4)
",
        expect![[r#"
            [p0, i1]
            i4 = int_add(0, i1)
            jump(p0, i4)
        "#]],
    );
}

#[test]
fn virtualize_guard_snapshot_lists_virtual() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
setfield(p2, i1, #8)
i3 = cast_ptr_to_int(p2)
i4 = int_lt(i1, 10)
guard_true(i4) [pc=3; 0=i3, 1=i1]
jump(p0, i1)
",
        expect![[r#"
            [p0, i1]
            i4 = int_lt(i1, 10)
            guard_true(i4) [pc=3; 0=p2, 1=i1; p2=new(#16)[alloc]{8=i1}]
            jump(p0, i1)
        "#]],
    );
}

#[test]
fn virtualize_two_slots_share_one_virtual() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
p3 = new(#16)[alloc]
setfield(p3, p2, #0)
setfield(p2, i1, #8)
i4 = cast_ptr_to_int(p2)
i5 = cast_ptr_to_int(p3)
guard_true(i1) [pc=3; 0=i4, 1=i5, 2=i4]
jump(p0, i1)
",
        expect![[r#"
            [p0, i1]
            guard_true(i1) [pc=3; 0=p2, 1=p3, 2=p2; p2=new(#16)[alloc]{8=i1}; p3=new(#16)[alloc]{0=p2}]
            jump(p0, i1)
        "#]],
    );
}

#[test]
fn virtualize_escape_through_call_materialises_before_it() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
setfield(p2, i1, #8)
i3 = call[f](p2)
i4 = getfield_i(p2, #8)
jump(p0, i4)
",
        expect![[r#"
            [p0, i1]
            p2 = new(#16)[alloc]
            setfield(p2, i1, #8)
            i3 = call[f](p2)
            i4 = getfield_i(p2, #8)
            jump(p0, i4)
        "#]],
    );
}

#[test]
fn virtualize_escape_into_heap_materialises_nested() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
p3 = new(#16)[alloc]
setfield(p2, p3, #0)
setfield(p3, i1, #8)
setfield(p0, p2, #8)
jump(p0, i1)
",
        expect![[r#"
            [p0, i1]
            p2 = new(#16)[alloc]
            p3 = new(#16)[alloc]
            setfield(p3, i1, #8)
            setfield(p2, p3, #0)
            setfield(p0, p2, #8)
            jump(p0, i1)
        "#]],
    );
}

#[test]
fn virtualize_ptr_eq_of_virtuals_folds() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
p3 = new(#16)[alloc]
i4 = ptr_eq(p2, p3)
i5 = ptr_eq(p2, p2)
i6 = ptr_eq(p2, p0)
i7 = int_add(i4, i5)
i8 = int_add(i7, i6)
jump(p0, i8)
",
        expect![[r#"
            [p0, i1]
            i7 = int_add(0, 1)
            i8 = int_add(i7, 0)
            jump(p0, i8)
        "#]],
    );
}

#[test]
fn virtualize_jump_without_label_materialises() {
    check(
        "
[p0, i1]
p2 = new(#16)[alloc]
setfield(p2, i1, #8)
i3 = cast_ptr_to_int(p2)
jump(p0, i3)
",
        expect![[r#"
            [p0, i1]
            p2 = new(#16)[alloc]
            i3 = cast_ptr_to_int(p2)
            setfield(p2, i1, #8)
            jump(p0, i3)
        "#]],
    );
}

#[test]
fn virtualize_boxed_counter_loop_carries_fields_not_boxes() {
    // A boxed integer counter: each iteration unboxes, adds and allocates a new box.
    check_peeled(
        "
[p0, i1]
p2 = cast_int_to_ptr(i1)
i3 = getfield_i(p2, #8)
i4 = int_add(i3, 1)
i5 = int_lt(i4, 100)
guard_true(i5) [pc=1; 1=i1]
p6 = new(#16)[alloc]
setfield(p6, 7, #0)
setfield(p6, i4, #8)
i7 = cast_ptr_to_int(p6)
jump(p0, i7)
",
        expect![[r#"
            [p0, i1]
            p2 = cast_int_to_ptr(i1)
            i3 = getfield_i(p2, #8)
            i4 = int_add(i3, 1)
            i5 = int_lt(i4, 100)
            guard_true(i5) [pc=1; 1=i1]
            label(i4)
            i10 = int_add(i4, 1)
            i11 = int_lt(i10, 100)
            guard_true(i11) [pc=1; 1=p14; p14=new(#16)[alloc]{0=7, 8=i4}]
            jump(i10)
        "#]],
    );
}

#[test]
fn virtualize_chained_boxes_escape_at_label() {
    // Each box points to the previous one: in the loop, that field is itself a virtual, so the
    // label keeps the box (materialised before it) instead of its fields.
    check_peeled(
        "
[p0, i1]
p2 = cast_int_to_ptr(i1)
i3 = getfield_i(p2, #8)
i4 = int_add(i3, 1)
p6 = new(#16)[alloc]
setfield(p6, i4, #8)
setfield(p6, i1, #0)
i8 = int_lt(i3, 5)
guard_true(i8) [pc=1; 1=i1]
i7 = cast_ptr_to_int(p6)
jump(p0, i7)
",
        expect![[r#"
            [p0, i1]
            p2 = cast_int_to_ptr(i1)
            i3 = getfield_i(p2, #8)
            i4 = int_add(i3, 1)
            i8 = int_lt(i3, 5)
            guard_true(i8) [pc=1; 1=i1]
            p6 = new(#16)[alloc]
            i7 = cast_ptr_to_int(p6)
            setfield(p6, i1, #0)
            setfield(p6, i4, #8)
            label(i7)
            p9 = cast_int_to_ptr(i7)
            i10 = getfield_i(p9, #8)
            i11 = int_add(i10, 1)
            i13 = int_lt(i10, 5)
            guard_true(i13) [pc=1; 1=i7]
            p12 = new(#16)[alloc]
            i14 = cast_ptr_to_int(p12)
            setfield(p12, i7, #0)
            setfield(p12, i11, #8)
            jump(i14)
        "#]],
    );
}
