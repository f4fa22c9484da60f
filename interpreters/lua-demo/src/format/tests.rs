//! Tests for `string.format`: named rules plus a table of cases whose expected output was produced by
//! `lua5.4` (see `gen_cases.lua`).

use super::*;
use crate::number::{self, Number};

/// A Lua value as far as `string.format` cares.
#[derive(Clone, Copy, Debug)]
enum V {
    I(i64),
    /// A float given by its bits, so the generated table is exact.
    Fb(u64),
    S(&'static [u8]),
    N,
    B(bool),
    T,
}
use V::{B, I, N, S, T};

#[allow(non_snake_case)]
const fn F(bits: u64) -> V {
    V::Fb(bits)
}

impl V {
    fn type_name(&self) -> &'static str {
        match self {
            I(_) | V::Fb(_) => "number",
            S(_) => "string",
            N => "nil",
            B(_) => "boolean",
            T => "table",
        }
    }

    fn to_number(self) -> Option<Number> {
        match self {
            I(i) => Some(Number::Int(i)),
            V::Fb(bits) => Some(Number::Float(f64::from_bits(bits))),
            S(s) => number::str_to_number(s),
            _ => None,
        }
    }
}

/// The error of the test harness: the message bytes Lua would show.
#[derive(Debug, PartialEq)]
struct Failure(Vec<u8>);

impl From<FormatError> for Failure {
    fn from(e: FormatError) -> Failure {
        match e {
            FormatError::Message(m) => Failure(m),
            other => Failure(other.to_string().into_bytes()),
        }
    }
}

/// Arguments with `luaL_check*` semantics, as the interpreter will implement them.
struct Args(Vec<V>);

impl Args {
    fn get(&self, arg: usize) -> &V {
        &self.0[arg - 2]
    }

    fn expected(&self, arg: usize, what: &str) -> Failure {
        let msg = format!("{what} expected, got {}", self.get(arg).type_name());
        FormatError::bad_argument(arg, msg).into()
    }
}

impl FormatArgs for Args {
    type Error = Failure;

    fn top(&self) -> usize {
        self.0.len() + 1
    }

    fn integer(&mut self, arg: usize) -> Result<i64, Failure> {
        match self.get(arg).to_number() {
            Some(n) => number::number_to_int(n)
                .map_err(|e| FormatError::bad_argument(arg, e.message()).into()),
            None => Err(self.expected(arg, "number")),
        }
    }

    fn number(&mut self, arg: usize) -> Result<f64, Failure> {
        match self.get(arg).to_number() {
            Some(Number::Int(i)) => Ok(i as f64),
            Some(Number::Float(f)) => Ok(f),
            None => Err(self.expected(arg, "number")),
        }
    }

    fn tostring(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, Failure> {
        Ok(match self.get(arg) {
            I(i) => Cow::Owned(number::fmt_int(*i).into_bytes()),
            V::Fb(bits) => Cow::Owned(number::fmt_float(f64::from_bits(*bits)).into_bytes()),
            S(s) => Cow::Borrowed(*s),
            N => Cow::Borrowed(b"nil"),
            B(b) => Cow::Owned(b.to_string().into_bytes()),
            T => Cow::Borrowed(b"table: 0x1234"),
        })
    }

    fn literal(&mut self, arg: usize) -> Result<Literal<'_>, Failure> {
        Ok(match self.get(arg) {
            I(i) => Literal::Int(*i),
            V::Fb(bits) => Literal::Float(f64::from_bits(*bits)),
            S(s) => Literal::Str(Cow::Borrowed(*s)),
            N => Literal::Text(Cow::Borrowed(b"nil")),
            B(b) => Literal::Text(Cow::Owned(b.to_string().into_bytes())),
            T => Literal::NoLiteral,
        })
    }

    fn pointer(&mut self, arg: usize) -> Option<usize> {
        match self.get(arg) {
            T => Some(0x1234),
            _ => None,
        }
    }
}

#[track_caller]
fn check(fmt: &str, args: &[V], expected: &str) {
    let got = format(fmt.as_bytes(), &mut Args(args.to_vec()));
    let got = match got {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(Failure(msg)) => format!("error: {}", String::from_utf8_lossy(&msg)),
    };
    assert_eq!(got, expected, "string.format({fmt:?}, ...)");
}

fn f(x: f64) -> V {
    V::Fb(x.to_bits())
}

#[test]
fn format_matches_lua_5_4_4_on_generated_cases() {
    type Case = (
        &'static [u8],
        &'static [V],
        Result<&'static [u8], &'static [u8]>,
    );
    const CASES: &[Case] = include!("lua_cases.in");
    let mut failures = Vec::new();
    for (fmt, args, expected) in CASES {
        let got = format(fmt, &mut Args(args.to_vec()));
        let got = got.as_deref().map_err(|Failure(m)| m.as_slice());
        if got != *expected {
            failures.push(format!(
                "format({:?}, {:?}): got {:?}, want {:?}",
                String::from_utf8_lossy(fmt),
                args,
                got.map(String::from_utf8_lossy)
                    .map_err(String::from_utf8_lossy),
                expected
                    .map(String::from_utf8_lossy)
                    .map_err(String::from_utf8_lossy),
            ));
        }
    }
    assert!(CASES.len() > 1000);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn format_percent_percent_needs_no_argument() {
    check("100%%", &[], "100%");
}

#[test]
fn format_missing_argument_is_no_value() {
    check(
        "%d %d",
        &[I(1)],
        "error: bad argument #3 to 'format' (no value)",
    );
    // The argument count is checked before the spec itself.
    check("%y", &[], "error: bad argument #2 to 'format' (no value)");
}

#[test]
fn format_unknown_conversion_is_invalid_conversion() {
    check("%y", &[I(1)], "error: invalid conversion '%y' to 'format'");
    check(
        "%F",
        &[f(1.5)],
        "error: invalid conversion '%F' to 'format'",
    );
    check("%ld", &[I(1)], "error: invalid conversion '%l' to 'format'");
    check("%", &[I(1)], "error: invalid conversion '%' to 'format'");
}

#[test]
fn format_flag_not_allowed_for_conversion_is_invalid_specification() {
    check(
        "%#d",
        &[I(1)],
        "error: invalid conversion specification: '%#d'",
    );
    check(
        "%+x",
        &[I(1)],
        "error: invalid conversion specification: '%+x'",
    );
    check(
        "%05c",
        &[I(65)],
        "error: invalid conversion specification: '%05c'",
    );
}

#[test]
fn format_width_and_precision_have_at_most_two_digits() {
    check("%99d|", &[I(1)], &format!("{:>99}|", 1));
    check(
        "%100d",
        &[I(1)],
        "error: invalid conversion specification: '%100d'",
    );
    check(
        "%.100d",
        &[I(1)],
        "error: invalid conversion specification: '%.100d'",
    );
    let long = format!("%{}d", "1".repeat(21));
    check(&long, &[I(1)], "error: invalid format (too long)");
}

#[test]
fn format_integer_argument_rules() {
    check("%d", &[f(3.0)], "3");
    check("%d", &[S(b"0x10")], "16");
    check(
        "%d",
        &[f(3.5)],
        "error: bad argument #2 to 'format' (number has no integer representation)",
    );
    check(
        "%d",
        &[N],
        "error: bad argument #2 to 'format' (number expected, got nil)",
    );
}

#[test]
fn format_integer_flags_like_c() {
    check(
        "%5d|%-5d|%05d|%+d|% d",
        &[I(42), I(42), I(42), I(42), I(42)],
        "   42|42   |00042|+42| 42",
    );
    // A precision disables the '0' flag, and precision 0 prints nothing for 0.
    check("%05.3d|%.0d|", &[I(7), I(0)], "  007||");
    check(
        "%#x|%#o|%#x|%#o",
        &[I(255), I(8), I(0), I(0)],
        "0xff|010|0|0",
    );
    check(
        "%x|%u",
        &[I(-1), I(-1)],
        "ffffffffffffffff|18446744073709551615",
    );
}

#[test]
fn format_c_writes_the_low_byte() {
    check("%c%c%c", &[I(76), I(117), I(97)], "Lua");
    check("%c", &[I(321)], "A");
}

#[test]
fn format_s_precision_truncates_and_zeros_need_no_modifiers() {
    check("%.2s|%5.1s|", &[S(b"abc"), S(b"abc")], "ab|    a|");
    check("%s", &[S(b"a\0b")], "a\0b");
    check(
        "%5s",
        &[S(b"a\0b")],
        "error: bad argument #2 to 'format' (string contains zeros)",
    );
}

#[test]
fn format_q_quotes_strings_for_the_lexer() {
    check("%q", &[S(b"a\"b\\c\nd")], "\"a\\\"b\\\\c\\\nd\"");
    // A control character takes three digits when a digit follows it.
    check("%q", &[S(b"\x001\x01a\r")], "\"\\0001\\1a\\13\"");
}

#[test]
fn format_q_numbers_read_back_exactly() {
    check("%q", &[I(i64::MIN)], "0x8000000000000000");
    check("%q", &[f(0.1)], "0x1.999999999999ap-4");
    check(
        "%q|%q|%q",
        &[f(f64::INFINITY), f(f64::NEG_INFINITY), f(f64::NAN)],
        "1e9999|-1e9999|(0/0)",
    );
    check("%q|%q|%q", &[N, B(true), B(false)], "nil|true|false");
}

#[test]
fn format_q_rejects_modifiers_and_values_without_literal() {
    check(
        "%5q",
        &[S(b"x")],
        "error: specifier '%q' cannot have modifiers",
    );
    check(
        "%q",
        &[T],
        "error: bad argument #2 to 'format' (value has no literal form)",
    );
}

#[test]
fn format_e_f_g_round_half_even_on_exact_value() {
    check(
        "%.0f|%.0f|%.0f|%.1e",
        &[f(0.5), f(1.5), f(2.5), f(0.125)],
        "0|2|2|1.2e-01",
    );
    // 1.005 is really 1.00499999999999989..., so it rounds down.
    check("%.2f", &[f(1.005)], "1.00");
}

#[test]
fn format_g_picks_style_by_exponent_and_strips_zeros() {
    check(
        "%g|%g|%g|%g",
        &[f(100000.0), f(1000000.0), f(1e-4), f(1e-5)],
        "100000|1e+06|0.0001|1e-05",
    );
    check(
        "%#g|%.3g|%#.3g",
        &[f(1.0), f(1.0), f(1.0)],
        "1.00000|1|1.00",
    );
    check(
        "%.14g|%.14g",
        &[f(2f64.powi(63)), f(0.1)],
        "9.2233720368548e+18|0.1",
    );
}

#[test]
fn format_non_finite_floats_like_glibc() {
    check("%f|%e|%g|%a", &[f(f64::INFINITY); 4], "inf|inf|inf|inf");
    check("%E|%G|%A", &[f(f64::NEG_INFINITY); 3], "-INF|-INF|-INF");
    check("%f|%f", &[f(f64::NAN), f(-f64::NAN)], "nan|-nan");
    // The '0' flag does not apply to them.
    check(
        "%010f|%+g",
        &[f(f64::INFINITY), f(f64::INFINITY)],
        "       inf|+inf",
    );
}

#[test]
fn format_a_is_hexadecimal_with_nearest_even_rounding() {
    check(
        "%a|%a|%A|%a",
        &[f(1.0), f(0.5), f(255.5), f(0.0)],
        "0x1p+0|0x1p-1|0X1.FFP+7|0x0p+0",
    );
    check("%a", &[f(5e-324)], "0x0.0000000000001p-1022");
    check(
        "%.0a|%.0a|%.3a",
        &[f(1.5), f(2.5), f(1.0)],
        "0x2p+0|0x1p+1|0x1.000p+0",
    );
    check("%#.0a|%012a", &[f(1.0), f(-1.0)], "0x1.p+0|-0x000001p+0");
}

#[test]
fn format_p_prints_null_for_values_without_address() {
    check("%p|%-8p|", &[N, B(true)], "(null)|(null)  |");
    check("%p", &[T], "0x1234");
}

#[test]
fn format_float_argument_rules() {
    check("%f", &[S(b"1.5")], "1.500000");
    check("%5.1f", &[I(10)], " 10.0");
    check(
        "%e",
        &[T],
        "error: bad argument #2 to 'format' (number expected, got table)",
    );
}

#[test]
fn format_alt_g_copies_glibc_carry_quirk() {
    // Rounding 999.9 to three digits carries to 1000: glibc (and so Lua) prints "1.e+03".
    check(
        "%#.3g|%#g|%.3g",
        &[f(999.9), f(999999.5), f(999.9)],
        "1.e+03|1.e+06|1e+03",
    );
    // Without a carry '#' keeps the trailing zeros as C99 says.
    check(
        "%#.3g|%#.2g",
        &[f(1000.0), f(0.000099999)],
        "1.00e+03|0.00010",
    );
}
