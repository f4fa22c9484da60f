//! `str % args` (printf-style formatting) as CPython 3.11's `PyUnicode_Format`.
//!
//! The format string is scanned here; everything that needs Python objects (fetching the next
//! argument, looking a `%(key)` up in the mapping, calling `str`/`repr`/`ascii`, converting an
//! argument to an int, float or character with CPython's type errors) goes through the
//! [`PercentArgs`] callbacks the runtime implements. The order of operations follows CPython's
//! (parse the whole conversion spec, then fetch the argument, then reject an unknown conversion
//! character), because it decides which error a malformed format raises. Bytes formatting
//! (`b'%s' % x`) is not handled here.

use super::float::{Flags, double_to_string};
use super::{Error, ErrorKind, Result};
use num_bigint::BigInt;
use num_traits::Signed;

/// An argument converted for one conversion, returned by [`PercentArgs::convert`].
#[derive(Clone, Debug, PartialEq)]
pub enum PercentValue {
    /// Result of `str()`, `repr()` or `ascii()` for `%s`, `%r`, `%a`.
    Str(String),
    /// An integer for `%d %i %u %x %X %o` and for `*`.
    Int(i64),
    /// A big integer for the same conversions.
    BigInt(BigInt),
    /// A float for `%e %E %f %F %g %G`.
    Float(f64),
    /// The character for `%c`.
    Char(char),
}

/// What the runtime provides to [`printf_format`]. `Arg` is the runtime's value type.
pub trait PercentArgs {
    type Arg;
    /// The runtime's exception type (user `__str__`/`__repr__` may raise anything); support errors
    /// convert into it.
    type Error: From<Error>;
    /// The next positional argument, or `None` when they are exhausted (the formatter then raises
    /// "not enough arguments for format string"). A single non-tuple right operand is one argument.
    fn next_arg(&mut self) -> Option<Self::Arg>;
    /// `mapping[key]` for `%(key)s`; the runtime raises "format requires a mapping" (TypeError)
    /// when the right operand is not a mapping, or the KeyError.
    fn mapping_arg(&mut self, key: &str) -> std::result::Result<Self::Arg, Self::Error>;
    /// Converts `arg` for the conversion character `conversion`: `s`/`r`/`a` want
    /// [`PercentValue::Str`]; `d i u x X o` want an int (`%d format: a real number is required, not
    /// str`, `%x format: an integer is required, not float`); `e E f F g G` want a float (`must be
    /// real number, not str`); `c` wants a char (`%c requires int or char`, `%c arg not in
    /// range(0x110000)`); `*` wants an int (`* wants int`).
    fn convert(
        &mut self,
        arg: Self::Arg,
        conversion: char,
    ) -> std::result::Result<PercentValue, Self::Error>;
    /// Whether positional arguments remain unused at the end; the formatter then raises "not all
    /// arguments converted during string formatting". A mapping operand should answer `false`.
    fn has_unused(&self) -> bool;
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

fn type_error(msg: &str) -> Error {
    Error::type_error(msg)
}

/// Fetches the next argument of one conversion spec: after a `%(key)` lookup the looked-up value
/// is the only argument left for the rest of that spec, as in CPython.
fn next<A: PercentArgs + ?Sized>(
    args: &mut A,
    keyed: &mut Option<Option<A::Arg>>,
) -> std::result::Result<A::Arg, A::Error> {
    let got = match keyed {
        Some(slot) => slot.take(),
        None => args.next_arg(),
    };
    got.ok_or_else(|| type_error("not enough arguments for format string").into())
}

fn read_number(chars: &[char], pos: &mut usize, what: &str) -> Result<Option<i64>> {
    let start = *pos;
    let mut v: i64 = 0;
    while *pos < chars.len() && chars[*pos].is_ascii_digit() {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(chars[*pos] as i64 - '0' as i64))
            .filter(|&v| v <= i32::MAX as i64)
            .ok_or_else(|| Error::value(format!("{what} too big")))?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(v))
}

fn star_value(v: PercentValue) -> Result<i64> {
    match v {
        PercentValue::Int(i) => Ok(i),
        PercentValue::BigInt(_) => Err(Error::value("width too big")),
        _ => Err(type_error("* wants int")),
    }
}

/// Formats `format % args`.
pub fn printf_format<A: PercentArgs + ?Sized>(
    format: &str,
    args: &mut A,
) -> std::result::Result<String, A::Error> {
    let chars: Vec<char> = format.chars().collect();
    let mut out = String::with_capacity(format.len() + 16);
    let mut pos = 0;
    while pos < chars.len() {
        let c = chars[pos];
        if c != '%' {
            out.push(c);
            pos += 1;
            continue;
        }
        pos += 1;
        if pos >= chars.len() {
            return Err(Error::value("incomplete format").into());
        }
        if chars[pos] == '%' {
            out.push('%');
            pos += 1;
            continue;
        }
        let mut keyed: Option<Option<A::Arg>> = None;
        if chars[pos] == '(' {
            pos += 1;
            let start = pos;
            let mut depth = 1;
            while pos < chars.len() {
                match chars[pos] {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                pos += 1;
            }
            if depth > 0 {
                return Err(Error::value("incomplete format key").into());
            }
            let key: String = chars[start..pos].iter().collect();
            pos += 1;
            keyed = Some(Some(args.mapping_arg(&key)?));
        }
        let mut flags = 0u8;
        while pos < chars.len() {
            flags |= match chars[pos] {
                '-' => F_LJUST,
                '+' => F_SIGN,
                ' ' => F_BLANK,
                '#' => F_ALT,
                '0' => F_ZERO,
                _ => break,
            };
            pos += 1;
        }
        let width: Option<i64> = if pos < chars.len() && chars[pos] == '*' {
            pos += 1;
            let arg = next(args, &mut keyed)?;
            let mut w = star_value(args.convert(arg, '*')?)?;
            if w < 0 {
                flags |= F_LJUST;
                w = -w;
            }
            Some(w)
        } else {
            read_number(&chars, &mut pos, "width")?
        };
        let mut precision: Option<i64> = None;
        if pos < chars.len() && chars[pos] == '.' {
            pos += 1;
            if pos < chars.len() && chars[pos] == '*' {
                pos += 1;
                let arg = next(args, &mut keyed)?;
                precision = Some(star_value(args.convert(arg, '*')?)?.max(0));
            } else {
                precision = Some(read_number(&chars, &mut pos, "precision")?.unwrap_or(0));
            }
        }
        if pos < chars.len() && matches!(chars[pos], 'h' | 'l' | 'L') {
            pos += 1;
        }
        if pos >= chars.len() {
            return Err(Error::value("incomplete format").into());
        }
        let conv = chars[pos];
        pos += 1;
        let arg = next(args, &mut keyed)?;
        let conv_for_callback = match conv {
            's' | 'r' | 'a' | 'd' | 'i' | 'u' | 'x' | 'X' | 'o' | 'e' | 'E' | 'f' | 'F' | 'g'
            | 'G' | 'c' => conv,
            _ => {
                return Err(Error::value(format!(
                    "unsupported format character '{}' (0x{:x}) at index {}",
                    conv,
                    conv as u32,
                    pos - 1
                ))
                .into());
            }
        };
        let value = args.convert(arg, conv_for_callback)?;
        let width = width.unwrap_or(0).max(0) as usize;
        match (conv, value) {
            ('s' | 'r' | 'a', PercentValue::Str(s)) => {
                let body = match precision {
                    Some(p) => match s.char_indices().nth(p as usize) {
                        Some((i, _)) => s[..i].to_string(),
                        None => s,
                    },
                    None => s,
                };
                pad_text(&mut out, &body, width, flags);
            }
            ('c', PercentValue::Char(ch)) => pad_text(&mut out, &ch.to_string(), width, flags),
            ('d' | 'i' | 'u' | 'x' | 'X' | 'o', PercentValue::Int(i)) => {
                let (neg, digits) = int_digits(&BigInt::from(i), conv, precision);
                pad_number(
                    &mut out,
                    neg,
                    &alt_prefix(conv, flags),
                    &digits,
                    width,
                    flags,
                );
            }
            ('d' | 'i' | 'u' | 'x' | 'X' | 'o', PercentValue::BigInt(b)) => {
                let (neg, digits) = int_digits(&b, conv, precision);
                pad_number(
                    &mut out,
                    neg,
                    &alt_prefix(conv, flags),
                    &digits,
                    width,
                    flags,
                );
            }
            ('e' | 'E' | 'f' | 'F' | 'g' | 'G', PercentValue::Float(x)) => {
                let prec = precision.unwrap_or(6) as usize;
                let dflags = Flags {
                    alt: flags & F_ALT != 0,
                    ..Flags::default()
                };
                let text = double_to_string(x, conv, prec, dflags);
                let (neg, body) = match text.strip_prefix('-') {
                    Some(rest) => (true, rest.to_string()),
                    None => (false, text),
                };
                pad_number(&mut out, neg, "", &body, width, flags);
            }
            _ => {
                return Err(Error::new(
                    ErrorKind::TypeError,
                    format!("%{conv} conversion received a value of the wrong kind"),
                )
                .into());
            }
        }
    }
    if args.has_unused() {
        return Err(type_error("not all arguments converted during string formatting").into());
    }
    Ok(out)
}

fn alt_prefix(conv: char, flags: u8) -> String {
    if flags & F_ALT == 0 {
        return String::new();
    }
    match conv {
        'x' => "0x".into(),
        'X' => "0X".into(),
        'o' => "0o".into(),
        _ => String::new(),
    }
}

/// The magnitude's digits in the conversion's base, zero-extended to `precision` digits.
fn int_digits(v: &BigInt, conv: char, precision: Option<i64>) -> (bool, String) {
    let radix = match conv {
        'x' | 'X' => 16,
        'o' => 8,
        _ => 10,
    };
    let mut digits = v.abs().to_str_radix(radix);
    if conv == 'X' {
        digits.make_ascii_uppercase();
    }
    if let Some(p) = precision
        && (p as usize) > digits.len()
    {
        digits = "0".repeat(p as usize - digits.len()) + &digits;
    }
    (v.is_negative(), digits)
}

fn pad_text(out: &mut String, body: &str, width: usize, flags: u8) {
    let len = body.chars().count();
    let pad = width.saturating_sub(len);
    if flags & F_LJUST == 0 {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out.push_str(body);
    if flags & F_LJUST != 0 {
        out.extend(std::iter::repeat_n(' ', pad));
    }
}

/// Writes `[sign][prefix][digits]` padded to `width`: spaces before, zeros between prefix and
/// digits with `0`, spaces after with `-` (which wins over `0`).
fn pad_number(out: &mut String, negative: bool, prefix: &str, body: &str, width: usize, flags: u8) {
    let sign = if negative {
        "-"
    } else if flags & F_SIGN != 0 {
        "+"
    } else if flags & F_BLANK != 0 {
        " "
    } else {
        ""
    };
    let len = sign.len() + prefix.len() + body.chars().count();
    let pad = width.saturating_sub(len);
    if flags & F_LJUST != 0 {
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', pad));
    } else if flags & F_ZERO != 0 {
        out.push_str(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(sign);
        out.push_str(prefix);
        out.push_str(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A tiny stand-in for Python values, enough to drive the formatter.
    #[derive(Clone, Debug)]
    enum V {
        I(i64),
        F(f64),
        S(&'static str),
    }

    struct Args {
        queue: VecDeque<V>,
        map: Option<Vec<(&'static str, V)>>,
    }

    impl Args {
        fn tuple(v: Vec<V>) -> Args {
            Args {
                queue: v.into(),
                map: None,
            }
        }
    }

    impl PercentArgs for Args {
        type Arg = V;
        type Error = Error;
        fn next_arg(&mut self) -> Option<V> {
            if self.map.is_some() {
                None
            } else {
                self.queue.pop_front()
            }
        }
        fn mapping_arg(&mut self, key: &str) -> Result<V> {
            let Some(map) = &self.map else {
                return Err(type_error("format requires a mapping"));
            };
            map.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| Error::new(ErrorKind::KeyError, format!("'{key}'")))
        }
        fn convert(&mut self, arg: V, conv: char) -> Result<PercentValue> {
            Ok(match (conv, arg) {
                ('s', V::I(i)) => PercentValue::Str(i.to_string()),
                ('s', V::S(s)) => PercentValue::Str(s.to_string()),
                ('r', V::S(s)) => PercentValue::Str(format!("'{s}'")),
                ('s' | 'r', V::F(f)) => PercentValue::Str(super::super::float_repr(f)),
                ('d' | 'i' | 'u' | 'x' | 'X' | 'o' | '*', V::I(i)) => PercentValue::Int(i),
                ('d', V::F(f)) => PercentValue::Int(f as i64),
                ('e' | 'E' | 'f' | 'F' | 'g' | 'G', V::I(i)) => PercentValue::Float(i as f64),
                ('e' | 'E' | 'f' | 'F' | 'g' | 'G', V::F(f)) => PercentValue::Float(f),
                ('c', V::I(i)) => PercentValue::Char(char::from_u32(i as u32).unwrap()),
                ('c', V::S(s)) => PercentValue::Char(s.chars().next().unwrap()),
                ('*', _) => return Err(type_error("* wants int")),
                ('d', V::S(_)) => {
                    return Err(type_error("%d format: a real number is required, not str"));
                }
                _ => return Err(type_error("bad")),
            })
        }
        fn has_unused(&self) -> bool {
            self.map.is_none() && !self.queue.is_empty()
        }
    }

    fn fmt(f: &str, args: Vec<V>) -> String {
        match printf_format(f, &mut Args::tuple(args)) {
            Ok(s) => s,
            Err(e) => format!("!{e}"),
        }
    }

    // Expected values printed by CPython 3.11.
    #[test]
    fn integer_flags_width_and_precision_match_cpython() {
        assert_eq!(fmt("%.5d", vec![V::I(42)]), "00042");
        assert_eq!(fmt("%#x %#o", vec![V::I(42), V::I(42)]), "0x2a 0o52");
        assert_eq!(fmt("%#X", vec![V::I(-42)]), "-0X2A");
        assert_eq!(fmt("%+#10.5x", vec![V::I(42)]), "  +0x0002a");
        assert_eq!(fmt("%010.5d", vec![V::I(-42)]), "-000000042");
        assert_eq!(fmt("%-+5d|", vec![V::I(3)]), "+3   |");
        assert_eq!(fmt("% d|%+ d", vec![V::I(3), V::I(3)]), " 3|+3");
        assert_eq!(
            fmt("%*d|%-*d", vec![V::I(5), V::I(1), V::I(4), V::I(2)]),
            "    1|2   "
        );
        assert_eq!(fmt("%-05d|%#5x", vec![V::I(3), V::I(-255)]), "3    |-0xff");
        assert_eq!(fmt("%ld %i %u", vec![V::I(3), V::I(4), V::I(5)]), "3 4 5");
    }

    #[test]
    fn float_and_text_conversions_match_cpython() {
        assert_eq!(fmt("%.*f", vec![V::I(2), V::F(3.14258)]), "3.14");
        assert_eq!(fmt("%010f", vec![V::F(f64::INFINITY)]), "0000000inf");
        assert_eq!(fmt("%-010f|", vec![V::F(f64::NAN)]), "nan       |");
        assert_eq!(fmt("%10.3e", vec![V::F(12345.678)]), " 1.235e+04");
        assert_eq!(
            fmt("%#.0f %g %#g", vec![V::F(2.0), V::F(1e-5), V::F(1.0)]),
            "2. 1e-05 1.00000"
        );
        assert_eq!(fmt("%+010.2f", vec![V::F(3.14258)]), "+000003.14");
        assert_eq!(
            fmt(
                "%.3s|%5.1s|%05s",
                vec![V::S("abcdef"), V::S("xyz"), V::S("ab")]
            ),
            "abc|    x|   ab"
        );
        assert_eq!(
            fmt("%c%c|%5c|", vec![V::I(65), V::S("b"), V::S("x")]),
            "Ab|    x|"
        );
        assert_eq!(fmt("100%%", vec![]), "100%");
    }

    #[test]
    fn malformed_formats_raise_cpython_errors() {
        assert_eq!(
            fmt("%z", vec![V::I(1)]),
            "!ValueError: unsupported format character 'z' (0x7a) at index 1"
        );
        assert_eq!(fmt("%", vec![]), "!ValueError: incomplete format");
        assert_eq!(
            fmt("%5%", vec![]),
            "!TypeError: not enough arguments for format string"
        );
        assert_eq!(
            fmt("%s %s", vec![V::I(1)]),
            "!TypeError: not enough arguments for format string"
        );
        assert_eq!(
            fmt("%s", vec![V::I(1), V::I(2)]),
            "!TypeError: not all arguments converted during string formatting"
        );
        assert_eq!(
            fmt("%*d", vec![V::S("a"), V::I(1)]),
            "!TypeError: * wants int"
        );
        assert_eq!(
            fmt("%(a)s", vec![V::I(1)]),
            "!TypeError: format requires a mapping"
        );
        assert_eq!(
            fmt("%d", vec![V::S("x")]),
            "!TypeError: %d format: a real number is required, not str"
        );
    }

    #[test]
    fn mapping_keys_take_one_value_per_spec() {
        let mut a = Args {
            queue: VecDeque::new(),
            map: Some(vec![("a", V::I(1)), ("b", V::S("x"))]),
        };
        assert_eq!(
            printf_format("%(a)s %(b)r %(a)05d", &mut a).unwrap(),
            "1 'x' 00001"
        );
        let mut a = Args {
            queue: VecDeque::new(),
            map: Some(vec![("a", V::I(1))]),
        };
        assert_eq!(
            printf_format("%(a)*d", &mut a).unwrap_err().message,
            "not enough arguments for format string"
        );
        let mut a = Args {
            queue: VecDeque::new(),
            map: Some(vec![]),
        };
        assert_eq!(
            printf_format("%(a", &mut a).unwrap_err().message,
            "incomplete format key"
        );
    }
}
