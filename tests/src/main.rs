//! The conformance runner: every `tests/lua/**/*.lua` program, run by lua-demo, against lua5.4's output.
//!
//! The runner is data-driven (one binary, no test functions): it discovers the programs, runs each one in a
//! child process with a timeout, and compares stdout byte for byte and the exit code plus the first stderr
//! line with the golden `.out`/`.err` files that `--bless` generates with the reference `lua5.4`. Process
//! isolation comes from re-executing this very binary with `--run-lua-demo`, so a crash or a hang in the
//! interpreter is one failed case, not a dead runner. `CONFORMANCE_INTERP=<path>` replaces the self-exec by
//! an external interpreter (normally `lua5.4` itself, to check that the expectations are self-consistent).
//! It deliberately does not compare whole stderr text (tracebacks differ between implementations), does not
//! retry or time-average anything, and uses no dependency beyond the interpreter under test.

use std::collections::BTreeSet;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{self, Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// argv\[1\] that turns this binary into the interpreter under test.
const SELF_EXEC_FLAG: &str = "--run-lua-demo";
/// A program still running after this many seconds is killed and reported as "timeout"; the
/// environment variable `CONFORMANCE_TIMEOUT_SECS` overrides it (slow machines, or testing the runner).
const DEFAULT_TIMEOUT_SECS: u64 = 60;
/// The machine has two cores; more workers would only make each program slower.
const WORKERS: usize = 2;
/// The list of known failures, relative to the programs' folder.
const XFAIL_FILE: &str = "expected-failures.txt";
/// The program name lua-demo puts in front of its uncaught-error messages.
const LUA_DEMO_PREFIX: &str = "lua-demo: ";
/// The reference interpreter used by `--bless`, looked up on PATH.
const REFERENCE_LUA: &str = "lua5.4";
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

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.get(1).map(String::as_str) == Some(SELF_EXEC_FLAG) {
        let code = lua_demo::cli::main(args[2..].to_vec());
        // `process::exit` flushes stdout too, but a failed flush must not turn into a panic message.
        let _ = io::stdout().flush();
        let _ = io::stderr().flush();
        process::exit(code);
    }
    let code = match run_runner(&args[1..]) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(message) => {
            eprintln!("conformance: {message}");
            1
        }
    };
    process::exit(code);
}

/// What the command line asked for.
struct Options {
    bless: bool,
    /// libtest's `--list` (used by `cargo test -- --list` and cargo-nextest): print the cases, run nothing.
    list: bool,
    /// libtest's `--ignored`: this suite has no ignored cases, so nothing runs.
    ignored_only: bool,
    filters: Vec<String>,
}

fn parse_options(args: &[String]) -> Options {
    let mut options = Options {
        bless: false,
        list: false,
        ignored_only: false,
        filters: Vec::new(),
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--bless" {
            options.bless = true;
        } else if arg == "--list" {
            options.list = true;
        } else if arg == "--ignored" {
            options.ignored_only = true;
        } else if IGNORED_FLAGS_WITH_VALUE.contains(&arg.as_str()) {
            iter.next();
        } else if arg.starts_with('-') {
            // Other libtest flags (`--nocapture`, `--quiet`, ...) mean nothing to a data-driven runner.
        } else {
            options.filters.push(arg.clone());
        }
    }
    options
}

/// Returns Ok(true) when everything passed, Ok(false) on test failures, Err on a setup problem.
fn run_runner(args: &[String]) -> Result<bool, String> {
    let options = parse_options(args);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lua");
    let all_cases = discover(&root)?;
    let cases: Vec<String> = all_cases
        .iter()
        .filter(|case| {
            options.filters.is_empty() || options.filters.iter().any(|f| case.contains(f.as_str()))
        })
        .cloned()
        .collect();
    if options.list {
        for case in &cases {
            println!("{case}: test");
        }
        return Ok(true);
    }
    if cases.is_empty() || options.ignored_only {
        // `cargo test --workspace -- <name>` passes the filter to every test binary; a filter meant
        // for another crate's tests must not make this suite fail.
        println!("conformance: no program selected");
        println!("0 passed, 0 failed, 0 skipped");
        return Ok(true);
    }
    if options.bless {
        return bless(&root, &cases);
    }
    check_all(&root, &all_cases, &cases)
}

/// Every `.lua` file below `root`, as a `/`-separated path relative to it, sorted.
fn discover(root: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    walk(root, root, &mut found).map_err(|e| format!("cannot list {}: {e}", root.display()))?;
    found.sort();
    Ok(found)
}

fn walk(root: &Path, dir: &Path, found: &mut Vec<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, found)?;
        } else if path.extension().is_some_and(|ext| ext == "lua") {
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

fn sibling(root: &Path, case: &str, ext: &str) -> PathBuf {
    root.join(case).with_extension(ext)
}

// ---------------------------------------------------------------------------------------------------------
// Running a child process.

/// How a child process ended.
enum Status {
    Exited(i32),
    Signaled(String),
    TimedOut,
}

struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Status,
}

/// Runs `command` with null stdin and piped stdout/stderr, killing it after [`timeout`].
fn run_with_timeout(mut command: Command) -> io::Result<Outcome> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn()?;
    // Both pipes are drained on their own threads: a child that fills one pipe while we wait on the
    // other would otherwise deadlock with us.
    let stdout_reader = spawn_reader(child.stdout.take());
    let stderr_reader = spawn_reader(child.stderr.take());
    let status = wait_with_deadline(&mut child)?;
    let stdout = stdout_reader.join().unwrap_or_default();
    let stderr = stderr_reader.join().unwrap_or_default();
    Ok(Outcome {
        stdout,
        stderr,
        status,
    })
}

fn spawn_reader<R: Read + Send + 'static>(pipe: Option<R>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

fn wait_with_deadline(child: &mut Child) -> io::Result<Status> {
    let deadline = Instant::now() + timeout();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(classify(status));
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Status::TimedOut);
        }
        thread::sleep(Duration::from_millis(5));
    }
}

fn timeout() -> Duration {
    let secs = env::var("CONFORMANCE_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok());
    Duration::from_secs(secs.unwrap_or(DEFAULT_TIMEOUT_SECS))
}

fn classify(status: ExitStatus) -> Status {
    if let Some(code) = status.code() {
        return Status::Exited(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Status::Signaled(format!("killed by signal {signal}"));
        }
    }
    Status::Signaled(format!("ended abnormally ({status})"))
}

fn first_line(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.lines().next().unwrap_or("").to_string()
}

// ---------------------------------------------------------------------------------------------------------
// Expectations.

/// The golden result of one program: exact stdout, exit code, first stderr line without the program name.
struct Expected {
    stdout: Vec<u8>,
    exit: i32,
    stderr_line: String,
}

fn read_expected(root: &Path, case: &str) -> Result<Expected, String> {
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
            stderr_line: String::new(),
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
        stderr_line,
    })
}

fn err_file_text(exit: i32, stderr_line: &str) -> String {
    format!("exit: {exit}\nstderr: {stderr_line}\n")
}

/// One line of expected-failures.txt: which case, which mode (`None` = all modes), and why.
struct XFail {
    case: String,
    mode: Option<String>,
    line_no: usize,
}

fn read_xfails(root: &Path, all_cases: &[String]) -> (Vec<XFail>, Vec<String>) {
    let path = root.join(XFAIL_FILE);
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let Ok(text) = fs::read_to_string(&path) else {
        return (entries, problems);
    };
    let known: BTreeSet<&str> = all_cases.iter().map(String::as_str).collect();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (spec, reason) = match line.split_once('#') {
            Some((spec, reason)) => (spec.trim(), reason.trim()),
            None => (line, ""),
        };
        let fields: Vec<&str> = spec.split_whitespace().collect();
        let complaint = if fields.len() != 2 {
            Some("expected `<path> <mode|all> # reason`".to_string())
        } else if reason.is_empty() {
            Some("every expected failure needs a `# reason`".to_string())
        } else if !known.contains(fields[0]) {
            Some(format!("no program {}", fields[0]))
        } else if fields[1] != "all" && !MODES.iter().any(|m| m.name == fields[1]) {
            Some(format!(
                "unknown mode {} (use all, no-jit, jit-threshold-1 or default)",
                fields[1]
            ))
        } else {
            None
        };
        match complaint {
            Some(complaint) => problems.push(format!("{XFAIL_FILE}:{line_no}: {complaint}")),
            None => entries.push(XFail {
                case: fields[0].to_string(),
                mode: (fields[1] != "all").then(|| fields[1].to_string()),
                line_no,
            }),
        }
    }
    (entries, problems)
}

// ---------------------------------------------------------------------------------------------------------
// Checking.

/// The interpreter being checked: lua-demo through the self-exec, or an external binary.
enum Interp {
    SelfExec(PathBuf),
    External(String),
}

impl Interp {
    fn command(&self, root: &Path, mode: Option<&Mode>, case: &str) -> Command {
        let mut command = match self {
            Interp::SelfExec(exe) => {
                let mut command = Command::new(exe);
                command.arg(SELF_EXEC_FLAG);
                if let Some(mode) = mode {
                    command.args(mode.flags);
                }
                command
            }
            Interp::External(path) => Command::new(path),
        };
        command.arg(case).current_dir(root);
        command
    }

    /// The program-name prefixes to strip from the first stderr line.
    fn prefixes(&self) -> Vec<String> {
        match self {
            Interp::SelfExec(_) => vec![LUA_DEMO_PREFIX.to_string()],
            Interp::External(path) => {
                // lua.c prints argv[0] as given, so a full path shows up in full.
                let base = Path::new(path)
                    .file_name()
                    .map(|b| b.to_string_lossy().into_owned());
                let mut prefixes = vec![format!("{path}: ")];
                prefixes.extend(base.map(|b| format!("{b}: ")));
                prefixes.push(format!("{REFERENCE_LUA}: "));
                prefixes
            }
        }
    }
}

struct Job<'a> {
    case: &'a str,
    mode: Option<&'a Mode>,
}

impl Job<'_> {
    fn label(&self) -> String {
        match self.mode {
            Some(mode) => format!("{} [{}]", self.case, mode.name),
            None => self.case.to_string(),
        }
    }
}

fn check_all(root: &Path, all_cases: &[String], cases: &[String]) -> Result<bool, String> {
    let interp = match env::var("CONFORMANCE_INTERP") {
        Ok(path) if !path.is_empty() => Interp::External(path),
        _ => Interp::SelfExec(
            env::current_exe().map_err(|e| format!("cannot find the runner's own path: {e}"))?,
        ),
    };
    let external = matches!(interp, Interp::External(_));
    let (xfails, mut problems) = read_xfails(root, all_cases);
    problems.extend(orphan_expectations(root, all_cases));

    let jobs: Vec<Job> = cases
        .iter()
        .flat_map(|case| {
            let modes: Vec<Option<&Mode>> = if external {
                vec![None]
            } else {
                MODES.iter().map(Some).collect()
            };
            modes.into_iter().map(move |mode| Job { case, mode })
        })
        .collect();
    match &interp {
        Interp::SelfExec(_) => println!(
            "conformance: {} programs x {} modes",
            cases.len(),
            MODES.len()
        ),
        Interp::External(path) => println!(
            "conformance: {} programs under CONFORMANCE_INTERP={path} (no mode flags, {XFAIL_FILE} ignored)",
            cases.len()
        ),
    }

    let prefixes = interp.prefixes();
    let results = parallel_map(&jobs, |job| {
        let expected = read_expected(root, job.case)?;
        let command = interp.command(root, job.mode, job.case);
        let outcome =
            run_with_timeout(command).map_err(|e| format!("cannot start the interpreter: {e}"))?;
        compare(&expected, &outcome, &prefixes)
    });

    let mut passed = 0;
    let mut failed = problems.len();
    let mut skipped = 0;
    for problem in &problems {
        println!("FAIL {problem}");
    }
    for (job, result) in jobs.iter().zip(results) {
        let xfail = if external {
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
                    job.label(),
                    x.line_no
                );
            }
            (Err(report), None) => {
                failed += 1;
                println!("FAIL {}: {report}", job.label());
            }
        }
    }
    println!("({skipped} expected failures)");
    println!("{passed} passed, {failed} failed, {skipped} skipped");
    Ok(failed == 0)
}

/// `.out`/`.err` files whose program is gone: they would silently stop meaning anything.
fn orphan_expectations(root: &Path, all_cases: &[String]) -> Vec<String> {
    let known: BTreeSet<&str> = all_cases.iter().map(String::as_str).collect();
    let mut files = Vec::new();
    let _ = walk_all(root, &mut files);
    let mut orphans = Vec::new();
    for path in files {
        let is_expectation = path
            .extension()
            .is_some_and(|ext| ext == "out" || ext == "err");
        if !is_expectation {
            continue;
        }
        let program = relative_name(root, &path.with_extension("lua"));
        if !known.contains(program.as_str()) {
            orphans.push(format!(
                "{}: no matching .lua program",
                relative_name(root, &path)
            ));
        }
    }
    orphans.sort();
    orphans
}

fn walk_all(dir: &Path, files: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk_all(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// Compares one run with its expectation; the error is the failure report (first line, then indented detail).
fn compare(expected: &Expected, outcome: &Outcome, prefixes: &[String]) -> Result<(), String> {
    let stderr_text = String::from_utf8_lossy(&outcome.stderr);
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
        let line = first_line(&outcome.stderr);
        let stripped = prefixes
            .iter()
            .find_map(|p| line.strip_prefix(p.as_str()))
            .unwrap_or(&line);
        if stripped != expected.stderr_line {
            reasons.push("first stderr line differs".to_string());
            let _ = writeln!(detail, "    expected stderr: {:?}", expected.stderr_line);
            let _ = writeln!(detail, "    actual stderr:   {:?}", stripped);
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

/// Applies `work` to every item on [`WORKERS`] threads; results come back in the items' order.
fn parallel_map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = work(item);
                    if let Ok(mut slots) = results.lock() {
                        slots[index] = Some(result);
                    }
                }
            });
        }
    });
    let slots = results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Every index below items.len() was taken by exactly one worker, which stored its result.
    slots.into_iter().flatten().collect()
}

// ---------------------------------------------------------------------------------------------------------
// Blessing.

/// Regenerates the `.out`/`.err` files of `cases` with the reference lua5.4.
fn bless(root: &Path, cases: &[String]) -> Result<bool, String> {
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
