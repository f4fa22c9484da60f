//! Tests for number conversions and arithmetic: named rules plus a table of cases whose expected
//! results were produced by `lua5.4` (see `gen_cases.lua`), compared in a canonical text form.

use super::*;

/// One generated case; the byte strings are the results rendered as `gen_cases.lua` does.
enum Case {
    /// `tonumber(s)`.
    ToNumber(&'static [u8], &'static [u8]),
    /// `luaL_checkinteger` on a string, observed through `string.format("%d", s)`.
    StrToInt(&'static [u8], &'static [u8]),
    /// `tonumber(s, base)`.
    ToNumberBase(&'static [u8], i64, &'static [u8]),
    /// `tostring(x)` for the float with these bits.
    FloatToString(u64, &'static [u8]),
    /// `i < f`, `i <= f`, `f < i`, `f <= i`, `i == f` as "t"/"f" letters.
    Compare(i64, u64, &'static [u8]),
    /// `a // b` and `a % b` on integers.
    IntArith(i64, i64, &'static [u8], &'static [u8]),
    /// `a // b`, `a % b` and `a ^ b` on floats.
    FloatArith(u64, u64, &'static [u8], &'static [u8], &'static [u8]),
    /// `x << y` and `x >> y`.
    Shift(i64, i64, &'static [u8], &'static [u8]),
    /// `math.tointeger(x)`, `math.floor(x)`, `math.ceil(x)`.
    FloatToInt(u64, &'static [u8], &'static [u8], &'static [u8]),
}
use Case::*;

/// `render` of `gen_cases.lua`.
fn render_float(x: f64) -> String {
    if x.is_nan() {
        if x.is_sign_negative() { "-nan" } else { "nan" }.to_string()
    } else {
        format!("f0x{:016x}", x.to_bits())
    }
}

fn render_number(n: Option<Number>) -> String {
    match n {
        None => "nil".to_string(),
        Some(Number::Int(i)) => i.to_string(),
        Some(Number::Float(x)) => render_float(x),
    }
}

fn render_int(r: Result<i64, ArithError>) -> String {
    match r {
        Ok(i) => i.to_string(),
        Err(e) => format!("error: {e}"),
    }
}

/// `math.floor`/`math.ceil`: an integer if the rounded value fits, else the rounded float.
fn render_rounded(x: f64, mode: F2I) -> String {
    match float_to_int(x, mode) {
        Some(i) => i.to_string(),
        None if mode == F2I::Floor => render_float(x.floor()),
        None => render_float(x.ceil()),
    }
}

fn flag(b: bool) -> char {
    if b { 't' } else { 'f' }
}

/// Our answer to one case, rendered like the expected text, and that expected text.
fn evaluate(case: &Case) -> (String, String) {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match case {
        ToNumber(s, want) => (render_number(str_to_number(s)), text(want)),
        StrToInt(s, want) => {
            let got = match str_to_integer(s) {
                None => "error: number expected, got string".to_string(),
                Some(r) => render_int(r),
            };
            (got, text(want))
        }
        ToNumberBase(s, base, want) => {
            let got = match tonumber_base(s, *base) {
                Ok(n) => render_number(n.map(Number::Int)),
                Err(e) => format!("error: bad argument #2 to 'tonumber' ({e})"),
            };
            (got, text(want))
        }
        FloatToString(bits, want) => (fmt_float(f64::from_bits(*bits)), text(want)),
        Compare(i, bits, want) => {
            let (i, f) = (*i, f64::from_bits(*bits));
            let (ni, nf) = (Number::Int(i), Number::Float(f));
            let got: String = [
                num_lt(ni, nf),
                num_le(ni, nf),
                num_lt(nf, ni),
                num_le(nf, ni),
                num_eq(ni, nf),
            ]
            .into_iter()
            .map(flag)
            .collect();
            (got, text(want))
        }
        IntArith(a, b, want_div, want_mod) => (
            format!(
                "{} {}",
                render_int(int_floor_div(*a, *b)),
                render_int(int_mod(*a, *b))
            ),
            format!("{} {}", text(want_div), text(want_mod)),
        ),
        FloatArith(a, b, want_div, want_mod, want_pow) => {
            let (a, b) = (f64::from_bits(*a), f64::from_bits(*b));
            (
                format!(
                    "{} {} {}",
                    render_float(float_floor_div(a, b)),
                    render_float(float_mod(a, b)),
                    render_float(float_pow(a, b))
                ),
                format!("{} {} {}", text(want_div), text(want_mod), text(want_pow)),
            )
        }
        Shift(x, y, want_l, want_r) => (
            format!("{} {}", shift_left(*x, *y), shift_right(*x, *y)),
            format!("{} {}", text(want_l), text(want_r)),
        ),
        FloatToInt(bits, want_exact, want_floor, want_ceil) => {
            let x = f64::from_bits(*bits);
            let exact = float_to_int_exact(x).map_or("nil".to_string(), |i| i.to_string());
            (
                format!(
                    "{} {} {}",
                    exact,
                    render_rounded(x, F2I::Floor),
                    render_rounded(x, F2I::Ceil)
                ),
                format!(
                    "{} {} {}",
                    text(want_exact),
                    text(want_floor),
                    text(want_ceil)
                ),
            )
        }
    }
}

#[test]
fn number_matches_lua_5_4_4_on_generated_cases() {
    const CASES: &[Case] = include!("lua_cases.in");
    let mut failures = Vec::new();
    for case in CASES {
        let (got, want) = evaluate(case);
        if got != want {
            let input = match case {
                ToNumber(s, _) | StrToInt(s, _) | ToNumberBase(s, _, _) => {
                    format!("{:?}", String::from_utf8_lossy(s))
                }
                FloatToString(bits, _) | FloatToInt(bits, ..) => {
                    format!("{}", f64::from_bits(*bits))
                }
                Compare(i, bits, _) => format!("{i} vs {:?}", f64::from_bits(*bits)),
                IntArith(a, b, ..) | Shift(a, b, ..) => format!("{a}, {b}"),
                FloatArith(a, b, ..) => {
                    format!("{:?}, {:?}", f64::from_bits(*a), f64::from_bits(*b))
                }
            };
            failures.push(format!("{input}: got {got}, want {want}"));
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
fn str_to_number_decimal_overflow_becomes_float() {
    assert_eq!(
        str_to_number(b"9223372036854775807"),
        Some(Number::Int(i64::MAX))
    );
    assert_eq!(
        str_to_number(b"-9223372036854775808"),
        Some(Number::Int(i64::MIN))
    );
    assert_eq!(
        str_to_number(b"9223372036854775808"),
        Some(Number::Float(9223372036854775808.0))
    );
}

#[test]
fn str_to_number_hex_integers_wrap() {
    assert_eq!(str_to_number(b"0xffffffffffffffff"), Some(Number::Int(-1)));
    assert_eq!(str_to_number(b"0x10000000000000001"), Some(Number::Int(1)));
}

#[test]
fn str_to_number_hex_floats_round_to_nearest_even() {
    assert_eq!(str_to_number(b"0x1.8p1"), Some(Number::Float(3.0)));
    assert_eq!(str_to_number(b"0x.8"), Some(Number::Float(0.5)));
    // Exactly halfway between 1 and the next double: ties to the even neighbour, 1.
    assert_eq!(
        str_to_number(b"0x1.00000000000008p0"),
        Some(Number::Float(1.0))
    );
    assert_eq!(
        str_to_number(b"0x1p-1074"),
        Some(Number::Float(f64::from_bits(1)))
    );
    assert_eq!(
        str_to_number(b"0x1p1024"),
        Some(Number::Float(f64::INFINITY))
    );
}

#[test]
fn str_to_number_rejects_inf_nan_underscores_and_nul() {
    for s in [
        &b"inf"[..],
        b"nan",
        b"-inf",
        b"1_000",
        b"1\0",
        b"",
        b" ",
        b"1e",
        b"0x",
        b".",
    ] {
        assert_eq!(str_to_number(s), None, "{:?}", String::from_utf8_lossy(s));
    }
}

#[test]
fn str_to_number_allows_surrounding_whitespace() {
    assert_eq!(str_to_number(b" \t12\n"), Some(Number::Int(12)));
    assert_eq!(str_to_number(b" 1.5e1\x0b"), Some(Number::Float(15.0)));
}

#[test]
fn str_to_integer_needs_an_integral_value() {
    assert_eq!(str_to_integer(b"3.0"), Some(Ok(3)));
    assert_eq!(
        str_to_integer(b"3.5"),
        Some(Err(ArithError::NoIntegerRepresentation))
    );
    assert_eq!(str_to_integer(b"x"), None);
}

#[test]
fn tonumber_base_rules() {
    assert_eq!(tonumber_base(b" -ff ", 16), Ok(Some(-255)));
    assert_eq!(tonumber_base(b"zz", 36), Ok(Some(35 * 36 + 35)));
    assert_eq!(tonumber_base(b"12", 2), Ok(None));
    assert_eq!(tonumber_base(b"1.0", 10), Ok(None));
    assert_eq!(tonumber_base(b"11", 37), Err(ArithError::BaseOutOfRange));
}

#[test]
fn fmt_float_is_percent_14g_with_dot_zero() {
    assert_eq!(fmt_float(1.0), "1.0");
    assert_eq!(fmt_float(-0.0), "-0.0");
    assert_eq!(fmt_float(0.1), "0.1");
    assert_eq!(fmt_float(1e15), "1e+15");
    assert_eq!(fmt_float(2f64.powi(63)), "9.2233720368548e+18");
    assert_eq!(fmt_float(123456789012345.0), "1.2345678901234e+14");
    assert_eq!(fmt_float(f64::INFINITY), "inf");
    assert_eq!(fmt_float(f64::NEG_INFINITY), "-inf");
    assert_eq!(fmt_float(f64::NAN), "nan");
    assert_eq!(fmt_float(-f64::NAN), "-nan");
}

#[test]
fn int_floor_division_and_modulo_round_toward_minus_infinity() {
    assert_eq!(int_floor_div(7, -2), Ok(-4));
    assert_eq!(int_mod(7, -2), Ok(-1));
    assert_eq!(int_mod(-7, 2), Ok(1));
    assert_eq!(int_floor_div(i64::MIN, -1), Ok(i64::MIN));
    assert_eq!(int_mod(i64::MIN, -1), Ok(0));
}

#[test]
fn int_division_by_zero_errors() {
    assert_eq!(
        int_floor_div(1, 0).map_err(|e| e.to_string()),
        Err("attempt to divide by zero".to_string())
    );
    assert_eq!(
        int_mod(1, 0).map_err(|e| e.to_string()),
        Err("attempt to perform 'n%0'".to_string())
    );
}

#[test]
fn float_modulo_takes_the_sign_of_the_divisor() {
    assert_eq!(float_mod(5.5, -2.0), -0.5);
    assert_eq!(float_mod(-5.5, f64::INFINITY), f64::INFINITY);
    assert_eq!(float_mod(5.5, f64::INFINITY), 5.5);
    assert!(float_mod(1.0, 0.0).is_nan());
    assert_eq!(float_floor_div(1.0, 0.0), f64::INFINITY);
}

#[test]
fn float_pow_squares_by_multiplication() {
    assert_eq!(float_pow(3.0, 2.0), 9.0);
    assert_eq!(float_pow(2.0, 0.5), std::f64::consts::SQRT_2);
}

#[test]
fn shifts_are_logical_and_saturate_at_64() {
    assert_eq!(shift_left(1, 63), i64::MIN);
    assert_eq!(shift_left(1, 64), 0);
    assert_eq!(shift_right(-1, 1), i64::MAX);
    assert_eq!(shift_left(2, -1), 1);
    assert_eq!(shift_right(-1, 64), 0);
    assert_eq!(shift_left(1, i64::MIN), 0);
    assert_eq!(shift_right(1, i64::MIN), 0);
}

#[test]
fn int_float_comparisons_are_exact_beyond_2_pow_53() {
    let big = (1i64 << 53) + 1;
    let f = 2f64.powi(53);
    assert!(!num_eq(Number::Int(big), Number::Float(f)));
    assert!(num_lt(Number::Float(f), Number::Int(big)));
    assert!(!num_le(Number::Int(big), Number::Float(f)));
    assert!(num_lt(Number::Int(i64::MAX), Number::Float(2f64.powi(63))));
    assert!(num_le(Number::Float(-2f64.powi(63)), Number::Int(i64::MIN)));
    assert!(!num_lt(Number::Int(0), Number::Float(f64::NAN)));
    assert!(!num_le(Number::Float(f64::NAN), Number::Int(0)));
}

#[test]
fn float_to_int_modes() {
    assert_eq!(float_to_int_exact(3.0), Some(3));
    assert_eq!(float_to_int_exact(3.5), None);
    assert_eq!(float_to_int(3.5, F2I::Floor), Some(3));
    assert_eq!(float_to_int(3.5, F2I::Ceil), Some(4));
    assert_eq!(float_to_int(-2f64.powi(63), F2I::Exact), Some(i64::MIN));
    assert_eq!(float_to_int(2f64.powi(63), F2I::Floor), None);
    assert_eq!(float_to_int(f64::NAN, F2I::Floor), None);
}
