//! The Lua conformance programs under VGC's stress mode: a collection at every safepoint, with the
//! heap verifier before and after each one.
//!
//! Every program of `tests/lua/<feature>/*.lua` (the workspace conformance suite) runs through the
//! `lua-demo` binary with `VGC_STRESS=1 VGC_VERIFY=1`, alternately in `--jit-threshold 1` and
//! `--no-jit` mode, except that the few which take minutes with the verifier (`HEAVY`) run under
//! `VGC_STRESS=1` alone, in `--jit-threshold 1` mode (`LUA_DEMO_STRESS_ALL=1`: every program in
//! both modes with the verifier), and must print
//! exactly its `.out` golden and exit as its `.err` file says (its code and first stderr line, or
//! 0 without one). A missing root shows up as a verifier failure, a panic or a wrong output within one safepoint; a missing write barrier as a verifier
//! failure ("not carded"). Cases listed for "all" modes in `tests/lua/expected-failures.txt` are
//! skipped, as the conformance runner does, and so is
//! `errors/stack_overflow.lua` (see `NOT_UNDER_STRESS`). It does not compare stderr beyond the
//! first line, nor run the default JIT threshold (the conformance runner does that without stress).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Instant;

/// Programs not run under stress, with the reason.
const NOT_UNDER_STRESS: &[(&str, &str)] = &[(
    "errors/stack_overflow.lua",
    "recurses about 200,000 calls deep: a collection at every call scans the whole stack, which is \
     quadratic (it passes without stress in the conformance suite)",
)];

/// Programs that take minutes under stress with the verifier (a collection and two heap
/// verifications at each of 100,000 or more calls or back-edges): by default they run with a
/// collection at every safepoint but without the verifier, which takes seconds.
const HEAVY: &[&str] = &[
    "functions/recursion.lua",
    "functions/tail_calls.lua",
    "jit/closures_in_loop.lua",
    "jit/fib_recursive.lua",
    "jit/loop_exits.lua",
];

const MODES: &[(&str, &[&str])] = &[
    ("no-jit", &["--no-jit"]),
    ("jit-threshold-1", &["--jit-threshold", "1"]),
];

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/lua")
}

fn programs(dir: &Path) -> Vec<String> {
    let skipped: Vec<String> = std::fs::read_to_string(dir.join("expected-failures.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            let case = words.next()?;
            (words.next() == Some("all")).then(|| case.to_string())
        })
        .collect();
    let mut out = Vec::new();
    for feature in std::fs::read_dir(dir).expect("tests/lua exists") {
        let feature = feature.expect("readable dir").path();
        if !feature.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&feature).expect("readable feature dir") {
            let path = entry.expect("readable entry").path();
            if path.extension().is_some_and(|e| e == "lua") {
                let rel = path.strip_prefix(dir).expect("inside the suite");
                let rel = rel.to_string_lossy().replace('\\', "/");
                if !skipped.contains(&rel) && !NOT_UNDER_STRESS.iter().any(|(c, _)| *c == rel) {
                    out.push(rel);
                }
            }
        }
    }
    out.sort();
    out
}

/// Runs one program in one mode; `Err` describes the mismatch.
fn check(dir: &Path, case: &str, flags: &[&str], verify: bool) -> Result<(), String> {
    let golden = dir.join(case.replace(".lua", ".out"));
    let expected_out = std::fs::read(&golden).map_err(|e| format!("no golden: {e}"))?;
    let err_file = std::fs::read_to_string(dir.join(case.replace(".lua", ".err"))).ok();
    let (want_code, want_err) = match &err_file {
        Some(text) => {
            let mut code = 1;
            let mut msg = String::new();
            for line in text.lines() {
                if let Some(c) = line.strip_prefix("exit: ") {
                    code = c.trim().parse().unwrap_or(1);
                } else if let Some(m) = line.strip_prefix("stderr: ") {
                    msg = m.to_string();
                }
            }
            (code, msg)
        }
        None => (0, String::new()),
    };
    let out = Command::new(env!("CARGO_BIN_EXE_lua-demo"))
        .args(flags)
        .arg(case)
        .current_dir(dir)
        .env("VGC_STRESS", "1")
        .env("VGC_VERIFY", if verify { "1" } else { "0" })
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run lua-demo: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let first_err = stderr
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("lua-demo: ");
    let mut problems = Vec::new();
    if stderr.contains("panicked") {
        problems.push(format!(
            "panicked: {}",
            stderr.lines().take(3).collect::<Vec<_>>().join(" / ")
        ));
    }
    if out.stdout != expected_out {
        let got = String::from_utf8_lossy(&out.stdout);
        let want = String::from_utf8_lossy(&expected_out);
        let line = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        problems.push(format!(
            "stdout differs at line {}: got {:?}, want {:?}",
            line + 1,
            got.lines().nth(line).unwrap_or("<end>"),
            want.lines().nth(line).unwrap_or("<end>")
        ));
    }
    if out.status.code() != Some(want_code) {
        problems.push(format!("exit {:?}, want {want_code}", out.status.code()));
    }
    if first_err != want_err {
        problems.push(format!("stderr {first_err:?}, want {want_err:?}"));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn conformance_programs_pass_with_a_collection_at_every_safepoint() {
    let dir = suite_dir();
    let all = programs(&dir);
    assert!(all.len() > 100, "found only {} programs", all.len());
    // A collection and two heap verifications at every back-edge and call make a debug build
    // slow (minutes per program with deep recursion or hot loops), so by default each program
    // runs once, the modes alternating along the sorted list, and `HEAVY` runs without the
    // verifier; `LUA_DEMO_STRESS_ALL=1` runs every program in both modes with it.
    let every = std::env::var("LUA_DEMO_STRESS_ALL").is_ok_and(|v| v == "1");
    let mut jobs: Vec<(String, &str, &[&str], bool)> = all
        .iter()
        .filter(|c| every || !HEAVY.contains(&c.as_str()))
        .enumerate()
        .flat_map(|(i, c)| {
            MODES
                .iter()
                .enumerate()
                .filter(move |(m, _)| every || (i + m) % 2 == 1)
                .map(move |(_, (m, f))| (c.clone(), *m, *f, true))
        })
        .collect();
    if !every {
        let (mode, flags) = MODES[1];
        let heavy = all.iter().filter(|c| HEAVY.contains(&c.as_str()));
        // First, so the longest runs overlap the rest instead of ending the test alone.
        let heavy: Vec<_> = heavy.map(|c| (c.clone(), mode, flags, false)).collect();
        jobs.splice(0..0, heavy);
    }
    let next = Mutex::new(0usize);
    let failures = Mutex::new(Vec::new());
    let start = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().expect("no poisoning");
                        *n += 1;
                        *n - 1
                    };
                    let Some((case, mode, flags, verify)) = jobs.get(i) else {
                        break;
                    };
                    if let Err(e) = check(&dir, case, flags, *verify) {
                        failures
                            .lock()
                            .expect("no poisoning")
                            .push(format!("{case} [{mode}]: {e}"));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().expect("no poisoning");
    eprintln!(
        "{} runs under VGC_STRESS=1 ({} of them also VGC_VERIFY=1) in {:?}, {} failed",
        jobs.len(),
        jobs.iter().filter(|j| j.3).count(),
        start.elapsed(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "failures under stress:\n{}",
        failures.join("\n")
    );
}
