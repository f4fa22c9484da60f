//! The conformance runner: `tests/lua/**/*.lua` run by lua-demo against lua5.4's output, and
//! `tests/python/**/*.py` run by pyvgc against CPython 3.11's output.
//!
//! The runner is data-driven (one binary, no test functions): it discovers the programs, runs each one in a
//! child process with a timeout in three modes (`--no-jit`, `--jit-threshold 1`, default), and compares
//! stdout byte for byte, the exit code, and one part of stderr with the golden `.out`/`.err` files that
//! `--bless` generates with the reference interpreter. Lua compares the first stderr line; Python the last
//! one (the exception), or the whole stderr for a syntax error of the script. Process isolation comes from
//! re-executing this very binary with `--run-lua-demo` for Lua, and from running the pyvgc executable
//! (`METATRACE_PYVGC`, or built with cargo) for Python, so a crash or a hang is one failed case, not a dead
//! runner. `-- --lua` / `-- --python` run one suite; by default both run. `CONFORMANCE_INTERP=<path>`
//! (Lua) and `CONFORMANCE_PYTHON_INTERP=<path>` (Python) replace the interpreter under test by an external
//! one, normally the reference itself, to check that the expectations are self-consistent.
//! It deliberately does not compare whole tracebacks (they differ between implementations), does not
//! retry or time-average anything, and uses no dependency beyond the interpreters under test.

mod lua;
mod process;
mod python;
mod xfail;

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use process::{Outcome, Status, parallel_map, run_with_timeout, timeout};
use xfail::{XFAIL_FILE, XFail, read_xfails};

/// argv\[1\] that turns this binary into the interpreter under test.
const SELF_EXEC_FLAG: &str = "--run-lua-demo";
/// Arguments that the libtest convention passes with a value (`cargo test -- --test-threads 1`); the
/// runner ignores them, and must also skip their value so it is not taken as a filter.
const IGNORED_FLAGS_WITH_VALUE: &[&str] = &[
    "--test-threads",
    "--skip",
    "--color",
    "--format",
    "--logfile",
    "-Z",
];

/// One way of running a program: a name (used in reports and in expected-failures.txt) and the CLI flags.
struct Mode {
    name: &'static str,
    flags: &'static [&'static str],
}

const MODES: [Mode; 3] = [
    Mode {
        name: "no-jit",
        flags: &["--no-jit"],
    },
    Mode {
        name: "jit-threshold-1",
        flags: &["--jit-threshold", "1"],
    },
    Mode {
        name: "default",
        flags: &[],
    },
];

fn mode_names() -> Vec<&'static str> {
    MODES.iter().map(|m| m.name).collect()
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.get(1).map(String::as_str) == Some(SELF_EXEC_FLAG) {
        let code = lua_demo::cli::main(args[2..].to_vec());
        // `process::exit` flushes stdout too, but a failed flush must not turn into a panic message.
        let _ = io::stdout().flush();
        let _ = io::stderr().flush();
        std::process::exit(code);
    }
    let code = match run_runner(&args[1..]) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(message) => {
            eprintln!("conformance: {message}");
            1
        }
    };
    std::process::exit(code);
}

/// What the command line asked for.
struct Options {
    bless: bool,
    /// Rewrite expected-failures.txt from this run's results instead of checking against it.
    bless_xfail: bool,
    /// libtest's `--list` (used by `cargo test -- --list` and cargo-nextest): print the cases, run nothing.
    list: bool,
    /// libtest's `--ignored`: this suite has no ignored cases, so nothing runs.
    ignored_only: bool,
    lua: bool,
    python: bool,
    filters: Vec<String>,
}

fn parse_options(args: &[String]) -> Options {
    let mut options = Options {
        bless: false,
        bless_xfail: false,
        list: false,
        ignored_only: false,
        lua: false,
        python: false,
        filters: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--bless" => options.bless = true,
            "--bless-expected-failures" => options.bless_xfail = true,
            "--list" => options.list = true,
            "--ignored" => options.ignored_only = true,
            "--lua" => options.lua = true,
            "--python" => options.python = true,
            flag if IGNORED_FLAGS_WITH_VALUE.contains(&flag) => {
                iter.next();
            }
            // Other libtest flags (`--nocapture`, `--quiet`, ...) mean nothing to a data-driven runner.
            flag if flag.starts_with('-') => {}
            filter => options.filters.push(filter.to_string()),
        }
    }
    if !options.lua && !options.python {
        options.lua = true;
        options.python = true;
    }
    options
}

/// The two suites.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Lua,
    Python,
}

impl Lang {
    fn name(self) -> &'static str {
        match self {
            Lang::Lua => "lua",
            Lang::Python => "python",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Lang::Lua => "lua",
            Lang::Python => "py",
        }
    }

    fn root(self) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(self.name())
    }

    /// Paths below `root` that are not programs: Python helper modules and packages (`_mod.py`,
    /// `_pkg/`, `__pycache__/`) that the programs import.
    fn skips(self, name: &str) -> bool {
        self == Lang::Python && name.starts_with('_')
    }
}

/// Returns Ok(true) when everything passed, Ok(false) on test failures, Err on a setup problem.
fn run_runner(args: &[String]) -> Result<bool, String> {
    let options = parse_options(args);
    let mut selected = Vec::new();
    for lang in [Lang::Lua, Lang::Python] {
        let wanted = match lang {
            Lang::Lua => options.lua,
            Lang::Python => options.python,
        };
        if !wanted {
            continue;
        }
        let root = lang.root();
        let all_cases = discover(&root, lang)?;
        let cases: Vec<String> = all_cases
            .iter()
            .filter(|case| {
                let full = format!("{}/{case}", lang.name());
                options.filters.is_empty()
                    || options
                        .filters
                        .iter()
                        .any(|f| case.contains(f.as_str()) || full.contains(f.as_str()))
            })
            .cloned()
            .collect();
        if !cases.is_empty() {
            selected.push((lang, root, all_cases, cases));
        }
    }
    if options.list {
        for (lang, _, _, cases) in &selected {
            for case in cases {
                match lang {
                    Lang::Lua => println!("{case}: test"),
                    Lang::Python => println!("python/{case}: test"),
                }
            }
        }
        return Ok(true);
    }
    if selected.is_empty() || options.ignored_only {
        // `cargo test --workspace -- <name>` passes the filter to every test binary; a filter meant
        // for another crate's tests must not make this suite fail.
        println!("conformance: no program selected");
        println!("0 passed, 0 failed, 0 skipped");
        return Ok(true);
    }
    let mut all_ok = true;
    for (lang, root, all_cases, cases) in &selected {
        let ok = if options.bless {
            match lang {
                Lang::Lua => lua::bless(root, cases)?,
                Lang::Python => python::bless(root, cases)?,
            }
        } else {
            check_suite(*lang, root, all_cases, cases, options.bless_xfail)?
        };
        all_ok &= ok;
    }
    Ok(all_ok)
}

/// Every program below `root`, as a `/`-separated path relative to it, sorted.
fn discover(root: &Path, lang: Lang) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    if !root.is_dir() {
        return Ok(found);
    }
    walk(root, root, lang, &mut found)
        .map_err(|e| format!("cannot list {}: {e}", root.display()))?;
    found.sort();
    Ok(found)
}

fn walk(root: &Path, dir: &Path, lang: Lang, found: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if lang.skips(&name) {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, lang, found)?;
        } else if path.extension().is_some_and(|ext| ext == lang.extension()) {
            found.push(relative_name(root, &path));
        }
    }
    Ok(())
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The first line of a child's stderr (Lua's error message).
fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.lines().next().unwrap_or("").to_string()
}

/// The last non-blank line of a child's stderr (Python's exception line).
fn last_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("")
        .to_string()
}

// ---------------------------------------------------------------------------------------------------------
// Expectations.

/// Which part of stderr a run must reproduce.
enum StderrRule {
    /// Lua: the first line, after stripping the interpreter's `name: ` prefix.
    FirstLine(String),
    /// Python: the last non-blank line (empty when the program succeeds).
    LastLine(String),
    /// Python syntax errors: the whole text, with the program's absolute path replaced by its file name.
    Whole(String),
}

/// The golden result of one program: exact stdout, exit code, and the stderr part to reproduce.
struct Expected {
    stdout: Vec<u8>,
    exit: i32,
    stderr: StderrRule,
}

// ---------------------------------------------------------------------------------------------------------
// Checking.

/// The interpreter being checked.
enum Interp {
    /// lua-demo through the self-exec.
    SelfExec(PathBuf),
    /// The pyvgc executable.
    Pyvgc(PathBuf),
    /// An external interpreter (`CONFORMANCE_INTERP`, `CONFORMANCE_PYTHON_INTERP`): no mode flags.
    External(String),
}

impl Interp {
    fn command(&self, lang: Lang, root: &Path, mode: Option<&Mode>, case: &str) -> Command {
        let flags: &[&str] = mode.map(|m| m.flags).unwrap_or(&[]);
        match (self, lang) {
            (Interp::SelfExec(exe), _) => {
                let mut command = Command::new(exe);
                command
                    .arg(SELF_EXEC_FLAG)
                    .args(flags)
                    .arg(case)
                    .current_dir(root);
                command
            }
            (Interp::Pyvgc(exe), _) => python::command(exe, flags, root, case),
            (Interp::External(path), Lang::Python) => {
                python::command(Path::new(path), &[], root, case)
            }
            (Interp::External(path), Lang::Lua) => {
                let mut command = Command::new(path);
                command.arg(case).current_dir(root);
                command
            }
        }
    }

    /// The program-name prefixes to strip from the first stderr line (Lua only).
    fn prefixes(&self) -> Vec<String> {
        match self {
            Interp::SelfExec(_) => vec![lua::LUA_DEMO_PREFIX.to_string()],
            Interp::Pyvgc(_) => Vec::new(),
            Interp::External(path) => lua::external_prefixes(path),
        }
    }
}

struct Job<'a> {
    case: &'a str,
    mode: Option<&'a Mode>,
}

/// How a suite's programs are labelled in reports: Lua paths bare (as they always were), Python
/// paths under `python/`.
fn case_label(lang: Lang, case: &str) -> String {
    match lang {
        Lang::Lua => case.to_string(),
        Lang::Python => format!("python/{case}"),
    }
}

impl Job<'_> {
    fn label(&self, lang: Lang) -> String {
        let case = case_label(lang, self.case);
        match self.mode {
            Some(mode) => format!("{case} [{}]", mode.name),
            None => case,
        }
    }
}

/// Picks the interpreter of a suite; `Ok(None)` means the suite cannot run yet (pyvgc has no binary).
fn choose_interp(lang: Lang) -> Result<Option<Interp>, String> {
    let variable = match lang {
        Lang::Lua => "CONFORMANCE_INTERP",
        Lang::Python => "CONFORMANCE_PYTHON_INTERP",
    };
    if let Ok(path) = env::var(variable)
        && !path.is_empty()
    {
        return Ok(Some(Interp::External(path)));
    }
    match lang {
        Lang::Lua => {
            Ok(Some(Interp::SelfExec(env::current_exe().map_err(|e| {
                format!("cannot find the runner's own path: {e}")
            })?)))
        }
        Lang::Python => Ok(python::locate_pyvgc()?.map(Interp::Pyvgc)),
    }
}

fn check_suite(
    lang: Lang,
    root: &Path,
    all_cases: &[String],
    cases: &[String],
    bless_xfail: bool,
) -> Result<bool, String> {
    let names = mode_names();
    let (xfails, mut problems) = read_xfails(root, all_cases, &names);
    problems.extend(orphan_expectations(root, all_cases, lang));
    let interp = match choose_interp(lang) {
        Ok(Some(interp)) => interp,
        Ok(None) => {
            // Not a failure: pyvgc is being written. The goldens are still checked for presence.
            let missing: Vec<String> = cases
                .iter()
                .filter_map(|case| python::read_expected(root, case).err())
                .collect();
            println!(
                "python: pyvgc binary not built (interpreters/python has no src/main.rs or [[bin]]): {} programs skipped",
                cases.len()
            );
            for problem in problems.iter().chain(&missing) {
                println!("FAIL python: {problem}");
            }
            return Ok(problems.is_empty() && missing.is_empty());
        }
        Err(message) if lang == Lang::Python => {
            println!("FAIL python: {message}");
            println!("python: 0 passed, {} failed, 0 skipped", cases.len());
            return Ok(false);
        }
        Err(message) => return Err(message),
    };
    let external = matches!(interp, Interp::External(_));
    if bless_xfail && external {
        return Err(format!(
            "--bless-expected-failures needs the interpreter under test, not an external one ({})",
            lang.name()
        ));
    }
    let modes: Vec<Option<&Mode>> = if external {
        vec![None]
    } else {
        MODES.iter().map(Some).collect()
    };
    let jobs: Vec<Job> = cases
        .iter()
        .flat_map(|case| modes.iter().map(move |mode| Job { case, mode: *mode }))
        .collect();
    let suite = match lang {
        Lang::Lua => "conformance".to_string(),
        Lang::Python => "conformance (python)".to_string(),
    };
    match &interp {
        Interp::External(path) => println!(
            "{suite}: {} programs under {path} (no mode flags, {XFAIL_FILE} ignored)",
            cases.len()
        ),
        _ => println!("{suite}: {} programs x {} modes", cases.len(), MODES.len()),
    }

    let prefixes = interp.prefixes();
    let results = parallel_map(&jobs, |job| {
        let expected = match lang {
            Lang::Lua => lua::read_expected(root, job.case)?,
            Lang::Python => python::read_expected(root, job.case)?,
        };
        let command = interp.command(lang, root, job.mode, job.case);
        let mut outcome =
            run_with_timeout(command).map_err(|e| format!("cannot start the interpreter: {e}"))?;
        let stderr = match lang {
            Lang::Lua => String::from_utf8_lossy(&outcome.stderr).into_owned(),
            Lang::Python => {
                outcome.stdout = python::normalize_stdout(root, job.case, &outcome.stdout);
                python::normalize_stderr(root, job.case, &outcome.stderr)
            }
        };
        compare(&expected, &outcome, &stderr, &prefixes)
    });

    if bless_xfail {
        let failing: BTreeSet<(String, String)> = jobs
            .iter()
            .zip(&results)
            .filter(|(_, result)| result.is_err())
            .filter_map(|(job, _)| job.mode.map(|m| (job.case.to_string(), m.name.to_string())))
            .collect();
        print_summary(lang, cases, &jobs, &results, &modes);
        let message = xfail::regenerate(root, all_cases, cases, &names, &failing)?;
        println!("{}: {message}", lang.name());
        return Ok(true);
    }

    let mut passed = 0;
    let mut failed = problems.len();
    let mut skipped = 0;
    for problem in &problems {
        println!(
            "FAIL {}{problem}",
            if lang == Lang::Python { "python/" } else { "" }
        );
    }
    // The detail of a failure is printed once per program: the other modes usually fail the same way.
    let mut detailed: BTreeMap<&str, (String, &str)> = BTreeMap::new();
    for (job, result) in jobs.iter().zip(&results) {
        let xfail: Option<&XFail> = if external {
            None
        } else {
            xfails.iter().find(|x| {
                x.case == job.case
                    && (x.mode.is_none() || x.mode.as_deref() == job.mode.map(|m| m.name))
            })
        };
        match (result, xfail) {
            (Ok(()), None) => passed += 1,
            (Err(_), Some(_)) => skipped += 1,
            (Ok(()), Some(x)) => {
                failed += 1;
                println!(
                    "FAIL {}: now passes: remove it from {XFAIL_FILE} (line {})",
                    job.label(lang),
                    x.line_no
                );
            }
            (Err(report), None) => {
                failed += 1;
                let mode = job.mode.map_or("", |m| m.name);
                match detailed.get(job.case) {
                    Some((first, first_mode)) if first == report => {
                        println!("FAIL {}: same as [{first_mode}]", job.label(lang));
                    }
                    _ => {
                        println!("FAIL {}: {report}", job.label(lang));
                        detailed.insert(job.case, (report.clone(), mode));
                    }
                }
            }
        }
    }
    if lang == Lang::Python {
        print_summary(lang, cases, &jobs, &results, &modes);
    }
    println!("({skipped} expected failures)");
    let prefix = if lang == Lang::Python { "python: " } else { "" };
    println!("{prefix}{passed} passed, {failed} failed, {skipped} skipped");
    Ok(failed == 0)
}

/// Prints passing runs per feature folder and per mode, then the suite's totals:
/// `python/classes: 18/20 (no-jit) 18/20 (jit-threshold-1) 18/20 (default)`.
fn print_summary(
    lang: Lang,
    cases: &[String],
    jobs: &[Job],
    results: &[Result<(), String>],
    modes: &[Option<&Mode>],
) {
    let folder_of = |case: &str| case.split('/').next().unwrap_or("").to_string();
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    for case in cases {
        *totals.entry(folder_of(case)).or_default() += 1;
    }
    let mut passes: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for (job, result) in jobs.iter().zip(results) {
        if result.is_ok() {
            let column = modes
                .iter()
                .position(|m| m.map(|m| m.name) == job.mode.map(|m| m.name))
                .unwrap_or(0);
            *passes.entry((folder_of(job.case), column)).or_default() += 1;
        }
    }
    let column_name = |mode: &Option<&Mode>| mode.map_or("reference", |m| m.name);
    let mut all = vec![0; modes.len()];
    for (folder, total) in &totals {
        let mut line = format!("{}/{folder}:", lang.name());
        for (column, mode) in modes.iter().enumerate() {
            let n = passes.get(&(folder.clone(), column)).copied().unwrap_or(0);
            all[column] += n;
            let _ = write!(line, " {n}/{total} ({})", column_name(mode));
        }
        println!("{line}");
    }
    let mut line = format!("{} total:", lang.name());
    for (column, mode) in modes.iter().enumerate() {
        let _ = write!(
            line,
            " {}/{} ({})",
            all[column],
            cases.len(),
            column_name(mode)
        );
    }
    println!("{line}");
}

/// `.out`/`.err` files whose program is gone: they would silently stop meaning anything.
fn orphan_expectations(root: &Path, all_cases: &[String], lang: Lang) -> Vec<String> {
    let known: BTreeSet<&str> = all_cases.iter().map(String::as_str).collect();
    let mut files = Vec::new();
    let _ = walk_all(root, lang, &mut files);
    let mut orphans = Vec::new();
    for path in files {
        let is_expectation = path
            .extension()
            .is_some_and(|ext| ext == "out" || ext == "err");
        if !is_expectation {
            continue;
        }
        let program = relative_name(root, &path.with_extension(lang.extension()));
        if !known.contains(program.as_str()) {
            orphans.push(format!(
                "{}: no matching .{} program",
                relative_name(root, &path),
                lang.extension()
            ));
        }
    }
    orphans.sort();
    orphans
}

fn walk_all(dir: &Path, lang: Lang, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let skipped = path
            .file_name()
            .is_some_and(|n| lang.skips(&n.to_string_lossy()));
        if skipped {
            continue;
        }
        if path.is_dir() {
            walk_all(&path, lang, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Compares one run with its expectation; the error is the failure report (first line, then indented
/// detail). `stderr_text` is the run's stderr as the rule compares it.
fn compare(
    expected: &Expected,
    outcome: &Outcome,
    stderr_text: &str,
    prefixes: &[String],
) -> Result<(), String> {
    let mut reasons = Vec::new();
    match &outcome.status {
        Status::TimedOut => {
            reasons.push(format!("timeout (killed after {} s)", timeout().as_secs()))
        }
        Status::Signaled(how) => reasons.push(how.clone()),
        Status::Exited(_) => {}
    }
    if stderr_text.contains("panicked") {
        reasons.push("the interpreter panicked".to_string());
    }
    let mut detail = String::new();
    if outcome.stdout != expected.stdout {
        reasons.push("stdout differs".to_string());
        detail.push_str(&first_difference(&expected.stdout, &outcome.stdout));
    }
    if let Status::Exited(code) = outcome.status {
        if code != expected.exit {
            reasons.push(format!("exit code {code}, expected {}", expected.exit));
        }
        let (what, wanted, actual) = match &expected.stderr {
            StderrRule::FirstLine(wanted) => {
                let line = first_line(stderr_text.as_bytes());
                let stripped = prefixes
                    .iter()
                    .find_map(|p| line.strip_prefix(p.as_str()))
                    .unwrap_or(&line)
                    .to_string();
                ("first stderr line", wanted.as_str(), stripped)
            }
            StderrRule::LastLine(wanted) => (
                "last stderr line",
                wanted.as_str(),
                last_line(stderr_text.as_bytes()),
            ),
            StderrRule::Whole(wanted) => ("stderr", wanted.as_str(), stderr_text.to_string()),
        };
        if actual != wanted {
            reasons.push(format!("{what} differs"));
            let _ = writeln!(detail, "    expected {what}: {wanted:?}");
            let _ = writeln!(detail, "    actual {what}:   {actual:?}");
        }
    }
    if reasons.is_empty() {
        return Ok(());
    }
    // The head of stderr holds the error or panic message, the tail the last thing the program did;
    // a long backtrace in between is not worth the screen space.
    let lines: Vec<&str> = stderr_text.lines().collect();
    if !lines.is_empty() {
        detail.push_str("    stderr:\n");
        let (head, tail) = if lines.len() <= 8 {
            (lines.len(), 0)
        } else {
            (4, 3)
        };
        for line in &lines[..head] {
            let _ = writeln!(detail, "      | {}", clip(line));
        }
        if tail > 0 {
            let _ = writeln!(
                detail,
                "      | ... ({} lines omitted)",
                lines.len() - head - tail
            );
            for line in &lines[lines.len() - tail..] {
                let _ = writeln!(detail, "      | {}", clip(line));
            }
        }
    }
    Err(format!("{}\n{}", reasons.join("; "), detail.trim_end()))
}

/// A short report of where two outputs part ways: line number, expected line, actual line.
fn first_difference(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let e_lines: Vec<&str> = expected.split_inclusive('\n').collect();
    let a_lines: Vec<&str> = actual.split_inclusive('\n').collect();
    let index = e_lines
        .iter()
        .zip(&a_lines)
        .take_while(|(e, a)| e == a)
        .count();
    let show = |line: Option<&&str>| match line {
        Some(line) => format!("{:?}", clip(line)),
        None => "<end of output>".to_string(),
    };
    format!(
        "    at stdout line {} ({} expected lines, {} actual)\n    - expected: {}\n    + actual:   {}\n",
        index + 1,
        e_lines.len(),
        a_lines.len(),
        show(e_lines.get(index)),
        show(a_lines.get(index)),
    )
}

fn clip(line: &str) -> String {
    const MAX: usize = 200;
    if line.chars().count() <= MAX {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX).collect();
    format!("{cut}...")
}
