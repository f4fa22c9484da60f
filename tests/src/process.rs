//! Child processes for the conformance runner: run one with a timeout, and spread work over two threads.
//!
//! Both pipes of a child are drained on their own threads while the runner polls for its exit, so a child
//! that fills one pipe cannot deadlock the runner, and a child still running at the deadline is killed.
//! It deliberately does not retry, measure time, or limit memory: a program that needs those is a bug.

use std::env;
use std::io::{self, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

/// A program still running after this many seconds is killed and reported as "timeout"; the
/// environment variable `CONFORMANCE_TIMEOUT_SECS` overrides it (slow machines, or testing the runner).
const DEFAULT_TIMEOUT_SECS: u64 = 60;
/// The machine has two cores; more workers would only make each program slower.
const WORKERS: usize = 2;

/// How a child process ended.
pub enum Status {
    Exited(i32),
    Signaled(String),
    TimedOut,
}

pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub status: Status,
}

/// Runs `command` with null stdin and piped stdout/stderr, killing it after [`timeout`].
pub fn run_with_timeout(mut command: Command) -> io::Result<Outcome> {
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

pub fn timeout() -> Duration {
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

/// Applies `work` to every item on [`WORKERS`] threads; results come back in the items' order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
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
