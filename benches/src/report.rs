//! RESULTS.md: machine, runtimes, tables of medians, spreads, ratios, seed
//! scenarios and warmup curves, plus the data for the chart.
//!
//! Every number printed comes from a checked run of this invocation; a cell
//! without one says why (`missing`, `FAIL`, `-` when the runtime did not
//! take part). Projections onto the seed papers' sizes are marked as such and
//! never mixed into the measured tables.

use std::fmt::Write as _;

use crate::chart::{ChartData, Series};
use crate::machine::Machine;
use crate::programs::{Lang, Mode, SEED_MEMORY_PROGRAM, SEED_SCENARIOS, SeedScenario};
use crate::runtimes::{Runtime, Status};
use crate::stats::{self, Summary};
use crate::suite::{Cell, Config, ProgramResult, WarmupResult};

pub struct Report<'a> {
    pub cfg: &'a Config,
    pub command_line: String,
    pub machine: Machine,
    pub started: String,
    pub elapsed_secs: f64,
    pub runtimes: &'a [Runtime],
    pub notes: Vec<String>,
    pub results: Vec<ProgramResult>,
    /// Full mode only: seed scenarios run once at their exact size.
    pub seed_exact: Vec<(SeedScenario, ProgramResult)>,
    pub warmups: Vec<WarmupResult>,
    /// 1-minute load average when the run started and when it ended.
    pub load_before: Option<f64>,
    pub load_after: Option<f64>,
    /// The collector's tables, when the runner was asked to run them.
    pub vgc: Option<crate::vgc::VgcSection>,
    /// `--stats` of our JIT runtimes, one row per program and runtime.
    pub jit: Vec<crate::jit_stats::JitRow>,
    /// Start-up runs of every available runtime.
    pub startup: Vec<crate::startup::StartupRow>,
}

/// Ratio columns: numerator id, denominator id, header.
pub const RATIO_PAIRS: &[(&str, &str, &str)] = &[
    ("pyvgc", "python3", "pyvgc / CPython"),
    ("pyvgc", "pypy3", "pyvgc / PyPy"),
    ("lua-demo", "lua5.4", "lua-demo / Lua 5.4"),
    ("lua-demo", "luajit", "lua-demo / LuaJIT"),
    ("pyvgc", "pyvgc-nojit", "pyvgc JIT / no-JIT"),
    ("lua-demo", "lua-demo-nojit", "lua-demo JIT / no-JIT"),
    ("pyvgc-nojit", "python3", "pyvgc no-JIT / CPython"),
    ("lua-demo-nojit", "lua5.4", "lua-demo no-JIT / Lua 5.4"),
    ("pypy3", "python3", "PyPy / CPython"),
    ("luajit", "lua5.4", "LuaJIT / Lua 5.4"),
];

pub fn secs(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else if x >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

/// Seconds shown as milliseconds with about three significant digits.
fn millis(x: f64) -> String {
    let ms = x * 1000.0;
    if ms >= 100.0 {
        format!("{ms:.0}")
    } else if ms >= 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.2}")
    }
}

fn ratio(x: f64) -> String {
    if x >= 10.0 {
        format!("{x:.1}")
    } else if x >= 0.1 {
        format!("{x:.2}")
    } else {
        format!("{x:.3}")
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

fn index_of(runtimes: &[Runtime], id: &str) -> Option<usize> {
    runtimes.iter().position(|r| r.def.id == id)
}

/// Text of one table cell, or why there is no number.
fn cell_text(rt: &Runtime, cell: &Cell, f: impl Fn(&Cell) -> String) -> String {
    if !rt.available() {
        "missing".to_string()
    } else if !cell.ran {
        "-".to_string()
    } else if cell.failure.is_some() {
        "FAIL".to_string()
    } else {
        f(cell)
    }
}

fn header(out: &mut String, first: &[&str], runtimes: &[Runtime]) {
    let mut cols: Vec<String> = first.iter().map(|s| s.to_string()).collect();
    cols.extend(runtimes.iter().map(|r| r.def.label.to_string()));
    let _ = writeln!(out, "| {} |", cols.join(" | "));
    let _ = writeln!(out, "|{}", cols.iter().map(|_| "---|").collect::<String>());
}

fn per_runtime_table(out: &mut String, r: &Report, f: &dyn Fn(&Cell) -> String) {
    header(out, &["program", "size"], r.runtimes);
    for res in &r.results {
        let cells: Vec<String> = r
            .runtimes
            .iter()
            .zip(&res.cells)
            .map(|(rt, c)| cell_text(rt, c, f))
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            res.program.name,
            res.size,
            cells.join(" | ")
        );
    }
    out.push('\n');
}

fn wall(c: &Cell) -> Option<Summary> {
    stats::summarize(&c.walls())
}

fn cpu(c: &Cell) -> Option<Summary> {
    stats::summarize(&c.samples.iter().map(|s| s.cpu).collect::<Vec<_>>())
}

fn peak_rss(c: &Cell) -> u64 {
    c.samples.iter().map(|s| s.max_rss_kib).max().unwrap_or(0)
}

/// Which per-run number a ratio compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Wall,
    Cpu,
}

fn values(c: &Cell, metric: Metric) -> Vec<f64> {
    match metric {
        Metric::Wall => c.walls(),
        Metric::Cpu => c.samples.iter().map(|s| s.cpu).collect(),
    }
}

/// Paired ratio of two runtimes on one program, if both have checked runs.
pub fn pair(
    res: &ProgramResult,
    runtimes: &[Runtime],
    num: &str,
    den: &str,
    metric: Metric,
) -> Result<Summary, &'static str> {
    let (Some(a), Some(b)) = (index_of(runtimes, num), index_of(runtimes, den)) else {
        return Err("missing");
    };
    if !runtimes[a].available() || !runtimes[b].available() {
        return Err("missing");
    }
    let (ca, cb) = (&res.cells[a], &res.cells[b]);
    if ca.failure.is_some() || cb.failure.is_some() {
        return Err("FAIL");
    }
    if !ca.ran || !cb.ran {
        return Err("-");
    }
    stats::paired_ratio(&values(ca, metric), &values(cb, metric)).ok_or("-")
}

fn runtimes_section(out: &mut String, r: &Report) {
    out.push_str("## Runtimes\n\n| runtime | language | status | version, or why it is missing |\n|---|---|---|---|\n");
    for rt in r.runtimes {
        let lang = match rt.def.lang {
            Lang::Python => "Python",
            Lang::Lua => "Lua",
        };
        let who = if rt.def.ours { " (ours)" } else { "" };
        let (status, text) = match &rt.status {
            Status::Available { version, .. } => ("available", version.clone()),
            Status::Missing { reason } => ("**missing**", reason.clone()),
        };
        let _ = writeln!(
            out,
            "| {}{who} | {lang} | {status} | {} |",
            rt.def.label,
            text.replace('|', "\\|")
        );
    }
    out.push('\n');
}

fn ratios_section(out: &mut String, r: &Report, metric: Metric) {
    if metric == Metric::Wall {
        out.push_str("## Ratios of wall time\n\nRatios computed round by round (both runtimes ran in the same \
round), then summarized: median (min-max). Below 1 means the first runtime is faster. The last row is the \
geometric mean of the medians over the programs where both sides have checked runs.\n\n");
    } else {
        out.push_str("## Ratios of CPU time\n\nThe same pairs on user + sys CPU time, which waiting for a busy \
core does not inflate (it does include a JIT's compile threads).\n\n");
    }
    let mut cols = vec!["program".to_string()];
    cols.extend(RATIO_PAIRS.iter().map(|p| p.2.to_string()));
    let _ = writeln!(out, "| {} |", cols.join(" | "));
    let _ = writeln!(out, "|{}", cols.iter().map(|_| "---|").collect::<String>());
    let mut medians: Vec<Vec<f64>> = vec![Vec::new(); RATIO_PAIRS.len()];
    for res in &r.results {
        let mut row = vec![res.program.name.to_string()];
        for (k, (num, den, _)) in RATIO_PAIRS.iter().enumerate() {
            row.push(match pair(res, r.runtimes, num, den, metric) {
                Ok(s) => {
                    medians[k].push(s.median);
                    format!("{} ({}-{})", ratio(s.median), ratio(s.min), ratio(s.max))
                }
                Err(why) => why.to_string(),
            });
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let mut row = vec!["**geometric mean**".to_string()];
    for m in &medians {
        row.push(match stats::geomean(m) {
            Some(g) => format!("**{}** ({} programs)", ratio(g), m.len()),
            None => "-".to_string(),
        });
    }
    let _ = writeln!(out, "| {} |\n", row.join(" | "));
}

fn seed_section(out: &mut String, r: &Report) {
    out.push_str("## Seed scenarios\n\nThe rows of the seed papers' tables this suite can run. \
Seed 000's Table 1 gives *projections* that were never measured; seed 001's matrix rows were measured \
on its authors' C++ prototype, not on a Python runtime. ");
    let exact = !r.seed_exact.is_empty();
    if exact {
        out.push_str("Our columns below were measured once at the exact seed size.\n\n");
    } else {
        out.push_str("In this run the programs ran at smaller sizes, so each number below marked `~` is a \
**projection** of this run's median to the seed size by the program's work count (linear for the loop, \
number of calls for fib, n^3 for matmul); it includes one process start-up scaled along, so it slightly \
overstates short runs. `cargo xtask bench` without `--quick` measures these sizes directly.\n\n");
    }
    let mut cols: Vec<String> = ["scenario", "paper: baseline", "paper: framework", "source"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    cols.extend(r.runtimes.iter().map(|rt| rt.def.label.to_string()));
    let _ = writeln!(out, "| {} |", cols.join(" | "));
    let _ = writeln!(out, "|{}", cols.iter().map(|_| "---|").collect::<String>());
    for sc in SEED_SCENARIOS {
        let mut row = vec![
            format!("{} (`{}` n={})", sc.label, sc.program, sc.size),
            sc.paper_baseline.to_string(),
            sc.paper_framework.to_string(),
            sc.source.to_string(),
        ];
        let exact_res = r
            .seed_exact
            .iter()
            .find(|(s, _)| s.label == sc.label)
            .map(|(_, res)| res);
        let run_res = r.results.iter().find(|res| res.program.name == sc.program);
        for (i, rt) in r.runtimes.iter().enumerate() {
            let text = if let Some(res) = exact_res {
                cell_text(rt, &res.cells[i], |c| {
                    wall(c).map_or("-".into(), |s| format!("{} s", secs(s.median)))
                })
            } else if let Some(res) = run_res {
                let scale = sc.scaling().work(sc.size) / sc.scaling().work(res.size);
                cell_text(rt, &res.cells[i], |c| {
                    wall(c).map_or("-".into(), |s| format!("~{} s", secs(s.median * scale)))
                })
            } else {
                "not run".to_string()
            };
            row.push(text);
        }
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    // The memory row: the paper's percentages have no workload or definition.
    let mut row = vec![
        format!("Memory Efficiency (VGC): peak RSS of `{SEED_MEMORY_PROGRAM}`"),
        "68% (CPython)".to_string(),
        "96% (projected)".to_string(),
        "seed 000, Table 1".to_string(),
    ];
    let mem = r
        .results
        .iter()
        .find(|res| res.program.name == SEED_MEMORY_PROGRAM);
    for (i, rt) in r.runtimes.iter().enumerate() {
        row.push(match mem {
            Some(res) => cell_text(rt, &res.cells[i], |c| format!("{} MiB", mib(peak_rss(c)))),
            None => "not run".to_string(),
        });
    }
    let _ = writeln!(out, "| {} |\n", row.join(" | "));
    out.push_str(
        "The paper's memory percentages name no workload and define no metric, so they cannot be \
reproduced; the row shows what can be measured instead: the peak resident set size of the \
allocation-churn program at this run's size.\n\n",
    );
}

fn warmup_section(out: &mut String, r: &Report) {
    if r.warmups.is_empty() {
        return;
    }
    out.push_str("## Warmup\n\nEach program below ran once per runtime with N iterations of the same \
work in one process, printing each iteration's CPU time (Python: `time.process_time`; Lua: `os.clock`, \
the only sub-second clock standard Lua has), which a busy machine disturbs less than wall time. *Steady* is the median of the second half of the \
iterations; *reached* is the first iteration within 10% of it. Milliseconds.\n\n");
    for w in &r.warmups {
        let _ = writeln!(
            out,
            "### {} (n={}, {} iterations)\n",
            w.program.name, w.size, w.iters
        );
        out.push_str("| runtime | iter 1 | iter 2 | iter 3 | iter 5 | iter 10 | last | steady | iter 1 / steady | reached |\n");
        out.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
        for rt in r.runtimes.iter().filter(|rt| !rt.available()) {
            let _ = writeln!(out, "| {} | missing |||||||||", rt.def.label);
        }
        for curve in &w.curves {
            let label = r.runtimes[curve.runtime].def.label;
            match &curve.result {
                Err(e) => {
                    let _ = writeln!(out, "| {label} | FAIL: {} |||||||||", e.replace('|', "\\|"));
                }
                Ok(times) => {
                    let at = |k: usize| times.get(k - 1).map_or("-".to_string(), |t| millis(*t));
                    let half = &times[times.len() / 2..];
                    let steady = stats::summarize(half).map_or(f64::NAN, |s| s.median);
                    let reached = times
                        .iter()
                        .position(|t| (t - steady).abs() <= 0.1 * steady)
                        .map_or("-".to_string(), |k| (k + 1).to_string());
                    let first = times.first().copied().unwrap_or(f64::NAN);
                    let _ = writeln!(
                        out,
                        "| {label} | {} | {} | {} | {} | {} | {} | {} | {} | {reached} |",
                        at(1),
                        at(2),
                        at(3),
                        at(5),
                        at(10),
                        at(times.len()),
                        millis(steady),
                        if steady > 0.0 {
                            ratio(first / steady)
                        } else {
                            "-".into()
                        },
                    );
                }
            }
        }
        out.push('\n');
    }
}

fn failures_section(out: &mut String, r: &Report) {
    let mut lines = Vec::new();
    let all = r
        .results
        .iter()
        .chain(r.seed_exact.iter().map(|(_, res)| res));
    for res in all {
        for (rt, cell) in r.runtimes.iter().zip(&res.cells) {
            if let Some(f) = &cell.failure {
                lines.push(format!(
                    "- `{}` n={} on {}: {}",
                    res.program.name, res.size, rt.def.label, f
                ));
            }
        }
    }
    out.push_str("## Failures\n\n");
    if lines.is_empty() {
        out.push_str("None: every run that took place printed the expected answer.\n\n");
    } else {
        out.push_str("A failed cell shows `FAIL` in every table and contributes no time.\n\n");
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out.push('\n');
    }
}

/// The whole RESULTS.md text. `chart` is the SVG file name to embed, if drawn.
pub fn render(r: &Report, chart: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str("# Benchmark results\n\n");
    let _ = writeln!(
        out,
        "Generated by `` {} `` on {} in {:.0} s. Mode: **{}** ({} interleaved round(s) after {} warm-up round(s); \
a run is killed after {} s). Regenerate with `cargo xtask bench{}`; see benches/README.md.\n",
        r.command_line,
        r.started,
        r.elapsed_secs,
        r.cfg.mode.name(),
        r.cfg.runs,
        r.cfg.warmups,
        r.cfg.timeout.as_secs(),
        if r.cfg.mode == Mode::Quick {
            " --quick"
        } else {
            ""
        },
    );
    out.push_str("## Machine\n\n");
    let m = &r.machine;
    let _ = writeln!(
        out,
        "- CPU: {} ({} cores available)\n- Memory: {}\n- OS: {}, Linux {}",
        m.cpu, m.cores, m.memory, m.os, m.kernel
    );
    let load = |l: Option<f64>| l.map_or("unknown".to_string(), |l| format!("{l:.2}"));
    let _ = writeln!(
        out,
        "- 1-minute load average: {} at the start, {} at the end\n",
        load(r.load_before),
        load(r.load_after)
    );
    let busiest = r
        .load_before
        .into_iter()
        .chain(r.load_after)
        .fold(0.0, f64::max);
    if busiest > m.cores as f64 {
        let _ = writeln!(
            out,
            "**The machine was shared during this run** (load {busiest:.1} on {} cores): wall times include \
time spent waiting for a core and are noisier than on an idle machine; the CPU-time tables are less \
affected. Ratios pair runs of the same round, so both sides saw similar load.\n",
            m.cores
        );
    }
    runtimes_section(&mut out, r);
    if !r.notes.is_empty() {
        out.push_str("Notes from this run:\n\n");
        for n in &r.notes {
            let _ = writeln!(out, "- {n}");
        }
        out.push('\n');
    }
    if let Some(file) = chart {
        let _ = writeln!(out, "![Wall time per program and runtime]({file})\n");
    }
    out.push_str(
        "## Wall time, median (s)\n\nEach program printed one checksum line; every run's \
output was compared with the answer the reference runtimes agree on. `missing`: the runtime is not \
available (see above); `FAIL`: a crash, timeout or wrong answer (see Failures).\n\n",
    );
    per_runtime_table(&mut out, r, &|c| {
        wall(c).map_or("-".into(), |s| secs(s.median))
    });
    out.push_str("## Wall time, min-max (s)\n\n");
    per_runtime_table(&mut out, r, &|c| {
        wall(c).map_or("-".into(), |s| format!("{}-{}", secs(s.min), secs(s.max)))
    });
    out.push_str("## CPU time (user + sys), median (s)\n\n");
    per_runtime_table(&mut out, r, &|c| {
        cpu(c).map_or("-".into(), |s| secs(s.median))
    });
    out.push_str("## Peak RSS, largest over the recorded runs (MiB)\n\n");
    per_runtime_table(&mut out, r, &|c| mib(peak_rss(c)));
    ratios_section(&mut out, r, Metric::Wall);
    ratios_section(&mut out, r, Metric::Cpu);
    seed_section(&mut out, r);
    warmup_section(&mut out, r);
    crate::jit_stats::section(&mut out, &r.jit, r.load_after);
    crate::startup::section(&mut out, &r.startup);
    crate::vgc::render(&mut out, r.vgc.as_ref(), r.runtimes, &r.results);
    failures_section(&mut out, r);
    out.push_str("## Programs\n\n| program | what it exercises | sizes (smoke / quick / full) | expected answer |\n|---|---|---|---|\n");
    for res in &r.results {
        let p = res.program;
        let _ = writeln!(
            out,
            "| {} | {} | {} / {} / {} | `{}` ({}) |",
            p.name,
            p.about,
            p.smoke,
            p.quick,
            p.full,
            res.expected.as_deref().unwrap_or("none"),
            res.expected_from
        );
    }
    out.push_str(
        "\nMicro benchmarks of the JIT and the collector (`cargo bench -p metatrace-benches`: trace \
compile time, optimiser passes, VGC allocation and collection) are not part of this report; the \
collector's tables are in the VGC section above.\n",
    );
    out
}

/// Bars: median wall time relative to CPython when CPython ran, else seconds.
pub fn chart_data(r: &Report) -> ChartData {
    let base_idx = index_of(r.runtimes, "python3").filter(|&i| r.runtimes[i].available());
    let programs: Vec<String> = r
        .results
        .iter()
        .map(|res| res.program.name.to_string())
        .collect();
    let series = r
        .runtimes
        .iter()
        .enumerate()
        .filter(|(_, rt)| rt.available())
        .map(|(i, rt)| Series {
            label: rt.def.label.to_string(),
            values: r
                .results
                .iter()
                .map(|res| {
                    let c = &res.cells[i];
                    if !c.ok() {
                        return None;
                    }
                    let m = wall(c)?.median;
                    match base_idx {
                        Some(b) if res.cells[b].ok() => Some(m / wall(&res.cells[b])?.median),
                        Some(_) => None,
                        None => Some(m),
                    }
                })
                .collect(),
        })
        .collect();
    let (title, axis, marker) = if base_idx.is_some() {
        (
            "Median wall time relative to CPython (log scale; lower is faster)",
            "time / CPython time",
            Some(1.0),
        )
    } else {
        (
            "Median wall time (log scale; lower is faster)",
            "seconds",
            None,
        )
    };
    ChartData {
        title: format!("{title}, {} mode", r.cfg.mode.name()),
        axis: axis.to_string(),
        programs,
        series,
        marker,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::machine;
    use crate::measure::{Outcome, Sample};
    use crate::programs::{Mode, find};
    use crate::runtimes::RUNTIMES;
    use std::time::Duration;

    fn sample(wall: f64) -> Sample {
        Sample {
            outcome: Outcome::Exited(0),
            wall,
            cpu: wall / 2.0,
            max_rss_kib: 2048,
            stdout: "1\n".into(),
            stderr: String::new(),
        }
    }

    #[test]
    fn failed_and_missing_cells_show_no_number() {
        let cfg = Config {
            mode: Mode::Quick,
            filter: None,
            runs: 2,
            warmups: 0,
            timeout: Duration::from_secs(1),
            bench_dir: crate::bench_dir(),
        };
        // Ours are missing; CPython ran at 4.25 s; PyPy printed a wrong answer at 7.75 s.
        let runtimes: Vec<Runtime> = RUNTIMES
            .iter()
            .map(|d| Runtime {
                def: *d,
                status: if d.ours {
                    Status::Missing {
                        reason: "no binary given".into(),
                    }
                } else {
                    Status::Available {
                        path: "/bin/true".into(),
                        version: "v".into(),
                    }
                },
            })
            .collect();
        let mut cells: Vec<Cell> = runtimes.iter().map(|_| Cell::default()).collect();
        for (cell, rt) in cells.iter_mut().zip(&runtimes) {
            if rt.available() {
                cell.ran = true;
                let t = if rt.def.id == "pypy3" { 7.75 } else { 4.25 };
                cell.samples = vec![sample(t), sample(t)];
            }
        }
        let pypy = runtimes.iter().position(|r| r.def.id == "pypy3").unwrap();
        cells[pypy].failure = Some("wrong output: got `2`, expected `1`".into());
        let report = Report {
            cfg: &cfg,
            command_line: "metatrace-benches --quick".into(),
            machine: machine::detect(),
            started: "2000-01-01 00:00 UTC".into(),
            elapsed_secs: 1.0,
            runtimes: &runtimes,
            notes: vec![],
            results: vec![ProgramResult {
                program: find("fib").unwrap(),
                size: 31,
                expected: Some("1".into()),
                expected_from: "agreed by python3".into(),
                cells,
            }],
            seed_exact: vec![],
            warmups: vec![],
            load_before: None,
            load_after: None,
            vgc: None,
            jit: Vec::new(),
            startup: Vec::new(),
        };
        let text = render(&report, None);
        assert!(
            text.contains("| fib | 31 | missing | missing | 4.25 | FAIL |"),
            "{text}"
        );
        assert!(
            !text.contains("7.75"),
            "a failed cell's time must not appear"
        );
        assert!(text.contains("`fib` n=31 on PyPy: wrong output"));
        assert!(text.contains("| pyvgc (ours) | Python | **missing** | no binary given |"));
        // fib(40) makes 331160281 calls against 4356617 for fib(31): 4.25 s x 76.01,
        // shown as a labelled projection.
        assert!(text.contains("~323 s"), "{text}");
    }
}
