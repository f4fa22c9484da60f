//! A short run of the Python differential fuzz check inside `cargo test`: generated programs must
//! print the same with `--no-jit`, `--jit-threshold 1` and default settings, and the same as
//! `python3` when it is installed.
//!
//! The generator and the check are the fuzz crate's own modules (fuzz/src/py_gen.rs and
//! fuzz/src/py_differential.rs), included by path; the fuzz target explores for as long as it is
//! given, this runs a fixed set of seeds so every test run checks them. Quick programs (no loop of
//! a thousand iterations) keep it fast in a debug build. The ignored test is the long exploration:
//! `PYFUZZ_SEEDS=N PYFUZZ_START=S cargo test -p pyvgc --release --test fuzz_jit_smoke -- --ignored`
//! (`PYVGC=path` runs another binary), which reports every failing seed instead of stopping.

#[path = "../../../fuzz/src/py_differential.rs"]
mod py_differential;
#[path = "../../../fuzz/src/py_gen.rs"]
mod py_gen;

use std::path::PathBuf;
use std::time::Duration;

use py_differential::Checker;
use py_gen::{Options, XorShift};

/// How many generated programs the smoke test runs.
const N_PROGRAMS: u64 = 200;

/// Seeds whose programs pyvgc printed differently from python3 in all three modes because of a
/// bug not fixed when they were picked; they still have the three modes compared with each other,
/// only the comparison with python3 is left out. Empty: keep it so, fix the bug instead.
const KNOWN_PYTHON3_MISMATCHES: &[u64] = &[];

fn checker(tag: &str, python3: Option<PathBuf>) -> Checker {
    Checker {
        pyvgc: std::env::var_os("PYVGC")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_pyvgc"))),
        python3,
        workdir: std::env::temp_dir().join(format!("pyvgc-fuzz-{tag}-{}", std::process::id())),
        limit: Duration::from_secs(30),
    }
}

/// `python3` if installed, saying so when it is not.
fn golden() -> Option<PathBuf> {
    let python3 = py_differential::find_python3();
    if python3.is_none() {
        eprintln!("fuzz_jit_smoke: no python3 on PATH; comparing pyvgc's three modes only");
    }
    python3
}

/// The fuzz input for `seed`.
fn input(seed: u64) -> Vec<u8> {
    XorShift(0x9e37_79b9_7f4a_7c15 ^ seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1).bytes(600)
}

#[test]
fn generated_programs_agree_in_every_mode_and_with_python3() {
    let python3 = golden();
    // Two workers, each with its own folders, since every program costs four process runs.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2u64)
            .map(|worker| {
                let python3 = python3.clone();
                scope.spawn(move || {
                    let full = checker(&format!("smoke{worker}"), python3);
                    let modes_only = checker(&format!("smoke{worker}m"), None);
                    let mut failures = Vec::new();
                    for seed in (worker..N_PROGRAMS).step_by(2) {
                        let source = py_gen::program_with(&input(seed), Options::QUICK);
                        let checker = if KNOWN_PYTHON3_MISMATCHES.contains(&seed) {
                            &modes_only
                        } else {
                            &full
                        };
                        if let Err(difference) = checker.check(&source) {
                            failures.push(format!(
                                "seed {seed}: pyvgc modes or python3 disagree on:\n{source}\n{difference}"
                            ));
                        }
                    }
                    failures
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker"))
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "long exploration; run by hand with PYFUZZ_SEEDS"]
fn explore_many_seeds() {
    let var = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (start, n) = (var("PYFUZZ_START", 1_000_000), var("PYFUZZ_SEEDS", 1000));
    let checker = checker("explore", golden());
    let out_dir = std::env::temp_dir().join("pyvgc-fuzz-findings");
    std::fs::create_dir_all(&out_dir).expect("findings dir");
    let mut failures = Vec::new();
    for seed in start..start + n {
        let source = py_gen::program(&input(seed));
        if let Err(difference) = checker.check(&source) {
            eprintln!("seed {seed} FAILS\n{difference}");
            std::fs::write(out_dir.join(format!("seed{seed}.py")), &source).expect("save");
            std::fs::write(out_dir.join(format!("seed{seed}.txt")), &difference).expect("save");
            failures.push(seed);
        }
    }
    eprintln!("{} of {n} seeds failed: {failures:?}", failures.len());
}
