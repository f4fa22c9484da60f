//! Start-up time: every available runtime runs its language's empty program (`-c pass` for the
//! Pythons, `-e ""` for the Luas) in interleaved rounds; the report gives median wall time, CPU
//! time and peak RSS per runtime, and per-round ratios of ours to the references.
//!
//! Start-up is measured separately because it hides inside every program's time (CPython spends
//! about a tenth of a second of CPU before the first line of a script here) and because users
//! feel it on every short script. The rounds are more numerous than the programs' (a run takes
//! milliseconds); nothing here is part of the program tables.

use indicatif::ProgressBar;

use crate::measure;
use crate::programs::Lang;
use crate::runtimes::Runtime;
use crate::stats::{Summary, paired_ratio, summarize};
use crate::suite::Config;

/// Rounds of start-up runs: enough for a stable median of millisecond runs.
pub const ROUNDS: usize = 11;

/// One runtime's start-up runs, in round order (empty when it failed or is missing).
#[derive(Clone, Debug)]
pub struct StartupRow {
    pub runtime: &'static str,
    pub label: &'static str,
    /// The executable's name as a user types it (`pyvgc`, `python3`...).
    pub command: &'static str,
    pub args: Vec<String>,
    pub walls: Vec<f64>,
    pub cpus: Vec<f64>,
    pub max_rss_kib: u64,
    /// Why the runtime has no numbers, if it has none.
    pub failure: Option<String>,
}

/// The arguments that run the empty program of `lang`.
pub fn empty_program(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Python => ["-c", "pass"],
        Lang::Lua => ["-e", ""],
    }
}

/// Runs the empty program `ROUNDS` times on every available runtime, interleaved by round.
pub fn run(cfg: &Config, runtimes: &[Runtime], bar: &ProgressBar) -> Vec<StartupRow> {
    let mut rows: Vec<StartupRow> = runtimes
        .iter()
        .filter(|rt| rt.available())
        .map(|rt| {
            let mut args: Vec<String> = rt.def.pre_args.iter().map(|s| s.to_string()).collect();
            args.extend(empty_program(rt.def.lang).iter().map(|s| s.to_string()));
            StartupRow {
                runtime: rt.def.id,
                label: rt.def.label,
                command: if rt.def.ours {
                    rt.def.label.split(' ').next().unwrap_or(rt.def.label)
                } else {
                    rt.def.command
                },
                args,
                walls: Vec::new(),
                cpus: Vec::new(),
                max_rss_kib: 0,
                failure: None,
            }
        })
        .collect();
    for _ in 0..ROUNDS {
        for row in rows.iter_mut() {
            let rt = runtimes.iter().find(|r| r.def.id == row.runtime);
            let Some(path) = rt.and_then(|r| r.path()) else {
                continue;
            };
            if row.failure.is_some() {
                bar.inc(1);
                continue;
            }
            let s = measure::run(path, &row.args, cfg.timeout);
            bar.inc(1);
            if !s.outcome.ok() || !s.stdout.is_empty() {
                row.failure = Some(if s.outcome.ok() {
                    "printed output for the empty program".to_string()
                } else {
                    s.outcome.describe()
                });
                continue;
            }
            row.walls.push(s.wall);
            row.cpus.push(s.cpu);
            row.max_rss_kib = row.max_rss_kib.max(s.max_rss_kib);
        }
    }
    rows
}

/// How many runs `run` will make (for the progress bar).
pub fn run_count(runtimes: &[Runtime]) -> u64 {
    (runtimes.iter().filter(|rt| rt.available()).count() * ROUNDS) as u64
}

/// Ratios of start-up wall time shown: ours against each reference of the same language.
const PAIRS: &[(&str, &str)] = &[
    ("pyvgc", "python3"),
    ("pyvgc", "pypy3"),
    ("lua-demo", "lua5.4"),
    ("lua-demo", "luajit"),
];

fn ms(s: &Summary) -> String {
    format!(
        "{:.1} ({:.1}-{:.1})",
        s.median * 1e3,
        s.min * 1e3,
        s.max * 1e3
    )
}

/// The report section.
pub fn section(out: &mut String, rows: &[StartupRow]) {
    if rows.is_empty() {
        return;
    }
    out.push_str("## Start-up\n\n");
    out.push_str(&format!(
        "Each runtime ran its language's empty program {ROUNDS} times, interleaved by round. \
         Median (min-max) in milliseconds; peak RSS is the largest over the runs.\n\n"
    ));
    out.push_str(
        "| runtime | command | wall (ms) | CPU (ms) | peak RSS (MiB) |\n|---|---|---|---|---|\n",
    );
    for r in rows {
        let command = format!(
            "`{} {}`",
            r.command,
            r.args
                .iter()
                .map(|a| if a.is_empty() {
                    "''".to_string()
                } else {
                    a.clone()
                })
                .collect::<Vec<_>>()
                .join(" ")
        );
        match (&r.failure, summarize(&r.walls), summarize(&r.cpus)) {
            (None, Some(w), Some(c)) => out.push_str(&format!(
                "| {} | {} | {} | {} | {:.1} |\n",
                r.label,
                command,
                ms(&w),
                ms(&c),
                r.max_rss_kib as f64 / 1024.0
            )),
            (failure, _, _) => out.push_str(&format!(
                "| {} | {} | failed: {} | | |\n",
                r.label,
                command,
                failure.as_deref().unwrap_or("no run")
            )),
        }
    }
    out.push('\n');
    let find = |id: &str| rows.iter().find(|r| r.runtime == id && r.failure.is_none());
    let mut lines = Vec::new();
    for &(a, b) in PAIRS {
        let (Some(ra), Some(rb)) = (find(a), find(b)) else {
            continue;
        };
        if let Some(q) = paired_ratio(&ra.walls, &rb.walls) {
            lines.push(format!(
                "- {} / {}: **{:.2}** ({:.2}-{:.2}) wall",
                ra.label, rb.label, q.median, q.min, q.max
            ));
        }
    }
    if !lines.is_empty() {
        out.push_str("Start-up ratios, paired by round (below 1: ours starts faster):\n\n");
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &'static str, label: &'static str, walls: &[f64]) -> StartupRow {
        StartupRow {
            runtime: id,
            label,
            command: id,
            args: vec!["-c".into(), "pass".into()],
            walls: walls.to_vec(),
            cpus: walls.to_vec(),
            max_rss_kib: 2048,
            failure: None,
        }
    }

    #[test]
    fn section_pairs_ratios_by_round_and_reports_failures() {
        let mut failed = row("pypy3", "PyPy", &[]);
        failed.failure = Some("exit status 1".into());
        let rows = vec![
            row("pyvgc", "pyvgc", &[0.010, 0.020, 0.012]),
            row("python3", "CPython", &[0.020, 0.020, 0.024]),
            failed,
        ];
        let mut out = String::new();
        section(&mut out, &rows);
        assert!(out.contains("| pyvgc | `pyvgc -c pass` | 12.0 (10.0-20.0) |"));
        assert!(out.contains("| PyPy | `pypy3 -c pass` | failed: exit status 1 |"));
        // Rounds 0.5, 1.0, 0.5: the median of the per-round ratios, not the ratio of medians.
        assert!(out.contains("- pyvgc / CPython: **0.50** (0.50-1.00) wall"));
        assert!(!out.contains("pyvgc / PyPy"));
    }

    #[test]
    fn empty_programs_are_the_languages_own() {
        assert_eq!(empty_program(Lang::Python), ["-c", "pass"]);
        assert_eq!(empty_program(Lang::Lua), ["-e", ""]);
    }
}
