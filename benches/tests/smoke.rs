//! Integration test: the runner's `--smoke` check on the runtimes installed here.
//!
//! Runs every program once at its smoke size on each reference runtime found
//! on PATH, and on our binaries named by `METATRACE_LUA_DEMO` /
//! `METATRACE_PYVGC`, and requires all outputs to agree. Absent runtimes are
//! skipped with a printed note (this test never installs anything), and no
//! timing is asserted.

use std::path::PathBuf;

use indicatif::ProgressBar;
use metatrace_benches::runtimes::{self, OursPaths, Status};
use metatrace_benches::{cli, suite};

/// Our binary, only when named by an environment variable. A binary left
/// in a target dir may be stale or mid-development; `cargo xtask bench
/// --smoke` builds and checks ours, and CI opts in by setting the variable.
fn ours_from_env(var: &str) -> Option<PathBuf> {
    let path = std::env::var_os(var).map(PathBuf::from);
    if path.is_none() {
        eprintln!("note: {var} is not set, so that runtime of ours is not checked here");
    }
    path
}

#[test]
fn smoke_outputs_agree_on_every_installed_runtime() {
    let ours = OursPaths {
        pyvgc: ours_from_env("METATRACE_PYVGC"),
        lua_demo: ours_from_env("METATRACE_LUA_DEMO"),
    };
    let runtimes = runtimes::discover(&ours, false, &mut Vec::new());
    for rt in &runtimes {
        match &rt.status {
            Status::Available { version, .. } => eprintln!("using {}: {version}", rt.def.label),
            Status::Missing { reason } => eprintln!("note: skipping {}: {reason}", rt.def.label),
        }
    }
    if !runtimes.iter().any(|r| r.available() && !r.def.ours) {
        eprintln!("note: no reference runtime is installed, so there is no answer to compare with");
        return;
    }
    let cfg = cli::parse(&["--smoke".to_string()])
        .expect("flags")
        .config();
    let report = suite::smoke(&cfg, &runtimes, &ProgressBar::hidden());
    for line in &report.lines {
        eprintln!("{line}");
    }
    assert!(!report.results.is_empty());
    assert_eq!(
        report.failures,
        0,
        "smoke disagreements:\n{}",
        report.lines.join("\n")
    );
}
