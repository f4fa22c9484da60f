//! metatrace-benches: runs the benchmark programs on our runtimes and the
//! reference ones (CPython, PyPy, Lua 5.4, LuaJIT) and writes RESULTS.md.
//!
//! The binary (`main.rs`) only parses flags; everything else lives here so
//! that `tests/smoke.rs` drives the same code as `--smoke`. Modules: the
//! program table (`programs`), runtime discovery (`runtimes`), one measured
//! child process (`measure`), interleaved rounds and output checking
//! (`suite`), statistics, the report and the chart, the JIT's compile times
//! (`jit_stats`, from `--stats`), start-up times (`startup`) and the VGC section (`vgc`: the collector's tables, run from
//! its example). It does not hold micro
//! benchmarks of the JIT or the collector; those belong next to the crates
//! they measure.

pub mod chart;
pub mod cli;
pub mod jit_stats;
pub mod machine;
pub mod measure;
pub mod programs;
pub mod report;
pub mod runtimes;
pub mod startup;
pub mod stats;
pub mod suite;
pub mod vgc;

use std::path::PathBuf;

/// The folder holding `python/`, `lua/` and RESULTS.md (this crate's root).
pub fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
