//! The Lua side of the conformance runner: the `.err` format and blessing with the reference lua5.4.
//!
//! Programs run with `tests/lua` as the working directory and their relative path as the chunk name,
//! so messages read `errors/uncaught_assert.lua:4: ...`. A failing program's `.err` records its exit
//! code and the first stderr line without the interpreter's `lua5.4: ` prefix. It deliberately does not
//! record whole stderr text: Lua tracebacks differ between implementations.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::process::{Status, parallel_map, run_with_timeout};
use crate::{Expected, StderrRule, first_line};

/// The program name lua-demo puts in front of its uncaught-error messages.
pub const LUA_DEMO_PREFIX: &str = "lua-demo: ";
/// The reference interpreter used by `--bless`, looked up on PATH.
pub const REFERENCE_LUA: &str = "lua5.4";

fn sibling(root: &Path, case: &str, ext: &str) -> PathBuf {
    root.join(case).with_extension(ext)
}

/// The program-name prefixes to strip from the first stderr line of an external interpreter.
pub fn external_prefixes(path: &str) -> Vec<String> {
    // lua.c prints argv[0] as given, so a full path shows up in full.
    let base = Path::new(path)
        .file_name()
        .map(|b| b.to_string_lossy().into_owned());
    let mut prefixes = vec![format!("{path}: ")];
    prefixes.extend(base.map(|b| format!("{b}: ")));
    prefixes.push(format!("{REFERENCE_LUA}: "));
    prefixes
}

/// The golden result of one program: exact stdout, exit code, first stderr line without the program name.
pub fn read_expected(root: &Path, case: &str) -> Result<Expected, String> {
    let out_path = sibling(root, case, "out");
    let stdout = fs::read(&out_path).map_err(|e| {
        format!(
            "cannot read {}: {e} (run with --bless to generate it)",
            out_path.display()
        )
    })?;
    let err_path = sibling(root, case, "err");
    if !err_path.exists() {
        return Ok(Expected {
            stdout,
            exit: 0,
            stderr: StderrRule::FirstLine(String::new()),
        });
    }
    let text = fs::read_to_string(&err_path)
        .map_err(|e| format!("cannot read {}: {e}", err_path.display()))?;
    let mut lines = text.lines();
    let exit = lines
        .next()
        .and_then(|l| l.strip_prefix("exit: "))
        .and_then(|n| n.trim().parse::<i32>().ok())
        .ok_or_else(|| format!("{}: first line must be `exit: <code>`", err_path.display()))?;
    let stderr_line = lines
        .next()
        .and_then(|l| l.strip_prefix("stderr: "))
        .ok_or_else(|| {
            format!(
                "{}: second line must be `stderr: <message>`",
                err_path.display()
            )
        })?
        .to_string();
    Ok(Expected {
        stdout,
        exit,
        stderr: StderrRule::FirstLine(stderr_line),
    })
}

fn err_file_text(exit: i32, stderr_line: &str) -> String {
    format!("exit: {exit}\nstderr: {stderr_line}\n")
}

/// Regenerates the `.out`/`.err` files of `cases` with the reference lua5.4.
pub fn bless(root: &Path, cases: &[String]) -> Result<bool, String> {
    let probe = Command::new(REFERENCE_LUA)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if probe.is_err() {
        return Err(format!(
            "--bless needs `{REFERENCE_LUA}` on PATH to generate the expected outputs (apt-get install -y lua5.4)"
        ));
    }
    let prefix = format!("{REFERENCE_LUA}: ");
    let results = parallel_map(cases, |case| -> Result<(), String> {
        let run = || {
            let mut command = Command::new(REFERENCE_LUA);
            command.arg(case.as_str()).current_dir(root);
            run_with_timeout(command).map_err(|e| format!("cannot run {REFERENCE_LUA}: {e}"))
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
            Status::Signaled(how) => return Err(format!("{REFERENCE_LUA} {how}")),
            Status::TimedOut => return Err(format!("{REFERENCE_LUA} timed out")),
        };
        let out_path = sibling(root, case, "out");
        fs::write(&out_path, &first.stdout)
            .map_err(|e| format!("cannot write {}: {e}", out_path.display()))?;
        let err_path = sibling(root, case, "err");
        if code == 0 {
            if err_path.exists() {
                fs::remove_file(&err_path)
                    .map_err(|e| format!("cannot remove {}: {e}", err_path.display()))?;
            }
        } else {
            let line = first_line(&first.stderr);
            let stripped = line.strip_prefix(prefix.as_str()).unwrap_or(&line);
            fs::write(&err_path, err_file_text(code, stripped))
                .map_err(|e| format!("cannot write {}: {e}", err_path.display()))?;
        }
        Ok(())
    });
    let mut failed = 0;
    for (case, result) in cases.iter().zip(results) {
        if let Err(message) = result {
            failed += 1;
            println!("FAIL {case}: {message}");
        }
    }
    println!(
        "blessed {} programs with {REFERENCE_LUA}, {failed} failed",
        cases.len() - failed
    );
    Ok(failed == 0)
}
