//! Round-trip tests of the text form: every op in the table must print and parse back.

use super::text::{parse, print};
use super::*;

#[track_caller]
fn round_trip(text: &str) {
    let trace = parse(text).unwrap_or_else(|e| panic!("{e}"));
    let printed = print(&trace);
    assert_eq!(printed.trim(), text.trim());
    let again = parse(&printed).unwrap();
    assert_eq!(print(&again), printed);
}

#[test]
fn text_round_trips_loop() {
    round_trip(
        "
[i0, p1, f2]
i3 = int_add(i0, 1)
i4 = int_lt(i3, 100)
guard_true(i4) [pc=3; 0=i3, 2=f2]
i5 = getfield_i(p1, #8)
setfield(p1, i5, #16)
f6 = float_add(f2, 1.5)
f7 = float_mul(f6, -0.0)
f8 = float_add(f7, 1e100)
p9 = ptr_add(p1, 16)
i10 = call[helper](i3, p9)
i11 = call_pure[sq](i10)
guard_value(i11, 7) [pc=5, base=4]
p12 = new(#32)[alloc]
label(i3, p1, f8)
jump(i3, p12, f8)
",
    );
}

#[test]
fn text_round_trips_virtuals_and_gaps() {
    round_trip(
        "
[i0, i5]
i7 = int_add(i0, i5)
guard_false(i7) [pc=1; 0=p9, 1=i7; p9=new(#16)[alloc]{0=i7, 8=3}]
finish() [pc=9; 0=i7]
",
    );
}

#[test]
fn text_every_op_has_a_name_that_parses() {
    for op in Opcode::ALL {
        assert_eq!(Opcode::from_name(op.name()), Some(*op), "{op:?}");
    }
}

#[test]
fn text_rejects_use_before_definition() {
    let err = parse("[i0]\ni1 = int_add(i0, i2)\n").unwrap_err();
    assert_eq!(err.line, 2);
    assert!(
        err.message.contains("before it is defined"),
        "{}",
        err.message
    );
}

#[test]
fn text_rejects_unknown_op() {
    let err = parse("[i0]\ni1 = int_frob(i0)\n").unwrap_err();
    assert!(err.message.contains("unknown op"), "{}", err.message);
}

#[test]
fn text_round_trips_call_assembler_copies_and_invalidation() {
    round_trip(
        "
[p0, i1]
guard_not_invalidated(0x1000) [pc=0; 1=i1]
p2 = ptr_add(p0, 40)
i3 = call_assembler(p2, #3)
guard_no_exception() [pc=2; 1=i1]
i4 = same_as_i(i3)
label(i4)
jump(i4)
",
    );
}

#[test]
fn verify_rejects_a_virtual_that_is_also_allocated() {
    let trace = parse(
        "
[i0]
p1 = new(#16)[alloc]
guard_true(i0) [pc=1; 0=p1; p1=new(#16)[alloc]{8=i0}]
jump(i0)
",
    )
    .unwrap();
    let err = verify::verify(&trace).unwrap_err();
    assert!(err.contains("also a value"), "{err}");
}

#[test]
fn verify_rejects_call_assembler_of_a_non_pointer() {
    let trace = parse(
        "
[i0]
i1 = call_assembler(i0, #0)
jump(i1)
",
    )
    .unwrap();
    let err = verify::verify(&trace).unwrap_err();
    assert!(err.contains("expected Ref"), "{err}");
}

#[test]
fn text_round_trips_a_finish_carrying_a_function_result() {
    let text = "
[p0, i1]
i2 = int_add(i1, 1)
setfield(p0, i2, #8)
finish(i2) [pc=7; 1=i2]
";
    round_trip(text);
    verify::verify(&parse(text).unwrap()).unwrap();
}

#[test]
fn verify_rejects_a_finish_carrying_more_than_one_int() {
    for text in [
        "[p0, i1]\nfinish(i1, i1) [pc=0]\n",
        "[p0, f1]\nfinish(f1) [pc=0]\n",
    ] {
        let err = verify::verify(&parse(text).unwrap()).unwrap_err();
        assert!(err.contains("at most one int"), "{text}: {err}");
    }
}
