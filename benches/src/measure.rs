//! One timed child process: wall time, CPU time, peak RSS, stdout and stderr.
//!
//! The child's stdout and stderr go to temporary files rather than pipes, so
//! no reader thread competes with it for the two cores. Wall time stops when
//! `waitid(WNOWAIT)` sees the child exit; `wait4` then reaps it and returns
//! that child's own rusage (user + sys time, `ru_maxrss`), which the
//! RUSAGE_CHILDREN totals cannot give per run. A watchdog thread kills the
//! child on timeout; it can only do so before the child is reaped, so it never
//! signals a recycled pid. Nothing here retries or discards slow runs.
//!
//! Peak RSS is the child's own VmHWM, sampled by the watchdog (every 1 ms
//! for the first 100 ms, then every 10 ms) until the child exits; a peak
//! reached only in the last interval before exit can be missed. `ru_maxrss` is only the fallback for a child that
//! exits before the first sample: Linux folds the parent's high-water mark
//! into the child's at exec, so `ru_maxrss` can never be smaller than the
//! runner's own resident size, which would inflate small runtimes like Lua.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Exited(i32),
    Signaled(i32),
    TimedOut,
    SpawnFailed(String),
}

impl Outcome {
    pub fn ok(&self) -> bool {
        *self == Outcome::Exited(0)
    }

    pub fn describe(&self) -> String {
        match self {
            Outcome::Exited(c) => format!("exit status {c}"),
            Outcome::Signaled(s) => format!("killed by signal {s}"),
            Outcome::TimedOut => "timed out".to_string(),
            Outcome::SpawnFailed(e) => format!("could not start: {e}"),
        }
    }
}

/// Measurements of one run. Times are in seconds, RSS in KiB.
#[derive(Clone, Debug)]
pub struct Sample {
    pub outcome: Outcome,
    pub wall: f64,
    pub cpu: f64,
    pub max_rss_kib: u64,
    pub stdout: String,
    pub stderr: String,
}

/// How often the watchdog samples the child's peak RSS: often at first, so
/// that a run of a few milliseconds is still seen after its libraries load,
/// then less often to leave the cores to the benchmark.
fn poll_interval(since_start: Duration) -> Duration {
    if since_start < Duration::from_millis(100) {
        Duration::from_millis(1)
    } else {
        Duration::from_millis(10)
    }
}

/// The high-water mark of `pid`'s resident set (VmHWM), if it can be read.
fn vm_hwm_kib(pid: libc::pid_t) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

static NEXT_FILE: AtomicU64 = AtomicU64::new(0);

fn temp_path(tag: &str) -> PathBuf {
    let n = NEXT_FILE.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("metatrace-bench-{}-{n}.{tag}", std::process::id()))
}

fn read_and_remove(path: &Path) -> String {
    let mut s = String::new();
    if let Ok(mut f) = File::open(path) {
        let mut bytes = Vec::new();
        let _ = f.read_to_end(&mut bytes);
        s = String::from_utf8_lossy(&bytes).into_owned();
    }
    let _ = std::fs::remove_file(path);
    s
}

fn failed(e: String) -> Sample {
    Sample {
        outcome: Outcome::SpawnFailed(e),
        wall: 0.0,
        cpu: 0.0,
        max_rss_kib: 0,
        stdout: String::new(),
        stderr: String::new(),
    }
}

fn timeval_secs(tv: libc::timeval) -> f64 {
    tv.tv_sec as f64 + tv.tv_usec as f64 * 1e-6
}

/// Runs `program args...` with stdin closed and measures it.
pub fn run(program: &Path, args: &[String], timeout: Duration) -> Sample {
    let out_path = temp_path("out");
    let err_path = temp_path("err");
    let (out_file, err_file) = match (File::create(&out_path), File::create(&err_path)) {
        (Ok(o), Ok(e)) => (o, e),
        (Err(e), _) | (_, Err(e)) => {
            let _ = std::fs::remove_file(&out_path);
            let _ = std::fs::remove_file(&err_path);
            return failed(format!("temporary file: {e}"));
        }
    };
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(out_file)
        .stderr(err_file)
        .spawn();
    let child = match child {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&out_path);
            let _ = std::fs::remove_file(&err_path);
            return failed(e.to_string());
        }
    };
    let pid = child.id() as libc::pid_t;

    // `reaped` is set, under the lock, just before the child is reaped; the
    // watchdog only kills while it holds the lock and sees it unset.
    let state = Arc::new((Mutex::new((false, false)), Condvar::new()));
    let watchdog = {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let (lock, cvar) = &*state;
            let deadline = Instant::now() + timeout;
            let mut peak = 0u64;
            let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
            while !guard.0 {
                // The child is not reaped while we hold the lock, so its
                // /proc entry (and pid) are still its own.
                peak = peak.max(vm_hwm_kib(pid).unwrap_or(0));
                let now = Instant::now();
                if now >= deadline {
                    // SAFETY: kill(2) with a pid we spawned and have not
                    // reaped (the lock is held, so it cannot be reaped now).
                    unsafe {
                        libc::kill(pid, libc::SIGKILL);
                    }
                    guard.1 = true;
                    break;
                }
                let wait = (deadline - now).min(poll_interval(now - start));
                guard = cvar
                    .wait_timeout(guard, wait)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            peak
        })
    };

    loop {
        // SAFETY: an all-zero siginfo_t is a valid out-parameter for waitid.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: waitid on our own child with a valid siginfo pointer;
        // WNOWAIT leaves it a zombie so the pid stays ours.
        let rc = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            break;
        }
    }
    let wall = start.elapsed().as_secs_f64();
    let timed_out = {
        let (lock, cvar) = &*state;
        let mut guard = lock.lock().unwrap_or_else(|e| e.into_inner());
        guard.0 = true;
        cvar.notify_all();
        guard.1
    };
    let polled_peak = watchdog.join().unwrap_or(0);

    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid out-parameter.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = loop {
        // SAFETY: reaping our own child with valid out-pointers.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if rc >= 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            break rc;
        }
    };
    // `child` was reaped by wait4 above; dropping it neither waits nor kills.
    drop(child);
    let stdout = read_and_remove(&out_path);
    let stderr = read_and_remove(&err_path);
    if rc < 0 {
        let mut s = failed(format!("wait4: {}", std::io::Error::last_os_error()));
        s.stdout = stdout;
        s.stderr = stderr;
        return s;
    }
    let outcome = if timed_out {
        Outcome::TimedOut
    } else if libc::WIFEXITED(status) {
        Outcome::Exited(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        Outcome::Signaled(libc::WTERMSIG(status))
    } else {
        Outcome::SpawnFailed(format!("unexpected wait status {status}"))
    };
    Sample {
        outcome,
        wall,
        cpu: timeval_secs(usage.ru_utime) + timeval_secs(usage.ru_stime),
        max_rss_kib: if polled_peak > 0 {
            polled_peak
        } else {
            // Linux reports ru_maxrss in KiB.
            usage.ru_maxrss.max(0) as u64
        },
        stdout,
        stderr,
    }
}

/// Runs a short probe command (like `lua5.4 -v`) and returns its combined
/// output, or `None` if it could not start or failed.
pub fn probe(program: &Path, args: &[&str]) -> Option<String> {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    let s = run(program, &args, Duration::from_secs(30));
    if !s.outcome.ok() {
        return None;
    }
    let text = format!("{}\n{}", s.stdout.trim(), s.stderr.trim());
    Some(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str, timeout: Duration) -> Sample {
        run(
            Path::new("/bin/sh"),
            &["-c".to_string(), script.to_string()],
            timeout,
        )
    }

    #[test]
    fn captures_stdout_stderr_and_exit_status() {
        let s = sh("echo out; echo err >&2; exit 3", Duration::from_secs(10));
        assert_eq!(s.outcome, Outcome::Exited(3));
        assert_eq!(s.stdout, "out\n");
        assert_eq!(s.stderr, "err\n");
    }

    #[test]
    fn timeout_kills_and_is_reported() {
        let s = sh("sleep 5", Duration::from_millis(200));
        assert_eq!(s.outcome, Outcome::TimedOut);
        assert!(s.wall < 4.0, "wall {}", s.wall);
    }

    #[test]
    fn cpu_time_counts_only_the_child_that_burned_it() {
        let busy = sh(
            "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done",
            Duration::from_secs(60),
        );
        let idle = sh("sleep 0.2", Duration::from_secs(10));
        assert!(busy.outcome.ok() && idle.outcome.ok());
        assert!(busy.cpu > 0.05, "busy cpu {}", busy.cpu);
        assert!(idle.cpu < busy.cpu, "idle {} busy {}", idle.cpu, busy.cpu);
        assert!(idle.wall >= 0.2);
    }

    #[test]
    fn peak_rss_is_the_childs_own_not_the_runners() {
        // The sleep outlives several samples; a shell is far smaller than
        // this test process, whose size ru_maxrss would have reported.
        let small = sh("sleep 0.3", Duration::from_secs(10));
        // python3 may be absent; the shell builds a 40 MB string instead.
        let big = sh(
            "x=$(head -c 40000000 /dev/zero | tr '\\0' a); echo ${#x}; sleep 0.1",
            Duration::from_secs(60),
        );
        assert!(small.outcome.ok() && big.outcome.ok(), "{:?}", big.outcome);
        assert!(small.max_rss_kib < 15_000, "small {}", small.max_rss_kib);
        assert!(big.max_rss_kib > 40_000, "big {}", big.max_rss_kib);
    }

    #[test]
    fn missing_program_is_a_spawn_failure() {
        let s = run(
            Path::new("/nonexistent/metatrace-runtime"),
            &[],
            Duration::from_secs(1),
        );
        assert!(matches!(s.outcome, Outcome::SpawnFailed(_)));
        assert!(probe(Path::new("/nonexistent/metatrace-runtime"), &["--version"]).is_none());
    }
}
