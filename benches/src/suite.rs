//! Running programs on runtimes: interleaved rounds, output checking, warmup
//! curves and the smoke check.
//!
//! For one program every available runtime runs once per round, always in
//! the same order (A B C A B C ...), after `warmups` unrecorded rounds. A run
//! that crashes or times out ends that runtime's measurements for the program;
//! a run whose stdout differs from the expected answer turns the whole cell
//! into a failure, so a wrong answer is never reported as a time. The
//! expected answer is the stdout most of the reference runtimes printed (ties
//! go to the more trusted one, see `REFERENCE_PRIORITY`); Python and Lua
//! versions of a program print the same line, so they check each other.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use indicatif::ProgressBar;

use crate::measure::{self, Sample};
use crate::programs::{Mode, Program};
use crate::runtimes::{REFERENCE_PRIORITY, Runtime};

#[derive(Clone, Debug)]
pub struct Config {
    pub mode: Mode,
    pub filter: Option<String>,
    pub runs: usize,
    pub warmups: usize,
    pub timeout: Duration,
    /// The folder holding `python/` and `lua/`.
    pub bench_dir: PathBuf,
}

/// All runs of one program on one runtime.
#[derive(Clone, Debug, Default)]
pub struct Cell {
    /// Recorded rounds, in order; shorter than the round count only on failure.
    pub samples: Vec<Sample>,
    /// Outputs of the unrecorded warm-up runs (checked like the others).
    pub warmup_outputs: Vec<String>,
    pub failure: Option<String>,
    /// The runtime was available and asked to run this program.
    pub ran: bool,
}

impl Cell {
    pub fn ok(&self) -> bool {
        self.ran && self.failure.is_none() && !self.samples.is_empty()
    }

    pub fn walls(&self) -> Vec<f64> {
        self.samples.iter().map(|s| s.wall).collect()
    }
}

#[derive(Clone, Debug)]
pub struct ProgramResult {
    pub program: &'static Program,
    pub size: u64,
    pub expected: Option<String>,
    /// Where the expected answer came from, for the report.
    pub expected_from: String,
    /// One cell per runtime, in `RUNTIMES` order.
    pub cells: Vec<Cell>,
}

fn normalize(stdout: &str) -> String {
    stdout.trim_end().replace("\r\n", "\n")
}

fn short(s: &str) -> String {
    let one_line = s.trim().replace('\n', " / ");
    if one_line.chars().count() > 80 {
        let cut: String = one_line.chars().take(77).collect();
        format!("{cut}...")
    } else if one_line.is_empty() {
        "(nothing)".to_string()
    } else {
        one_line
    }
}

/// The line of stderr that names the error: Lua prints it before
/// "stack traceback:", Python prints it last, after its traceback.
fn error_line(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("iter "))
        .collect();
    match lines
        .iter()
        .position(|l| l.trim_start().starts_with("stack traceback"))
    {
        Some(0) | None => lines.last().copied().unwrap_or(""),
        Some(k) => lines[k - 1],
    }
}

fn describe_failure(s: &Sample) -> String {
    let line = error_line(&s.stderr);
    if line.is_empty() {
        s.outcome.describe()
    } else {
        format!("{}: {}", s.outcome.describe(), short(line))
    }
}

/// Runs `program` at `size` on every available runtime.
pub fn run_program(
    cfg: &Config,
    program: &'static Program,
    size: u64,
    runtimes: &[Runtime],
    rounds: usize,
    warmups: usize,
    extra_args: &[String],
    bar: &ProgressBar,
) -> ProgramResult {
    let mut cells: Vec<Cell> = runtimes
        .iter()
        .map(|rt| Cell {
            ran: rt.available(),
            ..Cell::default()
        })
        .collect();
    let mut args = vec![size.to_string()];
    args.extend(extra_args.iter().cloned());
    for round in 0..warmups + rounds {
        let recorded = round >= warmups;
        for (i, rt) in runtimes.iter().enumerate() {
            let Some(path) = rt.path() else { continue };
            if cells[i].failure.is_some() {
                continue;
            }
            bar.set_message(format!("{} {} on {}", program.name, size, rt.def.label));
            let source = program.source(&cfg.bench_dir, rt.def.lang);
            let sample = measure::run(path, &rt.argv(&source, &args), cfg.timeout);
            bar.inc(1);
            if !sample.outcome.ok() {
                cells[i].failure = Some(describe_failure(&sample));
                continue;
            }
            if recorded {
                cells[i].samples.push(sample);
            } else {
                cells[i].warmup_outputs.push(normalize(&sample.stdout));
            }
        }
    }
    let mut result = ProgramResult {
        program,
        size,
        expected: None,
        expected_from: String::new(),
        cells,
    };
    check_outputs(&mut result, runtimes);
    result
}

/// Picks the expected answer and fails every cell that printed anything else.
pub fn check_outputs(result: &mut ProgramResult, runtimes: &[Runtime]) {
    let mut votes: HashMap<String, Vec<&str>> = HashMap::new();
    for (cell, rt) in result.cells.iter().zip(runtimes) {
        if rt.def.ours || !cell.ok() {
            continue;
        }
        // A reference votes once, with its first recorded answer.
        let answer = normalize(&cell.samples[0].stdout);
        votes.entry(answer).or_default().push(rt.def.id);
    }
    let rank = |id: &str| {
        REFERENCE_PRIORITY
            .iter()
            .position(|p| *p == id)
            .unwrap_or(usize::MAX)
    };
    let best = votes.iter().max_by(|(_, a), (_, b)| {
        a.len().cmp(&b.len()).then_with(|| {
            // More votes win; on a tie the most trusted voter wins.
            let ra = a.iter().map(|id| rank(id)).min().unwrap_or(usize::MAX);
            let rb = b.iter().map(|id| rank(id)).min().unwrap_or(usize::MAX);
            rb.cmp(&ra)
        })
    });
    match best {
        Some((answer, voters)) => {
            result.expected = Some(answer.clone());
            result.expected_from = if votes.len() == 1 {
                format!("agreed by {}", voters.join(", "))
            } else {
                format!("majority of references ({})", voters.join(", "))
            };
        }
        None => {
            result.expected = None;
            result.expected_from = "no reference runtime produced an answer".to_string();
        }
    }
    let Some(expected) = result.expected.clone() else {
        // Without a reference answer nothing can be trusted as a time.
        for cell in result.cells.iter_mut().filter(|c| c.ok()) {
            cell.failure = Some("unchecked: no reference answer to compare with".to_string());
        }
        return;
    };
    for cell in result.cells.iter_mut() {
        if !cell.ran || cell.failure.is_some() {
            continue;
        }
        let outputs = cell
            .warmup_outputs
            .iter()
            .cloned()
            .chain(cell.samples.iter().map(|s| normalize(&s.stdout)));
        for got in outputs {
            if got != expected {
                cell.failure = Some(format!(
                    "wrong output: got `{}`, expected `{}`",
                    short(&got),
                    short(&expected)
                ));
                break;
            }
        }
    }
}

/// Per-iteration times of one runtime on one warmup program.
#[derive(Clone, Debug)]
pub struct WarmupCurve {
    pub runtime: usize,
    pub result: Result<Vec<f64>, String>,
}

#[derive(Clone, Debug)]
pub struct WarmupResult {
    pub program: &'static Program,
    pub size: u64,
    pub iters: u64,
    pub curves: Vec<WarmupCurve>,
}

/// Parses `iter K SECONDS` lines; iterations must come in order from 1.
pub fn parse_iter_lines(stderr: &str, iters: u64) -> Result<Vec<f64>, String> {
    let mut times = Vec::new();
    for line in stderr.lines().filter(|l| l.starts_with("iter ")) {
        let mut parts = line.split_whitespace().skip(1);
        let k: u64 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad timing line `{line}`"))?;
        let t: f64 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad timing line `{line}`"))?;
        if k != times.len() as u64 + 1 {
            return Err(format!("timing line out of order: `{line}`"));
        }
        times.push(t);
    }
    if times.len() as u64 != iters {
        return Err(format!(
            "expected {iters} timing lines, got {}",
            times.len()
        ));
    }
    Ok(times)
}

/// Runs a warmup program once per runtime with `iters` iterations.
pub fn run_warmup(
    cfg: &Config,
    program: &'static Program,
    runtimes: &[Runtime],
    bar: &ProgressBar,
) -> Option<WarmupResult> {
    let w = program.warmup?;
    let iters = if cfg.mode == Mode::Full {
        w.iters_full
    } else {
        w.iters_quick
    };
    let result = run_program(
        cfg,
        program,
        w.size,
        runtimes,
        1,
        0,
        &[iters.to_string()],
        bar,
    );
    let curves = result
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.ran)
        .map(|(i, c)| WarmupCurve {
            runtime: i,
            result: match (&c.failure, c.samples.first()) {
                (Some(f), _) => Err(f.clone()),
                (None, Some(s)) => parse_iter_lines(&s.stderr, iters),
                (None, None) => Err("no run recorded".to_string()),
            },
        })
        .collect();
    Some(WarmupResult {
        program,
        size: w.size,
        iters,
        curves,
    })
}

/// Outcome of `--smoke`: every program once at its smoke size.
#[derive(Clone, Debug)]
pub struct SmokeReport {
    pub results: Vec<ProgramResult>,
    pub lines: Vec<String>,
    pub failures: usize,
    pub runtimes_used: usize,
}

pub fn smoke(cfg: &Config, runtimes: &[Runtime], bar: &ProgressBar) -> SmokeReport {
    let mut lines = Vec::new();
    let mut failures = 0;
    let mut results = Vec::new();
    let runtimes_used = runtimes.iter().filter(|r| r.available()).count();
    for program in crate::programs::selected(cfg.filter.as_deref()) {
        let size = program.size(Mode::Smoke);
        let result = run_program(cfg, program, size, runtimes, 1, 0, &[], bar);
        for (cell, rt) in result.cells.iter().zip(runtimes) {
            if !cell.ran {
                continue;
            }
            match &cell.failure {
                None => lines.push(format!(
                    "ok    {:<16} {:<18} {}",
                    program.name,
                    rt.def.label,
                    short(&cell.samples[0].stdout)
                )),
                Some(f) => {
                    failures += 1;
                    lines.push(format!(
                        "FAIL  {:<16} {:<18} {f}",
                        program.name, rt.def.label
                    ));
                }
            }
        }
        results.push(result);
    }
    SmokeReport {
        results,
        lines,
        failures,
        runtimes_used,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programs::PROGRAMS;
    use crate::runtimes::{RUNTIMES, Status};

    fn sample(stdout: &str) -> Sample {
        Sample {
            outcome: measure::Outcome::Exited(0),
            wall: 1.0,
            cpu: 1.0,
            max_rss_kib: 1,
            stdout: stdout.to_string(),
            stderr: String::new(),
        }
    }

    fn fake_runtimes() -> Vec<Runtime> {
        RUNTIMES
            .iter()
            .map(|d| Runtime {
                def: *d,
                status: Status::Available {
                    path: "/bin/true".into(),
                    version: String::new(),
                },
            })
            .collect()
    }

    fn result_with(outputs: &[&str]) -> ProgramResult {
        ProgramResult {
            program: &PROGRAMS[0],
            size: 1,
            expected: None,
            expected_from: String::new(),
            cells: outputs
                .iter()
                .map(|o| Cell {
                    samples: vec![sample(o)],
                    ran: true,
                    ..Cell::default()
                })
                .collect(),
        }
    }

    #[test]
    fn wrong_answer_is_a_failure_not_a_time() {
        let rts = fake_runtimes();
        // pyvgc, pyvgc-nojit, python3, pypy3, lua-demo, lua-demo-nojit, lua5.4, luajit
        let mut r = result_with(&["42\n", "41\n", "42\n", "42\n", "42", "42\n", "42\n", "42\n"]);
        check_outputs(&mut r, &rts);
        assert_eq!(r.expected.as_deref(), Some("42"));
        assert!(r.cells[0].failure.is_none());
        assert!(
            r.cells[1]
                .failure
                .as_deref()
                .unwrap()
                .contains("wrong output")
        );
        assert!(
            r.cells[4].failure.is_none(),
            "trailing newline is not a difference"
        );
    }

    #[test]
    fn references_outvote_a_single_wrong_reference() {
        let rts = fake_runtimes();
        let mut r = result_with(&["1", "1", "7", "1", "1", "1", "1", "1"]);
        check_outputs(&mut r, &rts);
        assert_eq!(r.expected.as_deref(), Some("1"));
        assert!(
            r.cells[2].failure.is_some(),
            "CPython disagreed with three others"
        );
    }

    #[test]
    fn ours_never_vote() {
        let rts = fake_runtimes();
        let mut r = result_with(&["9", "9", "1", "9", "9", "9", "9", "9"]);
        for i in [3, 6, 7] {
            r.cells[i].ran = false;
            r.cells[i].samples.clear();
        }
        check_outputs(&mut r, &rts);
        assert_eq!(r.expected.as_deref(), Some("1"));
        assert!(r.cells[0].failure.is_some());
    }

    #[test]
    fn without_references_nothing_is_trusted() {
        let rts = fake_runtimes();
        let mut r = result_with(&["9"; 8]);
        for i in [2, 3, 6, 7] {
            r.cells[i].ran = false;
            r.cells[i].samples.clear();
        }
        check_outputs(&mut r, &rts);
        assert!(r.expected.is_none());
        assert!(r.cells[0].failure.as_deref().unwrap().contains("unchecked"));
    }

    #[test]
    fn wrong_warmup_output_fails_the_cell() {
        let rts = fake_runtimes();
        let mut r = result_with(&["5"; 8]);
        r.cells[5].warmup_outputs.push("6".into());
        check_outputs(&mut r, &rts);
        assert!(r.cells[5].failure.is_some());
    }

    #[test]
    fn failure_names_the_error_line_of_lua_and_python() {
        let lua = "lua: x.lua:3: boom\nstack traceback:\n\t[C]: in ?\n";
        assert_eq!(error_line(lua), "lua: x.lua:3: boom");
        let py = "Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: boom\n";
        assert_eq!(error_line(py), "ValueError: boom");
        assert_eq!(error_line(""), "");
    }

    #[test]
    fn iter_lines_parse_in_order_and_count() {
        let t = parse_iter_lines("iter 1 0.5\nnoise\niter 2 0.25\n", 2).unwrap();
        assert_eq!(t, [0.5, 0.25]);
        assert!(parse_iter_lines("iter 2 0.5\n", 1).is_err());
        assert!(parse_iter_lines("iter 1 0.5\n", 2).is_err());
        assert!(parse_iter_lines("iter 1 x\n", 1).is_err());
    }
}
