//! The differential check for Python: one program, run by the pyvgc binary with `--no-jit`, with
//! `--jit-threshold 1` and with default settings, and by `python3` when it is installed.
//!
//! pyvgc runs as a subprocess (its CLI writes to the process's own stdout, and a crash must be a
//! finding rather than the end of the fuzzer). The three pyvgc runs must agree byte for byte on
//! stdout, stderr and exit status. CPython is the golden: stdout and the exit status must equal
//! its, and so must the last line of stderr (the exception), since pyvgc's tracebacks omit
//! CPython 3.11's `^^^^` markers. A run longer than the time limit is killed and counts as a
//! timeout. It does not minimise findings; that is done by hand.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The pyvgc configurations compared, by name and flags; the first is the reference.
pub const MODES: &[(&str, &[&str])] = &[
    ("no-jit", &["--no-jit"]),
    ("jit-threshold-1", &["--jit-threshold", "1"]),
    ("default", &[]),
];

/// What one run printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutput {
    pub stdout: String,
    pub stderr: String,
    /// The exit status; `None` when killed by a signal or by the time limit.
    pub code: Option<i32>,
    pub timed_out: bool,
}

impl RunOutput {
    /// The last non-empty line of stderr (the exception of a traceback).
    pub fn last_error_line(&self) -> &str {
        self.stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
    }
}

/// Runs `program args...` on `script` with a time limit, capturing both streams through files
/// (pipes would need a reader thread each to avoid a full-pipe deadlock).
pub fn run(program: &Path, args: &[&str], script: &Path, limit: Duration) -> RunOutput {
    let dir = script.parent().unwrap_or(Path::new("."));
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let spawn = || -> std::io::Result<std::process::Child> {
        Command::new(program)
            .args(args)
            .arg(script)
            .current_dir(dir)
            .env("PYTHONHASHSEED", "0")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path)?)
            .stderr(std::fs::File::create(&err_path)?)
            .spawn()
    };
    let mut child = match spawn() {
        Ok(c) => c,
        Err(e) => {
            return RunOutput {
                stdout: String::new(),
                stderr: format!("could not start {}: {e}", program.display()),
                code: None,
                timed_out: false,
            };
        }
    };
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                timed_out = true;
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => break None,
        }
    };
    let read =
        |p: &PathBuf| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    RunOutput {
        stdout: read(&out_path),
        stderr: read(&err_path),
        code: status.and_then(|s| s.code()),
        timed_out,
    }
}

/// The `python3` on PATH, if there is one that runs.
pub fn find_python3() -> Option<PathBuf> {
    let ok = Command::new("python3")
        .arg("-c")
        .arg("pass")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    ok.then(|| PathBuf::from("python3"))
}

/// A differential checker: where pyvgc is, where programs are written, the golden if any.
pub struct Checker {
    pub pyvgc: PathBuf,
    pub python3: Option<PathBuf>,
    /// A folder of its own (runs write `prog.py`, `stdout.txt` and `stderr.txt` there).
    pub workdir: PathBuf,
    pub limit: Duration,
}

impl Checker {
    /// Runs `source` in every pyvgc mode and with python3; on any disagreement says which runs
    /// differ and how.
    pub fn check(&self, source: &str) -> Result<RunOutput, String> {
        std::fs::create_dir_all(&self.workdir).map_err(|e| format!("workdir: {e}"))?;
        let script = self.workdir.join("prog.py");
        std::fs::write(&script, source).map_err(|e| format!("write program: {e}"))?;
        let mut runs = MODES
            .iter()
            .map(|(name, flags)| (*name, run(&self.pyvgc, flags, &script, self.limit)));
        let (ref_name, reference) = runs.next().expect("at least one mode");
        for (name, out) in runs {
            if out != reference {
                return Err(format!(
                    "pyvgc {name} disagrees with pyvgc {ref_name}\n{}",
                    describe(ref_name, &reference, name, &out, true)
                ));
            }
        }
        if let Some(py) = &self.python3 {
            let golden = run(py, &[], &script, self.limit * 4);
            let same = golden.stdout == reference.stdout
                && golden.code == reference.code
                && golden.timed_out == reference.timed_out
                && golden.last_error_line() == reference.last_error_line();
            if !same {
                return Err(format!(
                    "pyvgc (all modes) disagrees with python3\n{}",
                    describe("python3", &golden, "pyvgc", &reference, false)
                ));
            }
        }
        Ok(reference)
    }
}

/// The first differing stdout line, the exit statuses and the stderr of both runs.
pub fn describe(a_name: &str, a: &RunOutput, b_name: &str, b: &RunOutput, full: bool) -> String {
    let mut msg = String::new();
    let (mut a_lines, mut b_lines) = (a.stdout.lines(), b.stdout.lines());
    for line_no in 1.. {
        match (a_lines.next(), b_lines.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => {
                msg.push_str(&format!(
                    "stdout line {line_no}:\n  {a_name}: {}\n  {b_name}: {}\n",
                    x.unwrap_or("<end of output>"),
                    y.unwrap_or("<end of output>")
                ));
                break;
            }
        }
    }
    msg.push_str(&format!(
        "exit: {a_name} {:?}{}, {b_name} {:?}{}\n",
        a.code,
        if a.timed_out { " (timed out)" } else { "" },
        b.code,
        if b.timed_out { " (timed out)" } else { "" },
    ));
    let (ae, be) = if full {
        (a.stderr.as_str(), b.stderr.as_str())
    } else {
        (a.last_error_line(), b.last_error_line())
    };
    if ae != be {
        msg.push_str(&format!(
            "stderr:\n  {a_name}: {}\n  {b_name}: {}\n",
            ae.trim_end(),
            be.trim_end()
        ));
    }
    msg
}
