//! The JIT on Python loops: runs the pyvgc binary on small programs with `METATRACE_LOG=opt` and
//! `--stats` and checks what was compiled (the optimised trace's ops, loop counts, guard failures)
//! as well as the program's output, which must equal the `--no-jit` run's.
//!
//! The checks read the stable text form of traces the driver logs, so they name ops
//! (`int_mul_ovf`, `call_i`, ...) rather than positions; the programs' outputs are compared with
//! the interpreter's, not with literals.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// Writes `source` to a fresh file and returns its path.
fn program(name: &str, source: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pyvgc-rt-jit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    let mut f = std::fs::File::create(&path).expect("create program");
    f.write_all(source.as_bytes()).expect("write program");
    path
}

/// Runs pyvgc with `flags` on `path`, with `METATRACE_LOG=opt`; returns (stdout, stderr, code).
fn run(flags: &[&str], path: &PathBuf) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_pyvgc"))
        .args(flags)
        .arg(path)
        .env("METATRACE_LOG", "opt")
        .output()
        .expect("run pyvgc");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// The optimised loop bodies in a `METATRACE_LOG=opt` log: the ops after each trace's `label`.
fn loop_bodies(log: &str) -> Vec<Vec<String>> {
    let mut bodies = Vec::new();
    let mut cur: Option<Vec<String>> = None;
    for line in log.lines() {
        let line = line.trim();
        if line.starts_with("label(") {
            cur = Some(Vec::new());
            continue;
        }
        if let Some(body) = cur.as_mut() {
            let op = line.split('(').next().unwrap_or("");
            let op = op.rsplit("= ").next().unwrap_or(op).trim().to_string();
            body.push(op);
            if line.starts_with("jump(") || line.starts_with("finish(") {
                bodies.push(cur.take().expect("body"));
            }
        }
    }
    bodies
}

/// The number after `label` in the `--stats` summary line that starts with it.
fn stat(stderr: &str, label: &str) -> u64 {
    let line = stderr
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no '{label}' in stats:\n{stderr}"));
    line[line.find(':').expect("colon") + 1..]
        .split_whitespace()
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no number in '{line}'"))
}

const INT_LOOP: &str = "\
def f(n):
    s = 0
    i = 0
    while i < n:
        s += i * i
        i += 1
    return s
print(f(20000))
";

#[test]
fn an_int_while_loop_compiles_to_a_trace_without_residual_calls() {
    let path = program("int_loop.py", INT_LOOP);
    let (expected, _, _) = run(&["--no-jit"], &path);
    let (out, err, code) = run(&["--jit-threshold", "50", "--stats"], &path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, expected);
    assert!(stat(&err, "traces compiled") >= 1, "{err}");
    let bodies = loop_bodies(&err);
    assert_eq!(bodies.len(), 1, "one compiled loop:\n{err}");
    let body = &bodies[0];
    assert!(
        !body.iter().any(|op| op.starts_with("call")),
        "no residual call in the loop: {body:?}"
    );
    // `s += i * i` keeps Python's overflow rule: checked ops, not wrapping ones.
    assert!(body.iter().any(|op| op == "int_mul_ovf"), "{body:?}");
    assert!(body.iter().any(|op| op == "int_add_ovf"), "{body:?}");
}

#[test]
fn a_for_range_loop_reads_the_iterator_fields_without_calls_in_the_loop() {
    let path = program(
        "range_loop.py",
        "def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\nprint(f(20000))\n",
    );
    let (expected, _, _) = run(&["--no-jit"], &path);
    let (out, err, code) = run(&["--jit-threshold", "50", "--stats"], &path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, expected);
    let bodies = loop_bodies(&err);
    assert_eq!(bodies.len(), 1, "{err}");
    // The range iterator check is read-only and loop-invariant: it leaves the loop body.
    assert!(
        !bodies[0].iter().any(|op| op == "call_i"),
        "{:?}",
        bodies[0]
    );
}

#[test]
fn a_float_loop_compiles_to_float_ops() {
    let path = program(
        "float_loop.py",
        "def f(n):\n    x = 0.0\n    i = 0\n    while i < n:\n        x = x * 0.5 + i * 0.25\n        i += 1\n    return x\nprint(f(20000))\n",
    );
    let (expected, _, _) = run(&["--no-jit"], &path);
    let (out, err, code) = run(&["--jit-threshold", "50"], &path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, expected);
    let bodies = loop_bodies(&err);
    assert_eq!(bodies.len(), 1, "{err}");
    assert!(
        bodies[0].iter().any(|op| op == "float_mul"),
        "{:?}",
        bodies[0]
    );
    assert!(
        bodies[0].iter().any(|op| op == "float_add"),
        "{:?}",
        bodies[0]
    );
    assert!(
        !bodies[0].iter().any(|op| op.starts_with("call")),
        "{:?}",
        bodies[0]
    );
}

#[test]
fn int_overflow_in_a_compiled_loop_exits_to_the_interpreter_and_makes_a_big_int() {
    // x doubles every iteration: past 2**63 the trace's overflow guard fails.
    let path = program(
        "overflow.py",
        "x = 1\ni = 0\nwhile i < 200:\n    x = x + x\n    i += 1\nprint(x, i)\n",
    );
    let (expected, _, _) = run(&["--no-jit"], &path);
    let (out, err, code) = run(&["--jit-threshold", "10", "--stats"], &path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, expected);
    assert!(out.starts_with("1606938044258990275541962092341162602522202993782792835301376 "));
    assert!(stat(&err, "traces compiled") >= 1, "{err}");
    assert!(stat(&err, "guard failures") >= 1, "{err}");
}

#[test]
fn no_jit_compiles_nothing() {
    let path = program("nojit.py", INT_LOOP);
    let (_, err, code) = run(&["--no-jit", "--stats"], &path);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stat(&err, "traces compiled"), 0, "{err}");
    assert!(loop_bodies(&err).is_empty());
}

#[test]
fn an_exception_raised_by_a_residual_call_in_compiled_code_is_raised_at_its_line() {
    let path = program(
        "raise.py",
        "def f(d):\n    t = 0\n    i = 0\n    while True:\n        t += d[i % 7]\n        i += 1\n        if i == 3000:\n            d = {}\nf({k: k for k in range(7)})\n",
    );
    let (expected_out, expected_err, expected_code) = run(&["--no-jit"], &path);
    let (out, err, code) = run(&["--jit-threshold", "20"], &path);
    assert_eq!(code, expected_code);
    assert_eq!(out, expected_out);
    // The traceback (after the JIT log) is the interpreter's.
    let tb = |e: &str| e[e.find("Traceback").expect("traceback")..].to_string();
    assert_eq!(tb(&err), tb(&expected_err));
    assert!(tb(&err).contains("KeyError: "), "{err}");
}
