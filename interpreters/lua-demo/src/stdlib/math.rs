//! The math library (`lmathlib.c`), with Lua 5.4's integer/float rules and its generator.
//!
//! `random` is xoshiro256** seeded as Lua 5.4 seeds it (`randomseed(n)` gives the same
//! sequence as `lua5.4`), including `project`'s rejection sampling for ranges, so seeded
//! programs print the same numbers. The generator state is a table of four integers in the
//! registry. Without a seed the generator starts from the clock, as in Lua.
//!
//! The float functions call Rust's `f64` methods, which are the C library's functions
//! (`sin`, `log2`, `fmod`, ...), so results match `lua5.4` bit for bit on the same libm.

use super::{Args, Ret, error, reg_get, reg_set};
use crate::number::{F2I, float_to_int, float_to_int_exact};
use crate::state::State;
use crate::value::{self, Value};

pub(super) fn open(st: &mut State) {
    let lib = super::new_lib(
        st,
        "math",
        &[
            ("abs", "math.abs", abs),
            ("acos", "math.acos", acos),
            ("asin", "math.asin", asin),
            ("atan", "math.atan", atan),
            ("ceil", "math.ceil", ceil),
            ("cos", "math.cos", cos),
            ("deg", "math.deg", deg),
            ("exp", "math.exp", exp),
            ("floor", "math.floor", floor),
            ("fmod", "math.fmod", fmod),
            ("log", "math.log", log),
            ("max", "math.max", max),
            ("min", "math.min", min),
            ("modf", "math.modf", modf),
            ("rad", "math.rad", rad),
            ("random", "math.random", random),
            ("randomseed", "math.randomseed", randomseed),
            ("sin", "math.sin", sin),
            ("sqrt", "math.sqrt", sqrt),
            ("tan", "math.tan", tan),
            ("tointeger", "math.tointeger", tointeger),
            ("type", "math.type", type_fn),
            ("ult", "math.ult", ult),
        ],
    );
    super::raw_set_str(st, lib, "pi", Value::float(std::f64::consts::PI));
    super::raw_set_str(st, lib, "huge", Value::float(f64::INFINITY));
    super::raw_set_str(st, lib, "maxinteger", Value::int(i64::MAX));
    super::raw_set_str(st, lib, "mininteger", Value::int(i64::MIN));
    let state = st.new_table();
    reg_set(st, "random_state", state);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let addr = state.payload as u64;
    set_seed(st, now.as_secs() ^ now.subsec_nanos() as u64, addr);
}

/// A float result as an integer when it fits one (`pushnumint` in floor, ceil and modf).
fn int_if_exact(f: f64) -> Value {
    match float_to_int(f, F2I::Exact) {
        Some(i) => Value::int(i),
        None => Value::float(f),
    }
}

fn float_fn(st: &mut State, args: Vec<Value>, name: &'static str, f: fn(f64) -> f64) -> Ret {
    let a = Args::new(args, name);
    let x = a.float(st, 1)?;
    Ok(vec![Value::float(f(x))])
}

fn abs(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.abs");
    // Only integer values stay integers; numeric strings go through `luaL_checknumber` as floats.
    let v = a.get(1);
    if v.tag == value::INT {
        return Ok(vec![Value::int(v.payload.wrapping_abs())]);
    }
    Ok(vec![Value::float(a.float(st, 1)?.abs())])
}

fn acos(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.acos", f64::acos)
}
fn asin(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.asin", f64::asin)
}
fn cos(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.cos", f64::cos)
}
fn sin(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.sin", f64::sin)
}
fn tan(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.tan", f64::tan)
}
fn exp(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.exp", f64::exp)
}
fn sqrt(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.sqrt", f64::sqrt)
}
fn deg(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.deg", |x| x * (180.0 / std::f64::consts::PI))
}
fn rad(st: &mut State, args: Vec<Value>) -> Ret {
    float_fn(st, args, "math.rad", |x| x * (std::f64::consts::PI / 180.0))
}

fn atan(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.atan");
    let y = a.float(st, 1)?;
    let x = if a.is_none_or_nil(2) {
        1.0
    } else {
        a.float(st, 2)?
    };
    Ok(vec![Value::float(y.atan2(x))])
}

fn floor(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.floor");
    let v = a.get(1);
    if v.tag == value::INT {
        return Ok(vec![v]);
    }
    Ok(vec![int_if_exact(a.float(st, 1)?.floor())])
}

fn ceil(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.ceil");
    let v = a.get(1);
    if v.tag == value::INT {
        return Ok(vec![v]);
    }
    Ok(vec![int_if_exact(a.float(st, 1)?.ceil())])
}

fn fmod(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.fmod");
    let (x, y) = (a.get(1), a.get(2));
    if x.tag == value::INT && y.tag == value::INT {
        let d = y.payload;
        if (d as u64).wrapping_add(1) <= 1 {
            if d == 0 {
                return Err(a.arg_error(st, 2, "zero"));
            }
            // d == -1: the result is 0 (and `i64::MIN % -1` would overflow).
            return Ok(vec![Value::int(0)]);
        }
        return Ok(vec![Value::int(x.payload % d)]);
    }
    let x = a.float(st, 1)?;
    let y = a.float(st, 2)?;
    Ok(vec![Value::float(x % y)])
}

fn modf(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.modf");
    if a.get(1).tag == value::INT {
        return Ok(vec![a.get(1), Value::float(0.0)]);
    }
    let n = a.float(st, 1)?;
    let ip = if n < 0.0 { n.ceil() } else { n.floor() };
    let frac = if n == ip { 0.0 } else { n - ip };
    Ok(vec![int_if_exact(ip), Value::float(frac)])
}

fn log(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.log");
    let x = a.float(st, 1)?;
    let r = if a.is_none_or_nil(2) {
        x.ln()
    } else {
        let base = a.float(st, 2)?;
        if base == 2.0 {
            x.log2()
        } else if base == 10.0 {
            x.log10()
        } else {
            x.ln() / base.ln()
        }
    };
    Ok(vec![Value::float(r)])
}

fn minmax(st: &mut State, args: Vec<Value>, name: &'static str, want_max: bool) -> Ret {
    let a = Args::new(args, name);
    if a.len() < 1 {
        return Err(a.arg_error(st, 1, "value expected"));
    }
    let mut best = a.get(1);
    for i in 2..=a.len() {
        let v = a.get(i);
        let better = if want_max {
            super::table::in_c(st, |st| st.less(best, v, false))?
        } else {
            super::table::in_c(st, |st| st.less(v, best, false))?
        };
        if better {
            best = v;
        }
    }
    Ok(vec![best])
}

fn max(st: &mut State, args: Vec<Value>) -> Ret {
    minmax(st, args, "math.max", true)
}

fn min(st: &mut State, args: Vec<Value>) -> Ret {
    minmax(st, args, "math.min", false)
}

fn tointeger(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.tointeger");
    let v = a.get(1);
    let r = match v.tag {
        value::INT => Some(v.payload),
        value::FLOAT => float_to_int_exact(v.as_float_raw()),
        value::STR => v
            .as_str()
            .and_then(|s| crate::number::str_to_integer(s.bytes()))
            .and_then(|r| r.ok()),
        _ => None,
    };
    match r {
        Some(i) => Ok(vec![Value::int(i)]),
        None => {
            a.any(st, 1)?;
            Ok(vec![Value::NIL])
        }
    }
}

fn type_fn(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.type");
    let v = a.any(st, 1)?;
    Ok(vec![match v.tag {
        value::INT => st.intern(b"integer"),
        value::FLOAT => st.intern(b"float"),
        _ => Value::NIL,
    }])
}

fn ult(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.ult");
    let x = a.int(st, 1)?;
    let y = a.int(st, 2)?;
    Ok(vec![Value::bool((x as u64) < (y as u64))])
}

// -- random ----------------------------------------------------------------------------------

/// One step of xoshiro256**: returns the next value and advances `s`.
fn next_rand(s: &mut [u64; 4]) -> u64 {
    let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
    let t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = s[3].rotate_left(45);
    result
}

fn load_state(st: &mut State) -> [u64; 4] {
    let t = reg_get(st, "random_state")
        .as_table()
        .expect("random state table");
    // SAFETY: the registry's random state is a live table.
    std::array::from_fn(|i| unsafe { (*t).get_int(i as i64 + 1) }.payload as u64)
}

fn store_state(st: &mut State, s: &[u64; 4]) {
    let t = reg_get(st, "random_state")
        .as_table()
        .expect("random state table");
    for (i, &w) in s.iter().enumerate() {
        // SAFETY: as in `load_state`.
        unsafe { (*t).set_int(i as i64 + 1, Value::int(w as i64)) };
    }
}

/// `setseed`: the state Lua 5.4 derives from the two seed words.
fn set_seed(st: &mut State, n1: u64, n2: u64) {
    let mut s = [n1, 0xff, n2, 0];
    for _ in 0..16 {
        next_rand(&mut s);
    }
    store_state(st, &s);
}

/// `project`: a uniform value in `0..=n` from random bits, by rejection as Lua does.
fn project(mut ran: u64, n: u64, s: &mut [u64; 4]) -> u64 {
    if n & n.wrapping_add(1) == 0 {
        return ran & n;
    }
    let mut lim = n;
    lim |= lim >> 1;
    lim |= lim >> 2;
    lim |= lim >> 4;
    lim |= lim >> 8;
    lim |= lim >> 16;
    lim |= lim >> 32;
    loop {
        ran &= lim;
        if ran <= n {
            return ran;
        }
        ran = next_rand(s);
    }
}

fn random(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.random");
    let mut s = load_state(st);
    let rv = next_rand(&mut s);
    let (low, up) = match a.len() {
        0 => {
            store_state(st, &s);
            return Ok(vec![Value::float((rv >> 11) as f64 * (0.5f64).powi(53))]);
        }
        1 => {
            let up = a.int(st, 1)?;
            if up == 0 {
                store_state(st, &s);
                return Ok(vec![Value::int(rv as i64)]);
            }
            (1, up)
        }
        2 => (a.int(st, 1)?, a.int(st, 2)?),
        _ => return Err(error(st, "wrong number of arguments")),
    };
    if low > up {
        return Err(a.arg_error(st, 1, "interval is empty"));
    }
    let p = project(rv, (up as u64).wrapping_sub(low as u64), &mut s);
    store_state(st, &s);
    Ok(vec![Value::int(p.wrapping_add(low as u64) as i64)])
}

fn randomseed(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "math.randomseed");
    let (n1, n2) = if a.opt(1).is_none() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        (
            now.as_secs() as i64 ^ now.subsec_nanos() as i64,
            st as *const State as i64,
        )
    } else {
        (a.int(st, 1)?, a.opt_int(st, 2, 0)?)
    };
    set_seed(st, n1 as u64, n2 as u64);
    Ok(vec![Value::int(n1), Value::int(n2)])
}
