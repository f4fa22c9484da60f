//! The VGC section of RESULTS.md: the collector's own tables as medians of several runs, and
//! lua-demo on VGC against Lua 5.4 on the allocation-churn program.
//!
//! The collector's numbers come from `vgc/examples/tables.rs` (built by `cargo xtask bench` and
//! given as `--vgc-tables PATH`). It prints markdown: `## ` headings, prose lines, and tables
//! whose first column names the row (what comes before the first heading is skipped). The runner runs the whole example several times, parses
//! every run, and renders each table once with the median of every numeric cell (a cell such as
//! `12x` or `1024 KiB` keeps its unit; an integer count stays an integer). Prose is merged word
//! by word the same way, so a number inside a sentence is a median too. A non-numeric cell that
//! differs between runs shows every run's value; runs whose tables differ in shape are an error,
//! reported in the section. Nothing here knows what the tables mean: a table added to the example
//! appears in the report. The 10^7-object pause row (about 5 s a run) runs in quick mode too, since
//! the issue asks for it in the report, but only when the machine has the memory for it.
//!
//! The Lua comparison reads the `alloc_churn` program's cells from the same report (it is one of
//! the suite's programs), so it exists only when that program was selected.

use std::fmt::Write;
use std::path::Path;
use std::time::Duration;

use crate::measure;
use crate::programs::Mode;
use crate::runtimes::Runtime;
use crate::stats;
use crate::suite::{Cell, ProgramResult};

/// Memory the 10^7-object pause row needs, as MemAvailable: the example's peak RSS with it is
/// about 0.33 GiB; the margin leaves room for whatever else the machine runs.
const FULL_ROW_MIN_AVAILABLE_KIB: u64 = 1 << 20;

/// Lua tables `alloc_churn` allocates per step: two `Point.new` tables, `t` and the pair inside it.
const ALLOC_CHURN_TABLES_PER_STEP: u64 = 4;

/// One block of the example's output.
#[derive(Clone, Debug, PartialEq)]
enum Block {
    Heading(String),
    Text(String),
    Table {
        header: String,
        align: String,
        rows: Vec<Vec<String>>,
    },
}

/// The merged collector tables, or why there are none.
#[derive(Clone, Debug)]
pub struct VgcSection {
    /// The example's arguments and how many runs were merged.
    pub runs: usize,
    pub args: Vec<String>,
    /// Why the 10^7 row is absent, when it is.
    pub skipped_row: Option<String>,
    pub tables: Result<String, String>,
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    // The title and the lines before the first `## ` describe the whole run (build, mode), which
    // the section's own introduction says.
    let mut lines = text
        .lines()
        .skip_while(|l| !l.starts_with("## "))
        .peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        if let Some(h) = line.strip_prefix("## ") {
            blocks.push(Block::Heading(h.to_string()));
        } else if line.starts_with('|') {
            let align = lines.next_if(|l| l.starts_with("|-") || l.starts_with("|:"));
            let mut rows = Vec::new();
            while let Some(row) = lines.next_if(|l| l.starts_with('|')) {
                rows.push(cells(row));
            }
            blocks.push(Block::Table {
                header: line.to_string(),
                align: align.unwrap_or("").trim_end().to_string(),
                rows,
            });
        } else {
            blocks.push(Block::Text(line.to_string()));
        }
    }
    blocks
}

/// `12.5x` -> (12.5, 1, "x"): the leading number, its decimals and the rest.
fn number(s: &str) -> Option<(f64, usize, &str)> {
    let end = s
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && c == '-')))
        .map_or(s.len(), |(i, _)| i);
    let (num, rest) = s.split_at(end);
    let value: f64 = num.parse().ok()?;
    let decimals = num.split_once('.').map_or(0, |(_, d)| d.len());
    Some((value, decimals, rest))
}

/// The median of one cell over the runs.
fn merge_cell(values: &[&str]) -> String {
    let parsed: Vec<_> = values.iter().map(|v| number(v)).collect();
    if let Some(Some((_, _, unit))) = parsed.first()
        && parsed.iter().all(|p| p.is_some_and(|(_, _, u)| u == *unit))
    {
        let xs: Vec<f64> = parsed.iter().map(|p| p.expect("checked").0).collect();
        let decimals = parsed.iter().map(|p| p.expect("checked").1).max();
        if let Some(s) = stats::summarize(&xs) {
            return format!("{:.*}{unit}", decimals.unwrap_or(0), s.median);
        }
    }
    if values.iter().all(|v| v == &values[0]) {
        values[0].to_string()
    } else {
        values.join(" / ")
    }
}

fn merge_text(lines: &[&str]) -> String {
    let words: Vec<Vec<&str>> = lines.iter().map(|l| l.split(' ').collect()).collect();
    if words.iter().any(|w| w.len() != words[0].len()) {
        return lines[0].to_string();
    }
    (0..words[0].len())
        .map(|k| merge_cell(&words.iter().map(|w| w[k]).collect::<Vec<_>>()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Merges several runs' output into one markdown text of medians.
fn merge(outputs: &[String]) -> Result<String, String> {
    let runs: Vec<Vec<Block>> = outputs.iter().map(|o| parse(o)).collect();
    let first = runs.first().ok_or("no run")?;
    if first.is_empty() {
        return Err("the example printed nothing".to_string());
    }
    let mut out = String::new();
    for (k, block) in first.iter().enumerate() {
        let same: Vec<&Block> = runs.iter().filter_map(|r| r.get(k)).collect();
        if same.len() != runs.len() {
            return Err(format!("run outputs differ in length at block {k}"));
        }
        match block {
            Block::Heading(h) => {
                let _ = writeln!(out, "### {h}\n");
            }
            Block::Text(_) => {
                let lines: Vec<&str> = same
                    .iter()
                    .map(|b| match b {
                        Block::Text(t) => Ok(t.as_str()),
                        _ => Err(format!("run outputs differ in shape at block {k}")),
                    })
                    .collect::<Result<_, _>>()?;
                let _ = writeln!(out, "{}\n", merge_text(&lines));
            }
            Block::Table {
                header,
                align,
                rows,
            } => {
                let tables: Vec<&Vec<Vec<String>>> = same
                    .iter()
                    .map(|b| match b {
                        Block::Table { rows: other, .. }
                            if other.len() == rows.len()
                                && other.iter().zip(rows).all(|(a, b)| a.len() == b.len()) =>
                        {
                            Some(other)
                        }
                        _ => None,
                    })
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("run outputs differ in shape at block {k}"))?;
                let _ = writeln!(out, "{header}\n{align}");
                for (r, row) in rows.iter().enumerate() {
                    let merged: Vec<String> = (0..row.len())
                        .map(|c| {
                            let values: Vec<&str> =
                                tables.iter().map(|t| t[r][c].as_str()).collect();
                            merge_cell(&values)
                        })
                        .collect();
                    let _ = writeln!(out, "| {} |", merged.join(" | "));
                }
                out.push('\n');
            }
        }
    }
    Ok(out)
}

fn mem_available_kib() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the tables example `runs` times and merges the outputs.
pub fn run(example: &Path, _mode: Mode, runs: usize, timeout: Duration) -> VgcSection {
    let available = mem_available_kib();
    let skipped_row = if available.is_none_or(|a| a < FULL_ROW_MIN_AVAILABLE_KIB) {
        Some(format!(
            "the machine has {} of available memory, under the {} GiB the row needs",
            available.map_or("an unknown amount".to_string(), |a| format!(
                "{:.1} GiB",
                a as f64 / (1 << 20) as f64
            )),
            FULL_ROW_MIN_AVAILABLE_KIB >> 20
        ))
    } else {
        None
    };
    let args: Vec<String> = if skipped_row.is_some() {
        vec!["--quick".to_string()]
    } else {
        Vec::new()
    };
    let mut outputs = Vec::new();
    let mut tables = Ok(String::new());
    for k in 0..runs {
        eprintln!(
            "vgc tables: run {} of {runs} ({} {})",
            k + 1,
            example.display(),
            args.join(" ")
        );
        let sample = measure::run(example, &args, timeout);
        if !sample.outcome.ok() {
            tables = Err(format!(
                "{} failed: {}; stderr: {}",
                example.display(),
                sample.outcome.describe(),
                sample.stderr.trim()
            ));
            break;
        }
        outputs.push(sample.stdout);
    }
    if tables.is_ok() {
        tables = merge(&outputs);
    }
    VgcSection {
        runs: outputs.len(),
        args,
        skipped_row,
        tables,
    }
}

fn median_of(cell: &Cell, f: impl Fn(&measure::Sample) -> f64) -> Option<f64> {
    if !cell.ok() {
        return None;
    }
    let xs: Vec<f64> = cell.samples.iter().map(f).collect();
    stats::summarize(&xs).map(|s| s.median)
}

/// The `alloc_churn` table: lua-demo (with and without its JIT) against Lua 5.4.
fn lua_table(out: &mut String, runtimes: &[Runtime], results: &[ProgramResult]) {
    let Some(res) = results.iter().find(|r| r.program.name == "alloc_churn") else {
        out.push_str(
            "The lua-demo comparison needs the `alloc_churn` program, which this run did not select.\n\n",
        );
        return;
    };
    let allocations = res.size * ALLOC_CHURN_TABLES_PER_STEP;
    let _ = writeln!(
        out,
        "`alloc_churn` with n = {} allocates {} Lua tables ({} per step) with a ring of 256 survivors. \
Allocation rate = tables / median CPU time of the whole program (it includes the program's \
other work, the same for every runtime). Peak RSS is the largest over the recorded runs. Ratios \
are to Lua 5.4 (below 1 is better for time and memory).\n",
        res.size, allocations, ALLOC_CHURN_TABLES_PER_STEP
    );
    out.push_str("| runtime | CPU time (s) | wall time (s) | million tables per CPU second | peak RSS (MiB) | CPU time / Lua 5.4 | peak RSS / Lua 5.4 |\n|---|---:|---:|---:|---:|---:|---:|\n");
    let find = |id: &str| runtimes.iter().position(|r| r.def.id == id);
    let lua = find("lua5.4").map(|i| &res.cells[i]);
    let lua_cpu = lua.and_then(|c| median_of(c, |s| s.cpu));
    let lua_rss = lua
        .filter(|c| c.ok())
        .map(|c| c.samples.iter().map(|s| s.max_rss_kib).max().unwrap_or(0));
    for id in ["lua-demo", "lua-demo-nojit", "lua5.4", "luajit"] {
        let Some(i) = find(id) else { continue };
        let (rt, cell) = (&runtimes[i], &res.cells[i]);
        let (Some(cpu), Some(wall)) = (median_of(cell, |s| s.cpu), median_of(cell, |s| s.wall))
        else {
            let why = if !rt.available() {
                "missing"
            } else {
                "FAIL (see Failures)"
            };
            let _ = writeln!(out, "| {} | {why} | | | | | |", rt.def.label);
            continue;
        };
        let rss = cell
            .samples
            .iter()
            .map(|s| s.max_rss_kib)
            .max()
            .unwrap_or(0);
        let ratio = |a: f64, b: Option<f64>| b.map_or("-".to_string(), |b| format!("{:.2}", a / b));
        let _ = writeln!(
            out,
            "| {} | {cpu:.2} | {wall:.2} | {:.1} | {:.1} | {} | {} |",
            rt.def.label,
            allocations as f64 / cpu / 1e6,
            rss as f64 / 1024.0,
            ratio(cpu, lua_cpu),
            ratio(rss as f64, lua_rss.map(|r| r as f64)),
        );
    }
    out.push('\n');
}

/// The whole `## VGC` section.
pub fn render(
    out: &mut String,
    section: Option<&VgcSection>,
    runtimes: &[Runtime],
    results: &[ProgramResult],
) {
    out.push_str("## VGC\n\n");
    match section {
        None => out.push_str(
            "The collector's tables were not run (`--no-vgc`, or the runner was not given \
`--vgc-tables`; `cargo xtask bench` builds and passes it).\n\n",
        ),
        Some(s) => {
            let _ = writeln!(
                out,
                "The collector's own measurements: `vgc/examples/tables.rs` in a release build{}, run {} time(s) \
as a whole; every number is the median over the runs (counts that do not vary are exact). {}\n",
                if s.args.is_empty() {
                    String::new()
                } else {
                    format!(" with `{}`", s.args.join(" "))
                },
                s.runs,
                match &s.skipped_row {
                    Some(why) => format!("The 10^7-object pause row was not run: {why}."),
                    None => "All four pause rows ran.".to_string(),
                }
            );
            match &s.tables {
                Ok(text) => out.push_str(text),
                Err(e) => {
                    let _ = writeln!(out, "**Not measured:** {e}\n");
                }
            }
        }
    }
    out.push_str("### lua-demo on VGC against Lua 5.4: allocation churn\n\n");
    lua_table(out, runtimes, results);
}

#[cfg(test)]
mod tests {
    use super::*;

    const RUN_A: &str = "# VGC allocation tables (measured)\n\nRelease build.\n\n## Pauses\n\nPeak heap 100 KiB.\n\n| N | Red (us) | Ratio | Zone |\n|---:|---:|---:|---|\n| 10000 | 17.4 | 7x | Green |\n| 100000 | 11.0 | 90x | Green |\n";
    const RUN_B: &str = "# VGC allocation tables (measured)\n\nRelease build.\n\n## Pauses\n\nPeak heap 104 KiB.\n\n| N | Red (us) | Ratio | Zone |\n|---:|---:|---:|---|\n| 10000 | 12.0 | 9x | Green |\n| 100000 | 13.5 | 80x | Blue |\n";
    const RUN_C: &str = "# VGC allocation tables (measured)\n\nRelease build.\n\n## Pauses\n\nPeak heap 102 KiB.\n\n| N | Red (us) | Ratio | Zone |\n|---:|---:|---:|---|\n| 10000 | 15.0 | 8x | Green |\n| 100000 | 12.5 | 85x | Green |\n";

    #[test]
    fn tables_merge_to_cellwise_medians_keeping_units() {
        let merged = merge(&[RUN_A.into(), RUN_B.into(), RUN_C.into()]).unwrap();
        assert!(merged.starts_with("### Pauses"), "{merged}");
        assert!(merged.contains("Peak heap 102 KiB."), "{merged}");
        assert!(merged.contains("| 10000 | 15.0 | 8x | Green |"), "{merged}");
        // A text cell that differs between runs shows every run's value.
        assert!(
            merged.contains("| 100000 | 12.5 | 85x | Green / Blue / Green |"),
            "{merged}"
        );
        assert!(merged.contains("|---:|---:|---:|---|"), "{merged}");
    }

    #[test]
    fn merge_of_an_even_number_of_runs_averages_the_middle_two() {
        let merged = merge(&[RUN_A.into(), RUN_B.into()]).unwrap();
        assert!(merged.contains("| 10000 | 14.7 | 8x | Green |"), "{merged}");
    }

    #[test]
    fn runs_of_different_shapes_are_an_error() {
        let short = RUN_A.lines().take(10).collect::<Vec<_>>().join("\n");
        assert!(merge(&[RUN_A.into(), short]).is_err());
        assert!(merge(&[String::new()]).is_err());
    }

    #[test]
    fn numbers_keep_their_unit_and_decimals() {
        assert_eq!(number("12.50x"), Some((12.5, 2, "x")));
        assert_eq!(number("-3"), Some((-3.0, 0, "")));
        assert_eq!(number("KiB"), None);
        assert_eq!(merge_cell(&["1", "2", "4"]), "2");
    }
}
