//! Command-line flags of the runner, and the run they describe.
//!
//! Hand-written parsing (the workspace pins no argument parser for this
//! crate): every flag is listed in `USAGE`, an unknown flag or a bad value is
//! an error with that text, never a panic or a silent default.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::programs::{self, Mode, SEED_SCENARIOS};
use crate::report::{self, Report};
use crate::runtimes::{self, OursPaths, Runtime};
use crate::suite::{self, Config};

pub const USAGE: &str = "\
usage: metatrace-benches [--quick | --smoke] [options]

  (no mode flag)   full sizes, then the seed scenarios at their exact sizes
  --quick          quick sizes (about 0.3-1 s per run under CPython / Lua 5.4)
  --smoke          every program once at a tiny size on every available runtime;
                   exits non-zero if any output disagrees; writes no report
  --filter NAMES   only programs whose name contains one of the comma-separated NAMES
  --runs N         recorded interleaved rounds (default: 3 quick, 5 full)
  --warmup N       unrecorded rounds before them (default 1)
  --timeout SECS   kill a run after SECS seconds (default: 120 quick, 1800 full)
  --out DIR        where RESULTS.md and results.svg go (default: benches/)
  --lua-demo PATH  our Lua binary (runs as `lua-demo` and `lua-demo --no-jit`)
  --pyvgc PATH     our Python binary (runs as `pyvgc` and `pyvgc --no-jit`)
  --no-install     never apt-get install a missing reference runtime
  --no-warmup      skip the per-iteration warmup table
  --vgc-tables PATH vgc's `tables` example binary: run it and add the VGC
                   section (`cargo xtask bench` passes it unless --no-vgc)
  --vgc-runs N     runs of the tables example merged into medians (default 3)
  --note TEXT      add a line to the report's notes (repeatable; `cargo xtask
                   bench` says here why one of ours was not built)
  -h, --help       this text
";

#[derive(Clone, Debug)]
pub struct Options {
    pub mode: Mode,
    pub filter: Option<String>,
    pub runs: Option<usize>,
    pub warmup: usize,
    pub timeout: Option<u64>,
    pub out: Option<PathBuf>,
    pub ours: OursPaths,
    pub install: bool,
    pub warmup_table: bool,
    pub notes: Vec<String>,
    pub vgc_tables: Option<PathBuf>,
    pub vgc_runs: usize,
    pub help: bool,
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn number<T: std::str::FromStr>(s: &str, flag: &str) -> Result<T, String> {
    s.parse()
        .map_err(|_| format!("{flag}: `{s}` is not a valid number"))
}

pub fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        mode: Mode::Full,
        filter: None,
        runs: None,
        warmup: 1,
        timeout: None,
        out: None,
        ours: OursPaths::default(),
        install: true,
        warmup_table: true,
        notes: Vec::new(),
        vgc_tables: None,
        vgc_runs: 3,
        help: false,
    };
    let mut mode_flag: Option<&str> = None;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--quick" | "--smoke" => {
                if let Some(prev) = mode_flag.filter(|p| *p != a) {
                    return Err(format!("{prev} and {a} cannot be combined"));
                }
                mode_flag = Some(a);
                o.mode = if a == "--quick" {
                    Mode::Quick
                } else {
                    Mode::Smoke
                };
            }
            "--filter" => o.filter = Some(value(args, &mut i, a)?.to_string()),
            "--runs" => {
                let n: usize = number(value(args, &mut i, a)?, a)?;
                if n == 0 {
                    return Err("--runs must be at least 1".to_string());
                }
                o.runs = Some(n);
            }
            "--warmup" => o.warmup = number(value(args, &mut i, a)?, a)?,
            "--timeout" => {
                let t: u64 = number(value(args, &mut i, a)?, a)?;
                if t == 0 {
                    return Err("--timeout must be at least 1".to_string());
                }
                o.timeout = Some(t);
            }
            "--out" => o.out = Some(PathBuf::from(value(args, &mut i, a)?)),
            "--lua-demo" => o.ours.lua_demo = Some(PathBuf::from(value(args, &mut i, a)?)),
            "--pyvgc" => o.ours.pyvgc = Some(PathBuf::from(value(args, &mut i, a)?)),
            "--no-install" => o.install = false,
            "--no-warmup" => o.warmup_table = false,
            "--note" => o.notes.push(value(args, &mut i, a)?.to_string()),
            "--vgc-tables" => o.vgc_tables = Some(PathBuf::from(value(args, &mut i, a)?)),
            "--vgc-runs" => {
                let n: usize = number(value(args, &mut i, a)?, a)?;
                if n == 0 {
                    return Err("--vgc-runs must be at least 1".to_string());
                }
                o.vgc_runs = n;
            }
            "-h" | "--help" => o.help = true,
            _ => return Err(format!("unknown argument `{a}`")),
        }
        i += 1;
    }
    Ok(o)
}

impl Options {
    pub fn config(&self) -> Config {
        let quickish = self.mode != Mode::Full;
        Config {
            mode: self.mode,
            filter: self.filter.clone(),
            runs: self.runs.unwrap_or(if quickish { 3 } else { 5 }),
            warmups: if self.mode == Mode::Smoke {
                0
            } else {
                self.warmup
            },
            timeout: Duration::from_secs(self.timeout.unwrap_or(if quickish { 120 } else { 1800 })),
            bench_dir: crate::bench_dir(),
        }
    }
}

fn progress(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:32} {pos}/{len} runs, {elapsed} {wide_msg}")
    {
        bar.set_style(style);
    }
    bar
}

fn print_runtimes(runtimes: &[Runtime], notes: &[String]) {
    for n in notes {
        eprintln!("note: {n}");
    }
    for rt in runtimes {
        match &rt.status {
            runtimes::Status::Available { version, .. } => {
                eprintln!("  {:<18} {version}", rt.def.label)
            }
            runtimes::Status::Missing { reason } => {
                eprintln!("  {:<18} missing: {reason}", rt.def.label)
            }
        }
    }
}

/// Shows the command as the user would retype it, with paths relative to the workspace.
fn display_command(args: &[String]) -> String {
    let root = crate::bench_dir()
        .parent()
        .map(|p| format!("{}/", p.display()))
        .unwrap_or_default();
    let mut parts = vec!["metatrace-benches".to_string()];
    parts.extend(args.iter().map(|a| {
        let a = a.strip_prefix(&root).unwrap_or(a);
        if a.contains(char::is_whitespace) {
            format!("'{}'", a.replace('\'', "'\\''"))
        } else {
            a.to_string()
        }
    }));
    parts.join(" ")
}

/// Runs the whole command; returns the process exit code.
pub fn main_with(args: &[String]) -> i32 {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}\n\n{USAGE}");
            return 2;
        }
    };
    if opts.help {
        print!("{USAGE}");
        return 0;
    }
    let cfg = opts.config();
    let selected = programs::selected(cfg.filter.as_deref());
    if selected.is_empty() {
        eprintln!(
            "error: --filter {} matches no program",
            cfg.filter.as_deref().unwrap_or("")
        );
        return 2;
    }
    let mut notes = opts.notes.clone();
    let runtimes = runtimes::discover(&opts.ours, opts.install, &mut notes);
    print_runtimes(&runtimes, &notes);
    let available = runtimes.iter().filter(|r| r.available()).count() as u64;
    if available == 0 {
        eprintln!("error: no runtime is available, nothing to measure");
        return 1;
    }

    if cfg.mode == Mode::Smoke {
        let bar = progress(selected.len() as u64 * available);
        let rep = suite::smoke(&cfg, &runtimes, &bar);
        bar.finish_and_clear();
        for l in &rep.lines {
            println!("{l}");
        }
        println!(
            "smoke: {} programs on {} runtimes, {} disagreement(s)",
            rep.results.len(),
            rep.runtimes_used,
            rep.failures
        );
        return i32::from(rep.failures > 0);
    }

    let started = crate::machine::now_utc();
    let load_before = crate::machine::load_average().map(|l| l[0]);
    let t0 = Instant::now();
    let warm: Vec<_> = selected
        .iter()
        .filter(|p| opts.warmup_table && p.warmup.is_some())
        .collect();
    let seeds: Vec<_> = if cfg.mode == Mode::Full {
        SEED_SCENARIOS
            .iter()
            .filter(|s| selected.iter().any(|p| p.name == s.program))
            .collect()
    } else {
        Vec::new()
    };
    let total = available
        * ((cfg.runs + cfg.warmups) * selected.len() + warm.len() + seeds.len()) as u64
        + crate::jit_stats::run_count(&selected, &runtimes)
        + crate::startup::run_count(&runtimes);
    let bar = progress(total);
    let mut results = Vec::new();
    for p in &selected {
        let size = p.size(cfg.mode);
        results.push(suite::run_program(
            &cfg,
            p,
            size,
            &runtimes,
            cfg.runs,
            cfg.warmups,
            &[],
            &bar,
        ));
    }
    let mut warmups = Vec::new();
    for p in warm {
        warmups.extend(suite::run_warmup(&cfg, p, &runtimes, &bar));
    }
    let mut seed_exact = Vec::new();
    for sc in seeds {
        if let Some(p) = programs::find(sc.program) {
            seed_exact.push((
                *sc,
                suite::run_program(&cfg, p, sc.size, &runtimes, 1, 0, &[], &bar),
            ));
        }
    }
    let jit = crate::jit_stats::run(&cfg, &selected, &runtimes, &bar);
    let startup = crate::startup::run(&cfg, &runtimes, &bar);
    bar.finish_and_clear();
    let vgc = opts
        .vgc_tables
        .as_deref()
        .map(|path| crate::vgc::run(path, cfg.mode, opts.vgc_runs, cfg.timeout));

    let out_dir = opts.out.clone().unwrap_or_else(crate::bench_dir);
    if let Err(e) = std::fs::create_dir_all(&out_dir) {
        eprintln!("error: cannot create {}: {e}", out_dir.display());
        return 1;
    }
    let rep = Report {
        cfg: &cfg,
        command_line: display_command(args),
        machine: crate::machine::detect(),
        started,
        elapsed_secs: t0.elapsed().as_secs_f64(),
        runtimes: &runtimes,
        notes,
        results,
        seed_exact,
        warmups,
        load_before,
        load_after: crate::machine::load_average().map(|l| l[0]),
        vgc,
        jit,
        startup,
    };
    let svg = out_dir.join("results.svg");
    let chart = match crate::chart::draw(&report::chart_data(&rep), &svg) {
        Ok(()) => Some("results.svg"),
        Err(e) => {
            eprintln!("warning: no chart: {e}");
            None
        }
    };
    let text = report::render(&rep, chart);
    let md = out_dir.join("RESULTS.md");
    if let Err(e) = std::fs::write(&md, &text) {
        eprintln!("error: cannot write {}: {e}", md.display());
        return 1;
    }
    // Echo the medians table so a terminal user sees the headline numbers.
    if let Some(start) = text.find("## Wall time, median") {
        let section = &text[start..];
        let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
        println!("{}", &section[..end]);
    }
    let failures: usize = rep
        .results
        .iter()
        .chain(rep.seed_exact.iter().map(|(_, r)| r))
        .flat_map(|r| r.cells.iter())
        .filter(|c| c.failure.is_some())
        .count();
    eprintln!("wrote {} and {}", md.display(), svg.display());
    if failures > 0 {
        eprintln!(
            "{failures} failed cell(s): see the Failures section of {}",
            md.display()
        );
        return 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn flags_parse_into_options() {
        let o = parse(&args(
            "--quick --filter fib,loop --runs 7 --lua-demo /x/lua-demo --no-install",
        ))
        .unwrap();
        assert_eq!(o.mode, Mode::Quick);
        assert_eq!(o.filter.as_deref(), Some("fib,loop"));
        assert_eq!(o.config().runs, 7);
        assert_eq!(o.ours.lua_demo, Some(PathBuf::from("/x/lua-demo")));
        assert!(!o.install);
        let o = parse(&args("--note a --note b")).unwrap();
        assert_eq!(o.notes, ["a", "b"]);
        let o = parse(&args("--vgc-tables /x/tables --vgc-runs 5")).unwrap();
        assert_eq!(o.vgc_tables, Some(PathBuf::from("/x/tables")));
        assert_eq!(o.vgc_runs, 5);
        assert!(parse(&args("--vgc-runs 0")).is_err());
    }

    #[test]
    fn defaults_depend_on_mode() {
        let full = parse(&[]).unwrap().config();
        let quick = parse(&args("--quick")).unwrap().config();
        let smoke = parse(&args("--smoke")).unwrap().config();
        assert_eq!((full.runs, quick.runs), (5, 3));
        assert_eq!(smoke.warmups, 0);
    }

    #[test]
    fn bad_flags_are_errors_not_defaults() {
        assert!(parse(&args("--runs")).is_err());
        assert!(parse(&args("--runs x")).is_err());
        assert!(parse(&args("--runs 0")).is_err());
        assert!(parse(&args("--quick --smoke")).is_err());
        assert!(parse(&args("--frobnicate")).is_err());
    }

    #[test]
    fn displayed_command_quotes_arguments_with_spaces() {
        let shown = display_command(
            &args("--quick")
                .into_iter()
                .chain(["a b".to_string()])
                .collect::<Vec<_>>(),
        );
        assert_eq!(shown, "metatrace-benches --quick 'a b'");
    }

    #[test]
    fn unmatched_filter_exits_with_usage_error() {
        assert_eq!(
            main_with(&args("--smoke --filter no-such-program --no-install")),
            2
        );
    }
}
