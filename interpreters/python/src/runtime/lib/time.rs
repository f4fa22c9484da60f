//! The native `time` module: clocks, `sleep`, `gmtime`/`localtime`/`mktime`, `strftime`,
//! `asctime`/`ctime`, and `struct_time`.
//!
//! Clocks use `std::time`; `perf_counter` and `monotonic` share one monotonic origin taken at
//! first use. Calendar conversion is done here (proleptic Gregorian, as C's `gmtime`) and the
//! local time zone comes from the C library's `localtime_r`/`mktime`, as CPython does.
//! `struct_time` is a tuple of the nine fields (CPython's is a structseq: its fields are also
//! attributes, which needs a tuple subclass this runtime does not offer yet), so
//! `time.localtime().tm_year` is not available while `time.localtime()[0]` is. `strftime`
//! implements the C directives in the C locale; `%c`, `%x`, `%X` use C-locale formats.

use super::args;
use crate::runtime::Value;
use crate::runtime::ops;
use crate::runtime::vm::{PyResult, Vm};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// C's `struct tm` (glibc layout on 64-bit Linux).
#[repr(C)]
#[derive(Clone, Copy)]
struct Tm {
    tm_sec: i32,
    tm_min: i32,
    tm_hour: i32,
    tm_mday: i32,
    tm_mon: i32,
    tm_year: i32,
    tm_wday: i32,
    tm_yday: i32,
    tm_isdst: i32,
    tm_gmtoff: i64,
    tm_zone: *const std::ffi::c_char,
}

impl Default for Tm {
    fn default() -> Tm {
        Tm {
            tm_sec: 0,
            tm_min: 0,
            tm_hour: 0,
            tm_mday: 0,
            tm_mon: 0,
            tm_year: 0,
            tm_wday: 0,
            tm_yday: 0,
            tm_isdst: 0,
            tm_gmtoff: 0,
            tm_zone: std::ptr::null(),
        }
    }
}

unsafe extern "C" {
    fn localtime_r(t: *const i64, out: *mut Tm) -> *mut Tm;
    fn mktime(tm: *mut Tm) -> i64;
}

fn origin() -> Instant {
    static ORIGIN: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn now_since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn t_time(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "time", a, kw, 0)?;
    Ok(Value::float(now_since_epoch().as_secs_f64()))
}

fn t_time_ns(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "time_ns", a, kw, 0)?;
    Ok(vm.new_bigint(num_bigint::BigInt::from(now_since_epoch().as_nanos())))
}

fn t_perf_counter(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "perf_counter", a, kw, 0)?;
    Ok(Value::float(origin().elapsed().as_secs_f64()))
}

fn t_perf_counter_ns(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "perf_counter_ns", a, kw, 0)?;
    Ok(Value::int(origin().elapsed().as_nanos() as i64))
}

fn t_process_time(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "process_time", a, kw, 0)?;
    // The process CPU clock is not exposed by std; the monotonic clock since first use is the
    // closest portable measure for a single-threaded interpreter.
    Ok(Value::float(origin().elapsed().as_secs_f64()))
}

fn t_sleep(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "time.sleep", a, kw)?;
    let secs = args::real(vm, v)?;
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    std::thread::sleep(Duration::from_secs_f64(secs.min(1e9)));
    Ok(Value::NONE)
}

/// Days since 1970-01-01 to (year, month 1-12, day 1-31), proleptic Gregorian.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// The nine struct_time fields of a UTC instant.
fn gm_fields(secs: i64) -> [i64; 9] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wday = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday; Monday is 0.
    let yday = days - days_from_civil(y, 1, 1) + 1;
    [
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        wday,
        yday,
        0,
    ]
}

fn local_fields(secs: i64) -> Option<([i64; 9], i64, String)> {
    let mut tm = Tm::default();
    // SAFETY: `localtime_r` writes only into `tm`, which lives for the call.
    let r = unsafe { localtime_r(&secs, &mut tm) };
    if r.is_null() {
        return None;
    }
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: glibc's tm_zone points to a NUL-terminated static string.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    Some((
        [
            tm.tm_year as i64 + 1900,
            tm.tm_mon as i64 + 1,
            tm.tm_mday as i64,
            tm.tm_hour as i64,
            tm.tm_min as i64,
            tm.tm_sec as i64,
            (tm.tm_wday as i64 + 6) % 7,
            tm.tm_yday as i64 + 1,
            tm.tm_isdst as i64,
        ],
        tm.tm_gmtoff,
        zone,
    ))
}

fn secs_arg(vm: &mut Vm, a: &[Value]) -> PyResult<i64> {
    match a.first() {
        None => Ok(now_since_epoch().as_secs() as i64),
        Some(v) if v.is_none() => Ok(now_since_epoch().as_secs() as i64),
        Some(&v) => {
            let f = args::real(vm, v)?;
            if !f.is_finite() {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(f.floor() as i64)
        }
    }
}

fn fields_value(vm: &mut Vm, f: &[i64; 9]) -> Value {
    let items: Vec<Value> = f.iter().map(|&x| Value::int(x)).collect();
    vm.new_tuple(items)
}

fn t_gmtime(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::range(vm, "gmtime", a, kw, 0, 1)?;
    let secs = secs_arg(vm, a)?;
    let f = gm_fields(secs);
    Ok(fields_value(vm, &f))
}

fn t_localtime(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::range(vm, "localtime", a, kw, 0, 1)?;
    let secs = secs_arg(vm, a)?;
    match local_fields(secs) {
        Some((f, _, _)) => Ok(fields_value(vm, &f)),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

/// Reads a struct_time-like 9-sequence.
fn tuple_fields(vm: &mut Vm, v: Value) -> PyResult<[i64; 9]> {
    let items = ops::collect(vm, v)?;
    if items.len() != 9 {
        return Err(vm.type_error("time.struct_time() takes a sequence of length 9"));
    }
    let mut out = [0i64; 9];
    for (i, item) in items.into_iter().enumerate() {
        out[i] = args::int(vm, item)?;
    }
    Ok(out)
}

fn t_mktime(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "time.mktime", a, kw)?;
    let f = tuple_fields(vm, v)?;
    let mut tm = Tm {
        tm_year: (f[0] - 1900) as i32,
        tm_mon: (f[1] - 1) as i32,
        tm_mday: f[2] as i32,
        tm_hour: f[3] as i32,
        tm_min: f[4] as i32,
        tm_sec: f[5] as i32,
        tm_wday: ((f[6] + 1) % 7) as i32,
        tm_yday: (f[7] - 1) as i32,
        tm_isdst: f[8] as i32,
        ..Tm::default()
    };
    // SAFETY: `mktime` reads and normalises `tm`, which lives for the call.
    let t = unsafe { mktime(&mut tm) };
    if t == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(Value::float(t as f64))
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn asctime_text(f: &[i64; 9]) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        &DAYS[f[6].rem_euclid(7) as usize][..3],
        &MONTHS[(f[1] - 1).clamp(0, 11) as usize][..3],
        f[2],
        f[3],
        f[4],
        f[5],
        f[0]
    )
}

/// `strftime` in the C locale. `zone` and `gmtoff` describe the time zone for `%Z`/`%z`.
fn strftime_text(fmt: &str, f: &[i64; 9], zone: &str, gmtoff: i64) -> String {
    let mut out = String::new();
    let mut it = fmt.chars();
    let week = |first_day: i64| {
        // Week number of the year with weeks starting on `first_day` (0 = Monday, 6 = Sunday).
        let yday0 = f[7] - 1;
        let wday = (f[6] - first_day).rem_euclid(7);
        (yday0 + 7 - wday) / 7
    };
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(d) = it.next() else {
            out.push('%');
            break;
        };
        let month = (f[1] - 1).clamp(0, 11) as usize;
        let day = f[6].rem_euclid(7) as usize;
        match d {
            'a' => out.push_str(&DAYS[day][..3]),
            'A' => out.push_str(DAYS[day]),
            'b' | 'h' => out.push_str(&MONTHS[month][..3]),
            'B' => out.push_str(MONTHS[month]),
            'c' => out.push_str(&asctime_text(f)),
            'C' => out.push_str(&format!("{:02}", f[0].div_euclid(100))),
            'd' => out.push_str(&format!("{:02}", f[2])),
            'D' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                f[1],
                f[2],
                f[0].rem_euclid(100)
            )),
            'e' => out.push_str(&format!("{:2}", f[2])),
            'F' => out.push_str(&format!("{}-{:02}-{:02}", f[0], f[1], f[2])),
            'H' => out.push_str(&format!("{:02}", f[3])),
            'I' => out.push_str(&format!(
                "{:02}",
                if f[3] % 12 == 0 { 12 } else { f[3] % 12 }
            )),
            'j' => out.push_str(&format!("{:03}", f[7])),
            'm' => out.push_str(&format!("{:02}", f[1])),
            'M' => out.push_str(&format!("{:02}", f[4])),
            'n' => out.push('\n'),
            'p' => out.push_str(if f[3] < 12 { "AM" } else { "PM" }),
            'R' => out.push_str(&format!("{:02}:{:02}", f[3], f[4])),
            'S' => out.push_str(&format!("{:02}", f[5])),
            't' => out.push('\t'),
            'T' | 'X' => out.push_str(&format!("{:02}:{:02}:{:02}", f[3], f[4], f[5])),
            'u' => out.push_str(&(f[6].rem_euclid(7) + 1).to_string()),
            'w' => out.push_str(&((f[6] + 1).rem_euclid(7)).to_string()),
            'U' => out.push_str(&format!("{:02}", week(6))),
            'W' => out.push_str(&format!("{:02}", week(0))),
            'x' => out.push_str(&format!(
                "{:02}/{:02}/{:02}",
                f[1],
                f[2],
                f[0].rem_euclid(100)
            )),
            'y' => out.push_str(&format!("{:02}", f[0].rem_euclid(100))),
            'Y' => out.push_str(&f[0].to_string()),
            'z' => {
                let sign = if gmtoff < 0 { '-' } else { '+' };
                let off = gmtoff.abs();
                out.push_str(&format!("{sign}{:02}{:02}", off / 3600, off % 3600 / 60));
            }
            'Z' => out.push_str(zone),
            '%' => out.push('%'),
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    out
}

fn t_strftime(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::range(vm, "strftime", a, kw, 1, 2)?;
    let Some(fmt) = ops::as_str(a[0]) else {
        let t = ops::type_name(vm, a[0]);
        return Err(vm.type_error(format!("strftime() argument 1 must be str, not {t}")));
    };
    let (f, zone, gmtoff) = match a.get(1) {
        Some(&v) => {
            let f = tuple_fields(vm, v)?;
            let now = now_since_epoch().as_secs() as i64;
            let (zone, off) = local_fields(now)
                .map(|(_, off, z)| (z, off))
                .unwrap_or_default();
            (f, zone, off)
        }
        None => {
            let now = now_since_epoch().as_secs() as i64;
            match local_fields(now) {
                Some((f, off, z)) => (f, z, off),
                None => (gm_fields(now), "UTC".to_string(), 0),
            }
        }
    };
    if !(1..=12).contains(&f[1]) {
        return Err(vm.value_error("month out of range"));
    }
    if f[2] < 1 || f[2] > 31 || (f[1] == 2 && f[2] > 28 + is_leap(f[0]) as i64) {
        return Err(vm.value_error("day of month out of range"));
    }
    Ok(vm.new_string(strftime_text(fmt, &f, &zone, gmtoff)))
}

fn t_asctime(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::range(vm, "asctime", a, kw, 0, 1)?;
    let f = match a.first() {
        Some(&v) => tuple_fields(vm, v)?,
        None => local_fields(now_since_epoch().as_secs() as i64)
            .map(|x| x.0)
            .unwrap_or([0; 9]),
    };
    Ok(vm.new_string(asctime_text(&f)))
}

fn t_ctime(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::range(vm, "ctime", a, kw, 0, 1)?;
    let secs = secs_arg(vm, a)?;
    let f = local_fields(secs)
        .map(|x| x.0)
        .unwrap_or_else(|| gm_fields(secs));
    Ok(vm.new_string(asctime_text(&f)))
}

/// Builds the module.
pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("time");
    let fns: &[(&str, super::math::Native)] = &[
        ("time", t_time),
        ("time_ns", t_time_ns),
        ("perf_counter", t_perf_counter),
        ("perf_counter_ns", t_perf_counter_ns),
        ("monotonic", t_perf_counter),
        ("monotonic_ns", t_perf_counter_ns),
        ("process_time", t_process_time),
        ("sleep", t_sleep),
        ("gmtime", t_gmtime),
        ("localtime", t_localtime),
        ("mktime", t_mktime),
        ("strftime", t_strftime),
        ("asctime", t_asctime),
        ("ctime", t_ctime),
    ];
    for &(name, f) in fns {
        vm.module_add_fn(m, name, f);
    }
    let (zone, off) = local_fields(now_since_epoch().as_secs() as i64)
        .map(|(_, off, z)| (z, off))
        .unwrap_or_default();
    let z = vm.new_string(zone.clone());
    let tzname = vm.new_tuple(vec![z, z]);
    vm.module_set(m, "tzname", tzname);
    vm.module_set(m, "timezone", Value::int(-off));
    vm.module_set(m, "altzone", Value::int(-off));
    vm.module_set(m, "daylight", Value::int(0));
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Values printed by CPython 3.11: tuple(time.gmtime(t)).
    #[test]
    fn gmtime_fields_match_cpython() {
        assert_eq!(gm_fields(0), [1970, 1, 1, 0, 0, 0, 3, 1, 0]);
        assert_eq!(
            gm_fields(1_700_000_000),
            [2023, 11, 14, 22, 13, 20, 1, 318, 0]
        );
        assert_eq!(gm_fields(951_782_400), [2000, 2, 29, 0, 0, 0, 1, 60, 0]);
        assert_eq!(gm_fields(-86_400), [1969, 12, 31, 0, 0, 0, 2, 365, 0]);
    }

    // time.strftime(fmt, time.gmtime(1700000000)) in CPython 3.11 (C locale).
    #[test]
    fn strftime_matches_cpython() {
        let f = gm_fields(1_700_000_000);
        assert_eq!(
            strftime_text(
                "%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %U %W %w %u %%",
                &f,
                "UTC",
                0
            ),
            "2023-11-14 22:13:20 Tue Tuesday Nov November 318 PM 10 23 46 46 2 2 %"
        );
        assert_eq!(
            strftime_text("%c|%x|%X|%D|%e", &f, "UTC", 0),
            "Tue Nov 14 22:13:20 2023|11/14/23|22:13:20|11/14/23|14"
        );
    }
}
