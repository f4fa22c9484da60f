//! Differential check of pyvgc's bundled standard-library sources (`src/runtime/lib/py/*.py`).
//!
//! Each `src/runtime/lib/py_checks/check_*.py` script is run twice under CPython by
//! `py_checks/harness.py`: once with CPython's own standard library and once with our bundled
//! module sources installed under the real names; both runs must print the same thing. This tests
//! the Python-level behaviour of the bundled modules (reprs, error messages, algorithms) without
//! needing pyvgc's runtime; running them on pyvgc itself is the conformance suite's job. The test
//! is skipped, saying so, when `python3` is not installed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn lib_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/runtime/lib")
}

fn python3_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn bundled_modules_print_what_cpython_stdlib_prints() {
    if !python3_available() {
        eprintln!("skipped: python3 not found");
        return;
    }
    let checks = lib_dir().join("py_checks");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&checks)
        .expect("py_checks directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("check_") && n.ends_with(".py"))
        })
        .collect();
    scripts.sort();
    assert!(
        scripts.len() >= 6,
        "expected the check scripts in {}",
        checks.display()
    );
    let mut failures = Vec::new();
    for script in &scripts {
        let out = Command::new("python3")
            .arg(checks.join("harness.py"))
            .arg(script)
            .output()
            .expect("run python3");
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        if !out.status.success() || !stdout.starts_with("same:") {
            failures.push(format!(
                "{}:\n{}{}",
                script.display(),
                stdout,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "bundled modules differ from CPython:\n{}",
        failures.join("\n")
    );
}
