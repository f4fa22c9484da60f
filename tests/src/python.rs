//! The Python side of the conformance runner: finding pyvgc, the `.err` format, and blessing with CPython.
//!
//! Every program runs with its own folder as the working directory and its file name as the script
//! argument, so sibling imports and relative file names work and tracebacks name `case.py`. pyvgc is
//! taken from `METATRACE_PYVGC`, or built with the cargo that runs the tests when the pyvgc crate has
//! a binary target; when it has none yet, the Python suite is skipped with a clear message rather than
//! failed. Goldens come from `python3` (CPython 3.11) with `PYTHONHASHSEED=0`. It deliberately does
//! not compare whole tracebacks (frames differ in detail between implementations) except for syntax
//! errors, whose whole stderr is part of the language's observable behaviour.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::process::{Status, parallel_map, run_with_timeout};
use crate::{Expected, StderrRule, last_line};

/// The reference interpreter used by `--bless`, looked up on PATH.
pub const REFERENCE_PYTHON: &str = "python3";
/// The header of a traceback; a syntax error of the main script is printed without one.
const TRACEBACK_HEADER: &str = "Traceback (most recent call last):";
/// Errors raised while compiling the script, whose whole stderr is compared.
const COMPILE_ERRORS: &[&str] = &["SyntaxError:", "IndentationError:", "TabError:"];

/// The pyvgc crate, relative to this crate's folder.
fn pyvgc_crate() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../interpreters/python")
}

/// Whether the pyvgc crate declares a binary (a `src/main.rs` or a `[[bin]]` section).
fn pyvgc_has_binary() -> bool {
    let dir = pyvgc_crate();
    let declared = fs::read_to_string(dir.join("Cargo.toml"))
        .map(|toml| toml.contains("[[bin]]"))
        .unwrap_or(false);
    declared || dir.join("src/main.rs").is_file()
}

/// The pyvgc executable to test: `Ok(None)` when the crate has no binary target yet (the suite is
/// then skipped), an error when `METATRACE_PYVGC` names nothing or the build fails.
pub fn locate_pyvgc() -> Result<Option<PathBuf>, String> {
    if let Ok(path) = env::var("METATRACE_PYVGC")
        && !path.is_empty()
    {
        let path = PathBuf::from(path);
        // Programs run in their own folders, so a relative path must be made absolute first.
        return if path.is_file() {
            Ok(Some(path.canonicalize().unwrap_or(path)))
        } else {
            Err(format!("METATRACE_PYVGC={} is not a file", path.display()))
        };
    }
    if !pyvgc_has_binary() {
        return Ok(None);
    }
    build_pyvgc().map(Some)
}

/// Builds pyvgc with the cargo running the tests (same target directory and profile as this
/// runner) and returns the executable cargo reports.
fn build_pyvgc() -> Result<PathBuf, String> {
    let cargo = env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut command = Command::new(&cargo);
    command
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .args(["build", "-p", "pyvgc", "--bin", "pyvgc"])
        .arg("--message-format=json-render-diagnostics")
        .stdin(Stdio::null());
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    println!("conformance: building pyvgc (cargo build -p pyvgc)");
    let output = command
        .output()
        .map_err(|e| format!("cannot run {cargo}: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        let tail = lines[lines.len().saturating_sub(30)..].join("\n");
        return Err(format!("cargo build -p pyvgc failed:\n{tail}"));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .filter(|line| line.contains("\"reason\":\"compiler-artifact\""))
        .filter_map(json_executable)
        .find(|path| path.file_stem().is_some_and(|stem| stem == "pyvgc"))
        .ok_or_else(|| "cargo build -p pyvgc reported no pyvgc executable".to_string())
}

/// The `"executable"` string of one line of cargo's JSON messages, if it has a non-null one.
fn json_executable(line: &str) -> Option<PathBuf> {
    let key = "\"executable\":\"";
    let start = line.find(key)? + key.len();
    let mut value = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(PathBuf::from(value)),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

/// The folder a program runs in and the file name it is given.
fn location(root: &Path, case: &str) -> (PathBuf, String) {
    let path = root.join(case);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// The command running `case` with `interpreter` and `flags`, in the program's folder.
pub fn command(interpreter: &Path, flags: &[&str], root: &Path, case: &str) -> Command {
    let (dir, name) = location(root, case);
    let mut command = Command::new(interpreter);
    command
        .args(flags)
        .arg(&name)
        .current_dir(dir)
        .env("PYTHONHASHSEED", "0")
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONPATH")
        .env_remove("PYTHONSTARTUP");
    command
}

/// Stderr with the program's absolute path replaced by the file name it was run as, so a whole
/// stderr compares equal whichever form an implementation prints.
pub fn normalize_stderr(root: &Path, case: &str, stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr).into_owned();
    let (dir, name) = location(root, case);
    let absolute = dir.join(&name);
    let mut text = text.replace(&absolute.to_string_lossy().into_owned(), &name);
    if let Ok(canonical) = absolute.canonicalize() {
        text = text.replace(&canonical.to_string_lossy().into_owned(), &name);
    }
    strip_folder(&dir, text)
}

/// Stdout with the program's folder removed from absolute paths (a module's `__file__` shows up in
/// messages such as ImportError's), so goldens do not depend on where the checkout lives.
pub fn normalize_stdout(root: &Path, case: &str, stdout: &[u8]) -> Vec<u8> {
    let (dir, _) = location(root, case);
    strip_folder(&dir, String::from_utf8_lossy(stdout).into_owned()).into_bytes()
}

/// `text` with `<dir>/` (as given and canonical) removed.
fn strip_folder(dir: &Path, mut text: String) -> String {
    let mut forms = vec![dir.to_path_buf()];
    if let Ok(canonical) = dir.canonicalize() {
        forms.push(canonical);
    }
    for form in forms {
        let prefix = format!("{}/", form.to_string_lossy());
        if prefix.len() > 1 {
            text = text.replace(&prefix, "");
        }
    }
    text
}

/// Reads `<case>.out` and the optional `<case>.err`:
/// `exit: <code>` then either `stderr-last: <line>` or `stderr-whole:` followed by the whole text.
pub fn read_expected(root: &Path, case: &str) -> Result<Expected, String> {
    let out_path = root.join(case).with_extension("out");
    let stdout = fs::read(&out_path).map_err(|e| {
        format!(
            "cannot read {}: {e} (run `cargo xtask bless-conformance --python-only` to generate it)",
            out_path.display()
        )
    })?;
    let err_path = root.join(case).with_extension("err");
    if !err_path.exists() {
        return Ok(Expected {
            stdout,
            exit: 0,
            stderr: StderrRule::LastLine(String::new()),
        });
    }
    let text = fs::read_to_string(&err_path)
        .map_err(|e| format!("cannot read {}: {e}", err_path.display()))?;
    let bad = |what: &str| format!("{}: {what}", err_path.display());
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let exit = first
        .strip_prefix("exit: ")
        .and_then(|n| n.trim().parse::<i32>().ok())
        .ok_or_else(|| bad("first line must be `exit: <code>`"))?;
    let stderr = if let Some(whole) = rest.strip_prefix("stderr-whole:\n") {
        StderrRule::Whole(whole.to_string())
    } else if let Some(line) = rest.strip_prefix("stderr-last: ") {
        StderrRule::LastLine(line.trim_end_matches('\n').to_string())
    } else {
        return Err(bad(
            "second line must be `stderr-last: <line>` or `stderr-whole:`",
        ));
    };
    Ok(Expected {
        stdout,
        exit,
        stderr,
    })
}

/// Whether stderr is a compile-time error of the script itself (no traceback, a SyntaxError-family
/// last line): those are compared whole.
fn is_compile_error(stderr: &str) -> bool {
    !stderr.contains(TRACEBACK_HEADER)
        && COMPILE_ERRORS
            .iter()
            .any(|prefix| last_line(stderr.as_bytes()).starts_with(prefix))
}

fn err_file_text(exit: i32, stderr: &str) -> String {
    if is_compile_error(stderr) {
        format!("exit: {exit}\nstderr-whole:\n{stderr}")
    } else {
        format!(
            "exit: {exit}\nstderr-last: {}\n",
            last_line(stderr.as_bytes())
        )
    }
}

/// Regenerates the `.out`/`.err` files of `cases` with the reference python3.
pub fn bless(root: &Path, cases: &[String]) -> Result<bool, String> {
    let probe = Command::new(REFERENCE_PYTHON)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if probe.is_err() {
        return Err(format!(
            "--bless needs `{REFERENCE_PYTHON}` (CPython 3.11) on PATH to generate the expected outputs"
        ));
    }
    let reference = Path::new(REFERENCE_PYTHON);
    let results = parallel_map(cases, |case| -> Result<(), String> {
        let run = || {
            run_with_timeout(command(reference, &[], root, case))
                .map_err(|e| format!("cannot run {REFERENCE_PYTHON}: {e}"))
        };
        let first = run()?;
        // A second run catches output that depends on addresses, time or hash order.
        let second = run()?;
        if first.stdout != second.stdout || first.stderr != second.stderr {
            return Err(
                "output differs between two runs: the program is not deterministic".to_string(),
            );
        }
        let code = match first.status {
            Status::Exited(code) => code,
            Status::Signaled(how) => return Err(format!("{REFERENCE_PYTHON} {how}")),
            Status::TimedOut => return Err(format!("{REFERENCE_PYTHON} timed out")),
        };
        let out_path = root.join(case).with_extension("out");
        fs::write(&out_path, normalize_stdout(root, case, &first.stdout))
            .map_err(|e| format!("cannot write {}: {e}", out_path.display()))?;
        let err_path = root.join(case).with_extension("err");
        let stderr = normalize_stderr(root, case, &first.stderr);
        if code == 0 && stderr.trim().is_empty() {
            if err_path.exists() {
                fs::remove_file(&err_path)
                    .map_err(|e| format!("cannot remove {}: {e}", err_path.display()))?;
            }
        } else {
            fs::write(&err_path, err_file_text(code, &stderr))
                .map_err(|e| format!("cannot write {}: {e}", err_path.display()))?;
        }
        Ok(())
    });
    let mut failed = 0;
    for (case, result) in cases.iter().zip(results) {
        if let Err(message) = result {
            failed += 1;
            println!("FAIL python/{case}: {message}");
        }
    }
    println!(
        "blessed {} Python programs with {REFERENCE_PYTHON}, {failed} failed",
        cases.len() - failed
    );
    Ok(failed == 0)
}
