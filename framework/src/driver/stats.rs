//! Observability: the `--stats` summary, `METATRACE_LOG` categories and the perf map.
//!
//! `METATRACE_LOG` is a comma-separated list of categories: `trace` (recorded traces), `opt`
//! (optimised traces and per-pass op counts), `asm` (machine code), `abort` (abort reasons),
//! `bridge` (bridges compiled), `gc` (collections, for the collector), or `all`.
//! `METATRACE_PERF_MAP=1` writes `/tmp/perf-<pid>.map` so `perf report` names compiled traces.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::time::Duration;

use crate::recorder::AbortReason;

/// Which log categories are on.
#[derive(Clone, Debug, Default)]
pub struct Log {
    pub trace: bool,
    pub opt: bool,
    pub asm: bool,
    pub abort: bool,
    pub bridge: bool,
    pub gc: bool,
    perf_map: Option<std::path::PathBuf>,
}

impl Log {
    /// Reads `METATRACE_LOG` and `METATRACE_PERF_MAP`.
    pub fn from_env() -> Log {
        let mut log = Log::parse(&std::env::var("METATRACE_LOG").unwrap_or_default());
        if std::env::var("METATRACE_PERF_MAP").is_ok_and(|v| v == "1") {
            log.perf_map = Some(format!("/tmp/perf-{}.map", std::process::id()).into());
        }
        log
    }

    /// Parses a category list like `trace,opt`.
    pub fn parse(spec: &str) -> Log {
        let mut log = Log::default();
        for cat in spec.split(',').map(str::trim) {
            let all = cat == "all";
            log.trace |= all || cat == "trace";
            log.opt |= all || cat == "opt" || cat.starts_with("opt.");
            log.asm |= all || cat == "asm";
            log.abort |= all || cat == "abort";
            log.bridge |= all || cat == "bridge";
            log.gc |= all || cat == "gc";
        }
        log
    }

    /// Appends a line for compiled code to the perf map, if enabled.
    pub fn perf_map(&self, addr: usize, size: usize, name: &str) {
        let Some(path) = &self.perf_map else { return };
        if addr == 0 {
            return;
        }
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(f, "{addr:x} {size:x} metatrace::{name}");
        }
    }
}

/// The calling thread's CPU time so far (only differences are meaningful). Falls back to
/// zero where the platform has no per-thread clock, so the CPU columns then read 0.
pub(crate) fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: `ts` is a valid, writable timespec; the call only writes it.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        if rc == 0 {
            return Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32);
        }
    }
    Duration::ZERO
}

/// One compiled trace's numbers.
#[derive(Clone, Debug)]
pub struct CompileRecord {
    pub name: String,
    pub ops_before: usize,
    pub ops_after: usize,
    pub compile_time: Duration,
    /// The compiling thread's CPU time for the same span (`thread_cpu_time`): unlike the wall
    /// time it does not count time the thread spent descheduled on a loaded machine.
    pub compile_cpu: Duration,
    /// The part of `compile_cpu` spent in our optimiser (the rest is the backend's codegen and
    /// the exit tables).
    pub opt_cpu: Duration,
    /// Machine code bytes (every exit writes its snapshot inline, so this grows with the exits).
    pub code_size: usize,
    pub is_bridge: bool,
    /// The optimised trace's ops counted by name (`Trace::op_counts`), for trace-shape tests.
    pub op_counts: String,
    /// The same for the loop body only (the ops after the `label`; empty for bridges).
    pub loop_op_counts: String,
    /// How many values the loop carries from one iteration to the next (the label's operands).
    pub loop_carried: usize,
}

/// Counters for the end-of-run summary.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub compiled: Vec<CompileRecord>,
    pub aborts: BTreeMap<AbortReason, u64>,
    /// Exits that went back to the interpreter.
    pub guard_failures: u64,
    /// Exits that went on into a bridge.
    pub bridge_entries: u64,
    /// Traces found invalidated (a quasi-immutable field they depend on was written).
    pub invalidated: u64,
    /// Inner-loop back-edges that loop recordings went on through (unrolled), whether or not
    /// the trace then compiled.
    pub unrolled: u64,
    pub time_in_compiled: Duration,
    /// Time from JIT creation to the first compiled trace.
    pub time_to_first_trace: Option<Duration>,
}

impl Stats {
    pub(crate) fn record_compile(
        &mut self,
        name: &str,
        ops_before: usize,
        ops_after: usize,
        compile_time: Duration,
        compile_cpu: Duration,
        opt_cpu: Duration,
        code_size: usize,
        since_start: Duration,
        is_bridge: bool,
        op_counts: String,
        loop_op_counts: String,
        loop_carried: usize,
    ) {
        if self.time_to_first_trace.is_none() {
            self.time_to_first_trace = Some(since_start);
        }
        self.compiled.push(CompileRecord {
            name: name.to_string(),
            ops_before,
            ops_after,
            compile_time,
            compile_cpu,
            opt_cpu,
            code_size,
            is_bridge,
            op_counts,
            loop_op_counts,
            loop_carried,
        });
    }

    /// Median and maximum compile time per trace.
    pub fn compile_time_median_max(&self) -> Option<(Duration, Duration)> {
        let mut times: Vec<Duration> = self.compiled.iter().map(|c| c.compile_time).collect();
        times.sort();
        let max = *times.last()?;
        Some((times[times.len() / 2], max))
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let functions = self
            .compiled
            .iter()
            .filter(|c| !c.is_bridge && c.name.starts_with("function_"))
            .count();
        let loops = self.compiled.iter().filter(|c| !c.is_bridge).count() - functions;
        let bridges = self.compiled.len() - loops - functions;
        writeln!(f, "metatrace statistics")?;
        if functions > 0 {
            writeln!(
                f,
                "  traces compiled:       {loops} loops, {functions} function entries, {bridges} bridges"
            )?;
        } else {
            writeln!(
                f,
                "  traces compiled:       {loops} loops, {bridges} bridges"
            )?;
        }
        let before: usize = self.compiled.iter().map(|c| c.ops_before).sum();
        let after: usize = self.compiled.iter().map(|c| c.ops_after).sum();
        writeln!(f, "  ops before/after opt:  {before} / {after}")?;
        if let Some((median, max)) = self.compile_time_median_max() {
            let total: Duration = self.compiled.iter().map(|c| c.compile_time).sum();
            writeln!(
                f,
                "  compile time:          total {:.3} ms, median {:.1} us, max {:.1} us",
                total.as_secs_f64() * 1e3,
                median.as_secs_f64() * 1e6,
                max.as_secs_f64() * 1e6
            )?;
            let mut cpu: Vec<Duration> = self.compiled.iter().map(|c| c.compile_cpu).collect();
            cpu.sort();
            let cpu_total: Duration = cpu.iter().sum();
            let opt_total: Duration = self.compiled.iter().map(|c| c.opt_cpu).sum();
            writeln!(
                f,
                "  compile CPU time:      total {:.3} ms, median {:.1} us, max {:.1} us ({:.3} ms optimiser)",
                cpu_total.as_secs_f64() * 1e3,
                cpu[cpu.len() / 2].as_secs_f64() * 1e6,
                cpu[cpu.len() - 1].as_secs_f64() * 1e6,
                opt_total.as_secs_f64() * 1e3
            )?;
        }
        if let Some(t) = self.time_to_first_trace {
            writeln!(
                f,
                "  time to first trace:   {:.3} ms",
                t.as_secs_f64() * 1e3
            )?;
        }
        writeln!(
            f,
            "  guard failures:        {} (to interpreter), {} into bridges",
            self.guard_failures, self.bridge_entries
        )?;
        if self.unrolled > 0 {
            writeln!(f, "  inner loops unrolled:  {} back-edges", self.unrolled)?;
        }
        if self.invalidated > 0 {
            writeln!(f, "  traces invalidated:    {}", self.invalidated)?;
        }
        if !self.time_in_compiled.is_zero() {
            writeln!(
                f,
                "  time in compiled code: {:.3} ms",
                self.time_in_compiled.as_secs_f64() * 1e3
            )?;
        }
        let total_aborts: u64 = self.aborts.values().sum();
        writeln!(f, "  aborts:                {total_aborts}")?;
        for (reason, n) in &self.aborts {
            writeln!(f, "    {:<34} {n}", reason.message())?;
        }
        for c in &self.compiled {
            writeln!(
                f,
                "  {:<28} {:>5} -> {:>5} ops  {:>8.1} us ({:.1} us CPU, {} bytes)",
                c.name,
                c.ops_before,
                c.ops_after,
                c.compile_time.as_secs_f64() * 1e6,
                c.compile_cpu.as_secs_f64() * 1e6,
                c.code_size
            )?;
        }
        Ok(())
    }
}
