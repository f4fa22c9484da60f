//! Float to text exactly as CPython 3.11: `repr(float)`, `str(float)` and `PyOS_double_to_string`.
//!
//! CPython gets digits from David Gay's `dtoa` (mode 0: shortest round-trip; mode 2: n significant
//! digits; mode 3: n digits after the point, all correctly rounded) and then lays them out in
//! `format_float_short`. Rust's own float formatting produces the same correctly rounded digit
//! strings (`{:e}` is shortest round-trip, `{:.Ne}` and `{:.N}` are exact), so we take the digits from
//! it, normalise them to Gay's `(digits, decpt)` form (value = 0.DIGITS × 10^decpt, no trailing zeros)
//! and re-implement only the layout step, rule for rule. Locale-specific output is not provided
//! (the C locale is assumed, as CPython's `format` does without `n`).

/// Layout options of `PyOS_double_to_string` (its `Py_DTSF_*` flags).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// Always write a sign (`+` for non-negative values).
    pub sign: bool,
    /// Make integral results end in `.0` (repr and the no-type format).
    pub add_dot_0: bool,
    /// `#`: keep the decimal point and, for `g`, trailing zeros.
    pub alt: bool,
    /// `z`: a result that rounds to zero loses its minus sign.
    pub no_neg_0: bool,
}

/// `repr(x)` for a Python float: shortest digits that round-trip, `1e+16`, `1e-05`, `inf`, `nan`,
/// `-0.0`, `1.0`.
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        Flags {
            add_dot_0: true,
            ..Flags::default()
        },
    )
}

/// `str(x)` for a Python float; identical to `repr` since Python 3.2.
pub fn float_str(x: f64) -> String {
    float_repr(x)
}

/// Rust's shortest digits break a tie between two shortest candidates (`x` exactly halfway
/// between them, e.g. 1306266889444376.25 between ...376.2 and ...376.3) upwards; Gay's dtoa,
/// which CPython uses, picks the even last digit. Switches to the even candidate in that case.
/// `exp` is the decimal exponent of `ds` (`x ≈ d.ddd × 10^exp`). The lower candidate must itself
/// read back as `x`: at a power of two the gap below `x` is half the gap above, so for `2**-24`
/// (exactly halfway between ...062e-08 and ...063e-08) only the upper one round-trips.
fn shortest_tie_to_even(x: f64, ds: &mut [u8], exp: i64) {
    let n = ds.len();
    let last = ds[n - 1];
    if last == b'0' || (last - b'0').is_multiple_of(2) {
        return;
    }
    let mut lower = ds.to_vec();
    lower[n - 1] = last - 1;
    lower.push(b'5');
    // Cheap filter first: x rounded to n + 1 digits must read as the lower candidate and 5.
    let near = format!("{:.*e}", n, x);
    let near_m = near.split_once('e').map_or(near.as_str(), |(m, _)| m);
    let near_digits: Vec<u8> = near_m.bytes().filter(u8::is_ascii_digit).collect();
    if near_digits != lower {
        return;
    }
    // The exact decimal expansion of x; a tie means it is the lower candidate followed by 5.
    let exact = format!("{:.800e}", x);
    let mantissa = exact.split_once('e').map_or(exact.as_str(), |(m, _)| m);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits != lower {
        return;
    }
    // `0.DIGITS e(exp + 1)` has the same value as `D.IGITS e(exp)` and needs no special case for
    // a single digit.
    let mut candidate = String::with_capacity(n + 8);
    candidate.push_str("0.");
    candidate.extend(lower[..n].iter().map(|&b| char::from(b)));
    let candidate = format!("{candidate}e{}", exp + 1);
    if candidate.parse::<f64>().is_ok_and(|back| back == x) {
        ds[n - 1] = last - 1;
    }
}

/// Gay's digit string for a finite non-negative `x`: the digits without trailing zeros and the
/// position of the decimal point (`x = 0.DIGITS × 10^decpt`). Zero is `("0", 1)`.
fn digits(x: f64, mode: u8, ndigits: usize) -> (Vec<u8>, i64) {
    if x == 0.0 {
        return (b"0".to_vec(), 1);
    }
    match mode {
        0 | 2 => {
            let text = if mode == 0 {
                format!("{x:e}")
            } else {
                format!("{:.*e}", ndigits.max(1) - 1, x)
            };
            let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
            let exp: i64 = exp.parse().unwrap_or(0);
            let mut ds: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
            while ds.len() > 1 && ds.last() == Some(&b'0') {
                ds.pop();
            }
            if ds == b"0" {
                return (ds, 1);
            }
            if mode == 0 {
                shortest_tie_to_even(x, &mut ds, exp);
            }
            (ds, exp + 1)
        }
        _ => {
            let text = format!("{:.*}", ndigits, x);
            let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
            let mut ds: Vec<u8> = Vec::with_capacity(text.len());
            ds.extend_from_slice(int_part.as_bytes());
            ds.extend_from_slice(frac_part.as_bytes());
            let mut decpt = int_part.len() as i64;
            let leading = ds.iter().take_while(|&&b| b == b'0').count();
            if leading == ds.len() {
                return (b"0".to_vec(), 1);
            }
            ds.drain(..leading);
            decpt -= leading as i64;
            while ds.last() == Some(&b'0') {
                ds.pop();
            }
            (ds, decpt)
        }
    }
}

/// `PyOS_double_to_string(x, code, precision, flags)`: `code` is one of `e E f F g G r`; uppercase
/// codes write `E`, `INF` and `NAN`. `precision` is ignored for `r`.
pub fn double_to_string(x: f64, code: char, precision: usize, flags: Flags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let negative = x.is_sign_negative();
    if !x.is_finite() {
        let mut out = String::new();
        if x.is_nan() {
            if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "NAN" } else { "nan" });
        } else {
            if negative {
                out.push('-');
            } else if flags.sign {
                out.push('+');
            }
            out.push_str(if upper { "INF" } else { "inf" });
        }
        return out;
    }
    let (mode, ndigits) = match code {
        'e' => (2, precision + 1),
        'f' => (3, precision),
        'g' => (2, precision.max(1)),
        _ => (0, 0),
    };
    let precision = if code == 'e' {
        precision as i64 + 1
    } else if code == 'g' {
        precision.max(1) as i64
    } else {
        precision as i64
    };
    let (ds, mut decpt) = digits(x.abs(), mode, ndigits);
    let mut negative = negative;
    if flags.no_neg_0 && negative && ds == b"0" {
        negative = false;
    }
    let digits_len = ds.len() as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    let mut out = String::with_capacity((vdigits_end - vdigits_start) as usize + 8);
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let text = |out: &mut String, bytes: &[u8]| {
        for &b in bytes {
            out.push(b as char);
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        text(&mut out, &ds[..decpt as usize]);
        out.push('.');
        text(&mut out, &ds[decpt as usize..]);
    } else {
        text(&mut out, &ds);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let magnitude = exp.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values printed by CPython 3.11: `repr(x)`.
    const REPR_TABLE: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-1.5, "-1.5"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (123456789012345680.0, "1.2345678901234568e+17"),
        (9999999999999998.0, "9999999999999998.0"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (1.5e-5, "1.5e-05"),
        (1e22, "1e+22"),
        (1e-300, "1e-300"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (2.5, "2.5"),
        (100.0, "100.0"),
        (1.0 / 3.0, "0.3333333333333333"),
        (2e16 + 8.0, "2.000000000000001e+16"),
        (123.456, "123.456"),
        (0.000123, "0.000123"),
    ];

    #[test]
    fn repr_matches_cpython_table() {
        for &(x, want) in REPR_TABLE {
            assert_eq!(float_repr(x), want, "repr of {x:e}");
            assert_eq!(float_str(x), want);
        }
    }

    /// The inputs of `float_repr_sweep.txt`, in its order: every power of two, `1/k` for k up to
    /// 1000, then 1500 bit patterns from splitmix64 seeded with 1 (the generator in the file's
    /// history: `python3` prints `repr` of the same sequence).
    fn sweep_inputs() -> Vec<f64> {
        let mut xs: Vec<f64> = (-1074..1024).map(|k| 2f64.powi(k)).collect();
        // powi is exact for powers of two in the normal range only; build subnormals from bits.
        for (x, k) in xs.iter_mut().zip(-1074i32..) {
            if k < -1022 {
                *x = f64::from_bits(1u64 << (k + 1074));
            }
        }
        xs.extend((1..=1000).map(|k| 1.0 / f64::from(k)));
        let mut state: u64 = 1;
        for _ in 0..1500 {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            xs.push(f64::from_bits(z ^ (z >> 31)));
        }
        xs
    }

    #[test]
    fn float_repr_matches_cpython_sweep() {
        let want: Vec<&str> = include_str!("float_repr_sweep.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        let xs = sweep_inputs();
        assert_eq!(xs.len(), want.len());
        let wrong: Vec<String> = xs
            .iter()
            .zip(&want)
            .filter(|(x, w)| float_repr(**x) != **w)
            .map(|(x, w)| format!("{:#x}: got {} want {w}", x.to_bits(), float_repr(*x)))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} differ: {:?}",
            wrong.len(),
            &wrong[..wrong.len().min(10)]
        );
    }

    // Expected values printed by CPython 3.11: `'%.{p}{code}' % x` style conversions.
    #[test]
    fn fixed_exponent_and_general_codes_match_cpython() {
        let f = Flags::default();
        let cases: &[(f64, char, usize, &str)] = &[
            (3.14258, 'f', 2, "3.14"),
            (2.5, 'f', 0, "2"),
            (3.5, 'f', 0, "4"),
            (0.125, 'f', 2, "0.12"),
            (0.001, 'f', 1, "0.0"),
            (1e20, 'f', 2, "100000000000000000000.00"),
            (12345.678, 'e', 2, "1.23e+04"),
            (0.0, 'e', 3, "0.000e+00"),
            (1e-100, 'e', 0, "1e-100"),
            (12345.678, 'g', 6, "12345.7"),
            (1234567.0, 'g', 6, "1.23457e+06"),
            (0.0001, 'g', 6, "0.0001"),
            (0.00001, 'g', 6, "1e-05"),
            (100.0, 'g', 6, "100"),
            (0.0, 'g', 0, "0"),
            (f64::INFINITY, 'F', 2, "INF"),
            (f64::NAN, 'E', 2, "NAN"),
            (1.5, 'E', 1, "1.5E+00"),
        ];
        for &(x, code, p, want) in cases {
            assert_eq!(double_to_string(x, code, p, f), want, "{x} {code} {p}");
        }
    }

    #[test]
    fn alt_flag_keeps_point_and_trailing_zeros() {
        let alt = Flags {
            alt: true,
            ..Flags::default()
        };
        assert_eq!(double_to_string(2.0, 'f', 0, alt), "2.");
        assert_eq!(double_to_string(100.0, 'g', 6, alt), "100.000");
        assert_eq!(double_to_string(1e-5, 'g', 3, alt), "1.00e-05");
    }

    #[test]
    fn no_neg_0_drops_sign_of_rounded_zero() {
        let z = Flags {
            no_neg_0: true,
            ..Flags::default()
        };
        assert_eq!(double_to_string(-0.0001, 'f', 2, z), "0.00");
        assert_eq!(double_to_string(-0.0001, 'f', 2, Flags::default()), "-0.00");
        assert_eq!(double_to_string(-0.5, 'f', 2, z), "-0.50");
    }

    #[test]
    fn huge_precision_is_exact() {
        // CPython: '%.30f' % 0.1
        assert_eq!(
            double_to_string(0.1, 'f', 30, Flags::default()),
            "0.100000000000000005551115123126"
        );
        assert_eq!(
            double_to_string(1.0, 'e', 1100, Flags::default()).len(),
            1100 + 6
        );
    }

    proptest::proptest! {
        #[test]
        fn repr_round_trips(bits in proptest::prelude::any::<u64>()) {
            let x = f64::from_bits(bits);
            let text = float_repr(x);
            if x.is_nan() {
                proptest::prop_assert_eq!(text, "nan");
            } else {
                let back: f64 = text.parse().unwrap();
                proptest::prop_assert_eq!(back.to_bits(), x.to_bits());
            }
        }
    }
}
