//! `int(text, base)` and `float(text)` parsing, and `bin`/`oct`/`hex`, as CPython 3.11.
//!
//! Parsing follows `PyLong_FromUnicodeObject`: Unicode decimal digits and whitespace are first
//! transformed to ASCII, the text is stripped, then sign, base prefix (`0x`, `0o`, `0b`; with base
//! 0 the prefix picks the base and a nonzero decimal literal may not start with `0`), and single
//! underscores between digits (or right after a prefix) are accepted. The 3.11 limit on decimal
//! conversions of huge numbers (`sys.set_int_max_str_digits`, default 4300) is enforced with
//! CPython's message. Results fitting an `i64` come back unboxed.

use super::strings::{decimal_value, is_space, repr};
use super::{Error, Result};
use num_bigint::BigInt;
use num_traits::{Num, Signed};

/// CPython's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// A parsed int: unboxed when it fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedInt {
    Small(i64),
    Big(BigInt),
}

impl ParsedInt {
    pub fn to_bigint(&self) -> BigInt {
        match self {
            ParsedInt::Small(v) => BigInt::from(*v),
            ParsedInt::Big(b) => b.clone(),
        }
    }
}

/// The "invalid literal" error, with the repr cut to 200 characters as CPython's `%.200R`.
fn invalid_literal(original: &str, base: u32) -> Error {
    let r: String = repr(original).chars().take(200).collect();
    Error::value(format!("invalid literal for int() with base {base}: {r}"))
}

/// Maps Unicode decimal digits to ASCII and Unicode whitespace to a space; `None` if a character
/// is neither ASCII nor one of those.
fn to_ascii(text: &str) -> Option<String> {
    if text.is_ascii() {
        return Some(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(d) = decimal_value(c) {
            out.push(char::from(b'0' + d as u8));
        } else if is_space(c) {
            out.push(' ');
        } else {
            return None;
        }
    }
    Some(out)
}

/// `int(text, base)`; `base` 0 or 2..=36. `max_str_digits` is `sys.get_int_max_str_digits()`
/// (0 disables the limit).
pub fn parse_int(text: &str, base: u32, max_str_digits: usize) -> Result<ParsedInt> {
    if base == 1 || base > 36 {
        return Err(Error::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let shown_base = base;
    let invalid = || invalid_literal(text, shown_base);
    let ascii = to_ascii(text).ok_or_else(invalid)?;
    let s = ascii
        .trim_matches(|c: char| c.is_ascii() && is_space(c))
        .as_bytes();
    let mut pos = 0;
    let negative = match s.first() {
        Some(b'-') => {
            pos = 1;
            true
        }
        Some(b'+') => {
            pos = 1;
            false
        }
        _ => false,
    };
    let mut base = base;
    let prefix_of = |b: u8| match b.to_ascii_lowercase() {
        b'x' => Some(16),
        b'o' => Some(8),
        b'b' => Some(2),
        _ => None,
    };
    let mut after_prefix = false;
    if s.get(pos) == Some(&b'0')
        && let Some(p) = s.get(pos + 1).and_then(|&b| prefix_of(b))
        && (base == 0 || base == p)
    {
        base = p;
        pos += 2;
        after_prefix = true;
    }
    let base_zero_decimal = base == 0;
    if base == 0 {
        base = 10;
    }
    let digits = &s[pos..];
    if digits.is_empty() {
        return Err(invalid());
    }
    // Validate digits and underscore placement, collecting the digits.
    let mut clean = Vec::with_capacity(digits.len());
    let mut previous_underscore = false;
    for (i, &b) in digits.iter().enumerate() {
        if b == b'_' {
            if previous_underscore || (i == 0 && !after_prefix) {
                return Err(invalid());
            }
            previous_underscore = true;
            continue;
        }
        let ok = (b as char).is_digit(base);
        if !ok {
            return Err(invalid());
        }
        previous_underscore = false;
        clean.push(b);
    }
    if previous_underscore || clean.is_empty() {
        return Err(invalid());
    }
    if base_zero_decimal && clean[0] == b'0' && clean.iter().any(|&b| b != b'0') {
        return Err(invalid());
    }
    if base & (base - 1) != 0 && max_str_digits > 0 && clean.len() > max_str_digits {
        return Err(Error::value(format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            clean.len()
        )));
    }
    // `clean` holds ASCII digits only, so neither conversion below can fail on its text.
    let digit_text = std::str::from_utf8(&clean).map_err(|_| invalid())?;
    if let Ok(v) = i64::from_str_radix(digit_text, base) {
        return Ok(ParsedInt::Small(if negative { -v } else { v }));
    }
    let mut big = BigInt::from_str_radix(digit_text, base).map_err(|_| invalid())?;
    if negative {
        big = -big;
    }
    Ok(match i64::try_from(&big) {
        Ok(v) => ParsedInt::Small(v),
        Err(_) => ParsedInt::Big(big),
    })
}

/// `float(text)` for a str argument.
pub fn parse_float(text: &str) -> Result<f64> {
    let invalid = || Error::value(format!("could not convert string to float: {}", repr(text)));
    let ascii = to_ascii(text).ok_or_else(invalid)?;
    let s = ascii.trim_matches(|c: char| c.is_ascii() && is_space(c));
    let bytes = s.as_bytes();
    let mut clean = String::with_capacity(s.len());
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let before = i > 0 && bytes[i - 1].is_ascii_digit();
            let after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(before && after) {
                return Err(invalid());
            }
            continue;
        }
        clean.push(b as char);
    }
    // Rust accepts exactly Python's grammar here except for a few spellings it also allows
    // (none of which Python's `float` rejects): digits, `.`, exponent, `inf`/`infinity`/`nan`.
    let body = clean.trim_start_matches(['+', '-']);
    let word = body.to_ascii_lowercase();
    let is_word = matches!(word.as_str(), "inf" | "infinity" | "nan");
    let is_number = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    if clean.len() - body.len() > 1 || !(is_word || is_number) {
        return Err(invalid());
    }
    clean.parse::<f64>().map_err(|_| invalid())
}

/// `bin(v)`, `oct(v)`, `hex(v)`: `radix` 2, 8 or 16, with the sign before the prefix.
pub fn int_to_prefixed(v: &BigInt, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        _ => "0x",
    };
    let digits = v.abs().to_str_radix(radix);
    if v.is_negative() {
        format!("-{prefix}{digits}")
    } else {
        format!("{prefix}{digits}")
    }
}

/// `str(v)` for a big int, with 3.11's limit on the number of decimal digits.
pub fn bigint_to_decimal(v: &BigInt, max_str_digits: usize) -> Result<String> {
    let text = v.to_string();
    let digits = text.len() - usize::from(v.is_negative());
    if max_str_digits > 0 && digits > max_str_digits {
        return Err(Error::value(format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, base: u32) -> String {
        match parse_int(s, base, DEFAULT_MAX_STR_DIGITS) {
            Ok(v) => v.to_bigint().to_string(),
            Err(e) => format!("!{}", e.message),
        }
    }

    // Expected values printed by CPython 3.11.
    #[test]
    fn literals_prefixes_and_underscores_match_cpython() {
        let ok = [
            ("12", 10, "12"),
            (" -0x1f ", 0, "-31"),
            ("0x_1f", 0, "31"),
            ("0x1f", 16, "31"),
            ("1_000", 10, "1000"),
            ("000", 0, "0"),
            ("0_0", 0, "0"),
            ("0b101", 0, "5"),
            ("0o17", 8, "15"),
            ("١٢٣", 10, "123"),
            ("Z", 36, "35"),
            ("\u{3000} 42\u{3000}", 10, "42"),
            ("+0o_7", 0, "7"),
            ("-9223372036854775808", 10, "-9223372036854775808"),
            (
                "123456789012345678901234567890",
                10,
                "123456789012345678901234567890",
            ),
        ];
        for (s, b, want) in ok {
            assert_eq!(p(s, b), want, "{s:?} {b}");
        }
        let bad = [
            ("1__000", 10),
            ("_1", 10),
            ("1_", 10),
            ("010", 0),
            ("", 10),
            ("  ", 10),
            ("+", 10),
            ("0x", 16),
            ("0b", 0),
            ("1 2", 10),
            ("0_x1", 0),
            ("0x1_", 16),
            ("-_1", 10),
            ("00_01", 0),
            ("0_7", 0),
            ("12", 2),
        ];
        for (s, b) in bad {
            assert_eq!(
                p(s, b),
                format!("!invalid literal for int() with base {b}: {}", repr(s))
            );
        }
        assert_eq!(p("12", 37), "!int() base must be >= 2 and <= 36, or 0");
    }

    #[test]
    fn long_literal_repr_is_cut_at_200_characters() {
        let msg = p(&"x".repeat(300), 10);
        assert_eq!(
            msg,
            format!(
                "!invalid literal for int() with base 10: '{}",
                "x".repeat(199)
            )
        );
    }

    #[test]
    fn digit_limit_applies_to_decimal_only() {
        assert!(p(&"9".repeat(5000), 10).starts_with(
            "!Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits"
        ));
        assert!(!p(&"1".repeat(5000), 2).starts_with('!'));
    }

    #[test]
    fn floats_parse_as_python() {
        assert_eq!(parse_float(" 1_000.5 ").unwrap(), 1000.5);
        assert_eq!(parse_float("-Infinity").unwrap(), f64::NEG_INFINITY);
        assert!(parse_float("nan").unwrap().is_nan());
        assert_eq!(parse_float("1e5").unwrap(), 1e5);
        assert_eq!(parse_float(".5").unwrap(), 0.5);
        assert_eq!(
            parse_float("1_e5").unwrap_err().message,
            "could not convert string to float: '1_e5'"
        );
        assert!(parse_float("--1").is_err());
        assert!(parse_float("0x10").is_err());
        assert!(parse_float("").is_err());
    }

    #[test]
    fn prefixed_forms_put_sign_first() {
        assert_eq!(int_to_prefixed(&BigInt::from(-5), 2), "-0b101");
        assert_eq!(int_to_prefixed(&BigInt::from(255), 16), "0xff");
        assert_eq!(int_to_prefixed(&BigInt::from(0), 8), "0o0");
    }
}
