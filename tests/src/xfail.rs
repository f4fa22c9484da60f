//! `expected-failures.txt`: reading the list of known failures, and regenerating it from a run's results.
//!
//! One entry per line, `<path> <mode|all> # reason`, comments start with `#`. Reading reports malformed
//! lines, unknown programs and unknown modes as problems (the run then fails), so the list cannot rot.
//! Regeneration keeps the header comment and every existing reason, gives new entries a dated generic
//! reason, and leaves entries of programs outside the current selection untouched. It deliberately does
//! not guess reasons: a regenerated entry says only that the program failed on that date.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// The list of known failures, relative to a suite's programs folder.
pub const XFAIL_FILE: &str = "expected-failures.txt";

/// One line of expected-failures.txt: which case, which mode (`None` = all modes), and why.
pub struct XFail {
    pub case: String,
    pub mode: Option<String>,
    pub reason: String,
    pub line_no: usize,
}

/// Parses `root/expected-failures.txt`; a missing file is an empty list. Returns the entries and the
/// problems found (each a complete message).
pub fn read_xfails(
    root: &Path,
    all_cases: &[String],
    mode_names: &[&str],
) -> (Vec<XFail>, Vec<String>) {
    let path = root.join(XFAIL_FILE);
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let Ok(text) = fs::read_to_string(&path) else {
        return (entries, problems);
    };
    let known: BTreeSet<&str> = all_cases.iter().map(String::as_str).collect();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (spec, reason) = match line.split_once('#') {
            Some((spec, reason)) => (spec.trim(), reason.trim()),
            None => (line, ""),
        };
        let fields: Vec<&str> = spec.split_whitespace().collect();
        let complaint = if fields.len() != 2 {
            Some("expected `<path> <mode|all> # reason`".to_string())
        } else if reason.is_empty() {
            Some("every expected failure needs a `# reason`".to_string())
        } else if !known.contains(fields[0]) {
            Some(format!("no program {}", fields[0]))
        } else if fields[1] != "all" && !mode_names.contains(&fields[1]) {
            Some(format!(
                "unknown mode {} (use all, {})",
                fields[1],
                mode_names.join(", ")
            ))
        } else {
            None
        };
        match complaint {
            Some(complaint) => problems.push(format!("{XFAIL_FILE}:{line_no}: {complaint}")),
            None => entries.push(XFail {
                case: fields[0].to_string(),
                mode: (fields[1] != "all").then(|| fields[1].to_string()),
                reason: reason.to_string(),
                line_no,
            }),
        }
    }
    (entries, problems)
}

/// The comment lines at the top of the file, kept as they are by regeneration.
fn header(old_text: &str) -> String {
    let mut header = String::new();
    for line in old_text.lines() {
        if !line.trim_start().starts_with('#') {
            break;
        }
        header.push_str(line);
        header.push('\n');
    }
    header
}

/// The header written when the file did not exist yet.
const DEFAULT_HEADER: &str = "\
# Known failures of this conformance suite, one per line:
#   <path relative to this folder> <mode|all> # reason
# Modes: no-jit, jit-threshold-1, default, or all. A listed case that passes makes the run fail with
# \"now passes: remove it from expected-failures.txt\", so this list can only shrink honestly.
# Regenerate from the current results with `cargo xtask bless-conformance --expected-failures`.
";

/// Rewrites `root/expected-failures.txt` so that it lists exactly the failing runs of `selected`
/// (`failing` holds `(case, mode name)` pairs), keeping the entries of other programs and every
/// reason already written. Returns a one-line summary of what changed.
pub fn regenerate(
    root: &Path,
    all_cases: &[String],
    selected: &[String],
    mode_names: &[&str],
    failing: &BTreeSet<(String, String)>,
) -> Result<String, String> {
    let path = root.join(XFAIL_FILE);
    let old_text = fs::read_to_string(&path).unwrap_or_default();
    let (old, _) = read_xfails(root, all_cases, mode_names);
    let selected_set: BTreeSet<&str> = selected.iter().map(String::as_str).collect();
    let generic = format!("fails (regenerated {})", today());
    let reason_for = |case: &str, mode: Option<&str>| -> String {
        let exact = old
            .iter()
            .find(|x| x.case == case && x.mode.as_deref() == mode);
        let any = old.iter().find(|x| x.case == case);
        exact
            .or(any)
            .map(|x| x.reason.clone())
            .unwrap_or_else(|| generic.clone())
    };

    // (case, mode, reason) with mode "all" for every mode.
    let mut lines: Vec<(String, String, String)> = old
        .iter()
        .filter(|x| !selected_set.contains(x.case.as_str()))
        .map(|x| {
            let mode = x.mode.clone().unwrap_or_else(|| "all".to_string());
            (x.case.clone(), mode, x.reason.clone())
        })
        .collect();
    for case in selected {
        let modes: Vec<&str> = mode_names
            .iter()
            .copied()
            .filter(|m| failing.contains(&(case.clone(), (*m).to_string())))
            .collect();
        if modes.is_empty() {
            continue;
        }
        if modes.len() == mode_names.len() {
            lines.push((case.clone(), "all".to_string(), reason_for(case, None)));
        } else {
            for mode in modes {
                lines.push((case.clone(), mode.to_string(), reason_for(case, Some(mode))));
            }
        }
    }
    let mode_rank = |mode: &str| {
        mode_names
            .iter()
            .position(|m| *m == mode)
            .unwrap_or(usize::MAX)
    };
    lines.sort_by(|a, b| a.0.cmp(&b.0).then(mode_rank(&a.1).cmp(&mode_rank(&b.1))));

    let mut text = header(&old_text);
    if text.is_empty() {
        text.push_str(DEFAULT_HEADER);
    }
    for (case, mode, reason) in &lines {
        text.push_str(&format!("{case} {mode} # {reason}\n"));
    }
    fs::write(&path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(format!(
        "wrote {} ({} entries, was {})",
        path.display(),
        lines.len(),
        old.len()
    ))
}

/// Today's UTC date as `YYYY-MM-DD`, from the system clock (no date crate needed for one line).
fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day), using the usual
/// era-of-400-years decomposition.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
