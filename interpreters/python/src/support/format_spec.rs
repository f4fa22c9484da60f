//! The format-spec mini-language (`format(x, spec)`, f-string `{x:spec}`) as CPython 3.11 implements it.
//!
//! `parse_format_spec` follows `parse_internal_render_format_spec` in `Python/formatter_unicode.c`
//! step by step, so that malformed specs fail with the same message in the same order; the
//! `format_*` functions follow `format_long_internal`, `format_float_internal` and
//! `format_string_internal`, including the quirks (a `0` before the width means fill `0` with `=`
//! alignment for numbers but fill `0` left-aligned for strings; zero padding takes part in digit
//! grouping, `format(1234, '09,')` is `0,001,234`). Only the C locale is provided: `n` formats as
//! `d`/`g` without separators, exactly what CPython prints under the default locale.

use super::float::{Flags, double_to_string};
use super::{Error, Result};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive};

/// A parsed format spec: `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// Explicit fill character (only present together with `align`).
    pub fill: Option<char>,
    /// One of `<`, `>`, `^`, `=`.
    pub align: Option<char>,
    /// One of `+`, `-`, ` `.
    pub sign: Option<char>,
    /// `z`: negative zero after rounding prints as zero.
    pub no_neg_0: bool,
    /// `#`
    pub alternate: bool,
    /// A `0` before the width, with no explicit fill.
    pub zero: bool,
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    /// The presentation type character, if any.
    pub ty: Option<char>,
}

/// How CPython quotes a presentation-type character in messages: printable ASCII as itself,
/// anything else as `\x` and lowercase hex without padding.
fn type_char_text(c: char) -> String {
    let code = c as u32;
    if code > 32 && code < 128 {
        c.to_string()
    } else {
        format!("\\x{code:x}")
    }
}

fn unknown_type(c: char, type_name: &str) -> Error {
    Error::value(format!(
        "Unknown format code '{}' for object of type '{}'",
        type_char_text(c),
        type_name
    ))
}

/// Reads a run of decimal digits at `pos`; returns the value (if any digit) and the new position.
fn read_integer(chars: &[char], mut pos: usize) -> Result<(Option<usize>, usize)> {
    let start = pos;
    let mut value: usize = 0;
    while pos < chars.len() {
        let Some(d) = chars[pos].to_digit(10) else {
            break;
        };
        if !chars[pos].is_ascii_digit() {
            break;
        }
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| Error::value("Too many decimal digits in format string"))?;
        pos += 1;
    }
    Ok(((pos > start).then_some(value), pos))
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// Parses `spec` for an object whose type is called `type_name` (the name only appears in error
/// messages, as in "Invalid format specifier 'abc' for object of type 'int'"). `default_type` is
/// the presentation type assumed when none is given (`'s'` for str, `'d'` for int, `'\0'` for
/// float); it only matters for the grouping check (`format('a', ',')` fails, `format(1.0, ',')`
/// does not). The returned spec's `ty` stays `None` when no type was written.
pub fn parse_format_spec(spec: &str, type_name: &str, default_type: char) -> Result<FormatSpec> {
    let chars: Vec<char> = spec.chars().collect();
    let end = chars.len();
    let mut pos = 0;
    let mut out = FormatSpec::default();
    if end >= 2 && is_align(chars[1]) {
        out.fill = Some(chars[0]);
        out.align = Some(chars[1]);
        pos = 2;
    } else if end >= 1 && is_align(chars[0]) {
        out.align = Some(chars[0]);
        pos = 1;
    }
    if pos < end && matches!(chars[pos], '+' | '-' | ' ') {
        out.sign = Some(chars[pos]);
        pos += 1;
    }
    if pos < end && chars[pos] == 'z' {
        out.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && chars[pos] == '#' {
        out.alternate = true;
        pos += 1;
    }
    if out.fill.is_none() && pos < end && chars[pos] == '0' {
        out.zero = true;
        pos += 1;
    }
    let (width, next) = read_integer(&chars, pos)?;
    out.width = width;
    pos = next;
    if pos < end && chars[pos] == ',' {
        out.grouping = Some(',');
        pos += 1;
    }
    if pos < end && chars[pos] == '_' {
        if out.grouping.is_some() {
            return Err(Error::value("Cannot specify both ',' and '_'."));
        }
        out.grouping = Some('_');
        pos += 1;
    }
    if pos < end && chars[pos] == ',' && out.grouping == Some('_') {
        return Err(Error::value("Cannot specify both ',' and '_'."));
    }
    if pos < end && chars[pos] == '.' {
        pos += 1;
        let (precision, next) = read_integer(&chars, pos)?;
        if precision.is_none() {
            return Err(Error::value("Format specifier missing precision"));
        }
        out.precision = precision;
        pos = next;
    }
    if end - pos > 1 {
        return Err(Error::value(format!(
            "Invalid format specifier '{spec}' for object of type '{type_name}'"
        )));
    }
    if end - pos == 1 {
        out.ty = Some(chars[pos]);
    }
    if let Some(sep) = out.grouping {
        let ok = match out.ty {
            None if default_type == '\0' || default_type == 'd' => true,
            Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => sep == '_',
            _ => false,
        };
        if !ok {
            let ty = out.ty.unwrap_or(default_type);
            return Err(Error::value(format!(
                "Cannot specify '{sep}' with '{}'.",
                type_char_text(ty)
            )));
        }
    }
    Ok(out)
}

/// Inserts `sep` every `group` digits from the right, padding with `0` digits (which take part in
/// the grouping) until the result is at least `min_width` long, as `_PyUnicode_InsertThousandsGrouping`.
fn group_digits(digits: &str, sep: char, group: usize, min_width: isize) -> String {
    let ds: Vec<char> = digits.chars().collect();
    let mut remaining = ds.len() as isize;
    let mut min_width = min_width;
    let mut pieces: Vec<String> = Vec::new();
    let group = group as isize;
    loop {
        let l = group.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let mut piece = String::new();
        for _ in 0..n_zeros {
            piece.push('0');
        }
        let start = (remaining - n_chars) as usize;
        piece.extend(&ds[start..remaining as usize]);
        pieces.push(piece);
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    pieces.reverse();
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        out.push_str(p);
    }
    out
}

/// The fill and alignment a number uses: a `0` before the width means fill `0` with `=` unless
/// given otherwise; the default alignment of numbers is right.
fn number_fill_align(spec: &FormatSpec) -> (char, char) {
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let align = spec.align.unwrap_or(if spec.zero { '=' } else { '>' });
    (fill, align)
}

/// Lays out `[sign][prefix][digits][rest]` with padding and optional grouping of `digits`
/// (`calc_number_widths` + `fill_number`).
fn layout_number(
    sign: &str,
    prefix: &str,
    digits: &str,
    rest: &str,
    spec: &FormatSpec,
    grouping: Option<(char, usize)>,
) -> String {
    let (fill, align) = number_fill_align(spec);
    let width = spec.width.unwrap_or(0) as isize;
    let non_digit = (sign.chars().count() + prefix.chars().count() + rest.chars().count()) as isize;
    let grouped = match grouping {
        Some((sep, size)) if !digits.is_empty() => {
            let min_width = if fill == '0' && align == '=' {
                width - non_digit
            } else {
                0
            };
            group_digits(digits, sep, size, min_width)
        }
        _ => digits.to_string(),
    };
    let total = non_digit + grouped.chars().count() as isize;
    let pad = (width - total).max(0) as usize;
    let (left, inner, right) = match align {
        '<' => (0, 0, pad),
        '^' => (pad / 2, 0, pad - pad / 2),
        '=' => (0, pad, 0),
        _ => (pad, 0, 0),
    };
    let mut out = String::with_capacity(total as usize + pad);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(sign);
    out.push_str(prefix);
    out.extend(std::iter::repeat_n(fill, inner));
    out.push_str(&grouped);
    out.push_str(rest);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

fn sign_text(negative: bool, spec: &FormatSpec) -> &'static str {
    if negative {
        "-"
    } else {
        match spec.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

/// An integer in either representation, so one formatter serves both.
enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    fn is_negative(&self) -> bool {
        match self {
            IntRef::Small(v) => *v < 0,
            IntRef::Big(b) => b.sign() == Sign::Minus,
        }
    }
    fn magnitude(&self, radix: u32) -> String {
        match self {
            IntRef::Small(v) => {
                let m = v.unsigned_abs();
                match radix {
                    2 => format!("{m:b}"),
                    8 => format!("{m:o}"),
                    16 => format!("{m:x}"),
                    _ => m.to_string(),
                }
            }
            IntRef::Big(b) => b.abs().to_str_radix(radix),
        }
    }
    fn to_f64(&self) -> Result<f64> {
        let v = match self {
            IntRef::Small(v) => *v as f64,
            IntRef::Big(b) => b.to_f64().unwrap_or(f64::INFINITY),
        };
        if v.is_finite() {
            Ok(v)
        } else {
            Err(Error::overflow("int too large to convert to float"))
        }
    }
    fn to_i64(&self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(*v),
            IntRef::Big(b) => b.to_i64(),
        }
    }
}

fn format_integer(value: IntRef<'_>, spec: &FormatSpec) -> Result<String> {
    let ty = spec.ty.unwrap_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => return format_float(value.to_f64()?, spec),
        other => return Err(unknown_type(other, "int")),
    }
    if spec.precision.is_some() {
        return Err(Error::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_0 {
        return Err(Error::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(Error::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(Error::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let code = value
            .to_i64()
            .ok_or_else(|| Error::overflow("Python int too large to convert to C long"))?;
        let ch = Some(code)
            .filter(|c| (0..=0x10ffff).contains(c))
            .and_then(|c| char::from_u32(c as u32))
            .ok_or_else(|| Error::overflow("%c arg not in range(0x110000)"))?;
        // A lone surrogate has no `char`; CPython would accept it, we cannot represent it.
        return Ok(layout_number("", "", "", &ch.to_string(), spec, None));
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude(radix);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if spec.alternate { prefix } else { "" };
    let grouping = match (spec.grouping, radix) {
        (Some(sep), 10) => Some((sep, 3)),
        (Some(sep), _) => Some((sep, 4)),
        (None, _) => None,
    };
    Ok(layout_number(
        sign_text(value.is_negative(), spec),
        prefix,
        &digits,
        "",
        spec,
        grouping,
    ))
}

/// `format(i, spec)` for a machine-sized Python int.
pub fn format_int(value: i64, spec: &FormatSpec) -> Result<String> {
    format_integer(IntRef::Small(value), spec)
}

/// `format(i, spec)` for an arbitrary-precision Python int.
pub fn format_bigint(value: &BigInt, spec: &FormatSpec) -> Result<String> {
    format_integer(IntRef::Big(value), spec)
}

/// `format(x, spec)` for a Python float (also used for ints with a float presentation type).
pub fn format_float(value: f64, spec: &FormatSpec) -> Result<String> {
    let mut ty = spec.ty.unwrap_or('\0');
    match ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => {}
        other => return Err(unknown_type(other, "float")),
    }
    let mut flags = Flags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..Flags::default()
    };
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut value = value;
    let mut add_pct = false;
    if ty == '%' {
        ty = 'f';
        value *= 100.0;
        add_pct = true;
    }
    let precision = match spec.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    if precision > i32::MAX as usize {
        return Err(Error::value("precision too big"));
    }
    let mut text = double_to_string(value, ty, precision, flags);
    if add_pct {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(split);
    let grouping = spec.grouping.map(|sep| (sep, 3));
    Ok(layout_number(
        sign_text(negative, spec),
        "",
        digits,
        rest,
        spec,
        grouping,
    ))
}

/// `format(s, spec)` for a Python str.
pub fn format_str(value: &str, spec: &FormatSpec) -> Result<String> {
    if let Some(ty) = spec.ty
        && ty != 's'
    {
        return Err(unknown_type(ty, "str"));
    }
    match spec.sign {
        Some(' ') => return Err(Error::value("Space not allowed in string format specifier")),
        Some(_) => return Err(Error::value("Sign not allowed in string format specifier")),
        None => {}
    }
    if spec.no_neg_0 {
        return Err(Error::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(Error::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if spec.align == Some('=') {
        return Err(Error::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let truncated: &str = match spec.precision {
        Some(p) => match value.char_indices().nth(p) {
            Some((i, _)) => &value[..i],
            None => value,
        },
        None => value,
    };
    let len = truncated.chars().count();
    let width = spec.width.unwrap_or(0);
    if len >= width {
        return Ok(truncated.to_string());
    }
    let fill = spec.fill.unwrap_or(if spec.zero { '0' } else { ' ' });
    let pad = width - len;
    let (left, right) = match spec.align.unwrap_or('<') {
        '>' => (pad, 0),
        '^' => (pad / 2, pad - pad / 2),
        _ => (0, pad),
    };
    let mut out = String::with_capacity(truncated.len() + pad);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(truncated);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(out)
}

/// Parses `spec` and formats an `i64`, the common path of f-strings.
pub fn format_int_with(value: i64, spec: &str) -> Result<String> {
    format_int(value, &parse_format_spec(spec, "int", 'd')?)
}

/// Parses `spec` and formats an `f64`.
pub fn format_float_with(value: f64, spec: &str) -> Result<String> {
    format_float(value, &parse_format_spec(spec, "float", '\0')?)
}

/// Parses `spec` and formats a `&str`.
pub fn format_str_with(value: &str, spec: &str) -> Result<String> {
    format_str(value, &parse_format_spec(spec, "str", 's')?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_padding_takes_part_in_grouping() {
        assert_eq!(format_int_with(1234, "09,").unwrap(), "0,001,234");
        assert_eq!(format_int_with(1234, "010,").unwrap(), "00,001,234");
        assert_eq!(
            format_int_with(1234567, "015_x").unwrap(),
            "0_0000_0012_d687"
        );
    }

    #[test]
    fn zero_flag_means_left_fill_for_strings() {
        assert_eq!(format_str_with("ab", "05").unwrap(), "ab000");
        assert_eq!(format_str_with("ab", "^6").unwrap(), "  ab  ");
        assert_eq!(format_str_with("abc", "^6").unwrap(), " abc  ");
    }

    #[test]
    fn spec_errors_use_cpython_messages() {
        let msg = |r: Result<String>| r.unwrap_err().message;
        assert_eq!(
            msg(format_int_with(1, ",,")),
            "Cannot specify ',' with ','."
        );
        assert_eq!(
            msg(format_int_with(1, "abc")),
            "Invalid format specifier 'abc' for object of type 'int'"
        );
        assert_eq!(
            msg(format_int_with(1, "\u{1}")),
            "Unknown format code '\\x1' for object of type 'int'"
        );
        assert_eq!(
            msg(format_float_with(1.0, ".")),
            "Format specifier missing precision"
        );
        assert_eq!(
            msg(format_str_with("a", " ")),
            "Space not allowed in string format specifier"
        );
    }

    #[test]
    fn infinity_is_zero_padded_but_not_grouped() {
        assert_eq!(
            format_float_with(f64::INFINITY, "010,").unwrap(),
            "0000000inf"
        );
    }

    #[test]
    fn table_generated_by_cpython_matches() {
        let data = include_str!("testdata/format_spec.txt");
        let mut checked = 0;
        for line in data.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 4 {
                continue;
            }
            let (kind, value, spec, want) = (fields[0], fields[1], fields[2], fields[3]);
            let spec = unescape(spec);
            let got = match kind {
                "int" => {
                    let big: BigInt = value.parse().unwrap();
                    let a =
                        parse_format_spec(&spec, "int", 'd').and_then(|s| format_bigint(&big, &s));
                    if let Ok(small) = value.parse::<i64>() {
                        assert_eq!(a, format_int_with(small, &spec), "int {value} {spec:?}");
                    }
                    a
                }
                "float" => format_float_with(f64::from_bits(value.parse().unwrap()), &spec),
                _ => format_str_with(&unescape(value), &spec),
            };
            let got = match got {
                Ok(s) => s,
                Err(e) => format!("!{}", e),
            };
            assert_eq!(got, unescape(want), "{kind} {value} {spec:?}");
            checked += 1;
        }
        assert!(checked > 1000, "only {checked} cases");
    }

    /// The table escapes tabs, newlines and backslashes as `\t`, `\n`, `\\`, and other control
    /// characters as `\xNN`.
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut it = s.chars();
        while let Some(c) = it.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match it.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('x') => {
                    let h: String = it.by_ref().take(2).collect();
                    out.push(char::from_u32(u32::from_str_radix(&h, 16).unwrap()).unwrap());
                }
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    }
}
