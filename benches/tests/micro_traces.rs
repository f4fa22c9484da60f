//! The micro benchmarks' input traces (benches/micro/traces) still parse, verify and optimise with
//! the verifier on after every pass, so the benchmarks never measure a broken input.

use metatrace::ir::{Opcode, text, verify::verify};
use metatrace::opt::{self, OptContext};

#[test]
fn recorded_traces_parse_verify_and_optimise() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/micro/traces");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let mut trace = text::parse(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        verify(&trace).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut ctx = OptContext::for_tests();
        ctx.peel = trace.ops.last().is_some_and(|i| i.opcode == Opcode::Jump);
        opt::optimize(&mut trace, &mut ctx).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        seen += 1;
    }
    assert!(seen >= 5, "expected the five recorded traces, found {seen}");
}
