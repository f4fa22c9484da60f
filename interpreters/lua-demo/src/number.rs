//! Lua 5.4 number semantics: string <-> number conversions and the integer/float arithmetic rules.
//!
//! Everything here is a pure function over `i64`, `f64` and byte strings, so it does not depend on the
//! value model. Each function names the Lua 5.4.4 C function whose behaviour it reproduces
//! (`luaO_str2num`, `luaV_idiv`, `LTintfloat`, ...); the expected results in the tests were produced by
//! running `lua5.4`. Float-to-text goes through the C-printf engine in `crate::format`, so `tostring`
//! and `string.format("%.14g")` agree byte for byte.
//!
//! Deliberately not here: integer add/sub/mul/unm (they are plain `wrapping_*` calls), metamethod
//! dispatch, and the type-error messages ("attempt to perform arithmetic on a nil value"), which need
//! variable names only the interpreter knows. Lua 5.4.4 does not coerce strings for bitwise operators
//! (`"3" & 1` raises "attempt to perform bitwise operation on a string value"), so `str_to_integer` is
//! meant for `luaL_checkinteger`-style library arguments, not for `&`, `|` and friends.

#[cfg(test)]
mod tests;

/// A Lua number: the two subtypes of 5.4.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Float(f64),
}

/// Errors raised by the arithmetic helpers, with Lua 5.4.4's exact messages (see `message`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// Integer `//` by zero.
    DivideByZero,
    /// Integer `%` by zero.
    ModuloByZero,
    /// A float or numeric string without an exact integer value where an integer is required.
    NoIntegerRepresentation,
    /// `tonumber(s, base)` with a base outside 2..=36 (an argument error on argument #2).
    BaseOutOfRange,
}

impl ArithError {
    /// The message Lua 5.4.4 prints. Note that 5.4.4 says "attempt to divide by zero" for `n//0`
    /// but "attempt to perform 'n%0'" for `n%0`.
    pub fn message(self) -> &'static str {
        match self {
            ArithError::DivideByZero => "attempt to divide by zero",
            ArithError::ModuloByZero => "attempt to perform 'n%0'",
            ArithError::NoIntegerRepresentation => "number has no integer representation",
            ArithError::BaseOutOfRange => "base out of range",
        }
    }
}

impl std::fmt::Display for ArithError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ArithError {}

/// C's `isspace` in the "C" locale, which is what Lua's `lisspace` uses.
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// `tostring` of an integer (`LUA_INTEGER_FMT`, "%lld").
pub fn fmt_int(i: i64) -> String {
    i.to_string()
}

/// `tostring` of a float: "%.14g", then ".0" if the result looks like an integer.
///
/// Infinities print as "inf"/"-inf" and NaNs as "nan" or "-nan" following the sign bit, as glibc does
/// (on x86-64 `0/0` produces a NaN with the sign bit set, so Lua prints "-nan" for it).
pub fn fmt_float(x: f64) -> String {
    let mut out = Vec::with_capacity(24);
    crate::format::push_float_g(&mut out, x, 14);
    // Same test as `tostringbuff`: only sign and digits means it would read back as an integer.
    if out.iter().all(|&c| c == b'-' || c.is_ascii_digit()) {
        out.extend_from_slice(b".0");
    }
    // The printf engine only writes ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// `tostring` of either subtype.
pub fn fmt_number(n: Number) -> String {
    match n {
        Number::Int(i) => fmt_int(i),
        Number::Float(f) => fmt_float(f),
    }
}

/// `luaO_str2num` as used by `tonumber(s)` and string coercions: the whole string must be a numeral,
/// optionally surrounded by whitespace.
///
/// Decimal integers that do not fit in an `i64` become floats; hexadecimal integers wrap around
/// modulo 2^64. Floats follow `strtod` (decimal or hexadecimal with a `p` exponent, correctly rounded)
/// except that "inf" and "nan" are rejected. A string with an embedded NUL is never a number, because
/// C stops reading at the NUL and the length check fails.
pub fn str_to_number(s: &[u8]) -> Option<Number> {
    if s.contains(&0) {
        return None;
    }
    if let Some(i) = str_to_int_literal(s) {
        return Some(Number::Int(i));
    }
    str_to_float(s).map(Number::Float)
}

/// A string as an integer the way `luaL_checkinteger`/`lua_tointegerx` see it: converted with
/// `str_to_number`, then accepted only if the value is integral (`F2Ieq`). `None` means "not a
/// number"; a numeral without an integer value gives `Err(NoIntegerRepresentation)`.
pub fn str_to_integer(s: &[u8]) -> Option<Result<i64, ArithError>> {
    match str_to_number(s)? {
        Number::Int(i) => Some(Ok(i)),
        Number::Float(f) => Some(float_to_int_exact(f).ok_or(ArithError::NoIntegerRepresentation)),
    }
}

/// `l_str2int`: an integer numeral, decimal (rejected on overflow) or hexadecimal (wrapping).
fn str_to_int_literal(s: &[u8]) -> Option<i64> {
    let mut i = skip_spaces(s, 0);
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut a: u64 = 0;
    let mut empty = true;
    if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
        while let Some(d) = s.get(i).and_then(|&c| hex_value(c)) {
            a = a.wrapping_mul(16).wrapping_add(d as u64);
            empty = false;
            i += 1;
        }
    } else {
        const MAX_BY_10: u64 = (i64::MAX / 10) as u64;
        const MAX_LAST_DIGIT: u64 = (i64::MAX % 10) as u64;
        while let Some(&c) = s.get(i).filter(|c| c.is_ascii_digit()) {
            let d = (c - b'0') as u64;
            // The negative range has one more value, hence `+ neg`.
            if a >= MAX_BY_10 && (a > MAX_BY_10 || d > MAX_LAST_DIGIT + neg as u64) {
                return None;
            }
            a = a * 10 + d;
            empty = false;
            i += 1;
        }
    }
    i = skip_spaces(s, i);
    if empty || i != s.len() {
        return None;
    }
    Some(if neg { 0u64.wrapping_sub(a) } else { a } as i64)
}

/// `l_str2d`: a float numeral accepted by `strtod`, minus "inf" and "nan".
fn str_to_float(s: &[u8]) -> Option<f64> {
    // Lua rejects anything whose first special character is an 'n' (that catches every spelling of
    // inf and nan), before trying `strtod`.
    if let Some(&c) = s.iter().find(|c| b".xXnN".contains(c))
        && (c == b'n' || c == b'N')
    {
        return None;
    }
    let start = skip_spaces(s, 0);
    let (value, end) = strtod(s, start)?;
    if skip_spaces(s, end) != s.len() {
        return None;
    }
    Some(value)
}

/// C's `strtod` on `s[start..]` for finite numerals (no leading whitespace, no inf/nan): returns the
/// value and the end of the longest valid prefix, or `None` if no numeral starts at `start`.
fn strtod(s: &[u8], start: usize) -> Option<(f64, usize)> {
    let mut i = start;
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let (magnitude, end) = if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x' | b'X')) {
        // "0x" without hex digits is the numeral "0" followed by garbage, as in C.
        match hex_float(s, i + 2) {
            Some(r) => r,
            None => (0.0, i + 1),
        }
    } else {
        decimal_float(s, i)?
    };
    Some((if neg { -magnitude } else { magnitude }, end))
}

/// The digits of a decimal float starting at `i`: `digits [. digits] [e [sign] digits]` or
/// `. digits [...]`. The exponent is only consumed if it is complete, as `strtod` does.
fn decimal_float(s: &[u8], start: usize) -> Option<(f64, usize)> {
    let digits_from = |mut i: usize| {
        while s.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        i
    };
    let int_end = digits_from(start);
    let mut end = int_end;
    let mut n_digits = int_end - start;
    if s.get(end) == Some(&b'.') {
        let frac_end = digits_from(end + 1);
        n_digits += frac_end - (end + 1);
        end = frac_end;
    }
    if n_digits == 0 {
        return None;
    }
    if matches!(s.get(end), Some(b'e' | b'E')) {
        let mut j = end + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_end = digits_from(j);
        if exp_end > j {
            end = exp_end;
        }
    }
    // The slice is ASCII and matches Rust's float grammar, whose parser is correctly rounded like
    // glibc's `strtod`.
    let text = std::str::from_utf8(&s[start..end]).ok()?;
    text.parse::<f64>().ok().map(|v| (v, end))
}

/// A hexadecimal float after the "0x": `hexdigits [. hexdigits] [p [sign] digits]`, correctly
/// rounded to nearest-even like glibc. Returns `None` if there is no hex digit at all.
fn hex_float(s: &[u8], start: usize) -> Option<(f64, usize)> {
    let mut i = start;
    // Up to 16 significant hex digits fit in `mantissa`; later nonzero digits only set `sticky`.
    let mut mantissa: u64 = 0;
    let mut sticky = false;
    let mut exp2: i64 = 0;
    let mut any_digit = false;
    let mut seen_dot = false;
    loop {
        match s.get(i) {
            Some(b'.') if !seen_dot => seen_dot = true,
            Some(&c) if hex_value(c).is_some() => {
                let d = hex_value(c).unwrap_or(0) as u64;
                any_digit = true;
                if mantissa >> 60 == 0 {
                    mantissa = mantissa << 4 | d;
                    if seen_dot {
                        exp2 -= 4;
                    }
                } else {
                    sticky |= d != 0;
                    if !seen_dot {
                        exp2 += 4;
                    }
                }
            }
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if matches!(s.get(i), Some(b'p' | b'P')) {
        let mut j = i + 1;
        let neg = match s.get(j) {
            Some(b'-') => {
                j += 1;
                true
            }
            Some(b'+') => {
                j += 1;
                false
            }
            _ => false,
        };
        let digits_start = j;
        let mut e: i64 = 0;
        while let Some(&c) = s.get(j).filter(|c| c.is_ascii_digit()) {
            // Saturate: anything this large over- or underflows regardless.
            e = (e * 10 + (c - b'0') as i64).min(1 << 40);
            j += 1;
        }
        if j > digits_start {
            exp2 += if neg { -e } else { e };
            i = j;
        }
    }
    Some((make_float(mantissa, sticky, exp2), i))
}

/// The double nearest to `(mantissa + ε) · 2^exp2`, where ε is a positive amount smaller than one
/// unit of `mantissa` if `sticky` is set. Ties go to even; overflow gives infinity.
fn make_float(mantissa: u64, sticky: bool, exp2: i64) -> f64 {
    if mantissa == 0 {
        return 0.0;
    }
    let n_bits = 64 - mantissa.leading_zeros() as i64;
    // Exponent of the leading bit.
    let top = exp2 + n_bits - 1;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Bits of precision available at this magnitude: 53 for normal numbers, fewer for subnormals.
    let precision = if top >= -1022 { 53 } else { top + 1075 };
    if precision < 0 {
        return 0.0;
    }
    let drop = n_bits - precision;
    let mut q: u128 = mantissa as u128;
    if drop > 0 {
        let drop = drop as u32;
        let rem = q & ((1u128 << drop) - 1);
        let half = 1u128 << (drop - 1);
        q >>= drop;
        if rem > half || (rem == half && (sticky || q & 1 == 1)) {
            q += 1;
        }
    } else {
        q <<= (-drop) as u32;
    }
    if top >= -1022 {
        let mut top = top;
        if q == 1u128 << 53 {
            q >>= 1;
            top += 1;
            if top > 1023 {
                return f64::INFINITY;
            }
        }
        let bits = ((top + 1023) as u64) << 52 | (q as u64 & ((1u64 << 52) - 1));
        f64::from_bits(bits)
    } else {
        // A subnormal's encoding is its mantissa in units of 2^-1074; a carry into bit 52 lands
        // exactly on the smallest normal number's encoding.
        f64::from_bits(q as u64)
    }
}

fn hex_value(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

fn skip_spaces(s: &[u8], mut i: usize) -> usize {
    while s.get(i).is_some_and(|&c| is_space(c)) {
        i += 1;
    }
    i
}

/// `tonumber(s, base)` (`b_str2int`): an integer in `base` with optional sign and surrounding
/// whitespace; digits beyond 9 are letters of either case; overflow wraps around.
/// `Ok(None)` is Lua's `fail` (not a numeral); an out-of-range base is an error.
pub fn tonumber_base(s: &[u8], base: i64) -> Result<Option<i64>, ArithError> {
    if !(2..=36).contains(&base) {
        return Err(ArithError::BaseOutOfRange);
    }
    let base = base as u64;
    let mut i = skip_spaces(s, 0);
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    if !s.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let mut n: u64 = 0;
    while let Some(&c) = s.get(i).filter(|c| c.is_ascii_alphanumeric()) {
        let digit = if c.is_ascii_digit() {
            (c - b'0') as u64
        } else {
            (c.to_ascii_uppercase() - b'A') as u64 + 10
        };
        if digit >= base {
            return Ok(None);
        }
        n = n.wrapping_mul(base).wrapping_add(digit);
        i += 1;
    }
    if skip_spaces(s, i) != s.len() {
        return Ok(None);
    }
    Ok(Some(if neg { 0u64.wrapping_sub(n) } else { n } as i64))
}

/// How `float_to_int` treats a float without an integral value (Lua's `F2Imod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum F2I {
    /// Fail: only integral values convert (`F2Ieq`).
    Exact,
    /// Take the floor (`F2Ifloor`).
    Floor,
    /// Take the ceiling (`F2Iceil`).
    Ceil,
}

/// `luaV_flttointns`: the float as an integer under `mode`, or `None` if the (rounded) value is
/// outside the `i64` range or is NaN.
pub fn float_to_int(n: f64, mode: F2I) -> Option<i64> {
    let mut f = n.floor();
    if n != f {
        match mode {
            F2I::Exact => return None,
            F2I::Floor => {}
            F2I::Ceil => f += 1.0,
        }
    }
    // `lua_numbertointeger`: -2^63 <= f < 2^63. Both bounds are exact doubles; NaN fails both.
    if (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

/// The exact integer value of a float (`math.tointeger`, `lua_numbertointeger` with `F2Ieq`).
pub fn float_to_int_exact(n: f64) -> Option<i64> {
    float_to_int(n, F2I::Exact)
}

/// A number as an integer with `F2Ieq`, failing with "number has no integer representation".
pub fn number_to_int(n: Number) -> Result<i64, ArithError> {
    match n {
        Number::Int(i) => Ok(i),
        Number::Float(f) => float_to_int_exact(f).ok_or(ArithError::NoIntegerRepresentation),
    }
}

/// Integer floor division (`luaV_idiv`). `i64::MIN // -1` wraps to `i64::MIN` as in Lua.
pub fn int_floor_div(m: i64, n: i64) -> Result<i64, ArithError> {
    match n {
        0 => Err(ArithError::DivideByZero),
        -1 => Ok(m.wrapping_neg()),
        _ => {
            let q = m / n;
            // C division truncates; step down when the exact quotient is negative and inexact.
            if (m ^ n) < 0 && m % n != 0 {
                Ok(q - 1)
            } else {
                Ok(q)
            }
        }
    }
}

/// Integer modulo with the sign of the divisor (`luaV_mod`).
pub fn int_mod(m: i64, n: i64) -> Result<i64, ArithError> {
    match n {
        0 => Err(ArithError::ModuloByZero),
        -1 => Ok(0),
        _ => {
            let r = m % n;
            if r != 0 && (r ^ n) < 0 {
                Ok(r + n)
            } else {
                Ok(r)
            }
        }
    }
}

/// Float floor division (`luai_numidiv`): `floor(a / b)`.
pub fn float_floor_div(a: f64, b: f64) -> f64 {
    (a / b).floor()
}

/// Float modulo (`luai_nummod`): C's `fmod`, then shifted by `b` when the signs differ.
pub fn float_mod(a: f64, b: f64) -> f64 {
    // Rust's `%` on floats is C's `fmod`, whose result has the sign of `a`; a nonzero result with
    // the opposite sign of `b` means the truncated quotient was not the floor.
    let m = a % b;
    if (m > 0.0 && b < 0.0) || (m < 0.0 && b > 0.0) {
        m + b
    } else {
        m
    }
}

/// Float exponentiation (`luai_numpow`): `b == 2` is a multiplication, anything else is C's `pow`.
pub fn float_pow(a: f64, b: f64) -> f64 {
    if b == 2.0 { a * a } else { a.powf(b) }
}

/// `luaV_shiftl`: a logical shift left by `y` (right if negative); counts of 64 or more give 0.
pub fn shift_left(x: i64, y: i64) -> i64 {
    if y < 0 {
        if y <= -64 {
            0
        } else {
            ((x as u64) >> (-y) as u32) as i64
        }
    } else if y >= 64 {
        0
    } else {
        ((x as u64) << y as u32) as i64
    }
}

/// `luaV_shiftr`: `x >> y` is `x << -y` (with wrapping negation, so `x >> mininteger` is `x << mininteger`).
pub fn shift_right(x: i64, y: i64) -> i64 {
    shift_left(x, 0i64.wrapping_sub(y))
}

/// `l_intfitsf`: whether an integer converts to a float without loss (|i| <= 2^53).
fn int_fits_float(i: i64) -> bool {
    const MAX_FITS: u64 = 1 << 53;
    MAX_FITS.wrapping_add(i as u64) <= 2 * MAX_FITS
}

/// `LTintfloat`: `i < f`, exactly.
pub fn lt_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) < f
    } else {
        // i < f <=> i < ceil(f).
        match float_to_int(f, F2I::Ceil) {
            Some(fi) => i < fi,
            None => f > 0.0,
        }
    }
}

/// `LEintfloat`: `i <= f`, exactly.
pub fn le_int_float(i: i64, f: f64) -> bool {
    if int_fits_float(i) {
        (i as f64) <= f
    } else {
        // i <= f <=> i <= floor(f).
        match float_to_int(f, F2I::Floor) {
            Some(fi) => i <= fi,
            None => f > 0.0,
        }
    }
}

/// `LTfloatint`: `f < i`, exactly.
pub fn lt_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f < (i as f64)
    } else {
        // f < i <=> floor(f) < i.
        match float_to_int(f, F2I::Floor) {
            Some(fi) => fi < i,
            None => f < 0.0,
        }
    }
}

/// `LEfloatint`: `f <= i`, exactly.
pub fn le_float_int(f: f64, i: i64) -> bool {
    if int_fits_float(i) {
        f <= (i as f64)
    } else {
        // f <= i <=> ceil(f) <= i.
        match float_to_int(f, F2I::Ceil) {
            Some(fi) => fi <= i,
            None => f < 0.0,
        }
    }
}

/// `i == f` as `luaV_equalobj` decides it: the float must have exactly that integer value.
pub fn eq_int_float(i: i64, f: f64) -> bool {
    float_to_int_exact(f) == Some(i)
}

/// `LTnum`: `a < b` for any two numbers.
pub fn num_lt(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x < y,
        (Number::Float(x), Number::Float(y)) => x < y,
        (Number::Int(x), Number::Float(y)) => lt_int_float(x, y),
        (Number::Float(x), Number::Int(y)) => lt_float_int(x, y),
    }
}

/// `LEnum`: `a <= b` for any two numbers.
pub fn num_le(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x <= y,
        (Number::Float(x), Number::Float(y)) => x <= y,
        (Number::Int(x), Number::Float(y)) => le_int_float(x, y),
        (Number::Float(x), Number::Int(y)) => le_float_int(x, y),
    }
}

/// `a == b` for any two numbers (raw equality; NaN is unequal to everything).
pub fn num_eq(a: Number, b: Number) -> bool {
    match (a, b) {
        (Number::Int(x), Number::Int(y)) => x == y,
        (Number::Float(x), Number::Float(y)) => x == y,
        (Number::Int(x), Number::Float(y)) | (Number::Float(y), Number::Int(x)) => {
            eq_int_float(x, y)
        }
    }
}
