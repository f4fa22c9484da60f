//! The benchmark programs: names, sizes per mode, and the seed scenarios.
//!
//! Every program exists twice, `python/NAME.py` and `lua/NAME.lua`, takes its
//! size as the first argument and prints one checksum line that is identical in
//! both languages, so every runtime can be checked against every other. The
//! table here is the only place sizes live. It deliberately holds no expected
//! outputs: the runner takes the answer the reference runtimes agree on, so a
//! changed program can never be checked against a stale constant.

use std::path::{Path, PathBuf};

/// Source language of a program file, and so which runtimes can run it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Python,
    Lua,
}

impl Lang {
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Python => "python",
            Lang::Lua => "lua",
        }
    }

    pub fn ext(self) -> &'static str {
        match self {
            Lang::Python => "py",
            Lang::Lua => "lua",
        }
    }
}

/// Which size a run uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Tiny sizes (about 0.05 s under CPython): only checks that outputs agree.
    Smoke,
    /// About 0.3 to 1 s under CPython / Lua 5.4 per run.
    Quick,
    /// The sizes results are published at; several seconds per run.
    Full,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Smoke => "smoke",
            Mode::Quick => "quick",
            Mode::Full => "full",
        }
    }
}

/// How a program's work grows with its size, used only to project a
/// measurement at one size onto a seed scenario's size (always labelled as a
/// projection in the report).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scaling {
    Linear,
    Cubic,
    /// Work is the number of calls of naive fib(n): 2 * F(n + 1) - 1.
    FibCalls,
}

impl Scaling {
    /// Units of work done at size `n`.
    pub fn work(self, n: u64) -> f64 {
        match self {
            Scaling::Linear => n as f64,
            Scaling::Cubic => (n as f64).powi(3),
            Scaling::FibCalls => {
                let (mut a, mut b) = (0f64, 1f64);
                for _ in 0..=n {
                    let next = a + b;
                    a = b;
                    b = next;
                }
                // After n + 1 steps `a` is F(n + 1).
                2.0 * a - 1.0
            }
        }
    }
}

/// Per-iteration timing run for the warmup table: the program is given a
/// second argument (iterations) and prints `iter K SECONDS` lines to stderr.
#[derive(Clone, Copy, Debug)]
pub struct Warmup {
    pub size: u64,
    pub iters_quick: u64,
    pub iters_full: u64,
}

#[derive(Clone, Copy, Debug)]
pub struct Program {
    pub name: &'static str,
    pub about: &'static str,
    pub smoke: u64,
    pub quick: u64,
    pub full: u64,
    pub scaling: Scaling,
    pub warmup: Option<Warmup>,
}

impl Program {
    pub fn size(&self, mode: Mode) -> u64 {
        match mode {
            Mode::Smoke => self.smoke,
            Mode::Quick => self.quick,
            Mode::Full => self.full,
        }
    }

    pub fn source(&self, bench_dir: &Path, lang: Lang) -> PathBuf {
        bench_dir
            .join(lang.dir())
            .join(format!("{}.{}", self.name, lang.ext()))
    }
}

const fn prog(
    name: &'static str,
    about: &'static str,
    smoke: u64,
    quick: u64,
    full: u64,
    scaling: Scaling,
) -> Program {
    Program {
        name,
        about,
        smoke,
        quick,
        full,
        scaling,
        warmup: None,
    }
}

const fn with_warmup(mut p: Program, size: u64, iters_quick: u64, iters_full: u64) -> Program {
    p.warmup = Some(Warmup {
        size,
        iters_quick,
        iters_full,
    });
    p
}

/// All programs, in report order. Quick sizes were picked so that CPython
/// 3.11 spends roughly 0.2 to 0.6 s of CPU on each (Lua 5.4 is often several
/// times faster at the same size); full sizes take seconds. Kept as one
/// aligned table, hence the rustfmt skip.
#[rustfmt::skip]
pub const PROGRAMS: &[Program] = &[
    //   name              what it exercises                          smoke   quick      full         scaling
    prog("loop",           "counting while-loop",                     200_000, 10_000_000, 100_000_000, Scaling::Linear),
    prog("sum_squares",    "sum of j*j mod p",                        100_000, 3_000_000,  30_000_000,  Scaling::Linear),
    prog("squares",        "sum of i*i, mod p once per 1e5 terms",    200_000, 4_000_000,  100_000_000, Scaling::Linear),
    with_warmup(
    prog("fib",            "naive recursive fib(n)",                  18,      31,         34,          Scaling::FibCalls),
        24, 12, 30),
    with_warmup(
    prog("nbody",          "5-body simulation, n steps",              1_000,   40_000,     500_000,     Scaling::Linear),
        5_000, 12, 30),
    prog("spectral_norm",  "power method, n x n",                     30,      200,        500,         Scaling::Linear),
    prog("mandelbrot",     "escape time, n x n grid",                 40,      300,        800,         Scaling::Linear),
    prog("fannkuch",       "pancake flips, all n! permutations",      6,       8,          9,           Scaling::Linear),
    prog("matmul",         "list-of-lists float matmul, n x n",       20,      160,        256,         Scaling::Cubic),
    with_warmup(
    prog("oo_sim",         "class hierarchy + method calls, n ticks", 40,      1_200,      5_000,       Scaling::Linear),
        100, 12, 30),
    prog("word_freq",      "string split + dict counting, n words",   10_000,  400_000,    2_000_000,   Scaling::Linear),
    prog("alloc_churn",    "short-lived objects, n steps",            10_000,  400_000,    3_000_000,   Scaling::Linear),
    prog("deep_recursion", "10000-deep recursion, n times",           3,       200,        1_000,       Scaling::Linear),
    prog("generators",     "4-stage generator/coroutine pipeline",    20_000,  1_500_000,  10_000_000,  Scaling::Linear),
    prog("exceptions",     "raise/catch two frames down",             10_000,  600_000,    3_000_000,   Scaling::Linear),
    with_warmup(
    prog("closure_interp", "AST compiled to closures, n loop trips",  5_000,   300_000,    3_000_000,   Scaling::Linear),
        20_000, 12, 30),
];

/// One row of the seed papers' tables that this suite can measure.
#[derive(Clone, Copy, Debug)]
pub struct SeedScenario {
    pub label: &'static str,
    pub program: &'static str,
    pub size: u64,
    /// The paper's number for standard CPython (or its own prototype), as printed.
    pub paper_baseline: &'static str,
    /// The paper's projected or measured number for its framework, as printed.
    pub paper_framework: &'static str,
    pub source: &'static str,
}

impl SeedScenario {
    /// The scaling law of the scenario's program (to project other sizes).
    pub fn scaling(&self) -> Scaling {
        find(self.program).map_or(Scaling::Linear, |p| p.scaling)
    }
}

/// Table 1 of seed 000 (projections, never measured there) and the matrix
/// rows of seed 001 section 8 (measured on the authors' C++ prototype).
pub const SEED_SCENARIOS: &[SeedScenario] = &[
    SeedScenario {
        label: "Loop Execution (1B count)",
        program: "loop",
        size: 1_000_000_000,
        paper_baseline: "66.88 s (CPython)",
        paper_framework: "1.12 s (projected)",
        source: "seed 000, Table 1",
    },
    SeedScenario {
        label: "Recursion (Fibonacci 40)",
        program: "fib",
        size: 40,
        paper_baseline: "6.50 s (CPython)",
        paper_framework: "2.10 s (projected)",
        source: "seed 000, Table 1",
    },
    SeedScenario {
        label: "Matrix 256x256",
        program: "matmul",
        size: 256,
        paper_baseline: "-",
        paper_framework: "0.061 s (C++ prototype)",
        source: "seed 001, 8.10",
    },
    SeedScenario {
        label: "Matrix 512x512",
        program: "matmul",
        size: 512,
        paper_baseline: "-",
        paper_framework: "0.473 s (C++ prototype)",
        source: "seed 001, 8.11",
    },
    SeedScenario {
        label: "Matrix 1024x1024",
        program: "matmul",
        size: 1024,
        paper_baseline: "-",
        paper_framework: "3.653 s (C++ prototype)",
        source: "seed 001, 8.12",
    },
];

/// The memory row of seed 000's Table 1 ("Memory Efficiency (VGC) 68% -> 96%")
/// names no workload and defines no metric, so the report shows measured peak
/// RSS of this program instead and says so.
pub const SEED_MEMORY_PROGRAM: &str = "alloc_churn";

pub fn find(name: &str) -> Option<&'static Program> {
    PROGRAMS.iter().find(|p| p.name == name)
}

/// Programs whose name contains any of the comma-separated parts of `filter`.
pub fn selected(filter: Option<&str>) -> Vec<&'static Program> {
    match filter {
        None => PROGRAMS.iter().collect(),
        Some(f) => {
            let parts: Vec<&str> = f
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            PROGRAMS
                .iter()
                .filter(|p| parts.iter().any(|part| p.name.contains(part)))
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fib_work_counts_calls_of_naive_fib() {
        // fib(0) and fib(1) are one call each; fib(2) calls fib(1) and fib(0).
        assert_eq!(Scaling::FibCalls.work(0), 1.0);
        assert_eq!(Scaling::FibCalls.work(1), 1.0);
        assert_eq!(Scaling::FibCalls.work(2), 3.0);
        assert_eq!(Scaling::FibCalls.work(10), 177.0);
    }

    #[test]
    fn sizes_grow_from_smoke_to_full() {
        for p in PROGRAMS {
            assert!(p.smoke < p.quick && p.quick <= p.full, "{}", p.name);
        }
    }

    #[test]
    fn every_program_has_both_sources() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        for p in PROGRAMS {
            for lang in [Lang::Python, Lang::Lua] {
                let src = p.source(dir, lang);
                assert!(src.is_file(), "missing {}", src.display());
            }
        }
    }

    #[test]
    fn seed_scenarios_name_existing_programs() {
        for s in SEED_SCENARIOS {
            assert!(find(s.program).is_some(), "{}", s.program);
        }
        assert!(find(SEED_MEMORY_PROGRAM).is_some());
    }

    #[test]
    fn filter_matches_substrings_and_lists() {
        let names: Vec<_> = selected(Some("fib,matmul"))
            .iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, ["fib", "matmul"]);
        assert_eq!(selected(None).len(), PROGRAMS.len());
        assert!(selected(Some("no-such-program")).is_empty());
    }
}
