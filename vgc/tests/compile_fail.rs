//! Compile-fail tests: API misuse that the types reject (trybuild, one file per rule in `tests/ui`).
//!
//! Regenerate the expected messages with `TRYBUILD=overwrite cargo test -p vgc --test compile_fail`
//! after checking that each new message still names the rule.

#[test]
fn compile_fail() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
