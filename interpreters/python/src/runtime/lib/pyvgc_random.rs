//! `_pyvgc_random`: the Mersenne Twister core behind the bundled `random.py`.
//!
//! Generators live in `vm.module_state["_random"]` and Python holds them by index, so `Random`
//! instances (and subclasses) are ordinary Python objects. Only what must be fast or bit-exact is
//! here (seeding, `random()`, `getrandbits`, `_randbelow`, state); the distribution algorithms are
//! `random.py`'s, written after CPython 3.11's so they consume the same draws.

use super::args;
use crate::runtime::Value;
use crate::runtime::ops;
use crate::runtime::vm::{PyResult, Vm};
use crate::support::mt::Mt;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

const KEY: &str = "_pyvgc_random";

fn generators(vm: &mut Vm) -> &mut Vec<Mt> {
    let entry = vm
        .module_state
        .entry(KEY)
        .or_insert_with(|| Box::new(Vec::<Mt>::new()));
    if entry.downcast_ref::<Vec<Mt>>().is_none() {
        *entry = Box::new(Vec::<Mt>::new());
    }
    entry
        .downcast_mut::<Vec<Mt>>()
        .expect("generator table type checked above")
}

fn handle(vm: &mut Vm, v: Value) -> PyResult<usize> {
    let i = args::int(vm, v)?;
    let n = generators(vm).len();
    if i < 0 || i as usize >= n {
        return Err(vm.value_error("invalid random generator handle"));
    }
    Ok(i as usize)
}

fn r_new(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    args::exact(vm, "new", a, kw, 0)?;
    let table = generators(vm);
    table.push(Mt::default());
    Ok(Value::int(table.len() as i64 - 1))
}

/// 32-bit words of OS entropy, as CPython seeds with `urandom` when no seed is given.
fn entropy_words() -> Vec<u32> {
    use std::io::Read;
    let mut buf = [0u8; 32];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if !ok {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        buf[..16].copy_from_slice(&t.to_le_bytes());
        buf[16..24].copy_from_slice(&(std::process::id() as u64).to_le_bytes());
    }
    buf.chunks(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn r_seed(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "seed", a, kw, 2)?;
    let h = handle(vm, a[0])?;
    if a[1].is_none() {
        let words = entropy_words();
        generators(vm)[h].seed_words(&words);
        return Ok(Value::NONE);
    }
    let n = args::bigint(vm, a[1])?;
    generators(vm)[h].seed(&n);
    Ok(Value::NONE)
}

fn r_random(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "random", a, kw, 1)?;
    let h = handle(vm, a[0])?;
    Ok(Value::float(generators(vm)[h].random()))
}

fn r_getrandbits(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "getrandbits", a, kw, 2)?;
    let h = handle(vm, a[0])?;
    let k = args::int(vm, a[1])?;
    match generators(vm)[h].getrandbits(k) {
        Ok(b) => Ok(vm.new_bigint(b)),
        Err(e) => Err(vm.support_error(e)),
    }
}

fn r_randbelow(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "randbelow", a, kw, 2)?;
    let h = handle(vm, a[0])?;
    if let Some(n) = ops::as_i64(a[1]) {
        if n <= 0 {
            return Ok(Value::int(0));
        }
        let r = generators(vm)[h].randbelow_u64(n as u64);
        return Ok(Value::int(r as i64));
    }
    let n = args::bigint(vm, a[1])?;
    let r = generators(vm)[h].randbelow(&n);
    Ok(vm.new_bigint(r))
}

fn r_getstate(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "getstate", a, kw, 1)?;
    let h = handle(vm, a[0])?;
    let words = generators(vm)[h].state_words();
    let items: Vec<Value> = words.into_iter().map(|w| Value::int(w as i64)).collect();
    Ok(vm.new_tuple(items))
}

fn r_setstate(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "setstate", a, kw, 2)?;
    let h = handle(vm, a[0])?;
    let items = ops::collect(vm, a[1])?;
    let mut words = Vec::with_capacity(items.len());
    for v in items {
        let b: BigInt = args::bigint(vm, v)?;
        match b.to_u32() {
            Some(w) => words.push(w),
            None => {
                return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
            }
        }
    }
    match generators(vm)[h].set_state_words(&words) {
        Ok(()) => Ok(Value::NONE),
        Err(e) => Err(vm.support_error(e)),
    }
}

/// Builds the module.
pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_pyvgc_random");
    vm.module_add_fn(m, "new", r_new);
    vm.module_add_fn(m, "seed", r_seed);
    vm.module_add_fn(m, "random", r_random);
    vm.module_add_fn(m, "getrandbits", r_getrandbits);
    vm.module_add_fn(m, "randbelow", r_randbelow);
    vm.module_add_fn(m, "getstate", r_getstate);
    vm.module_add_fn(m, "setstate", r_setstate);
    Ok(m)
}
