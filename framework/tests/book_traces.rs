//! The traces the book shows, regenerated from `examples/first_interpreter.rs` and compared with
//! the files the book includes (`book/src/traces/`).
//!
//! Each case runs the example binary (which `cargo test` builds before any test runs) with
//! `METATRACE_LOG` set and compares its stderr with a golden file, so a change to the recorder or
//! the optimiser that changes these traces fails here until the book is updated with
//! `UPDATE_EXPECT=1 cargo test -p metatrace --test book_traces` (or `cargo xtask bless`). It checks
//! text only: no timings, which would never compare equal.

use std::path::PathBuf;
use std::process::Command;

use expect_test::{ExpectFile, expect_file};

/// The example binary next to this test's own executable (`target/<profile>/examples/`).
fn example_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps/<test>");
    let path = profile_dir.join("examples").join("first_interpreter");
    assert!(
        path.is_file(),
        "{} is missing: `cargo test -p metatrace` builds it",
        path.display()
    );
    path
}

#[track_caller]
fn check(log: &str, args: &[&str], golden: ExpectFile) {
    let out = Command::new(example_binary())
        .args(args)
        .env("METATRACE_LOG", log)
        .env_remove("METATRACE_PERF_MAP")
        .output()
        .expect("run first_interpreter");
    assert!(out.status.success(), "first_interpreter {args:?} failed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    golden.assert_eq(&format!(
        "$ METATRACE_LOG={log} first_interpreter {}\n{stdout}{stderr}",
        args.join(" ")
    ));
}

#[test]
fn book_trace_sum_recorded_and_optimised() {
    check(
        "trace,opt",
        &["--threshold", "2", "sum", "100"],
        expect_file!["../../book/src/traces/sum.txt"],
    );
}

#[test]
fn book_trace_pi_optimised() {
    check(
        "opt",
        &["--threshold", "2", "pi", "100"],
        expect_file!["../../book/src/traces/pi.txt"],
    );
}

#[test]
fn book_trace_collatz_loops_and_bridges() {
    check(
        "opt,bridge,abort",
        &["--threshold", "5", "collatz", "100"],
        expect_file!["../../book/src/traces/collatz.txt"],
    );
}
