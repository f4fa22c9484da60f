//! The JIT's own numbers: traces compiled, compile time per trace and time to the first
//! compiled trace, read from `--stats` of our JIT runtimes.
//!
//! After the timed rounds, every program runs once more on `pyvgc` and `lua-demo` (default
//! settings) with `--stats`, and the metatrace statistics block on stderr is parsed: the
//! summary lines (`traces compiled`, `time to first trace`) and one line per trace
//! (`NAME  BEFORE -> AFTER ops  MICROS us`). Compile times are wall-clock times measured inside
//! the process, so they grow on a loaded machine; the report prints the load average beside them.
//! These runs are not part of the timing tables, and a run that fails or prints no statistics
//! is reported as such rather than left out.

use indicatif::ProgressBar;

use crate::measure;
use crate::programs::Program;
use crate::runtimes::Runtime;
use crate::stats::summarize;
use crate::suite::Config;

/// One compiled trace, from its `--stats` line.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceLine {
    pub name: String,
    pub ops_before: u64,
    pub ops_after: u64,
    pub compile_us: f64,
}

/// What one `--stats` run reported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JitStats {
    pub loops: u64,
    pub bridges: u64,
    /// `None` when nothing was compiled.
    pub first_trace_ms: Option<f64>,
    pub traces: Vec<TraceLine>,
}

/// One program on one of our JIT runtimes.
#[derive(Clone, Debug)]
pub struct JitRow {
    pub program: &'static str,
    pub runtime: &'static str,
    pub size: u64,
    pub stats: Result<JitStats, String>,
}

/// Parses the metatrace statistics block out of a run's stderr.
pub fn parse(stderr: &str) -> Option<JitStats> {
    let start = stderr.find("metatrace statistics")?;
    let mut stats = JitStats::default();
    for line in stderr[start..].lines().skip(1) {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("traces compiled:") {
            // "4 loops, 4 bridges"
            let nums: Vec<u64> = rest
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|w| w.parse().ok())
                .collect();
            if let [loops, bridges] = nums[..] {
                stats.loops = loops;
                stats.bridges = bridges;
            }
        } else if let Some(rest) = t.strip_prefix("time to first trace:") {
            stats.first_trace_ms = rest.trim().trim_end_matches("ms").trim().parse().ok();
        } else if let Some(trace) = trace_line(t) {
            stats.traces.push(trace);
        } else if !line.starts_with(' ') && !t.is_empty() {
            // The block's lines are indented; the first one that is not ends it.
            break;
        }
    }
    Some(stats)
}

/// `NAME  BEFORE -> AFTER ops  MICROS us`, optionally followed by `(CPU us CPU, BYTES bytes)`:
/// the compiling thread's CPU time, preferred when present because a loaded machine inflates
/// the wall-clock figure.
fn trace_line(t: &str) -> Option<TraceLine> {
    let w: Vec<&str> = t.split_whitespace().collect();
    match w[..] {
        [name, before, "->", after, "ops", us, "us", ref rest @ ..] => {
            let cpu = match rest {
                [] => None,
                [cpu, "us", "CPU,", ..] => Some(cpu.trim_start_matches('(').parse().ok()?),
                _ => return None,
            };
            Some(TraceLine {
                name: name.to_string(),
                ops_before: before.parse().ok()?,
                ops_after: after.parse().ok()?,
                compile_us: match cpu {
                    Some(c) => c,
                    None => us.parse().ok()?,
                },
            })
        }
        _ => None,
    }
}

/// Runs every selected program once with `--stats` on each of our available JIT runtimes.
pub fn run(
    cfg: &Config,
    programs: &[&'static Program],
    runtimes: &[Runtime],
    bar: &ProgressBar,
) -> Vec<JitRow> {
    let mut rows = Vec::new();
    for rt in runtimes {
        let id = rt.def.id;
        if !rt.def.ours || !rt.def.pre_args.is_empty() {
            continue; // only the default-settings (JIT) runtimes
        }
        let Some(path) = rt.path() else { continue };
        for p in programs {
            let source = p.source(&cfg.bench_dir, rt.def.lang);
            if !source.exists() {
                continue;
            }
            let size = p.size(cfg.mode);
            let mut argv = vec!["--stats".to_string()];
            argv.extend(rt.argv(&source, &[size.to_string()]));
            let sample = measure::run(path, &argv, cfg.timeout);
            bar.inc(1);
            let stats = if !sample.outcome.ok() {
                Err(sample.outcome.describe())
            } else {
                parse(&sample.stderr).ok_or_else(|| "no statistics printed".to_string())
            };
            rows.push(JitRow {
                program: p.name,
                runtime: id,
                size,
                stats,
            });
        }
    }
    rows
}

/// How many runs `run` will make (for the progress bar).
pub fn run_count(programs: &[&'static Program], runtimes: &[Runtime]) -> u64 {
    runtimes
        .iter()
        .filter(|rt| rt.def.ours && rt.def.pre_args.is_empty() && rt.available())
        .count() as u64
        * programs.len() as u64
}

/// The report section: one table row per program and runtime, then per-runtime totals.
pub fn section(out: &mut String, rows: &[JitRow], load: Option<f64>) {
    if rows.is_empty() {
        return;
    }
    out.push_str("## JIT compile time\n\n");
    out.push_str(
        "Each program ran once more with `--stats` (default JIT settings, the size above). \
         Compile time is per trace (recording excluded; optimisation and Cranelift included), \
         the compiling thread's CPU time where the runtime reports it (else wall clock inside the process)",
    );
    if let Some(l) = load {
        out.push_str(&format!(
            " (1-minute load average at the end of the run: {l:.2})"
        ));
    }
    out.push_str(
        "; time to first trace is from the start of the program to the first compiled trace.\n\n",
    );
    out.push_str(
        "| program | runtime | loops + bridges | ops before -> after | compile median (ms) | \
         compile max (ms) | first trace (ms) |\n|---|---|---|---|---|---|---|\n",
    );
    let mut per_runtime: Vec<(&str, Vec<f64>, Vec<f64>)> = Vec::new();
    for r in rows {
        match &r.stats {
            Err(e) => out.push_str(&format!(
                "| {} | {} | failed: {} | | | | |\n",
                r.program, r.runtime, e
            )),
            Ok(s) => {
                let us: Vec<f64> = s.traces.iter().map(|t| t.compile_us).collect();
                let before: u64 = s.traces.iter().map(|t| t.ops_before).sum();
                let after: u64 = s.traces.iter().map(|t| t.ops_after).sum();
                let (med, max) = match summarize(&us) {
                    Some(c) => (
                        format!("{:.2}", c.median / 1000.0),
                        format!("{:.2}", c.max / 1000.0),
                    ),
                    None => ("-".to_string(), "-".to_string()),
                };
                let first = s
                    .first_trace_ms
                    .map_or("none compiled".to_string(), |m| format!("{m:.1}"));
                out.push_str(&format!(
                    "| {} | {} | {} + {} | {} -> {} | {} | {} | {} |\n",
                    r.program, r.runtime, s.loops, s.bridges, before, after, med, max, first
                ));
                let slot = match per_runtime.iter().position(|(id, _, _)| *id == r.runtime) {
                    Some(i) => i,
                    None => {
                        per_runtime.push((r.runtime, Vec::new(), Vec::new()));
                        per_runtime.len() - 1
                    }
                };
                per_runtime[slot].1.extend(us);
                if let Some(m) = s.first_trace_ms {
                    per_runtime[slot].2.push(m);
                }
            }
        }
    }
    out.push('\n');
    for (id, us, first) in per_runtime {
        let Some(c) = summarize(&us) else { continue };
        out.push_str(&format!(
            "- **{id}**: {} traces; compile time per trace median {:.2} ms, max {:.2} ms; \
             time to first trace median {} over the programs.\n",
            c.n,
            c.median / 1000.0,
            c.max / 1000.0,
            summarize(&first).map_or("-".to_string(), |f| format!("{:.1} ms", f.median))
        ));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const STDERR: &str = "-0.169075164\nmetatrace statistics
  traces compiled:       4 loops, 1 bridges
  ops before/after opt:  1394 / 1264
  compile time:          total 25.874 ms, median 3065.0 us, max 9115.3 us
  time to first trace:   10.636 ms
  guard failures:        20550 (to interpreter), 96698 into bridges
  aborts:                4
    returned past the trace's entry frame 3
  loop_7fc3c801d330_10           342 ->   452 ops    9115.3 us
  bridge_0_88                      9 ->     9 ops     409.3 us
  bridge_0_90                      7 ->     5 ops     900.0 us (300.5 us CPU, 793 bytes)
GC (VGC) per zone:
| zone | allocations |
";

    #[test]
    fn stats_block_parses_summary_and_trace_lines() {
        let s = parse(STDERR).expect("a block");
        assert_eq!((s.loops, s.bridges), (4, 1));
        assert_eq!(s.first_trace_ms, Some(10.636));
        assert_eq!(s.traces.len(), 3);
        // A line with the CPU figure counts the CPU time, not the wall clock.
        assert_eq!(s.traces[2].compile_us, 300.5);
        assert_eq!(
            s.traces[0],
            TraceLine {
                name: "loop_7fc3c801d330_10".into(),
                ops_before: 342,
                ops_after: 452,
                compile_us: 9115.3,
            }
        );
        // The abort reason line is not a trace line even though it is indented.
        assert!(s.traces.iter().all(|t| !t.name.starts_with("returned")));
    }

    #[test]
    fn no_block_is_none_and_nothing_compiled_has_no_first_trace() {
        assert_eq!(parse("just output\n"), None);
        let s = parse("metatrace statistics\n  traces compiled:       0 loops, 0 bridges\n")
            .expect("a block");
        assert_eq!(s.first_trace_ms, None);
        assert!(s.traces.is_empty());
    }

    #[test]
    fn section_reports_failures_and_medians() {
        let rows = vec![
            JitRow {
                program: "nbody",
                runtime: "lua-demo",
                size: 10,
                stats: Ok(parse(STDERR).expect("a block")),
            },
            JitRow {
                program: "fib",
                runtime: "pyvgc",
                size: 10,
                stats: Err("exit status 1".into()),
            },
        ];
        let mut out = String::new();
        section(&mut out, &rows, Some(0.5));
        assert!(out.contains("| nbody | lua-demo | 4 + 1 | 358 -> 466 | 0.41 | 9.12 | 10.6 |"));
        assert!(out.contains("| fib | pyvgc | failed: exit status 1 |"));
        assert!(out.contains("**lua-demo**: 3 traces"));
    }
}
