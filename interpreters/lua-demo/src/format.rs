//! The core of `string.format`: Lua 5.4.4's specification checks on top of a C `printf` engine.
//!
//! `format` walks the format string exactly like `str_format` in `lstrlib.c`: the same order of
//! argument fetching and validation (so a bad spec and a bad argument produce the same error Lua
//! picks), the same per-conversion flag sets, the two-digit width/precision limit and the same
//! messages. Arguments come through the `FormatArgs` trait, which the interpreter implements with its
//! value model (including `__tostring`); this module never sees a Lua value.
//!
//! Conversions are rendered by our own printf engine, which reproduces glibc byte for byte. Decimal
//! digits come from Rust's exact float formatting (`{:.*e}` and `{:.*}` are correctly rounded with
//! ties to even, the same rule glibc applies to the exact binary value), and the C layout (`e+05`,
//! `%g`'s choice of style and trailing-zero removal, `#`, `0`, `+`, space, width) is applied on top.
//! `%a` is built from the bits. Deliberately not supported: length modifiers (Lua rejects them too)
//! and locales (Lua's decimal point is always '.' here).

use std::borrow::Cow;

#[cfg(test)]
mod tests;

/// Flags accepted by `a A e E f g G` (`L_FMTFLAGSF`).
const FLAGS_FLOAT: &[u8] = b"-+#0 ";
/// Flags accepted by `o x X` (`L_FMTFLAGSX`).
const FLAGS_HEX: &[u8] = b"-#0";
/// Flags accepted by `d i` (`L_FMTFLAGSI`).
const FLAGS_INT: &[u8] = b"-+0 ";
/// Flags accepted by `u` (`L_FMTFLAGSU`).
const FLAGS_UNSIGNED: &[u8] = b"-0";
/// Flags accepted by `c p s` (`L_FMTFLAGSC`).
const FLAGS_CHAR: &[u8] = b"-";
/// `MAX_FORMAT`: a spec (with '%', a length modifier and the NUL) must fit in 32 bytes.
const MAX_FORMAT: usize = 32;

/// An error raised by `format` itself (the caller's own errors travel as `FormatArgs::Error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// `luaL_argerror`: displayed as "bad argument #<arg> to 'format' (<msg>)". `arg` counts the
    /// format string as #1. Callers that name the function differently (Lua says 'string.format'
    /// when it finds the function in a loaded table) can build their own text from the fields.
    BadArgument { arg: usize, msg: String },
    /// `luaL_error`: the message as bytes, because it may quote bytes of the format string.
    Message(Vec<u8>),
}

impl FormatError {
    /// A "bad argument" error, for `FormatArgs` implementations ("number expected, got nil",
    /// "number has no integer representation", ...).
    pub fn bad_argument(arg: usize, msg: impl Into<String>) -> FormatError {
        FormatError::BadArgument {
            arg,
            msg: msg.into(),
        }
    }

    fn message(text: &[&[u8]]) -> FormatError {
        FormatError::Message(text.concat())
    }
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::BadArgument { arg, msg } => {
                write!(f, "bad argument #{arg} to 'format' ({msg})")
            }
            FormatError::Message(bytes) => f.write_str(&String::from_utf8_lossy(bytes)),
        }
    }
}

impl std::error::Error for FormatError {}

/// What `%q` needs to know about a value (`addliteral`).
#[derive(Clone, Debug, PartialEq)]
pub enum Literal<'a> {
    Str(Cow<'a, [u8]>),
    Int(i64),
    Float(f64),
    /// `nil` or a boolean, already converted by `luaL_tolstring` (which honours `__tostring`).
    Text(Cow<'a, [u8]>),
    /// Any other type: Lua raises "value has no literal form".
    NoLiteral,
}

/// The arguments of one `string.format` call, numbered as in Lua: the format string is #1, so the
/// first value is #2. Each method mirrors the C API call `str_format` makes.
pub trait FormatArgs {
    /// The caller's error type; `format`'s own errors are converted into it.
    type Error: From<FormatError>;

    /// `lua_gettop`: the number of arguments including the format string.
    fn top(&self) -> usize;

    /// `luaL_checkinteger(L, arg)`: an integer, a float with an exact integer value, or a string
    /// convertible to one. Errors are "number expected, got <type>" and "number has no integer
    /// representation" (see `FormatError::bad_argument` and `crate::number::str_to_integer`).
    fn integer(&mut self, arg: usize) -> Result<i64, Self::Error>;

    /// `luaL_checknumber(L, arg)`: a number or a numeric string, as a float.
    fn number(&mut self, arg: usize) -> Result<f64, Self::Error>;

    /// `luaL_tolstring(L, arg)`: the text `tostring` would give, `__tostring` and `__name` included.
    fn tostring(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, Self::Error>;

    /// The value for `%q`.
    fn literal(&mut self, arg: usize) -> Result<Literal<'_>, Self::Error>;

    /// `lua_topointer(L, arg)` for `%p`: the address of a table, function, thread, userdata or
    /// string (strings are objects with an address in 5.4), and `None` (or `Some(0)`) for nil,
    /// booleans and numbers, which Lua prints as "(null)".
    fn pointer(&mut self, arg: usize) -> Option<usize>;
}

/// `string.format(fmt, ...)`: the formatted bytes.
pub fn format<A: FormatArgs>(fmt: &[u8], args: &mut A) -> Result<Vec<u8>, A::Error> {
    let mut out = Vec::with_capacity(fmt.len() + 16);
    format_into(&mut out, fmt, args)?;
    Ok(out)
}

/// Like `format`, appending to `out`. On error `out` holds a partial result.
pub fn format_into<A: FormatArgs>(
    out: &mut Vec<u8>,
    fmt: &[u8],
    args: &mut A,
) -> Result<(), A::Error> {
    // C reads the terminating NUL past the end of the string; `at` models that.
    let at = |i: usize| fmt.get(i).copied().unwrap_or(0);
    let top = args.top();
    let mut arg = 1;
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            let next = fmt[i..]
                .iter()
                .position(|&c| c == b'%')
                .map_or(fmt.len(), |p| i + p);
            out.extend_from_slice(&fmt[i..next]);
            i = next;
            continue;
        }
        i += 1;
        if at(i) == b'%' {
            out.push(b'%');
            i += 1;
            continue;
        }
        arg += 1;
        if arg > top {
            return Err(FormatError::bad_argument(arg, "no value").into());
        }
        // `getformat`: flags, digits and '.' up to the conversion character.
        let span = fmt[i..]
            .iter()
            .take_while(|c| b"-+#0 123456789.".contains(c))
            .count();
        if span + 1 >= MAX_FORMAT - 10 {
            return Err(FormatError::message(&[b"invalid format (too long)"]).into());
        }
        let modifiers = &fmt[i..i + span];
        let conv = at(i + span);
        i += span + 1;
        let form = Form { modifiers, conv };
        match conv {
            b'c' => {
                let spec = form.check(FLAGS_CHAR, false)?;
                let n = args.integer(arg)?;
                // C passes the value as an `int` and prints it as an `unsigned char`.
                pad(out, &spec, &[], &[], &[n as i32 as u8], false);
            }
            b'd' | b'i' | b'u' | b'o' | b'x' | b'X' => {
                let n = args.integer(arg)?;
                let flags = match conv {
                    b'd' | b'i' => FLAGS_INT,
                    b'u' => FLAGS_UNSIGNED,
                    _ => FLAGS_HEX,
                };
                let spec = form.check(flags, true)?;
                push_int(out, n, &spec);
            }
            b'a' | b'A' => {
                let spec = form.check(FLAGS_FLOAT, true)?;
                let x = args.number(arg)?;
                push_float(out, x, &spec);
            }
            b'e' | b'E' | b'f' | b'g' | b'G' => {
                let x = args.number(arg)?;
                let spec = form.check(FLAGS_FLOAT, true)?;
                push_float(out, x, &spec);
            }
            b'p' => {
                let ptr = args.pointer(arg);
                let spec = form.check(FLAGS_CHAR, false)?;
                match ptr {
                    Some(p) if p != 0 => {
                        let digits = format!("{p:x}");
                        pad(out, &spec, &[], b"0x", digits.as_bytes(), false);
                    }
                    _ => pad(out, &spec, &[], &[], b"(null)", false),
                }
            }
            b'q' => {
                if !modifiers.is_empty() {
                    return Err(
                        FormatError::message(&[b"specifier '%q' cannot have modifiers"]).into(),
                    );
                }
                match args.literal(arg)? {
                    Literal::Str(s) => push_quoted(out, &s),
                    Literal::Int(n) => push_quoted_int(out, n),
                    Literal::Float(x) => push_quoted_float(out, x),
                    Literal::Text(t) => out.extend_from_slice(&t),
                    Literal::NoLiteral => {
                        return Err(
                            FormatError::bad_argument(arg, "value has no literal form").into()
                        );
                    }
                }
            }
            b's' => {
                let s = args.tostring(arg)?;
                if modifiers.is_empty() {
                    out.extend_from_slice(&s);
                } else {
                    if s.contains(&0) {
                        return Err(FormatError::bad_argument(arg, "string contains zeros").into());
                    }
                    let spec = form.check(FLAGS_CHAR, true)?;
                    let shown = match spec.precision {
                        Some(p) => &s[..s.len().min(p)],
                        None => &s[..],
                    };
                    // Without a precision Lua copies strings of 100 bytes or more unformatted; the
                    // width (at most 99) could not change them anyway.
                    pad(out, &spec, &[], &[], shown, false);
                }
            }
            _ => {
                // The spec is quoted up to the conversion character, or up to the NUL C would see.
                let shown: &[u8] = if conv == 0 { &[] } else { &[conv] };
                return Err(FormatError::message(&[
                    b"invalid conversion '%",
                    modifiers,
                    shown,
                    b"' to 'format'",
                ])
                .into());
            }
        }
    }
    Ok(())
}

/// One conversion specification as written: the text between '%' and the conversion character.
struct Form<'a> {
    modifiers: &'a [u8],
    conv: u8,
}

impl Form<'_> {
    /// `checkformat`: flags from `flags`, a width of at most two digits that does not start with
    /// '0', and (if `precision`) '.' and at most two digits. Returns the parsed spec.
    fn check(&self, flags: &[u8], precision: bool) -> Result<Spec, FormatError> {
        let m = self.modifiers;
        let at = |i: usize| m.get(i).copied().unwrap_or(0);
        let mut spec = Spec {
            conv: self.conv,
            ..Spec::default()
        };
        let mut i = 0;
        while i < m.len() && flags.contains(&m[i]) {
            match m[i] {
                b'-' => spec.left = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                _ => spec.zero = true,
            }
            i += 1;
        }
        if at(i) != b'0' {
            let (width, next) = two_digits(m, i);
            spec.width = width;
            i = next;
            if at(i) == b'.' && precision {
                let (p, next) = two_digits(m, i + 1);
                spec.precision = Some(p);
                i = next;
            }
        }
        if i != m.len() {
            return Err(FormatError::message(&[
                b"invalid conversion specification: '%",
                m,
                &[self.conv],
                b"'",
            ]));
        }
        Ok(spec)
    }
}

/// `get2digits`: up to two decimal digits at `i`, as a number.
fn two_digits(m: &[u8], mut i: usize) -> (usize, usize) {
    let mut n = 0;
    for _ in 0..2 {
        match m.get(i) {
            Some(&c) if c.is_ascii_digit() => {
                n = n * 10 + (c - b'0') as usize;
                i += 1;
            }
            _ => break,
        }
    }
    (n, i)
}

/// A parsed printf conversion: flags, width, precision and conversion character.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    /// '-': left-justify.
    pub left: bool,
    /// '+': always print a sign.
    pub plus: bool,
    /// ' ': a space where a '+' would go.
    pub space: bool,
    /// '#': alternate form.
    pub alt: bool,
    /// '0': pad numbers with zeros.
    pub zero: bool,
    pub width: usize,
    pub precision: Option<usize>,
    /// The conversion character, e.g. `b'g'`.
    pub conv: u8,
}

/// Writes `sign`, `prefix` and `body` padded to the width: spaces on the left (or right with '-'),
/// or zeros between prefix and body when `zero_pad` (the caller decides when C allows that).
fn pad(out: &mut Vec<u8>, spec: &Spec, sign: &[u8], prefix: &[u8], body: &[u8], zero_pad: bool) {
    let len = sign.len() + prefix.len() + body.len();
    let fill = spec.width.saturating_sub(len);
    if spec.left {
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
        out.resize(out.len() + fill, b' ');
    } else if zero_pad {
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.resize(out.len() + fill, b'0');
        out.extend_from_slice(body);
    } else {
        out.resize(out.len() + fill, b' ');
        out.extend_from_slice(sign);
        out.extend_from_slice(prefix);
        out.extend_from_slice(body);
    }
}

/// The sign C prints for a value: '-' if negative, else '+' or ' ' if the flags ask for one.
fn sign_of(negative: bool, spec: &Spec) -> &'static [u8] {
    if negative {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    }
}

/// An integer conversion (`d i u o x X`) of a 64-bit value, as C's `%lld`-family.
pub fn push_int(out: &mut Vec<u8>, n: i64, spec: &Spec) {
    let (negative, mut digits) = match spec.conv {
        b'd' | b'i' => (n < 0, n.unsigned_abs().to_string()),
        b'u' => (false, (n as u64).to_string()),
        b'o' => (false, format!("{:o}", n as u64)),
        b'x' => (false, format!("{:x}", n as u64)),
        _ => (false, format!("{:X}", n as u64)),
    };
    if let Some(p) = spec.precision {
        // An explicit zero precision prints nothing for the value zero.
        if p == 0 && n == 0 {
            digits.clear();
        }
        if digits.len() < p {
            digits.insert_str(0, &"0".repeat(p - digits.len()));
        }
    }
    let mut prefix: &[u8] = b"";
    if spec.alt {
        match spec.conv {
            b'o' if !digits.starts_with('0') => digits.insert(0, '0'),
            b'x' if n != 0 => prefix = b"0x",
            b'X' if n != 0 => prefix = b"0X",
            _ => {}
        }
    }
    let sign = match spec.conv {
        b'd' | b'i' => sign_of(negative, spec),
        _ => b"",
    };
    let zero_pad = spec.zero && spec.precision.is_none();
    pad(out, spec, sign, prefix, digits.as_bytes(), zero_pad);
}

/// A float conversion (`a A e E f F g G`) as glibc's printf writes it.
pub fn push_float(out: &mut Vec<u8>, x: f64, spec: &Spec) {
    let upper = spec.conv.is_ascii_uppercase();
    let sign = sign_of(x.is_sign_negative(), spec);
    if !x.is_finite() {
        let body: &[u8] = match (x.is_nan(), upper) {
            (true, false) => b"nan",
            (true, true) => b"NAN",
            (false, false) => b"inf",
            (false, true) => b"INF",
        };
        // C never zero-pads infinities and NaNs.
        pad(out, spec, sign, b"", body, false);
        return;
    }
    let x = x.abs();
    let mut body = Vec::with_capacity(32);
    let mut prefix: &[u8] = b"";
    match spec.conv.to_ascii_lowercase() {
        b'e' => push_e(&mut body, x, spec.precision.unwrap_or(6), spec.alt, upper),
        b'f' => push_f(&mut body, x, spec.precision.unwrap_or(6), spec.alt),
        b'g' => push_g(&mut body, x, spec.precision.unwrap_or(6), spec.alt, upper),
        _ => {
            prefix = if upper { b"0X" } else { b"0x" };
            push_a(&mut body, x, spec.precision, spec.alt, upper);
        }
    }
    pad(out, spec, sign, prefix, &body, spec.zero);
}

/// "%.<prec>g" with no flags and no width: what `tostring` uses with 14.
pub(crate) fn push_float_g(out: &mut Vec<u8>, x: f64, prec: usize) {
    let spec = Spec {
        precision: Some(prec),
        conv: b'g',
        ..Spec::default()
    };
    push_float(out, x, &spec);
}

/// The decimal significand of finite `x >= 0` rounded to `n_digits` significant digits, and the
/// decimal exponent of its first digit (for 0 the exponent is 0).
fn sig_digits(x: f64, n_digits: usize) -> (Vec<u8>, i32) {
    let text = format!("{:.*e}", n_digits - 1, x);
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// Appends C's exponent suffix: 'e' or 'E', a sign, and at least two digits.
fn push_exponent(out: &mut Vec<u8>, exp: i32, upper: bool) {
    out.push(if upper { b'E' } else { b'e' });
    out.push(if exp < 0 { b'-' } else { b'+' });
    let digits = exp.unsigned_abs().to_string();
    if digits.len() < 2 {
        out.push(b'0');
    }
    out.extend_from_slice(digits.as_bytes());
}

/// `%e` of finite `x >= 0`.
fn push_e(out: &mut Vec<u8>, x: f64, prec: usize, alt: bool, upper: bool) {
    let (digits, exp) = sig_digits(x, prec + 1);
    out.push(digits[0]);
    if prec > 0 || alt {
        out.push(b'.');
    }
    out.extend_from_slice(&digits[1..]);
    push_exponent(out, exp, upper);
}

/// `%f` of finite `x >= 0`.
fn push_f(out: &mut Vec<u8>, x: f64, prec: usize, alt: bool) {
    out.extend_from_slice(format!("{x:.prec$}").as_bytes());
    if prec == 0 && alt {
        out.push(b'.');
    }
}

/// `%g` of finite `x >= 0`: `%e` or `%f` style depending on the exponent, then (without '#')
/// trailing zeros and a trailing point removed.
fn push_g(out: &mut Vec<u8>, x: f64, prec: usize, alt: bool, upper: bool) {
    let p = prec.max(1);
    let (digits, exp) = sig_digits(x, p);
    // In fixed style with precision p - 1 - exp, the digits are the same `p` significant digits,
    // because both round at the same decimal position.
    let use_fixed = exp >= -4 && (exp as i64) < p as i64;
    // glibc quirk, visible only with '#': it picks the style from the exponent before rounding. When
    // that chose fixed style with no fraction digits (exponent p - 1) and rounding then carried to
    // 10^p, it switches to exponent style but keeps zero fraction digits: "%#.3g" of 999.9 is
    // "1.e+03", where C99 asks for "1.00e+03". Lua inherits this, so we copy it. 120 digits decide
    // exactly whether the value is below 10^p (a double differs from 10^p by at least 5^-p of it).
    if alt && exp as i64 == p as i64 && sig_digits(x, 120).1 == exp - 1 {
        out.extend_from_slice(&[digits[0], b'.']);
        push_exponent(out, exp, upper);
        return;
    }
    let (int_part, frac): (Vec<u8>, Vec<u8>) = if !use_fixed {
        (digits[..1].to_vec(), digits[1..].to_vec())
    } else if exp >= 0 {
        let split = exp as usize + 1;
        (digits[..split].to_vec(), digits[split..].to_vec())
    } else {
        let mut frac = vec![b'0'; (-exp - 1) as usize];
        frac.extend_from_slice(&digits);
        (vec![b'0'], frac)
    };
    let frac = if alt {
        &frac[..]
    } else {
        let keep = frac.iter().rposition(|&c| c != b'0').map_or(0, |i| i + 1);
        &frac[..keep]
    };
    out.extend_from_slice(&int_part);
    if !frac.is_empty() || alt {
        out.push(b'.');
    }
    out.extend_from_slice(frac);
    if !use_fixed {
        push_exponent(out, exp, upper);
    }
}

/// `%a` of finite `x >= 0` without the "0x" prefix, as glibc writes it: normal numbers as
/// `1.hhhp±d`, subnormals as `0.hhhp-1022`, trailing zero digits dropped unless a precision is
/// given, and rounding to a precision done to nearest-even on the whole significand.
fn push_a(out: &mut Vec<u8>, x: f64, precision: Option<usize>, alt: bool, upper: bool) {
    let bits = x.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mut lead, exp) = match (biased, fraction) {
        (0, 0) => (0u64, 0),
        (0, _) => (0, -1022),
        _ => (1, biased - 1023),
    };
    // The 13 hex digits of the 52 fraction bits.
    let mut frac_digits: Vec<u8> = (0..13)
        .map(|k| ((fraction >> (48 - 4 * k)) & 0xf) as u8)
        .collect();
    match precision {
        None => {
            let keep = frac_digits
                .iter()
                .rposition(|&d| d != 0)
                .map_or(0, |i| i + 1);
            frac_digits.truncate(keep);
        }
        Some(p) if p < 13 => {
            // Round the significand `lead.fraction` to `p` hex digits after the point.
            let dropped_bits = 4 * (13 - p) as u32;
            let full = lead << 52 | fraction;
            let rem = full & ((1u64 << dropped_bits) - 1);
            let half = 1u64 << (dropped_bits - 1);
            let mut kept = full >> dropped_bits;
            if rem > half || (rem == half && kept & 1 == 1) {
                kept += 1;
            }
            lead = kept >> (4 * p);
            frac_digits = (0..p)
                .map(|k| ((kept >> (4 * (p - 1 - k))) & 0xf) as u8)
                .collect();
        }
        Some(p) => frac_digits.resize(p, 0),
    }
    let hex = |d: u64| {
        let c = b"0123456789abcdef"[d as usize];
        if upper { c.to_ascii_uppercase() } else { c }
    };
    out.push(hex(lead));
    if !frac_digits.is_empty() || alt {
        out.push(b'.');
    }
    out.extend(frac_digits.iter().map(|&d| hex(d as u64)));
    out.push(if upper { b'P' } else { b'p' });
    out.extend_from_slice(format!("{exp:+}").as_bytes());
}

/// `%q` of a string (`addquoted`): quotes, backslash escapes for '"', '\\' and newline, and
/// decimal escapes for other control characters (three digits when a digit follows).
pub fn push_quoted(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    for (i, &c) in s.iter().enumerate() {
        if c == b'"' || c == b'\\' || c == b'\n' {
            out.push(b'\\');
            out.push(c);
        } else if c < 0x20 || c == 0x7f {
            let text = if s.get(i + 1).is_some_and(u8::is_ascii_digit) {
                format!("\\{c:03}")
            } else {
                format!("\\{c}")
            };
            out.extend_from_slice(text.as_bytes());
        } else {
            out.push(c);
        }
    }
    out.push(b'"');
}

/// `%q` of an integer: decimal, except `math.mininteger`, which has no decimal literal and is
/// written "0x8000000000000000".
pub fn push_quoted_int(out: &mut Vec<u8>, n: i64) {
    if n == i64::MIN {
        out.extend_from_slice(b"0x8000000000000000");
    } else {
        out.extend_from_slice(n.to_string().as_bytes());
    }
}

/// `%q` of a float (`quotefloat`): "1e9999", "-1e9999", "(0/0)", or the exact hexadecimal `%a` form.
pub fn push_quoted_float(out: &mut Vec<u8>, x: f64) {
    if x == f64::INFINITY {
        out.extend_from_slice(b"1e9999");
    } else if x == f64::NEG_INFINITY {
        out.extend_from_slice(b"-1e9999");
    } else if x.is_nan() {
        out.extend_from_slice(b"(0/0)");
    } else {
        let spec = Spec {
            conv: b'a',
            ..Spec::default()
        };
        push_float(out, x, &spec);
    }
}
