//! Misuse of the hint macros is a compile error with a span (trybuild UI tests).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
