//! What machine the numbers come from: CPU model, cores, memory, OS, date.
//!
//! Read from /proc and /etc/os-release (Linux only, like the rest of the
//! runner); a field that cannot be read says "unknown" rather than failing
//! the run. The date is computed from the system clock in UTC without a
//! date library.

use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Debug)]
pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory: String,
    pub os: String,
    pub kernel: String,
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn field<'a>(text: &'a str, key: &str, sep: char) -> Option<&'a str> {
    text.lines().find_map(|l| {
        let (k, v) = l.split_once(sep)?;
        (k.trim() == key).then(|| v.trim())
    })
}

pub fn detect() -> Machine {
    let cpuinfo = read("/proc/cpuinfo");
    let meminfo = read("/proc/meminfo");
    let os_release = read("/etc/os-release");
    let memory = field(&meminfo, "MemTotal", ':')
        .and_then(|v| v.trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kib| format!("{:.1} GiB", kib / (1024.0 * 1024.0)))
        .unwrap_or_else(|| "unknown".to_string());
    Machine {
        cpu: field(&cpuinfo, "model name", ':')
            .unwrap_or("unknown")
            .to_string(),
        cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
        memory,
        os: field(&os_release, "PRETTY_NAME", '=')
            .map(|s| s.trim_matches('"').to_string())
            .unwrap_or_else(|| "unknown".to_string()),
        kernel: read("/proc/sys/kernel/osrelease").trim().to_string(),
    }
}

/// The 1, 5 and 15 minute load averages, if /proc/loadavg can be read.
pub fn load_average() -> Option<[f64; 3]> {
    let text = read("/proc/loadavg");
    let mut it = text.split_whitespace().map(|s| s.parse::<f64>().ok());
    Some([it.next()??, it.next()??, it.next()??])
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian
/// calendar, by counting 400-year eras of 146097 days from 0000-03-01.
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

/// Formats seconds since the epoch as `YYYY-MM-DD HH:MM UTC`.
pub fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

pub fn now_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format_utc(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_leap_days_convert_to_calendar_dates() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        // 2000-02-29 12:34 UTC, a leap day in a century leap year.
        assert_eq!(format_utc(951_827_640), "2000-02-29 12:34 UTC");
        // 2024-12-31 23:59 UTC.
        assert_eq!(format_utc(1_735_689_540), "2024-12-31 23:59 UTC");
    }

    #[test]
    fn detect_reads_this_machine() {
        let m = detect();
        assert!(m.cores >= 1);
        assert_ne!(m.cpu, "");
        let load = load_average().expect("/proc/loadavg");
        assert!(load.iter().all(|l| *l >= 0.0));
    }
}
