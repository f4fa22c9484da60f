//! Fuzz target: a generated Python program must print the same with pyvgc's interpreter, with
//! its JIT at threshold 1 and with default settings, and the same as `python3` when installed.
//!
//! The bytes choose a program (`py_gen`); `py_differential` runs the pyvgc binary named by the
//! `PYVGC` environment variable (default: `pyvgc` on PATH) as a subprocess in each mode. A
//! disagreement panics with the program and the difference, which libFuzzer reports and saves.
//! Since every input costs four process runs this explores slowly; it does not link pyvgc in.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use metatrace_fuzz::{py_differential, py_gen};

fn checker() -> &'static py_differential::Checker {
    static CHECKER: OnceLock<py_differential::Checker> = OnceLock::new();
    CHECKER.get_or_init(|| py_differential::Checker {
        pyvgc: std::env::var_os("PYVGC")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("pyvgc")),
        python3: py_differential::find_python3(),
        workdir: std::env::temp_dir().join(format!("py_jit_vs_interp-{}", std::process::id())),
        limit: Duration::from_secs(20),
    })
}

fuzz_target!(|data: &[u8]| {
    let source = py_gen::program(data);
    if let Err(difference) = checker().check(&source) {
        panic!("pyvgc modes or python3 disagree on:\n{source}\n{difference}");
    }
});
