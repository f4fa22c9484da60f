//! Integration test: the runner's `--smoke` check on the runtimes installed here.
//!
//! Runs every program once at its smoke size on each reference runtime found
//! on PATH and on our binaries when they have been built, and requires all
//! outputs to agree. Absent runtimes are skipped with a printed note (this
//! test never installs anything), and no timing is asserted.

use std::path::PathBuf;

use indicatif::ProgressBar;
use metatrace_benches::runtimes::{self, OursPaths, Status};
use metatrace_benches::{cli, suite};

/// Our binary from an environment variable, else from the usual target dirs.
fn find_ours(name: &str, var: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    let workspace = metatrace_benches::bench_dir().parent()?.to_path_buf();
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(t) = std::env::var_os("CARGO_TARGET_DIR") {
        roots.push(PathBuf::from(t));
    }
    roots.push(workspace.join("target"));
    roots
        .iter()
        .flat_map(|r| [r.join("release").join(name), r.join("debug").join(name)])
        .find(|p| p.is_file())
}

#[test]
fn smoke_outputs_agree_on_every_installed_runtime() {
    let ours = OursPaths {
        pyvgc: find_ours("pyvgc", "METATRACE_PYVGC"),
        lua_demo: find_ours("lua-demo", "METATRACE_LUA_DEMO"),
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
