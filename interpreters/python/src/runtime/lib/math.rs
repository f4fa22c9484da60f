//! The native `math` module, with CPython 3.11's results, errors and messages.
//!
//! Float functions call the platform libm through Rust's `f64` methods, as CPython does, and map
//! NaN/infinity outcomes to "math domain error" (ValueError) or "math range error"
//! (OverflowError) by CPython's rules (`math_1`: a NaN result from a non-NaN argument is a domain
//! error, an infinite result from a finite argument a range error). `log`, `log2` and `log10`
//! accept ints too large for a float, like CPython's `loghelper`. Integer functions (`gcd`, `lcm`,
//! `factorial`, `comb`, `perm`, `isqrt`) are exact on big ints. `fsum` is Shewchuk's algorithm
//! with CPython's final half-even correction. `gamma`, `lgamma`, `erf` and `erfc` come from the C
//! library here, while CPython 3.11 computes gamma and lgamma with its own Lanczos code: those two
//! can differ from CPython in the last digit.

use super::args;
use crate::runtime::Value;
use crate::runtime::ops;
use crate::runtime::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub type Native = fn(&mut Vm, &[Value], &[(Value, Value)]) -> PyResult<Value>;

unsafe extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
    fn tgamma(x: f64) -> f64;
    fn lgamma(x: f64) -> f64;
}

fn domain(vm: &mut Vm) -> crate::runtime::PyErr {
    vm.value_error("math domain error")
}

fn range_error(vm: &mut Vm) -> crate::runtime::PyErr {
    vm.overflow_error("math range error")
}

/// CPython's `math_1`: applies `f` and turns NaN/infinity outcomes into the right errors.
/// `can_overflow` says whether an infinite result from a finite argument is a range error (true
/// for exp, cosh, ...) rather than a domain error (log(0), atanh(1)).
fn math_1(vm: &mut Vm, x: f64, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain(vm)
        });
    }
    Ok(Value::float(r))
}

macro_rules! unary {
    ($($fn_name:ident, $py:literal, $f:expr, $overflow:expr;)*) => {
        $(
            fn $fn_name(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
                let v = args::one(vm, concat!("math.", $py), a, kw)?;
                let x = args::real(vm, v)?;
                math_1(vm, x, $f, $overflow)
            }
        )*
        const UNARY: &[(&str, Native)] = &[$(($py, $fn_name)),*];
    };
}

fn c_erf(x: f64) -> f64 {
    // SAFETY: `erf` is the C library's pure function on doubles.
    unsafe { erf(x) }
}
fn c_erfc(x: f64) -> f64 {
    // SAFETY: `erfc` is the C library's pure function on doubles.
    unsafe { erfc(x) }
}

fn gamma_fn(x: f64) -> f64 {
    if x.is_finite() && x <= 0.0 && x == x.floor() {
        // Poles: CPython raises a domain error.
        return f64::NAN;
    }
    // SAFETY: `tgamma` is the C library's pure function on doubles.
    unsafe { tgamma(x) }
}

fn lgamma_fn(x: f64) -> f64 {
    if x.is_finite() && x <= 0.0 && x == x.floor() {
        return f64::INFINITY;
    }
    // SAFETY: `lgamma` is the C library's function on doubles (it also sets the global signgam,
    // which nothing here reads).
    unsafe { lgamma(x) }
}

fn sqrt_fn(x: f64) -> f64 {
    x.sqrt()
}

unary! {
    m_sqrt, "sqrt", sqrt_fn, false;
    m_exp, "exp", f64::exp, true;
    m_exp2, "exp2", f64::exp2, true;
    m_expm1, "expm1", f64::exp_m1, true;
    m_sin, "sin", f64::sin, false;
    m_cos, "cos", f64::cos, false;
    m_tan, "tan", f64::tan, false;
    m_asin, "asin", f64::asin, false;
    m_acos, "acos", f64::acos, false;
    m_atan, "atan", f64::atan, false;
    m_sinh, "sinh", f64::sinh, true;
    m_cosh, "cosh", f64::cosh, true;
    m_tanh, "tanh", f64::tanh, false;
    m_asinh, "asinh", f64::asinh, false;
    m_acosh, "acosh", f64::acosh, false;
    m_atanh, "atanh", f64::atanh, false;
    m_log1p, "log1p", f64::ln_1p, false;
    m_fabs, "fabs", f64::abs, false;
    m_cbrt, "cbrt", f64::cbrt, false;
    m_erf, "erf", c_erf, false;
    m_erfc, "erfc", c_erfc, false;
    m_gamma, "gamma", gamma_fn, true;
    m_lgamma, "lgamma", lgamma_fn, true;
}

fn m_degrees(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.degrees", a, kw)?;
    let x = args::real(vm, v)?;
    Ok(Value::float(x * (180.0 / std::f64::consts::PI)))
}

fn m_radians(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.radians", a, kw)?;
    let x = args::real(vm, v)?;
    Ok(Value::float(x * (std::f64::consts::PI / 180.0)))
}

/// `log(x)` of a positive number, big ints included (CPython's `loghelper`).
fn log_of(vm: &mut Vm, v: Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(b) = ops::as_bigint(v) {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // x = m * 2**e with m from the top 64 bits: log(x) = log(m) + e*log(2).
        let bits = b.bits();
        let shift = bits - 64;
        let m = (&b >> shift).to_f64().unwrap_or(f64::MAX);
        return Ok(f(m) + (shift as f64) * f(2.0));
    }
    let x = args::real(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(f(x))
}

fn m_log(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_keywords(vm, "math.log", kw)?;
    if a.is_empty() || a.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = log_of(vm, a[0], f64::ln)?;
    if a.len() == 1 {
        return Ok(Value::float(num));
    }
    let den = log_of(vm, a[1], f64::ln)?;
    if den == 0.0 {
        return Err(vm.zero_div("float division by zero"));
    }
    Ok(Value::float(num / den))
}

fn m_log2(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.log2", a, kw)?;
    Ok(Value::float(log_of(vm, v, f64::log2)?))
}

fn m_log10(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.log10", a, kw)?;
    Ok(Value::float(log_of(vm, v, f64::log10)?))
}

fn two_reals(vm: &mut Vm, name: &str, a: &[Value], kw: &[(Value, Value)]) -> PyResult<(f64, f64)> {
    let a = args::exact(vm, name, a, kw, 2)?;
    let x = args::real(vm, a[0])?;
    let y = args::real(vm, a[1])?;
    Ok((x, y))
}

fn m_pow(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "pow", a, kw)?;
    // CPython's special cases (C99 Annex F), then errors from the libm result.
    if x.is_nan() || y.is_nan() {
        return Ok(Value::float(if y == 0.0 || x == 1.0 {
            1.0
        } else {
            f64::NAN
        }));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::float(x.powf(y)));
    }
    if x == 0.0 && y < 0.0 {
        return Err(domain(vm));
    }
    if x < 0.0 && y != y.floor() {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::float(r))
}

fn m_atan2(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (y, x) = two_reals(vm, "atan2", a, kw)?;
    Ok(Value::float(y.atan2(x)))
}

fn m_fmod(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "fmod", a, kw)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    Ok(Value::float(r))
}

fn m_copysign(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "copysign", a, kw)?;
    Ok(Value::float(x.copysign(y)))
}

fn m_remainder(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "remainder", a, kw)?;
    if x.is_nan() || y.is_nan() {
        return Ok(Value::float(f64::NAN));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain(vm));
    }
    if y.is_infinite() {
        return Ok(Value::float(x));
    }
    // IEEE remainder: x - n*y with n the nearest integer to x/y, ties to even (CPython's
    // m_remainder).
    let absx = x.abs();
    let absy = y.abs();
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(Value::float(1f64.copysign(x) * r))
}

fn m_nextafter(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let (x, y) = two_reals(vm, "nextafter", a, kw)?;
    Ok(Value::float(next_after(x, y)))
}

fn next_after(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn m_ulp(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.ulp", a, kw)?;
    let x = args::real(vm, v)?.abs();
    if x.is_nan() || x.is_infinite() {
        return Ok(Value::float(x));
    }
    let next = next_after(x, f64::INFINITY);
    if next.is_infinite() {
        let prev = next_after(x, 0.0);
        return Ok(Value::float(x - prev));
    }
    Ok(Value::float(next - x))
}

fn m_ldexp(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "ldexp", a, kw, 2)?;
    let x = args::real(vm, a[0])?;
    let e = match ops::as_bigint(a[1]) {
        Some(b) => b
            .to_i64()
            .unwrap_or(if b.is_negative() { i64::MIN } else { i64::MAX }),
        None => return Err(vm.type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::float(x));
    }
    let r = scale(x, e.clamp(-10000, 10000) as i32);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::float(r))
}

/// `x * 2**e` rounding once at the end, like C's ldexp.
fn scale(x: f64, e: i32) -> f64 {
    let mut r = x;
    let mut e = e;
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        // Avoid double rounding in the subnormal range by scaling within normal numbers first.
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    r * 2f64.powi(e)
}

fn m_frexp(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.frexp", a, kw)?;
    let x = args::real(vm, v)?;
    let (m, e) = if x == 0.0 || !x.is_finite() {
        (x, 0)
    } else {
        frexp(x)
    };
    let t = vm.new_tuple(vec![Value::float(m), Value::int(e as i64)]);
    Ok(t)
}

/// `frexp` for finite nonzero `x`: `x = m * 2**e` with `0.5 <= |m| < 1`, from the bits.
fn frexp(x: f64) -> (f64, i32) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(54));
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

fn m_modf(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.modf", a, kw)?;
    let x = args::real(vm, v)?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    Ok(vm.new_tuple(vec![Value::float(frac), Value::float(int)]))
}

fn float_to_int(vm: &mut Vm, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    if x.abs() < 9.0e18 {
        return Ok(Value::int(x as i64));
    }
    let b = num_traits::FromPrimitive::from_f64(x).unwrap_or_else(BigInt::zero);
    Ok(vm.new_bigint(b))
}

fn rounding(
    vm: &mut Vm,
    name: &str,
    dunder: &str,
    a: &[Value],
    kw: &[(Value, Value)],
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let v = args::one(vm, name, a, kw)?;
    if ops::as_bigint(v).is_some() && !v.is_float() {
        return Ok(match ops::as_i64(v) {
            Some(i) => Value::int(i),
            None => v,
        });
    }
    if !v.is_float() && ops::getattr_opt(vm, v, dunder)?.is_some() {
        return ops::call_method(vm, v, dunder, &[]);
    }
    let x = args::real(vm, v)?;
    float_to_int(vm, f(x))
}

fn m_floor(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    rounding(vm, "math.floor", "__floor__", a, kw, f64::floor)
}

fn m_ceil(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    rounding(vm, "math.ceil", "__ceil__", a, kw, f64::ceil)
}

fn m_trunc(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.trunc", a, kw)?;
    if ops::as_bigint(v).is_some() {
        return Ok(match ops::as_i64(v) {
            Some(i) => Value::int(i),
            None => v,
        });
    }
    if v.is_float() {
        return float_to_int(vm, v.as_float_raw().trunc());
    }
    if ops::getattr_opt(vm, v, "__trunc__")?.is_some() {
        return ops::call_method(vm, v, "__trunc__", &[]);
    }
    let t = ops::type_name(vm, v);
    Err(vm.type_error(format!("type {t} doesn't define __trunc__ method")))
}

fn predicate(
    vm: &mut Vm,
    name: &str,
    a: &[Value],
    kw: &[(Value, Value)],
    f: fn(f64) -> bool,
) -> PyResult<Value> {
    let v = args::one(vm, name, a, kw)?;
    let x = args::real(vm, v)?;
    Ok(Value::bool(f(x)))
}

fn m_isnan(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    predicate(vm, "math.isnan", a, kw, f64::is_nan)
}
fn m_isinf(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    predicate(vm, "math.isinf", a, kw, f64::is_infinite)
}
fn m_isfinite(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    predicate(vm, "math.isfinite", a, kw, f64::is_finite)
}

fn m_isclose(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let kws = args::keywords(vm, "isclose", kw, &["a", "b", "rel_tol", "abs_tol"])?;
    let mut vals: [Option<Value>; 4] = [a.first().copied(), a.get(1).copied(), None, None];
    if a.len() > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            a.len()
        )));
    }
    for (k, v) in kws {
        let i = ["a", "b", "rel_tol", "abs_tol"]
            .iter()
            .position(|n| *n == k)
            .unwrap_or(0);
        vals[i] = Some(v);
    }
    let Some(av) = vals[0] else {
        return Err(vm.type_error("isclose() missing required argument 'a' (pos 1)"));
    };
    let Some(bv) = vals[1] else {
        return Err(vm.type_error("isclose() missing required argument 'b' (pos 2)"));
    };
    let x = args::real(vm, av)?;
    let y = args::real(vm, bv)?;
    let rel_tol = match vals[2] {
        Some(v) => args::real(vm, v)?,
        None => 1e-09,
    };
    let abs_tol = match vals[3] {
        Some(v) => args::real(vm, v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let diff = (y - x).abs();
    Ok(Value::bool(
        (diff <= (rel_tol * y).abs()) || (diff <= (rel_tol * x).abs()) || diff <= abs_tol,
    ))
}

fn m_hypot(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_keywords(vm, "hypot", kw)?;
    let mut xs = Vec::with_capacity(a.len());
    for &v in a {
        xs.push(args::real(vm, v)?.abs());
    }
    Ok(Value::float(norm(&xs)))
}

/// The Euclidean norm, scaled to avoid overflow; exact enough to match CPython's vector_norm
/// in ordinary cases (two dimensions use libm's correctly rounded hypot).
fn norm(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if xs.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    match xs.len() {
        0 => 0.0,
        1 => xs[0],
        2 => xs[0].hypot(xs[1]),
        _ => {
            let max = xs.iter().cloned().fold(0.0, f64::max);
            if max == 0.0 {
                return 0.0;
            }
            let mut sum = 0.0;
            let mut comp = 0.0;
            for &x in xs {
                let t = (x / max) * (x / max);
                let y = t - comp;
                let s = sum + y;
                comp = (s - sum) - y;
                sum = s;
            }
            max * sum.sqrt()
        }
    }
}

fn m_dist(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "dist", a, kw, 2)?;
    let p = ops::collect(vm, a[0])?;
    let q = ops::collect(vm, a[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (&x, &y) in p.iter().zip(q.iter()) {
        let x = args::real(vm, x)?;
        let y = args::real(vm, y)?;
        diffs.push((x - y).abs());
    }
    Ok(Value::float(norm(&diffs)))
}

fn m_fsum(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.fsum", a, kw)?;
    let items = ops::collect(vm, v)?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in items {
        let mut x = args::real(vm, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // A nonfinite x may come from a finite xsave through overflow.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::float(special));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::float(hi))
}

fn m_prod(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let kws = args::keywords(vm, "prod", kw, &["start"])?;
    if a.len() != 1 {
        return Err(vm.type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            a.len()
        )));
    }
    let mut acc = kws
        .iter()
        .find(|(k, _)| *k == "start")
        .map(|(_, v)| *v)
        .unwrap_or(Value::int(1));
    let items = ops::collect(vm, a[0])?;
    for item in items {
        acc = ops::binary_op(vm, acc, item, crate::bytecode::BinOp::Mul)?;
    }
    Ok(acc)
}

fn m_gcd(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_keywords(vm, "gcd", kw)?;
    let mut acc = BigInt::zero();
    for &v in a {
        let b = args::bigint(vm, v)?;
        acc = acc.gcd(&b);
    }
    Ok(vm.new_bigint(acc))
}

fn m_lcm(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::no_keywords(vm, "lcm", kw)?;
    let mut acc = BigInt::one();
    for &v in a {
        let b = args::bigint(vm, v)?;
        acc = if acc.is_zero() || b.is_zero() {
            BigInt::zero()
        } else {
            acc.lcm(&b)
        };
    }
    Ok(vm.new_bigint(acc))
}

fn product(lo: u64, hi: u64) -> BigInt {
    // Product of lo..=hi by halving, so big multiplications stay balanced.
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 8 {
        let mut r = BigInt::one();
        for k in lo..=hi {
            r *= k;
        }
        return r;
    }
    let mid = lo + (hi - lo) / 2;
    product(lo, mid) * product(mid + 1, hi)
}

fn m_factorial(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.factorial", a, kw)?;
    let n = args::bigint(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= 1_000_000) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    Ok(vm.new_bigint(product(1, n)))
}

fn nonneg(vm: &mut Vm, v: Value, which: &str) -> PyResult<BigInt> {
    let b = args::bigint(vm, v)?;
    if b.is_negative() {
        return Err(vm.value_error(format!("{which} must be a non-negative integer")));
    }
    Ok(b)
}

fn m_comb(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "comb", a, kw, 2)?;
    let n = nonneg(vm, a[0], "n")?;
    let k = nonneg(vm, a[1], "k")?;
    if k > n {
        return Ok(Value::int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let (Some(n), Some(k)) = (n.to_u64(), k.to_u64()) else {
        return Err(vm.overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX)));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (n - i) / (i + 1);
    }
    Ok(vm.new_bigint(r))
}

fn m_perm(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::range(vm, "perm", a, kw, 1, 2)?;
    let n = nonneg(vm, a[0], "n")?;
    let k = match a.get(1) {
        Some(v) if !v.is_none() => nonneg(vm, *v, "k")?,
        _ => n.clone(),
    };
    if k > n {
        return Ok(Value::int(0));
    }
    let (Some(n), Some(k)) = (n.to_u64(), k.to_u64()) else {
        return Err(vm.overflow_error(format!("k must not exceed {}", i64::MAX)));
    };
    if k == 0 {
        return Ok(Value::int(1));
    }
    Ok(vm.new_bigint(product(n - k + 1, n)))
}

fn m_isqrt(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let v = args::one(vm, "math.isqrt", a, kw)?;
    let n = args::bigint(vm, v)?;
    if n.sign() == Sign::Minus {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(vm.new_bigint(n.sqrt()))
}

/// Builds the module.
pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("math");
    vm.module_set(m, "pi", Value::float(std::f64::consts::PI));
    vm.module_set(m, "e", Value::float(std::f64::consts::E));
    vm.module_set(m, "tau", Value::float(std::f64::consts::TAU));
    vm.module_set(m, "inf", Value::float(f64::INFINITY));
    vm.module_set(m, "nan", Value::float(f64::NAN));
    for &(name, f) in UNARY {
        vm.module_add_fn(m, name, f);
    }
    let fns: &[(&str, Native)] = &[
        ("degrees", m_degrees),
        ("radians", m_radians),
        ("log", m_log),
        ("log2", m_log2),
        ("log10", m_log10),
        ("pow", m_pow),
        ("atan2", m_atan2),
        ("fmod", m_fmod),
        ("copysign", m_copysign),
        ("remainder", m_remainder),
        ("nextafter", m_nextafter),
        ("ulp", m_ulp),
        ("ldexp", m_ldexp),
        ("frexp", m_frexp),
        ("modf", m_modf),
        ("floor", m_floor),
        ("ceil", m_ceil),
        ("trunc", m_trunc),
        ("isnan", m_isnan),
        ("isinf", m_isinf),
        ("isfinite", m_isfinite),
        ("isclose", m_isclose),
        ("hypot", m_hypot),
        ("dist", m_dist),
        ("fsum", m_fsum),
        ("prod", m_prod),
        ("gcd", m_gcd),
        ("lcm", m_lcm),
        ("factorial", m_factorial),
        ("comb", m_comb),
        ("perm", m_perm),
        ("isqrt", m_isqrt),
    ];
    for &(name, f) in fns {
        vm.module_add_fn(m, name, f);
    }
    Ok(m)
}
