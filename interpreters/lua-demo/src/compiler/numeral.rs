//! Lua numerals to numbers, as `luaO_str2num` converts them.
//!
//! An integer numeral is tried first (decimal that fits in an `i64`, or hexadecimal, which wraps
//! around modulo 2^64); anything else is a float as C's `strtod` reads it: decimal through Rust's
//! correctly rounded parser, hexadecimal (`0x1.8p3`) by our own correctly rounded conversion.
//! Decimal integers that overflow become floats. `inf` and `nan` are not numerals.

/// A Lua number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Number {
    Int(i64),
    Float(f64),
}

/// Converts a whole string (surrounding whitespace and a sign allowed, as in Lua) or returns
/// `None` if it is not a numeral.
pub(super) fn str2number(text: &[u8]) -> Option<Number> {
    if let Some(i) = str2int(text) {
        return Some(Number::Int(i));
    }
    str2float(text).map(Number::Float)
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn trim(text: &[u8]) -> &[u8] {
    let start = text
        .iter()
        .position(|&c| !is_space(c))
        .unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|&c| !is_space(c))
        .map_or(start, |i| i + 1);
    &text[start..end]
}

/// Splits off an optional sign; true means negative.
fn sign(text: &[u8]) -> (bool, &[u8]) {
    match text.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    }
}

fn hex_digit(c: u8) -> Option<u64> {
    (c as char).to_digit(16).map(u64::from)
}

fn is_hex_prefix(text: &[u8]) -> bool {
    text.len() >= 2 && text[0] == b'0' && (text[1] == b'x' || text[1] == b'X')
}

/// Lua's `l_str2int`.
fn str2int(text: &[u8]) -> Option<i64> {
    let (neg, digits) = sign(trim(text));
    let mut value: u64 = 0;
    if is_hex_prefix(digits) {
        let hex = &digits[2..];
        if hex.is_empty() {
            return None;
        }
        for &c in hex {
            value = value.wrapping_mul(16).wrapping_add(hex_digit(c)?);
        }
    } else {
        if digits.is_empty() {
            return None;
        }
        // The magnitude may reach 2^63 only for a negative numeral.
        let limit = if neg { 1u64 << 63 } else { i64::MAX as u64 };
        for &c in digits {
            if !c.is_ascii_digit() {
                return None;
            }
            value = value.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            if value > limit {
                return None;
            }
        }
    }
    let value = if neg { value.wrapping_neg() } else { value };
    Some(value as i64)
}

/// Lua's `l_str2d`: C's `strtod` on the whole string, rejecting `inf` and `nan`.
fn str2float(text: &[u8]) -> Option<f64> {
    let first_special = text
        .iter()
        .find(|&&c| matches!(c, b'.' | b'x' | b'X' | b'n' | b'N'));
    match first_special {
        Some(b'n' | b'N') => None,
        Some(b'x' | b'X') => hex_float(trim(text)),
        _ => {
            let text = trim(text);
            // Rust's parser accepts what `strtod` does for decimal numerals except that it also
            // knows `inf`/`nan` (excluded above) and is stricter about nothing we produce.
            let text = std::str::from_utf8(text).ok()?;
            if text.is_empty()
                || !text
                    .bytes()
                    .all(|c| c.is_ascii_digit() || b".eE+-".contains(&c))
            {
                return None;
            }
            text.parse::<f64>().ok()
        }
    }
}

/// `strtod` for `[sign] 0x hexdigits [. hexdigits] [p [sign] decimaldigits]`, correctly rounded.
fn hex_float(text: &[u8]) -> Option<f64> {
    let (neg, rest) = sign(text);
    if !is_hex_prefix(rest) {
        return None;
    }
    let mut rest = &rest[2..];
    let mut mantissa: u64 = 0;
    let mut exponent: i64 = 0;
    let mut sticky = false;
    let mut any_digit = false;
    let mut seen_dot = false;
    while let Some(&c) = rest.first() {
        if c == b'.' && !seen_dot {
            seen_dot = true;
        } else if let Some(d) = hex_digit(c) {
            any_digit = true;
            // Keep 60 significant bits; the rest only matters as a sticky bit for rounding.
            if mantissa >> 60 == 0 {
                mantissa = mantissa * 16 + d;
                if seen_dot {
                    exponent -= 4;
                }
            } else {
                sticky |= d != 0;
                if !seen_dot {
                    exponent += 4;
                }
            }
        } else {
            break;
        }
        rest = &rest[1..];
    }
    if !any_digit {
        return None;
    }
    if let Some(&(b'p' | b'P')) = rest.first() {
        let (exp_neg, digits) = sign(&rest[1..]);
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Saturate: anything this large is already 0 or infinity.
        let mut value: i64 = 0;
        for &c in digits {
            value = (value * 10 + i64::from(c - b'0')).min(1 << 40);
        }
        exponent += if exp_neg { -value } else { value };
    } else if !rest.is_empty() {
        return None;
    }
    let magnitude = scale_to_f64(mantissa, sticky, exponent);
    Some(if neg { -magnitude } else { magnitude })
}

/// Rounds `mantissa * 2^exponent` (plus a sliver below the mantissa's last bit when `sticky`) to
/// the nearest f64, ties to even, including subnormals and overflow to infinity.
fn scale_to_f64(mantissa: u64, sticky: bool, exponent: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let bits = i64::from(64 - mantissa.leading_zeros());
    let top_exponent = bits - 1 + exponent;
    if top_exponent > 1023 {
        return f64::INFINITY;
    }
    // Exponent of the last kept bit: 53 significant bits for normal numbers, fewer below 2^-1022.
    let unit_exponent = (top_exponent - 52).max(-1074);
    let shift = unit_exponent - exponent;
    let units: u64 = if shift <= 0 {
        mantissa << (-shift)
    } else if shift >= 65 {
        // Below half a unit: rounds to zero.
        0
    } else {
        let wide = u128::from(mantissa);
        let kept = wide >> shift;
        let rest = wide & ((1u128 << shift) - 1);
        let half = 1u128 << (shift - 1);
        let round_up = rest > half || (rest == half && (sticky || kept & 1 == 1));
        (kept + u128::from(round_up)) as u64
    };
    let unit = if unit_exponent >= -1022 {
        f64::from_bits(((unit_exponent + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (unit_exponent + 1074))
    };
    // `units` has at most 54 bits and `unit` is a power of two, so the product is exact or
    // overflows to infinity exactly when the rounded value does.
    units as f64 * unit
}
