//! Micro benchmarks of the JIT's back half: parsing a trace, each optimiser pass, the whole
//! pipeline, and Cranelift compilation, on traces lua-demo really recorded (benches/micro/traces).
//!
//! Each pass is measured on the input it really sees: the trace after the passes before it in
//! `opt::PIPELINE`. Recording itself is not measured here (it runs inside an interpreter); the
//! end-to-end compile time per trace of a real run is in `--stats` and benches/RESULTS.md.

use std::hint::black_box;

use metatrace::backend::Backend;
use metatrace::backend::cranelift::CraneliftBackend;
use metatrace::ir::Trace;
use metatrace::opt::{self, OptContext, PIPELINE};

const TRACES: &[&str] = &[
    "mandelbrot",
    "spectral_norm",
    "nbody",
    "oo_sim",
    "fannkuch_bridge",
];

fn text(name: &str) -> String {
    let path = format!("{}/micro/traces/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parsed(name: &str) -> Trace {
    metatrace::ir::text::parse(&text(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The context the driver uses: loops are peeled, bridges (which end in `finish`) are not.
fn context(trace: &Trace) -> OptContext {
    let is_loop = trace
        .ops
        .last()
        .is_some_and(|i| i.opcode == metatrace::ir::Opcode::Jump);
    OptContext {
        verify: false,
        peel: is_loop,
        log: Vec::new(),
    }
}

fn optimised(name: &str) -> Trace {
    let mut trace = parsed(name);
    let mut ctx = context(&trace);
    opt::optimize(&mut trace, &mut ctx).unwrap();
    trace
}

#[divan::bench(args = TRACES)]
fn parse(bencher: divan::Bencher, name: &str) {
    let source = text(name);
    bencher.bench(|| metatrace::ir::text::parse(black_box(&source)).unwrap());
}

#[divan::bench(args = TRACES)]
fn pipeline(bencher: divan::Bencher, name: &str) {
    let trace = parsed(name);
    bencher.with_inputs(|| trace.clone()).bench_local_refs(|t| {
        let mut ctx = context(t);
        opt::optimize(t, &mut ctx).unwrap();
    });
}

/// One benchmark per pass position in the pipeline (a pass that runs twice is measured twice).
#[divan::bench(args = TRACES, consts = [0, 1, 2, 3, 4, 5, 6])]
fn pass<const N: usize>(bencher: divan::Bencher, name: &str) {
    if N >= PIPELINE.len() {
        return;
    }
    let mut before = parsed(name);
    let mut ctx = context(&before);
    opt::optimize_with(&mut before, &mut ctx, &PIPELINE[..N]).unwrap();
    let (_, run) = PIPELINE[N];
    bencher
        .with_inputs(|| before.clone())
        .bench_local_refs(|t| run(t, &mut ctx));
}

#[divan::bench(args = TRACES)]
fn cranelift_compile(bencher: divan::Bencher, name: &str) {
    let trace = optimised(name);
    let mut backend = CraneliftBackend::new().unwrap();
    bencher.bench_local(|| backend.compile(black_box(&trace), name).unwrap());
}

fn main() {
    for (i, (name, _)) in PIPELINE.iter().enumerate() {
        println!("pass<{i}> = {name}");
    }
    divan::main();
}
