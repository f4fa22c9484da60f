//! The generic operations of Python's data model: type of a value, truth, repr/str, hashing,
//! equality and ordering, arithmetic, attributes, subscripts, iteration and calls.
//!
//! Each operation has a fast path for the built-in kinds and falls back to the `__dunder__` methods
//! of user classes (reflected operators included). Error messages are CPython 3.11's. These are
//! the slow paths the interpreter loop calls; the loop itself inlines only small-int and float
//! arithmetic and comparisons.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use vgc::Gc;

use super::object::{Kind, Obj, PyStr, Shape};
use super::types::dict::DictTable;
use super::types::iter::IterState;
use super::value::{self, Value};
use super::vm::{PyErr, PyResult, Vm, is_subclass, type_name_of};
use crate::bytecode::{BinOp, CmpOp};

// ---------------------------------------------------------------- types and names

pub fn type_of(vm: &Vm, v: Value) -> Gc<Obj> {
    match v.tag {
        value::NONE => vm.types.none,
        value::TRUE | value::FALSE => vm.types.bool_,
        value::INT => vm.types.int,
        value::FLOAT => vm.types.float,
        _ => match Vm::obj_ref(v) {
            Some(o) => o.class(),
            None => vm.types.none,
        },
    }
}

pub fn type_name(vm: &Vm, v: Value) -> String {
    type_name_of(type_of(vm, v))
}

/// The `&str` of a str value.
pub fn as_str(v: Value) -> Option<&'static str> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::Str(s)) => Some(&s.s),
        _ => None,
    }
}

pub fn isinstance(vm: &Vm, v: Value, cls: Gc<Obj>) -> bool {
    is_subclass(type_of(vm, v), cls)
}

/// An int value as BigInt (small or big); None if not an int (bools count as ints).
pub fn as_bigint(v: Value) -> Option<BigInt> {
    match v.tag {
        value::INT => Some(BigInt::from(v.payload)),
        value::TRUE => Some(BigInt::from(1)),
        value::FALSE => Some(BigInt::from(0)),
        _ => match Vm::obj_ref(v).map(|o| &o.kind) {
            Some(Kind::BigInt(b)) => Some(b.clone()),
            _ => None,
        },
    }
}

/// The i64 of an int or bool value.
pub fn as_i64(v: Value) -> Option<i64> {
    match v.tag {
        value::INT => Some(v.payload),
        value::TRUE => Some(1),
        value::FALSE => Some(0),
        _ => None,
    }
}

pub fn is_int_like(v: Value) -> bool {
    matches!(v.tag, value::INT | value::TRUE | value::FALSE)
        || matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::BigInt(_)))
}

/// A number as f64 (ints and floats), for mixed arithmetic.
pub fn as_f64(vm: &mut Vm, v: Value) -> PyResult<Option<f64>> {
    Ok(match v.tag {
        value::FLOAT => Some(v.as_float_raw()),
        value::INT => Some(v.payload as f64),
        value::TRUE => Some(1.0),
        value::FALSE => Some(0.0),
        _ => match Vm::obj_ref(v).map(|o| &o.kind) {
            Some(Kind::BigInt(b)) => match b.to_f64() {
                Some(f) if f.is_finite() => Some(f),
                _ => {
                    return Err(vm.overflow_error("int too large to convert to float"));
                }
            },
            _ => None,
        },
    })
}

/// Index argument (`__index__`): ints and bools.
pub fn index_i64(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = as_i64(v) {
        return Ok(i);
    }
    if let Some(b) = as_bigint(v) {
        return b
            .to_i64()
            .ok_or_else(|| vm.index_error("cannot fit 'int' into an index-sized integer"));
    }
    // A user class with `__index__` (IntEnum members, numpy-like wrappers).
    if matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::Instance(_)))
        && let Some(f) = lookup_type(vm, type_of(vm, v), "__index__")
    {
        let r = call(vm, f, &[v], &[])?;
        if let Some(i) = as_i64(r) {
            return Ok(i);
        }
        let t = type_name(vm, r);
        return Err(vm.type_error(format!("__index__ returned non-int (type {t})")));
    }
    let t = type_name(vm, v);
    Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
}

// ---------------------------------------------------------------- attribute lookup on classes

/// Looks `name` up along the MRO of class `cls`.
pub fn lookup_type(vm: &mut Vm, cls: Gc<Obj>, name: &str) -> Option<Value> {
    let _ = vm;
    lookup_type_hashed(cls, name, str_hash(name))
}

/// `lookup_type` with the name's hash already known: the name is hashed once for the whole
/// MRO walk (a method found on `object` probes three or four class dicts).
pub fn lookup_type_hashed(cls: Gc<Obj>, name: &str, h: i64) -> Option<Value> {
    let Kind::Type(t) = &cls.kind else {
        return None;
    };
    let mro = t.mro.borrow();
    for c in mro.iter() {
        if let Kind::Type(ct) = &c.kind
            && let Some(v) = dict_get_str_hashed(ct.dict, name, h)
        {
            return Some(v);
        }
    }
    None
}

/// The hash of a str object, computed once and cached in the string (identifiers are interned,
/// so the name operands of attribute and global instructions hash once per process).
#[inline]
pub fn str_obj_hash(s: &PyStr) -> i64 {
    let h = s.hash.get();
    if h != -1 {
        return h;
    }
    let h = str_hash(&s.s);
    s.hash.set(h);
    h
}

/// A str value and its (cached) hash, or None for other values.
#[inline]
pub fn str_and_hash(v: Value) -> Option<(&'static str, i64)> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::Str(s)) => Some((&s.s, str_obj_hash(s))),
        _ => None,
    }
}

/// A dict lookup by string key without calling Python code (str keys hash deterministically).
pub fn dict_get_str(d: Gc<Obj>, name: &str) -> Option<Value> {
    dict_get_str_hashed(d, name, str_hash(name))
}

/// `dict_get_str` with the key's hash already known. Keys are compared by address first: the
/// names in namespaces and the names instructions look up are the same interned strings.
pub fn dict_get_str_hashed(d: Gc<Obj>, name: &str, h: i64) -> Option<Value> {
    let Kind::Dict(t) = &d.kind else {
        return None;
    };
    let t = t.borrow();
    dict_index_str_hashed(&t, name, h).map(|ix| t.entries[ix].value)
}

/// The entry index of str key `name` (hash `h`) in table `t`.
#[inline]
pub fn dict_index_str_hashed(t: &DictTable, name: &str, h: i64) -> Option<usize> {
    if !t.has_index() {
        return None;
    }
    let (mut slot, mut perturb) = t.probe_start(h);
    loop {
        let ix = t.slot(slot);
        if ix == -1 {
            return None;
        }
        if ix >= 0 {
            let e = &t.entries[ix as usize];
            if e.hash == h
                && let Some(k) = as_str(e.key)
                && (std::ptr::eq(k, name) || k == name)
            {
                return Some(ix as usize);
            }
        }
        (slot, perturb) = t.probe_next(slot, perturb);
    }
}

/// Sets `d[key] = v` for a str `key` without running Python code (str hashing and equality
/// are built in).
pub fn dict_set_strkey(d: Gc<Obj>, key: Value, v: Value) {
    let Kind::Dict(t) = &d.kind else {
        return;
    };
    let Some(k) = as_str(key) else {
        return;
    };
    let h = str_hash(k);
    let ix = DictTable::find_with(t, h, key, key_eq_fast, |a, b| Ok(as_str(a) == as_str(b)))
        .ok()
        .flatten();
    match ix {
        Some(i) => t.borrow_mut().set_value(i, v),
        None => t.borrow_mut().insert_new(h, key, v),
    }
    Vm::barrier(d);
}

/// Removes str key `name` from `d`; true if it was present.
pub fn dict_del_str(d: Gc<Obj>, name: &str) -> bool {
    let Kind::Dict(t) = &d.kind else {
        return false;
    };
    let h = str_hash(name);
    let probe = Value::NONE;
    let ix = DictTable::find_with(
        t,
        h,
        probe,
        |a, _| Some(as_str(a) == Some(name)),
        |_, _| Ok(false),
    )
    .ok()
    .flatten();
    match ix {
        Some(i) => {
            t.borrow_mut().remove_at(i);
            true
        }
        None => false,
    }
}

pub fn dict_set_str(vm: &mut Vm, d: Gc<Obj>, name: &str, v: Value) {
    let k = vm.intern(name);
    // str keys never run Python code, so this cannot fail.
    let _ = dict_set(vm, d, k, v);
}

// ---------------------------------------------------------------- hashing

pub const HASH_MODULUS: i64 = (1 << 61) - 1;

pub const fn str_hash(s: &str) -> i64 {
    // FNV-1a; CPython randomises str hashes per process, so no program can depend on them.
    // A `const fn`, so the hashes of the dunder names the runtime looks up are constants.
    let b = s.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
        i += 1;
    }
    let h = (h >> 1) as i64;
    if h == -1 { -2 } else { h }
}

pub fn int_hash(i: i64) -> i64 {
    let a = (i.unsigned_abs() as u128 % HASH_MODULUS as u128) as i64;
    let h = if i < 0 { -a } else { a };
    if h == -1 { -2 } else { h }
}

pub fn bigint_hash(b: &BigInt) -> i64 {
    let m = BigInt::from(HASH_MODULUS);
    let a = (b.abs() % m).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -a } else { a };
    if h == -1 { -2 } else { h }
}

pub fn float_hash(f: f64) -> i64 {
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(f.abs());
    let sign: i64 = if f < 0.0 { -1 } else { 1 };
    let p = HASH_MODULUS as u64;
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & p) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= p {
            x -= p;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & p) | (x >> (61 - e));
    let h = x as i64 * sign;
    if h == -1 { -2 } else { h }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

pub fn hash(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match v.tag {
        value::INT => return Ok(int_hash(v.payload)),
        value::TRUE => return Ok(1),
        value::FALSE => return Ok(0),
        value::NONE => return Ok(0x5f3a_1c2b),
        value::FLOAT => {
            let f = v.as_float_raw();
            if f.is_nan() {
                return Ok(0);
            }
            return Ok(float_hash(f));
        }
        _ => {}
    }
    let o = Vm::obj_ref(v).expect("object");
    match &o.kind {
        Kind::Str(s) => {
            let h = s.hash.get();
            if h != -1 {
                return Ok(h);
            }
            let h = str_hash(&s.s);
            s.hash.set(h);
            Ok(h)
        }
        Kind::BigInt(b) => Ok(bigint_hash(b)),
        Kind::Tuple(items) => {
            let mut acc: u64 = 2870177450012600261;
            for it in items.iter() {
                let lane = hash(vm, *it)? as u64;
                acc = acc.wrapping_add(lane.wrapping_mul(14029467366897019727));
                acc = acc.rotate_left(31);
                acc = acc.wrapping_mul(11400714785074694791);
            }
            acc = acc.wrapping_add((items.len() as u64) ^ (2870177450012600261u64 ^ 3527539));
            let h = acc as i64;
            Ok(if h == -1 { 1546275796 } else { h })
        }
        Kind::Bytes(b) => {
            let s: String = b.iter().map(|c| *c as char).collect();
            Ok(str_hash(&s))
        }
        Kind::FrozenSet(s) => {
            let mut h: u64 = 0;
            let items = s.borrow().items();
            for it in items {
                let x = hash(vm, it)? as u64;
                h ^= (x ^ (x << 16) ^ 89869747).wrapping_mul(3644798167);
            }
            Ok((h as i64).max(-(1 << 62)))
        }
        Kind::List(_) | Kind::Dict(_) | Kind::Set(_) | Kind::ByteArray(_) => {
            let t = type_name(vm, v);
            Err(vm.type_error(format!("unhashable type: '{t}'")))
        }
        Kind::Instance(_) => {
            let cls = o.class();
            match lookup_type(vm, cls, "__hash__") {
                Some(f) if f.is_none() => {
                    let t = type_name(vm, v);
                    Err(vm.type_error(format!("unhashable type: '{t}'")))
                }
                Some(f) if !is_builtin_object_method(vm, f) => {
                    let r = call(vm, f, &[v], &[])?;
                    match as_i64(r) {
                        Some(i) => Ok(if i == -1 { -2 } else { i }),
                        None => match as_bigint(r) {
                            Some(b) => Ok(bigint_hash(&b)),
                            None => Err(vm.type_error("__hash__ method should return an integer")),
                        },
                    }
                }
                _ => {
                    // A class defining __eq__ without __hash__ is unhashable.
                    if let Some(eqf) = lookup_type(vm, cls, "__eq__")
                        && !is_builtin_object_method(vm, eqf)
                        && class_defines_eq_without_hash(cls)
                    {
                        let t = type_name(vm, v);
                        return Err(vm.type_error(format!("unhashable type: '{t}'")));
                    }
                    Ok((v.payload >> 4) & 0x0fff_ffff_ffff_ffff)
                }
            }
        }
        _ => Ok((v.payload >> 4) & 0x0fff_ffff_ffff_ffff),
    }
}

fn class_defines_eq_without_hash(cls: Gc<Obj>) -> bool {
    let Kind::Type(t) = &cls.kind else {
        return false;
    };
    for c in t.mro.borrow().iter() {
        if let Kind::Type(ct) = &c.kind {
            let has_eq = dict_get_str(ct.dict, "__eq__").is_some();
            let has_hash = dict_get_str(ct.dict, "__hash__").is_some();
            if has_hash {
                return false;
            }
            if has_eq {
                return true;
            }
        }
    }
    false
}

fn is_builtin_object_method(vm: &Vm, f: Value) -> bool {
    matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Native(_))) && {
        let _ = vm;
        true
    }
}

// ---------------------------------------------------------------- dicts and sets by value

/// Equality for dict/set keys: identity, then built-in equality, then `__eq__`.
pub fn key_eq_fast(a: Value, b: Value) -> Option<bool> {
    if a.tag == b.tag && a.payload == b.payload && a.tag != value::FLOAT {
        return Some(true);
    }
    match (a.tag, b.tag) {
        (value::OBJ, value::OBJ) => match (&Vm::obj_ref(a)?.kind, &Vm::obj_ref(b)?.kind) {
            (Kind::Str(x), Kind::Str(y)) => Some(x.s == y.s),
            (Kind::Str(_), _) | (_, Kind::Str(_)) => {
                if matches!(Vm::obj_ref(a)?.kind, Kind::Instance(_))
                    || matches!(Vm::obj_ref(b)?.kind, Kind::Instance(_))
                {
                    None
                } else {
                    Some(false)
                }
            }
            (Kind::BigInt(x), Kind::BigInt(y)) => Some(x == y),
            _ => None,
        },
        (value::OBJ, _) | (_, value::OBJ) => None,
        _ => {
            let f = |v: Value| match v.tag {
                value::INT => Some(v.payload as f64),
                value::FLOAT => Some(v.as_float_raw()),
                value::TRUE => Some(1.0),
                value::FALSE => Some(0.0),
                _ => None,
            };
            match (as_i64(a), as_i64(b)) {
                (Some(x), Some(y)) => Some(x == y),
                _ => match (f(a), f(b)) {
                    (Some(x), Some(y)) => Some(x == y),
                    _ => Some(false),
                },
            }
        }
    }
}

pub fn dict_lookup(vm: &mut Vm, d: Gc<Obj>, key: Value) -> PyResult<Option<Value>> {
    let Kind::Dict(t) = &d.kind else {
        return Ok(None);
    };
    let h = hash(vm, key)?;
    let ix = DictTable::find_with(t, h, key, key_eq_fast, |a, b| eq(vm, a, b))?;
    Ok(ix.map(|i| t.borrow().entries[i].value))
}

pub fn dict_set(vm: &mut Vm, d: Gc<Obj>, key: Value, val: Value) -> PyResult<()> {
    let Kind::Dict(t) = &d.kind else {
        return Ok(());
    };
    let h = hash(vm, key)?;
    let ix = DictTable::find_with(t, h, key, key_eq_fast, |a, b| eq(vm, a, b))?;
    match ix {
        Some(i) => t.borrow_mut().set_value(i, val),
        None => t.borrow_mut().insert_new(h, key, val),
    }
    Vm::barrier(d);
    Ok(())
}

pub fn dict_del(vm: &mut Vm, d: Gc<Obj>, key: Value) -> PyResult<Option<Value>> {
    let Kind::Dict(t) = &d.kind else {
        return Ok(None);
    };
    let h = hash(vm, key)?;
    let ix = DictTable::find_with(t, h, key, key_eq_fast, |a, b| eq(vm, a, b))?;
    Ok(ix.map(|i| t.borrow_mut().remove_at(i).value))
}

/// Finds `key` in a set table; returns its slot.
pub fn set_find(vm: &mut Vm, s: Gc<Obj>, key: Value) -> PyResult<Option<usize>> {
    let (Kind::Set(t) | Kind::FrozenSet(t)) = &s.kind else {
        return Ok(None);
    };
    let h = hash(vm, key)?;
    let mut seq = t.borrow().probe(h);
    loop {
        let i = seq.next_slot();
        let slot = t.borrow().table[i];
        if slot.key.is_unbound() && !slot.dummy {
            return Ok(None);
        }
        if !slot.key.is_unbound() && slot.hash == h {
            let e = match key_eq_fast(slot.key, key) {
                Some(b) => b,
                None => eq(vm, slot.key, key)?,
            };
            if e {
                return Ok(Some(i));
            }
        }
    }
}

pub fn set_add(vm: &mut Vm, s: Gc<Obj>, key: Value) -> PyResult<()> {
    if set_find(vm, s, key)?.is_some() {
        return Ok(());
    }
    let h = hash(vm, key)?;
    if let Kind::Set(t) | Kind::FrozenSet(t) = &s.kind {
        t.borrow_mut().insert_new(h, key);
    }
    Vm::barrier(s);
    Ok(())
}

// ---------------------------------------------------------------- truth

pub fn truthy(vm: &mut Vm, v: Value) -> PyResult<bool> {
    match v.tag {
        value::NONE | value::FALSE => return Ok(false),
        value::TRUE => return Ok(true),
        value::INT => return Ok(v.payload != 0),
        value::FLOAT => return Ok(v.as_float_raw() != 0.0),
        _ => {}
    }
    let o = Vm::obj_ref(v).expect("object");
    Ok(match &o.kind {
        Kind::Str(s) => !s.s.is_empty(),
        Kind::BigInt(_) => true,
        Kind::List(l) => !l.borrow().is_empty(),
        Kind::Tuple(t) => !t.is_empty(),
        Kind::Dict(d) => !d.borrow().is_empty(),
        Kind::Set(s) | Kind::FrozenSet(s) => !s.borrow().is_empty(),
        Kind::Bytes(b) => !b.is_empty(),
        Kind::ByteArray(b) => !b.borrow().is_empty(),
        Kind::Range(a, b, c) => range_len(*a, *b, *c) > 0,
        Kind::DictView(d, _) => len(vm, *d)? > 0,
        Kind::Instance(_) => {
            let cls = o.class();
            if let Some(f) = lookup_type(vm, cls, "__bool__") {
                let r = call(vm, f, &[v], &[])?;
                return match r.tag {
                    value::TRUE => Ok(true),
                    value::FALSE => Ok(false),
                    _ => {
                        let t = type_name(vm, r);
                        Err(vm.type_error(format!("__bool__ should return bool, returned {t}")))
                    }
                };
            }
            if let Some(f) = lookup_type(vm, cls, "__len__") {
                let r = call(vm, f, &[v], &[])?;
                return Ok(index_i64(vm, r)? != 0);
            }
            true
        }
        _ => true,
    })
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

// ---------------------------------------------------------------- repr and str

/// A method written in Python that a user subclass of a built-in type (`class C(dict)`, whose
/// objects have the built-in kind and the subclass as class) defines for `name`.
pub fn subclass_override(vm: &mut Vm, o: &Obj, name: &str) -> Option<Value> {
    if matches!(o.kind, Kind::Instance(_) | Kind::Type(_)) {
        return None;
    }
    let cls = o.cls.get()?;
    let Kind::Type(t) = &cls.kind else {
        return None;
    };
    if &**t.module.borrow() == "builtins" {
        return None;
    }
    lookup_type(vm, cls, name)
        .filter(|f| matches!(Vm::obj_ref(*f).map(|o| &o.kind), Some(Kind::Function(_))))
}

fn str_result(vm: &mut Vm, r: Value, what: &str) -> PyResult<String> {
    match as_str(r) {
        Some(s) => Ok(s.to_string()),
        None => {
            let t = type_name(vm, r);
            Err(vm.type_error(format!("{what} returned non-string (type {t})")))
        }
    }
}

pub fn repr(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(o) = Vm::obj_ref(v)
        && let Some(f) = subclass_override(vm, o, "__repr__")
    {
        let r = call(vm, f, &[v], &[])?;
        return str_result(vm, r, "__repr__");
    }
    // A class whose metaclass defines `__repr__` prints through it.
    if Vm::obj_ref(v).is_some_and(|o| matches!(o.kind, Kind::Type(_)))
        && let Some(f) = meta_method(vm, v, "__repr__")
    {
        let r = call(vm, f, &[v], &[])?;
        return str_result(vm, r, "__repr__");
    }
    repr_builtin(vm, v)
}

/// The repr of a built-in value, ignoring a Python `__repr__` of a user subclass of its type
/// (what `list.__repr__(self)` computes).
pub fn repr_builtin(vm: &mut Vm, v: Value) -> PyResult<String> {
    match v.tag {
        value::NONE => return Ok("None".into()),
        value::TRUE => return Ok("True".into()),
        value::FALSE => return Ok("False".into()),
        value::INT => return Ok(v.payload.to_string()),
        value::FLOAT => return Ok(crate::support::float_repr(v.as_float_raw())),
        value::UNBOUND => return Ok("<NULL>".into()),
        _ => {}
    }
    if vm.native_depth > 400 {
        return Err(vm.new_error(
            "RecursionError",
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    let o = Vm::obj_ref(v).expect("object");
    Ok(match &o.kind {
        Kind::Str(s) => crate::support::strings::repr(&s.s),
        Kind::BigInt(b) => b.to_string(),
        Kind::List(l) => {
            if vm.temp_roots.iter().any(|x| x.is(v)) {
                return Ok("[...]".into());
            }
            let items = l.borrow().clone();
            format!("[{}]", repr_items(vm, v, &items)?)
        }
        Kind::Tuple(t) => {
            let items = t.to_vec();
            let inner = repr_items(vm, v, &items)?;
            if items.len() == 1 {
                format!("({inner},)")
            } else {
                format!("({inner})")
            }
        }
        Kind::Dict(d) => {
            if vm.temp_roots.iter().any(|x| x.is(v)) {
                return Ok("{...}".into());
            }
            let items = d.borrow().items();
            vm.temp_roots.push(v);
            let mut parts = Vec::new();
            for (k, x) in items {
                let r = (|| Ok::<_, PyErr>(format!("{}: {}", repr(vm, k)?, repr(vm, x)?)))();
                match r {
                    Ok(s) => parts.push(s),
                    Err(e) => {
                        vm.temp_roots.pop();
                        return Err(e);
                    }
                }
            }
            vm.temp_roots.pop();
            format!("{{{}}}", parts.join(", "))
        }
        Kind::Set(s) | Kind::FrozenSet(s) => {
            let items = s.borrow().items();
            let frozen = matches!(o.kind, Kind::FrozenSet(_));
            let cname = type_name(vm, v);
            if items.is_empty() {
                return Ok(format!("{cname}()"));
            }
            let inner = repr_items(vm, v, &items)?;
            if frozen || cname != "set" {
                format!("{cname}({{{inner}}})")
            } else {
                format!("{{{inner}}}")
            }
        }
        Kind::Bytes(b) => bytes_repr(b, "b"),
        Kind::ByteArray(b) => format!("bytearray({})", bytes_repr(&b.borrow(), "b")),
        Kind::Range(a, b, c) => {
            if *c == 1 {
                format!("range({a}, {b})")
            } else {
                format!("range({a}, {b}, {c})")
            }
        }
        Kind::Slice(a, b, c) => format!(
            "slice({}, {}, {})",
            repr(vm, *a)?,
            repr(vm, *b)?,
            repr(vm, *c)?
        ),
        Kind::Function(f) => format!("<function {} at 0x{:x}>", f.qualname.borrow(), v.payload),
        Kind::Native(n) => {
            if n.bound.is_unbound() {
                format!("<built-in function {}>", n.name)
            } else {
                let t = type_name(vm, n.bound);
                format!(
                    "<built-in method {} of {} object at 0x{:x}>",
                    n.name, t, n.bound.payload
                )
            }
        }
        Kind::BoundMethod(f, s) => {
            let fname = match Vm::obj_ref(*f).map(|o| &o.kind) {
                Some(Kind::Function(fun)) => fun.qualname.borrow().to_string(),
                _ => "?".into(),
            };
            format!("<bound method {} of {}>", fname, repr(vm, *s)?)
        }
        Kind::Type(t) => {
            let m = t.module.borrow().clone();
            if &*m == "builtins" {
                format!("<class '{}'>", t.qualname.borrow())
            } else {
                format!("<class '{}.{}'>", m, t.qualname.borrow())
            }
        }
        Kind::Module(_) => {
            let n = getattr_opt(vm, v, "__name__")?
                .and_then(as_str)
                .unwrap_or("?");
            format!("<module '{n}'>")
        }
        Kind::Generator(g) => {
            let name = match Vm::obj_ref(g.borrow().func).map(|o| &o.kind) {
                Some(Kind::Function(f)) => f.qualname.borrow().to_string(),
                _ => "?".into(),
            };
            format!("<generator object {} at 0x{:x}>", name, v.payload)
        }
        Kind::DictView(d, k) => {
            let Some(Kind::Dict(t)) = Vm::obj_ref(*d).map(|o| &o.kind) else {
                return Ok("?".into());
            };
            let (name, items) = match k {
                0 => ("dict_keys", t.borrow().keys()),
                1 => ("dict_values", t.borrow().values()),
                _ => {
                    let its = t.borrow().items();
                    let mut tv = Vec::new();
                    for (a, b) in its {
                        tv.push(vm.new_tuple(vec![a, b]));
                    }
                    ("dict_items", tv)
                }
            };
            format!("{name}([{}])", repr_items(vm, v, &items)?)
        }
        Kind::Instance(_) => {
            let cls = o.class();
            if let Some(f) = lookup_type(vm, cls, "__repr__") {
                let r = call(vm, f, &[v], &[])?;
                return match as_str(r) {
                    Some(s) => Ok(s.to_string()),
                    None => {
                        let t = type_name(vm, r);
                        Err(vm.type_error(format!("__repr__ returned non-string (type {t})")))
                    }
                };
            }
            default_repr(vm, v)
        }
        Kind::Empty => {
            if v.is(vm.ellipsis) {
                "Ellipsis".into()
            } else if v.is(vm.not_implemented) {
                "NotImplemented".into()
            } else {
                default_repr(vm, v)
            }
        }
        Kind::Cell(_) => format!("<cell at 0x{:x}>", v.payload),
        Kind::Code(c) => format!("<code object {} at 0x{:x}>", c.name, v.payload),
        Kind::Iter(_) => format!("<{} object at 0x{:x}>", type_name(vm, v), v.payload),
        Kind::Property(..) => format!("<property object at 0x{:x}>", v.payload),
        Kind::StaticMethod(_) => format!("<staticmethod object at 0x{:x}>", v.payload),
        Kind::ClassMethod(_) => format!("<classmethod object at 0x{:x}>", v.payload),
        Kind::Super(..) => "<super object>".into(),
        Kind::File(f) => format!(
            "<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>",
            f.borrow().name,
            f.borrow().mode
        ),
    })
}

/// `<__main__.C object at 0x...>`
pub fn default_repr(vm: &mut Vm, v: Value) -> String {
    let cls = type_of(vm, v);
    if is_subclass(cls, vm.types.base_exception) {
        return exc_repr(vm, v).unwrap_or_default();
    }
    let (m, q) = match &cls.kind {
        Kind::Type(t) => (
            t.module.borrow().to_string(),
            t.qualname.borrow().to_string(),
        ),
        _ => ("?".into(), "?".into()),
    };
    format!("<{m}.{q} object at 0x{:x}>", v.payload)
}

fn exc_repr(vm: &mut Vm, v: Value) -> PyResult<String> {
    let args = exc_args(vm, v);
    let t = type_name(vm, v);
    if args.len() == 1 {
        Ok(format!("{t}({})", repr(vm, args[0])?))
    } else {
        Ok(format!("{t}({})", repr_items(vm, v, &args)?))
    }
}

pub fn exc_args(vm: &mut Vm, v: Value) -> Vec<Value> {
    let name = vm.intern("args");
    match Vm::obj_ref(v) {
        Some(o) => match get_instance_attr(o, as_str(name).unwrap_or("args")) {
            Some(a) => match Vm::obj_ref(a).map(|o| &o.kind) {
                Some(Kind::Tuple(t)) => t.to_vec(),
                _ => vec![a],
            },
            None => vec![],
        },
        None => vec![],
    }
}

fn repr_items(vm: &mut Vm, container: Value, items: &[Value]) -> PyResult<String> {
    vm.temp_roots.push(container);
    vm.native_depth += 1;
    let mut out = String::new();
    let mut res = Ok(());
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match repr(vm, *it) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    vm.native_depth -= 1;
    vm.temp_roots.pop();
    res.map(|_| out)
}

pub fn bytes_repr(b: &[u8], prefix: &str) -> String {
    let use_dq = b.contains(&b'\'') && !b.contains(&b'"');
    let q = if use_dq { '"' } else { '\'' };
    let mut s = String::from(prefix);
    s.push(q);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            _ if c == q as u8 => {
                s.push('\\');
                s.push(q);
            }
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(q);
    s
}

pub fn to_str(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(o) = Vm::obj_ref(v)
        && let Some(f) =
            subclass_override(vm, o, "__str__").or_else(|| subclass_override(vm, o, "__repr__"))
    {
        let r = call(vm, f, &[v], &[])?;
        return str_result(vm, r, "__str__");
    }
    if let Some(s) = as_str(v) {
        return Ok(s.to_string());
    }
    // A class whose metaclass defines `__str__` prints through it.
    if Vm::obj_ref(v).is_some_and(|o| matches!(o.kind, Kind::Type(_)))
        && let Some(f) = meta_method(vm, v, "__str__")
    {
        let r = call(vm, f, &[v], &[])?;
        return str_result(vm, r, "__str__");
    }
    if let Some(o) = Vm::obj_ref(v)
        && let Kind::Instance(_) = o.kind
    {
        {
            let cls = o.class();
            // `object.__str__` (native) is the fallback below; a Python `__str__` wins.
            if let Some(f) = lookup_type(vm, cls, "__str__")
                && !matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Native(_)))
            {
                let r = call(vm, f, &[v], &[])?;
                return match as_str(r) {
                    Some(s) => Ok(s.to_string()),
                    None => {
                        let t = type_name(vm, r);
                        Err(vm.type_error(format!("__str__ returned non-string (type {t})")))
                    }
                };
            }
            if is_subclass(cls, vm.types.base_exception) {
                return exc_str(vm, v);
            }
        }
    }
    repr(vm, v)
}

/// `BaseException.__str__`: the message from `args` (no dispatch to a Python `__str__`).
pub fn exc_str(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(s) = super::lib::oserror::os_error_str(vm, v)? {
        return Ok(s);
    }
    let args = exc_args(vm, v);
    let key_error = vm.exc_matches(v, "KeyError");
    match args.len() {
        0 => Ok(String::new()),
        1 if key_error => repr(vm, args[0]),
        1 => to_str(vm, args[0]),
        _ => repr_items(vm, v, &args).map(|s| format!("({s})")),
    }
}

// ---------------------------------------------------------------- instance attributes

pub fn get_instance_attr(o: &Obj, name: &str) -> Option<Value> {
    if let Some(d) = o.attrs.get().as_obj() {
        return dict_get_str(d, name);
    }
    if let Kind::Instance(i) = &o.kind {
        let shape = i.shape.borrow();
        if let Some(ix) = shape.slot_of(name) {
            let v = i.slots.borrow()[ix];
            if !v.is_unbound() {
                return Some(v);
            }
        }
    }
    None
}

/// `__slots__`: an instance whose classes all define `__slots__` (without `"__dict__"`) accepts
/// only the listed attribute names, with CPython's AttributeError for the others.
pub fn check_slots(vm: &mut Vm, inst: Value, n: &str) -> PyResult<()> {
    let Some(o) = Vm::obj_ref(inst) else {
        return Ok(());
    };
    let cls = o.class();
    let Kind::Type(t) = &cls.kind else {
        return Ok(());
    };
    let names = match t.slot_names.get() {
        Some(names) => names.clone(),
        None => {
            let names = compute_slot_names(vm, cls);
            let _ = t.slot_names.set(names.clone());
            names
        }
    };
    match names {
        Some(names) if !names.iter().any(|s| &**s == n) => {
            let tn = type_name(vm, inst);
            Err(vm.attr_error(format!("'{tn}' object has no attribute '{n}'")))
        }
        _ => Ok(()),
    }
}

/// The names `__slots__` allows instances of `cls`, or None when instances have a `__dict__`
/// (some class of the MRO other than `object` defines no `__slots__`, or lists `"__dict__"`).
/// Private names are mangled as CPython does (`__x` in class `C` is `_C__x`).
fn compute_slot_names(vm: &mut Vm, cls: Gc<Obj>) -> Option<Rc<[Rc<str>]>> {
    let mro = match &cls.kind {
        Kind::Type(t) => t.mro.borrow().clone(),
        _ => return None,
    };
    let mut names: Vec<Rc<str>> = Vec::new();
    for c in mro {
        if Gc::ptr_eq(c, vm.types.object) {
            continue;
        }
        let Kind::Type(t) = &c.kind else {
            return None;
        };
        let declared = dict_get_str(t.dict, "__slots__")?;
        let items = if as_str(declared).is_some() {
            vec![declared]
        } else {
            collect(vm, declared).ok()?
        };
        let owner = t.name.borrow().clone();
        for item in items {
            let s = as_str(item)?;
            if s == "__dict__" {
                return None;
            }
            if s.starts_with("__") && !s.ends_with("__") {
                names.push(Rc::from(format!("_{}{s}", owner.trim_start_matches('_'))));
            } else {
                names.push(Rc::from(s));
            }
        }
    }
    Some(names.into())
}

/// Sets an instance attribute through its shape (transitioning to a new shape when new).
pub fn set_instance_attr(inst: Gc<Obj>, name: Value, v: Value) {
    if let Some(d) = inst.attrs.get().as_obj() {
        dict_set_strkey(d, name, v);
        return;
    }
    let Kind::Instance(i) = &inst.kind else {
        return;
    };
    let n = as_str(name).unwrap_or("?");
    let ix = i.shape.borrow().slot_of(n);
    match ix {
        Some(ix) => i.slots.borrow_mut()[ix] = v,
        None => {
            let new = i.shape.borrow().with(n);
            *i.shape.borrow_mut() = new;
            i.slots.borrow_mut().push(v);
        }
    }
    Vm::barrier(inst);
}

pub fn del_instance_attr(inst: &Obj, name: &str) -> bool {
    if let Some(d) = inst.attrs.get().as_obj() {
        return dict_del_str(d, name);
    }
    let Kind::Instance(i) = &inst.kind else {
        return false;
    };
    let ix = i.shape.borrow().slot_of(name);
    match ix {
        Some(ix) => {
            if i.slots.borrow()[ix].is_unbound() {
                return false;
            }
            let names: Vec<Rc<str>> = i
                .shape
                .borrow()
                .names
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != ix)
                .map(|(_, n)| n.clone())
                .collect();
            i.slots.borrow_mut().remove(ix);
            *i.shape.borrow_mut() = Shape::from_names(names);
            true
        }
        None => false,
    }
}

// ---------------------------------------------------------------- getattr

pub fn getattr(vm: &mut Vm, v: Value, name: Value) -> PyResult<Value> {
    let (n, h) = str_and_hash(name).unwrap_or(("?", 0));
    match getattr_opt_hashed(vm, v, n, h)? {
        Some(x) => Ok(x),
        None => {
            // __getattr__ fallback for instances.
            let cls = type_of(vm, v);
            if matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::Instance(_)))
                && let Some(f) = lookup_type(vm, cls, "__getattr__")
            {
                return call(vm, f, &[v, name], &[]);
            }
            Err(attr_missing(vm, v, n))
        }
    }
}

pub fn attr_missing(vm: &mut Vm, v: Value, n: &str) -> PyErr {
    let e = attr_missing_plain(vm, v, n);
    // CPython 3.11 prints a "Did you mean" hint for uncaught AttributeErrors; the candidates
    // are computed now, while the object is at hand.
    let mut names: Vec<String> = Vec::new();
    if let Some(o) = Vm::obj_ref(v) {
        match &o.kind {
            Kind::Module(d) => {
                if let Kind::Dict(t) = &d.kind {
                    names.extend(
                        t.borrow()
                            .keys()
                            .into_iter()
                            .filter_map(as_str)
                            .map(String::from),
                    );
                }
            }
            Kind::Instance(i) => names.extend(i.shape.borrow().names.iter().map(|s| s.to_string())),
            _ => {}
        }
    }
    let cls = match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::Type(_)) => v.as_obj(),
        Some(Kind::Module(_)) => None,
        _ => Some(type_of(vm, v)),
    };
    if let Some(c) = cls
        && let Kind::Type(t) = &c.kind
    {
        for m in t.mro.borrow().iter() {
            if let Kind::Type(mt) = &m.kind
                && let Kind::Dict(d) = &mt.dict.kind
            {
                names.extend(
                    d.borrow()
                        .keys()
                        .into_iter()
                        .filter_map(as_str)
                        .map(String::from),
                );
            }
        }
    }
    set_suggestion(vm, e, n, &names);
    e
}

/// Stores CPython's "Did you mean" candidate for `name` among `names` on exception `e`.
pub fn set_suggestion(vm: &mut Vm, e: PyErr, name: &str, names: &[String]) {
    if let Some(best) = crate::runtime::builtins::suggest(name, names)
        && let Some(o) = e.0.as_obj()
    {
        let k = vm.intern("_pyvgc_suggest");
        let b = vm.new_string(best);
        set_instance_attr(o, k, b);
    }
}

fn attr_missing_plain(vm: &mut Vm, v: Value, n: &str) -> PyErr {
    if let Some(o) = Vm::obj_ref(v) {
        match &o.kind {
            Kind::Module(d) => {
                let mname = dict_get_str(*d, "__name__").and_then(as_str).unwrap_or("?");
                return vm.attr_error(format!("module '{mname}' has no attribute '{n}'"));
            }
            Kind::Type(t) => {
                let tn = t.name.borrow().clone();
                return vm.attr_error(format!("type object '{tn}' has no attribute '{n}'"));
            }
            _ => {}
        }
    }
    let t = type_name(vm, v);
    vm.attr_error(format!("'{t}' object has no attribute '{n}'"))
}

/// Binds a class attribute found for an instance access (functions become bound methods).
pub fn bind(vm: &mut Vm, attr: Value, inst: Value, cls: Gc<Obj>) -> PyResult<Value> {
    let Some(o) = Vm::obj_ref(attr) else {
        return Ok(attr);
    };
    Ok(match &o.kind {
        Kind::Function(_) => {
            let c = vm.types.method;
            Value::obj(vm.alloc(c, Kind::BoundMethod(attr, inst)))
        }
        Kind::Native(n) if n.bound.is_unbound() => {
            let c = vm.types.builtin_function;
            Value::obj(vm.alloc(
                c,
                Kind::Native(super::object::Native {
                    name: n.name.clone(),
                    f: n.f,
                    bound: inst,
                    data: n.data,
                }),
            ))
        }
        Kind::StaticMethod(f) => *f,
        Kind::ClassMethod(f) => {
            let c = vm.types.method;
            Value::obj(vm.alloc(c, Kind::BoundMethod(*f, Value::obj(cls))))
        }
        Kind::Property(fget, ..) => {
            if fget.is_none() {
                return Err(vm.attr_error("property has no getter".to_string()));
            }
            call(vm, *fget, &[inst], &[])?
        }
        Kind::Instance(_) => match user_descriptor(vm, attr, "__get__") {
            Some(get) => call(vm, get, &[attr, inst, Value::obj(cls)], &[])?,
            None => attr,
        },
        _ => attr,
    })
}

/// The method `name` (`__get__`, `__set__`, `__delete__`) of a class attribute that is an
/// instance of a user class: the descriptor protocol for descriptors written in Python.
pub fn user_descriptor(vm: &mut Vm, attr: Value, name: &str) -> Option<Value> {
    let o = Vm::obj_ref(attr)?;
    if !matches!(o.kind, Kind::Instance(_)) {
        return None;
    }
    lookup_type(vm, o.class(), name)
}

/// Is the class attribute `attr` a data descriptor written in Python (it defines `__set__` or
/// `__delete__`, so it takes precedence over the instance's own attributes)?
fn is_user_data_descriptor(vm: &mut Vm, attr: Value) -> bool {
    user_descriptor(vm, attr, "__set__").is_some()
        || user_descriptor(vm, attr, "__delete__").is_some()
}

/// `getattr(v, name)` without the `__getattr__` fallback; None if absent.
pub fn getattr_opt(vm: &mut Vm, v: Value, n: &str) -> PyResult<Option<Value>> {
    getattr_opt_hashed(vm, v, n, str_hash(n))
}

/// `getattr_opt` with the name's hash already known (`h == str_hash(n)`).
pub fn getattr_opt_hashed(vm: &mut Vm, v: Value, n: &str, h: i64) -> PyResult<Option<Value>> {
    let cls = type_of(vm, v);
    if n == "__class__" {
        return Ok(Some(Value::obj(cls)));
    }
    if let Some(o) = Vm::obj_ref(v) {
        if let Some(d) = o.attrs.get().as_obj()
            && let Some(x) = dict_get_str_hashed(d, n, h)
        {
            return Ok(Some(x));
        }
        match &o.kind {
            Kind::Instance(_) => {
                let attr = lookup_type_hashed(cls, n, h);
                if let Some(a) = attr {
                    match Vm::obj_ref(a).map(|o| &o.kind) {
                        Some(Kind::Property(..)) => return bind(vm, a, v, cls).map(Some),
                        Some(Kind::Instance(_)) if is_user_data_descriptor(vm, a) => {
                            return bind(vm, a, v, cls).map(Some);
                        }
                        _ => {}
                    }
                }
                if let Some(x) = get_instance_attr(o, n) {
                    return Ok(Some(x));
                }
                if n == "__dict__" {
                    // The instance switches to dict storage so that the dict stays live
                    // (`obj.__dict__.update(...)`, `vars(obj)[k] = v`).
                    if o.attrs.get().is_none() {
                        let d = vm.new_dict();
                        if let Kind::Instance(i) = &o.kind {
                            let names = i.shape.borrow().names.clone();
                            let slots = std::mem::take(&mut *i.slots.borrow_mut());
                            for (k, x) in names.iter().zip(slots) {
                                if !x.is_unbound() {
                                    dict_set_str(vm, d.as_obj().expect("dict"), k, x);
                                }
                            }
                            *i.shape.borrow_mut() = Shape::empty();
                        }
                        o.attrs.set(d);
                        Vm::barrier(o_gc(o));
                    }
                    return Ok(Some(o.attrs.get()));
                }
                if let Some(a) = attr {
                    return bind(vm, a, v, cls).map(Some);
                }
                if is_subclass(cls, vm.types.base_exception) {
                    return Ok(match n {
                        "__traceback__" => Some(super::lib::pyvgc_traceback::traceback_of(vm, v)?),
                        "__cause__" | "__context__" => Some(Value::NONE),
                        "__suppress_context__" => Some(Value::FALSE),
                        _ => super::lib::oserror::missing_attr(vm, cls, n),
                    });
                }
                return Ok(None);
            }
            Kind::Type(t) => {
                match n {
                    "__name__" => return Ok(Some(vm.new_str(&t.name.borrow().clone()))),
                    "__qualname__" => return Ok(Some(vm.new_str(&t.qualname.borrow().clone()))),
                    "__module__" => {
                        if let Some(m) = dict_get_str(t.dict, "__module__") {
                            return Ok(Some(m));
                        }
                        return Ok(Some(vm.new_str(&t.module.borrow().clone())));
                    }
                    "__mro__" => {
                        let m: Vec<Value> = t.mro.borrow().iter().map(|c| Value::obj(*c)).collect();
                        return Ok(Some(vm.new_tuple(m)));
                    }
                    "__bases__" => {
                        let m: Vec<Value> =
                            t.bases.borrow().iter().map(|c| Value::obj(*c)).collect();
                        return Ok(Some(vm.new_tuple(m)));
                    }
                    "__base__" => {
                        return Ok(Some(
                            t.bases
                                .borrow()
                                .first()
                                .map(|b| Value::obj(*b))
                                .unwrap_or(Value::NONE),
                        ));
                    }
                    "__doc__" => {
                        return Ok(Some(dict_get_str(t.dict, "__doc__").unwrap_or(Value::NONE)));
                    }
                    "__dict__" => {
                        let d = vm.new_dict();
                        let items = match &t.dict.kind {
                            Kind::Dict(dt) => dt.borrow().items(),
                            _ => vec![],
                        };
                        for (k, x) in items {
                            dict_set(vm, d.as_obj().expect("dict"), k, x)?;
                        }
                        return Ok(Some(d));
                    }
                    _ => {}
                }
                let me = o as *const Obj;
                // SAFETY: `o` is the live class object `v` refers to.
                let cls_obj = unsafe { Gc::from_ptr(me) };
                if let Some(a) = lookup_type_hashed(cls_obj, n, h) {
                    return Ok(Some(match Vm::obj_ref(a).map(|o| &o.kind) {
                        Some(Kind::StaticMethod(f)) => *f,
                        Some(Kind::ClassMethod(f)) => {
                            let c = vm.types.method;
                            Value::obj(vm.alloc(c, Kind::BoundMethod(*f, v)))
                        }
                        // A Python descriptor accessed on the class: `__get__(None, cls)`.
                        Some(Kind::Instance(_)) => match user_descriptor(vm, a, "__get__") {
                            Some(get) => call(vm, get, &[a, Value::NONE, v], &[])?,
                            None => a,
                        },
                        _ => a,
                    }));
                }
                // Metaclass (type) attributes, e.g. `C.mro`.
                if let Some(a) = lookup_type_hashed(cls, n, h) {
                    return bind(vm, a, v, cls).map(Some);
                }
                return Ok(None);
            }
            Kind::Module(d) => {
                if n == "__dict__" {
                    return Ok(Some(Value::obj(*d)));
                }
                return Ok(dict_get_str_hashed(*d, n, h));
            }
            Kind::Function(f) => {
                match n {
                    "__name__" => return Ok(Some(vm.new_str(&f.name.borrow().clone()))),
                    "__qualname__" => return Ok(Some(vm.new_str(&f.qualname.borrow().clone()))),
                    "__module__" => return Ok(Some(f.module.get())),
                    "__doc__" => return Ok(Some(f.doc.get())),
                    "__defaults__" => {
                        let d = f.defaults.borrow().clone();
                        return Ok(Some(if d.is_empty() {
                            Value::NONE
                        } else {
                            vm.new_tuple(d)
                        }));
                    }
                    "__kwdefaults__" => return Ok(Some(f.kwdefaults.get())),
                    "__globals__" => return Ok(Some(Value::obj(f.globals))),
                    "__closure__" => {
                        let c = f.closure.to_vec();
                        return Ok(Some(if c.is_empty() {
                            Value::NONE
                        } else {
                            vm.new_tuple(c)
                        }));
                    }
                    "__annotations__" => {
                        if let Some(d) = f.attrs.get().as_obj()
                            && let Some(x) = dict_get_str(d, n)
                        {
                            return Ok(Some(x));
                        }
                        let d = vm.new_dict();
                        let k = vm_intern(vm, n);
                        setattr(vm, v, k, d)?;
                        return Ok(Some(d));
                    }
                    "__code__" => return Ok(Some(Value::obj(f.code))),
                    "__dict__" => {
                        if f.attrs.get().is_none() {
                            let d = vm.new_dict();
                            f.attrs.set(d);
                            Vm::barrier(o_gc(o));
                        }
                        return Ok(Some(f.attrs.get()));
                    }
                    _ => {}
                }
                if let Some(d) = f.attrs.get().as_obj()
                    && let Some(x) = dict_get_str(d, n)
                {
                    return Ok(Some(x));
                }
            }
            Kind::BoundMethod(f, s) => match n {
                "__self__" => return Ok(Some(*s)),
                "__func__" => return Ok(Some(*f)),
                _ => {
                    if let Some(x) = getattr_opt(vm, *f, n)? {
                        return Ok(Some(x));
                    }
                }
            },
            Kind::Native(nf) => match n {
                "__name__" | "__qualname__" => return Ok(Some(vm.new_str(&nf.name.clone()))),
                "__self__" => return Ok(Some(nf.bound)),
                _ => {}
            },
            Kind::Property(fget, _, _, doc) => match n {
                "fget" => return Ok(Some(*fget)),
                "__doc__" => return Ok(Some(*doc)),
                _ => {}
            },
            Kind::StaticMethod(f) | Kind::ClassMethod(f) if n == "__func__" => {
                return Ok(Some(*f));
            }
            Kind::Slice(a, b, c) => match n {
                "start" => return Ok(Some(*a)),
                "stop" => return Ok(Some(*b)),
                "step" => return Ok(Some(*c)),
                _ => {}
            },
            Kind::Range(a, b, c) => match n {
                "start" => return Ok(Some(Value::int(*a))),
                "stop" => return Ok(Some(Value::int(*b))),
                "step" => return Ok(Some(Value::int(*c))),
                _ => {}
            },
            Kind::Super(start, obj) => {
                return super_getattr(vm, *start, *obj, n);
            }
            Kind::File(f) => match n {
                "closed" => return Ok(Some(Value::bool(f.borrow().closed))),
                "name" => {
                    let s = f.borrow().name.clone();
                    return Ok(Some(vm.new_str(&s)));
                }
                "mode" => {
                    let s = f.borrow().mode.clone();
                    return Ok(Some(vm.new_str(&s)));
                }
                _ => {}
            },
            _ => {}
        }
    }
    if v.tag == value::FLOAT || v.tag == value::INT {
        match n {
            "real" => return Ok(Some(v)),
            "imag" => {
                return Ok(Some(if v.tag == value::INT {
                    Value::int(0)
                } else {
                    Value::float(0.0)
                }));
            }
            "numerator" if v.tag == value::INT => return Ok(Some(v)),
            "denominator" if v.tag == value::INT => return Ok(Some(Value::int(1))),
            _ => {}
        }
    }
    match lookup_type_hashed(cls, n, h) {
        Some(a) => bind(vm, a, v, cls).map(Some),
        None => Ok(None),
    }
}

fn vm_intern(vm: &mut Vm, n: &str) -> Value {
    vm.intern(n)
}

fn o_gc(o: &Obj) -> Gc<Obj> {
    // SAFETY: `o` is a reference to a live heap object.
    unsafe { Gc::from_ptr(o as *const Obj) }
}

fn super_getattr(vm: &mut Vm, start: Value, obj: Value, n: &str) -> PyResult<Option<Value>> {
    let Some(start) = start.as_obj() else {
        return Ok(None);
    };
    // super(C, cls) with a class `cls` that is a subclass of C walks cls's MRO (classmethods,
    // __new__); otherwise, e.g. in a metaclass method, it walks type(obj)'s.
    let obj_is_class = obj
        .as_obj()
        .is_some_and(|o| matches!(o.kind, Kind::Type(_)) && is_subclass(o, start));
    let objcls = if obj_is_class {
        obj.as_obj().expect("class")
    } else {
        type_of(vm, obj)
    };
    let mro = match &objcls.kind {
        Kind::Type(t) => t.mro.borrow().clone(),
        _ => vec![],
    };
    let mut after = false;
    for c in mro {
        if after {
            if let Kind::Type(ct) = &c.kind
                && let Some(a) = dict_get_str(ct.dict, n)
            {
                if obj_is_class && n != "__call__" {
                    return Ok(Some(match Vm::obj_ref(a).map(|o| &o.kind) {
                        Some(Kind::StaticMethod(f)) => *f,
                        Some(Kind::ClassMethod(f)) => {
                            let m = vm.types.method;
                            Value::obj(vm.alloc(m, Kind::BoundMethod(*f, obj)))
                        }
                        _ => a,
                    }));
                }
                return bind(vm, a, obj, objcls).map(Some);
            }
        } else if Gc::ptr_eq(c, start) {
            after = true;
        }
    }
    Ok(None)
}

pub fn setattr(vm: &mut Vm, target: Value, name: Value, v: Value) -> PyResult<()> {
    let (n, h) = str_and_hash(name).unwrap_or(("?", 0));
    let Some(o) = Vm::obj_ref(target) else {
        let t = type_name(vm, target);
        return Err(vm.attr_error(format!("'{t}' object has no attribute '{n}'")));
    };
    match &o.kind {
        Kind::Instance(_) => {
            let cls = o.class();
            let class_attr = lookup_type_hashed(cls, n, h);
            if let Some(a) = class_attr
                && let Some(set) = user_descriptor(vm, a, "__set__")
            {
                call(vm, set, &[a, target, v], &[])?;
                return Ok(());
            }
            if let Some(a) = class_attr
                && let Some(Kind::Property(_, fset, ..)) = Vm::obj_ref(a).map(|o| &o.kind)
            {
                {
                    if fset.is_none() {
                        let t = type_name(vm, target);
                        return Err(
                            vm.attr_error(format!("property '{n}' of '{t}' object has no setter"))
                        );
                    }
                    call(vm, *fset, &[target, v], &[])?;
                    return Ok(());
                }
            }
            const SETATTR_HASH: i64 = str_hash("__setattr__");
            if let Some(f) = lookup_type_hashed(cls, "__setattr__", SETATTR_HASH)
                && !matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Native(_)))
            {
                call(vm, f, &[target, name, v], &[])?;
                return Ok(());
            }
            // Plain `object()` instances have no `__dict__`.
            if Gc::ptr_eq(cls, vm.types.object) {
                return Err(vm.attr_error(format!("'object' object has no attribute '{n}'")));
            }
            check_slots(vm, target, n)?;
            set_instance_attr(o_gc(o), name, v);
            Ok(())
        }
        Kind::Type(t) => {
            dict_set(vm, t.dict, name, v)?;
            Ok(())
        }
        Kind::Module(d) => {
            dict_set(vm, *d, name, v)?;
            Ok(())
        }
        Kind::Function(f) => {
            match n {
                "__name__" => {
                    *f.name.borrow_mut() = Rc::from(as_str(v).unwrap_or("?"));
                    return Ok(());
                }
                "__qualname__" => {
                    *f.qualname.borrow_mut() = Rc::from(as_str(v).unwrap_or("?"));
                    return Ok(());
                }
                "__doc__" => {
                    f.doc.set(v);
                    Vm::barrier(o_gc(o));
                    return Ok(());
                }
                "__module__" => {
                    f.module.set(v);
                    Vm::barrier(o_gc(o));
                    return Ok(());
                }
                _ => {}
            }
            if f.attrs.get().is_none() {
                let d = vm.new_dict();
                f.attrs.set(d);
                Vm::barrier(o_gc(o));
            }
            let d = f.attrs.get().as_obj().expect("dict");
            dict_set(vm, d, name, v)
        }
        _ => {
            // Objects of user subclasses of built-in types keep attributes in `attrs`.
            let cls = o.class();
            let user = matches!(&cls.kind, Kind::Type(t) if &**t.module.borrow() != "builtins");
            if user {
                if let Some(a) = lookup_type(vm, cls, n)
                    && let Some(Kind::Property(_, fset, ..)) = Vm::obj_ref(a).map(|o| &o.kind)
                {
                    if fset.is_none() {
                        let t = type_name(vm, target);
                        return Err(
                            vm.attr_error(format!("property '{n}' of '{t}' object has no setter"))
                        );
                    }
                    call(vm, *fset, &[target, v], &[])?;
                    return Ok(());
                }
                if o.attrs.get().is_none() {
                    let d = vm.new_dict();
                    o.attrs.set(d);
                    Vm::barrier(o_gc(o));
                }
                let d = o.attrs.get().as_obj().expect("dict");
                return dict_set(vm, d, name, v);
            }
            let t = type_name(vm, target);
            Err(vm.attr_error(format!("'{t}' object has no attribute '{n}'")))
        }
    }
}

pub fn delattr(vm: &mut Vm, target: Value, name: Value) -> PyResult<()> {
    let n = as_str(name).unwrap_or("?");
    if let Some(o) = Vm::obj_ref(target) {
        match &o.kind {
            Kind::Instance(_) => {
                if let Some(a) = lookup_type(vm, o.class(), n)
                    && let Some(del) = user_descriptor(vm, a, "__delete__")
                {
                    call(vm, del, &[a, target], &[])?;
                    return Ok(());
                }
                if let Some(a) = lookup_type(vm, o.class(), n)
                    && let Some(Kind::Property(_, _, fdel, _)) = Vm::obj_ref(a).map(|o| &o.kind)
                {
                    if fdel.is_none() {
                        let t = type_name(vm, target);
                        return Err(
                            vm.attr_error(format!("property '{n}' of '{t}' object has no deleter"))
                        );
                    }
                    call(vm, *fdel, &[target], &[])?;
                    return Ok(());
                }
                if let Some(f) = lookup_type(vm, o.class(), "__delattr__")
                    && !matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Native(_)))
                {
                    call(vm, f, &[target, name], &[])?;
                    return Ok(());
                }
                if del_instance_attr(o, n) {
                    return Ok(());
                }
            }
            Kind::Type(t) if dict_del(vm, t.dict, name)?.is_some() => return Ok(()),
            Kind::Module(d) if dict_del(vm, *d, name)?.is_some() => return Ok(()),
            _ => {}
        }
    }
    Err(attr_missing(vm, target, n))
}

// ---------------------------------------------------------------- calls

/// Calls any callable with positional and keyword arguments.
/// Calls an unbound native function with positional arguments (what `call` does for one).
#[inline]
pub fn call_native(vm: &mut Vm, n: &super::object::Native, args: &[Value]) -> PyResult<Value> {
    let saved_data = vm.native_data;
    vm.native_data = n.data;
    vm.native_depth += 1;
    let r = (n.f)(vm, args, &[]);
    vm.native_depth -= 1;
    vm.native_data = saved_data;
    r
}

pub fn call(vm: &mut Vm, f: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(o) = Vm::obj_ref(f) else {
        let t = type_name(vm, f);
        return Err(vm.type_error(format!("'{t}' object is not callable")));
    };
    match &o.kind {
        Kind::Function(_) => super::interp::call_function(vm, f, args, kwargs),
        Kind::Native(n) if n.bound.is_unbound() && kwargs.is_empty() => call_native(vm, n, args),
        Kind::Native(n) => {
            let nf = n.f;
            let saved_data = vm.native_data;
            vm.native_data = n.data;
            vm.native_depth += 1;
            let r = if n.bound.is_unbound() {
                nf(vm, args, kwargs)
            } else {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(n.bound);
                a.extend_from_slice(args);
                nf(vm, &a, kwargs)
            };
            vm.native_depth -= 1;
            vm.native_data = saved_data;
            r
        }
        Kind::BoundMethod(func, s) => {
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(*s);
            a.extend_from_slice(args);
            call(vm, *func, &a, kwargs)
        }
        Kind::Type(_) => super::builtins::construct(vm, o_gc(o), args, kwargs),
        Kind::StaticMethod(func) => call(vm, *func, args, kwargs),
        _ => {
            let cls = o.class();
            if let Some(c) = lookup_type(vm, cls, "__call__") {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(f);
                a.extend_from_slice(args);
                return call(vm, c, &a, kwargs);
            }
            let t = type_name(vm, f);
            Err(vm.type_error(format!("'{t}' object is not callable")))
        }
    }
}

/// Calls method `name` of `v` (looked up on its class) if it exists.
pub fn call_method(vm: &mut Vm, v: Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let n = vm.intern(name);
    let m = getattr(vm, v, n)?;
    call(vm, m, args, &[])
}

pub fn callable(vm: &mut Vm, v: Value) -> bool {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(
            Kind::Function(_)
            | Kind::Native(_)
            | Kind::BoundMethod(..)
            | Kind::Type(_)
            | Kind::StaticMethod(_),
        ) => true,
        Some(_) => {
            let cls = type_of(vm, v);
            lookup_type(vm, cls, "__call__").is_some()
        }
        None => false,
    }
}

// ---------------------------------------------------------------- equality and ordering

pub fn eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if let Some(r) = key_eq_fast(a, b) {
        // Identity implies equality except for NaN floats (handled by key_eq_fast's tags).
        return Ok(r);
    }
    let r = compare(vm, a, b, CmpOp::Eq)?;
    truthy(vm, r)
}

fn seq_items(v: Value) -> Option<Vec<Value>> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::List(l)) => Some(l.borrow().clone()),
        Some(Kind::Tuple(t)) => Some(t.to_vec()),
        _ => None,
    }
}

/// Rich comparison with CPython's dispatch: reflected method of the right operand first if it is
/// a subclass, NotImplemented fallbacks, identity fallback for `==`/`!=`.
pub fn compare(vm: &mut Vm, a: Value, b: Value, op: CmpOp) -> PyResult<Value> {
    use std::cmp::Ordering;
    match op {
        CmpOp::Is => return Ok(Value::bool(a.is(b))),
        CmpOp::IsNot => return Ok(Value::bool(!a.is(b))),
        CmpOp::In => return Ok(Value::bool(contains(vm, b, a)?)),
        CmpOp::NotIn => return Ok(Value::bool(!contains(vm, b, a)?)),
        _ => {}
    }
    let from_ord = |o: Option<Ordering>| -> bool {
        match (o, op) {
            (None, CmpOp::Ne) => true,
            (None, _) => false,
            (Some(o), CmpOp::Lt) => o == Ordering::Less,
            (Some(o), CmpOp::Le) => o != Ordering::Greater,
            (Some(o), CmpOp::Eq) => o == Ordering::Equal,
            (Some(o), CmpOp::Ne) => o != Ordering::Equal,
            (Some(o), CmpOp::Gt) => o == Ordering::Greater,
            (Some(o), CmpOp::Ge) => o != Ordering::Less,
            _ => false,
        }
    };
    // Numbers.
    if let (Some(x), Some(y)) = (as_i64(a), as_i64(b)) {
        return Ok(Value::bool(from_ord(Some(x.cmp(&y)))));
    }
    let is_num = |v: Value| {
        matches!(
            v.tag,
            value::INT | value::FLOAT | value::TRUE | value::FALSE
        ) || matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::BigInt(_)))
    };
    if is_num(a) && is_num(b) {
        if a.tag == value::FLOAT || b.tag == value::FLOAT {
            let ord = num_cmp_float(a, b);
            return Ok(Value::bool(from_ord(ord)));
        }
        let (x, y) = (
            as_bigint(a).unwrap_or_default(),
            as_bigint(b).unwrap_or_default(),
        );
        return Ok(Value::bool(from_ord(Some(x.cmp(&y)))));
    }
    // Strings.
    if let (Some(x), Some(y)) = (as_str(a), as_str(b)) {
        return Ok(Value::bool(from_ord(Some(x.cmp(y)))));
    }
    let ka = Vm::obj_ref(a).map(|o| &o.kind);
    let kb = Vm::obj_ref(b).map(|o| &o.kind);
    let a_inst = matches!(ka, Some(Kind::Instance(_)));
    let b_inst = matches!(kb, Some(Kind::Instance(_)));
    if !a_inst && !b_inst {
        // Objects of user subclasses of built-in types (`class C(dict)`) may define the
        // comparison in Python.
        if let Some(r) = subclass_compare(vm, a, b, op)? {
            return Ok(r);
        }
        // Sequences of the same type.
        let same_seq = matches!((ka, kb), (Some(Kind::List(_)), Some(Kind::List(_))))
            || matches!((ka, kb), (Some(Kind::Tuple(_)), Some(Kind::Tuple(_))));
        if same_seq {
            let (x, y) = (
                seq_items(a).unwrap_or_default(),
                seq_items(b).unwrap_or_default(),
            );
            if matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
                return Ok(Value::bool(op == CmpOp::Ne));
            }
            for (p, q) in x.iter().zip(y.iter()) {
                // Containers compare items by identity first, as CPython's PyObject_RichCompareBool.
                if !p.is(*q) && !eq(vm, *p, *q)? {
                    if op == CmpOp::Eq {
                        return Ok(Value::FALSE);
                    }
                    if op == CmpOp::Ne {
                        return Ok(Value::TRUE);
                    }
                    return compare(vm, *p, *q, op);
                }
            }
            return Ok(Value::bool(from_ord(Some(x.len().cmp(&y.len())))));
        }
        match (ka, kb) {
            (Some(Kind::Dict(_)), Some(Kind::Dict(_))) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let r = dict_eq(vm, a, b)?;
                return Ok(Value::bool(if op == CmpOp::Eq { r } else { !r }));
            }
            (Some(Kind::Set(_) | Kind::FrozenSet(_)), Some(Kind::Set(_) | Kind::FrozenSet(_))) => {
                let sub = is_subset(vm, a, b)?;
                let sup = is_subset(vm, b, a)?;
                let r = match op {
                    CmpOp::Eq => sub && sup,
                    CmpOp::Ne => !(sub && sup),
                    CmpOp::Le => sub,
                    CmpOp::Lt => sub && !sup,
                    CmpOp::Ge => sup,
                    CmpOp::Gt => sup && !sub,
                    _ => false,
                };
                return Ok(Value::bool(r));
            }
            (Some(Kind::Bytes(x)), Some(Kind::Bytes(y))) => {
                return Ok(Value::bool(from_ord(Some(x.cmp(y)))));
            }
            (
                Some(Kind::Bytes(_) | Kind::ByteArray(_)),
                Some(Kind::Bytes(_) | Kind::ByteArray(_)),
            ) => {
                let x = bytes_of(a).unwrap_or_default();
                let y = bytes_of(b).unwrap_or_default();
                return Ok(Value::bool(from_ord(Some(x.cmp(&y)))));
            }
            (Some(Kind::Range(..)), Some(Kind::Range(..)))
                if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
            {
                let r = seq_eq_range(a, b);
                return Ok(Value::bool(if op == CmpOp::Eq { r } else { !r }));
            }
            (Some(Kind::DictView(..)), _) | (_, Some(Kind::DictView(..))) => {
                if let (Ok(x), Ok(y)) = (view_set(vm, a), view_set(vm, b)) {
                    return compare(vm, x, y, op);
                }
            }
            _ => {}
        }
    }
    // Dunder dispatch.
    let (name, rname) = match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::Le => ("__le__", "__ge__"),
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::Ne => ("__ne__", "__ne__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::Ge => ("__ge__", "__le__"),
        _ => unreachable!("handled above"),
    };
    let ta = type_of(vm, a);
    let tb = type_of(vm, b);
    let b_first = b_inst && !Gc::ptr_eq(ta, tb) && is_subclass(tb, ta);
    let try_one = |vm: &mut Vm, x: Value, y: Value, n: &str| -> PyResult<Option<Value>> {
        if !matches!(Vm::obj_ref(x).map(|o| &o.kind), Some(Kind::Instance(_))) {
            return Ok(None);
        }
        let cls = type_of(vm, x);
        let Some(f) = lookup_type(vm, cls, n) else {
            return Ok(None);
        };
        if matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Native(_))) {
            return Ok(None);
        }
        let r = call(vm, f, &[x, y], &[])?;
        Ok(if r.is(vm.not_implemented) {
            None
        } else {
            Some(r)
        })
    };
    if b_first && let Some(r) = try_one(vm, b, a, rname)? {
        return Ok(r);
    }
    if let Some(r) = try_one(vm, a, b, name)? {
        return Ok(r);
    }
    if !b_first && let Some(r) = try_one(vm, b, a, rname)? {
        return Ok(r);
    }
    if op == CmpOp::Ne
        && let Some(r) = try_one(vm, a, b, "__eq__")?
    {
        let t = truthy(vm, r)?;
        return Ok(Value::bool(!t));
    }
    match op {
        CmpOp::Eq => Ok(Value::bool(a.is(b))),
        CmpOp::Ne => Ok(Value::bool(!a.is(b))),
        _ => {
            let (x, y) = (type_name(vm, a), type_name(vm, b));
            Err(vm.type_error(format!(
                "'{}' not supported between instances of '{x}' and '{y}'",
                op.symbol()
            )))
        }
    }
}

/// The Python comparison method of a user subclass of a built-in type, reflected as CPython
/// does; None when neither operand defines one (or both return NotImplemented).
fn subclass_compare(vm: &mut Vm, a: Value, b: Value, op: CmpOp) -> PyResult<Option<Value>> {
    let (name, rname) = match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::Le => ("__le__", "__ge__"),
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::Ne => ("__ne__", "__ne__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::Ge => ("__ge__", "__le__"),
        _ => return Ok(None),
    };
    for (x, y, n) in [(a, b, name), (b, a, rname)] {
        let Some(o) = Vm::obj_ref(x) else {
            continue;
        };
        if let Some(f) = subclass_override(vm, o, n) {
            let r = call(vm, f, &[x, y], &[])?;
            if !r.is(vm.not_implemented) {
                return Ok(Some(r));
            }
        }
    }
    Ok(None)
}

fn view_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::DictView(..)) | Some(Kind::Set(_)) | Some(Kind::FrozenSet(_)) => {
            let items = collect(vm, v)?;
            let s = vm.new_set(false);
            for it in items {
                set_add(vm, s.as_obj().expect("set"), it)?;
            }
            Ok(s)
        }
        _ => Err(PyErr(Value::NONE)),
    }
}

fn seq_eq_range(a: Value, b: Value) -> bool {
    match (
        Vm::obj_ref(a).map(|o| &o.kind),
        Vm::obj_ref(b).map(|o| &o.kind),
    ) {
        (Some(Kind::Range(a1, b1, c1)), Some(Kind::Range(a2, b2, c2))) => {
            let l1 = range_len(*a1, *b1, *c1);
            let l2 = range_len(*a2, *b2, *c2);
            l1 == l2 && (l1 == 0 || (a1 == a2 && (l1 == 1 || c1 == c2)))
        }
        _ => false,
    }
}

fn num_cmp_float(a: Value, b: Value) -> Option<std::cmp::Ordering> {
    // Exact comparison of int with float, as CPython does (no rounding of big ints).
    let fa = a.tag == value::FLOAT;
    let fb = b.tag == value::FLOAT;
    if fa && fb {
        return a.as_float_raw().partial_cmp(&b.as_float_raw());
    }
    let (f, i, flip) = if fa {
        (a.as_float_raw(), b, false)
    } else {
        (b.as_float_raw(), a, true)
    };
    if f.is_nan() {
        return None;
    }
    let ord = if f.is_infinite() {
        if f > 0.0 {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Less
        }
    } else {
        let bi = as_bigint(i).unwrap_or_default();
        let fl = f.floor();
        let fi = num_bigint::BigInt::from(fl as i128);
        let fi = if fl.abs() < 1e38 {
            fi
        } else {
            float_to_bigint(fl)
        };
        match fi.cmp(&bi) {
            std::cmp::Ordering::Equal => {
                if f > fl {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            }
            o => o,
        }
    };
    Some(if flip { ord.reverse() } else { ord })
}

pub fn float_to_bigint(f: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(f.trunc()).unwrap_or_default()
}

fn dict_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let (Some(Kind::Dict(x)), Some(Kind::Dict(y))) = (
        Vm::obj_ref(a).map(|o| &o.kind),
        Vm::obj_ref(b).map(|o| &o.kind),
    ) else {
        return Ok(false);
    };
    if x.borrow().len() != y.borrow().len() {
        return Ok(false);
    }
    let items = x.borrow().items();
    for (k, v) in items {
        match dict_lookup(vm, b.as_obj().expect("dict"), k)? {
            Some(w) => {
                if !eq(vm, v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn is_subset(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let items = collect(vm, a)?;
    let bo = b.as_obj().expect("set");
    for it in items {
        if set_find(vm, bo, it)?.is_none() {
            return Ok(false);
        }
    }
    Ok(true)
}

pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    let Some(o) = Vm::obj_ref(container) else {
        let t = type_name(vm, container);
        return Err(vm.type_error(format!("argument of type '{t}' is not iterable")));
    };
    if let Some(f) = subclass_override(vm, o, "__contains__") {
        let r = call(vm, f, &[container, item], &[])?;
        return truthy(vm, r);
    }
    if matches!(o.kind, Kind::Type(_))
        && let Some(f) = meta_method(vm, container, "__contains__")
    {
        let r = call(vm, f, &[container, item], &[])?;
        return truthy(vm, r);
    }
    match &o.kind {
        Kind::Str(s) => match as_str(item) {
            Some(x) => Ok(s.s.contains(x)),
            None => {
                let t = type_name(vm, item);
                Err(vm.type_error(format!(
                    "'in <string>' requires string as left operand, not {t}"
                )))
            }
        },
        Kind::Dict(_) => Ok(dict_lookup(vm, o_gc(o), item)?.is_some()),
        Kind::Set(_) | Kind::FrozenSet(_) => Ok(set_find(vm, o_gc(o), item)?.is_some()),
        Kind::DictView(d, 0) => contains(vm, *d, item),
        Kind::Range(a, b, c) => match as_i64(item) {
            Some(i) => {
                let (a, b, c) = (*a, *b, *c);
                Ok(if c > 0 {
                    i >= a && i < b
                } else {
                    i <= a && i > b
                } && (i - a).rem_euclid(c.abs()) == 0)
            }
            None => {
                let items = collect(vm, container)?;
                for x in items {
                    if eq(vm, x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        },
        Kind::Bytes(_) | Kind::ByteArray(_) => {
            let hay = bytes_of(container).unwrap_or_default();
            if let Some(i) = as_i64(item) {
                return Ok(hay.contains(&(i as u8)));
            }
            let needle = bytes_of(item).unwrap_or_default();
            Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle.as_slice()))
        }
        Kind::Instance(_) => {
            let cls = o.class();
            if let Some(f) = lookup_type(vm, cls, "__contains__") {
                let r = call(vm, f, &[container, item], &[])?;
                return truthy(vm, r);
            }
            let it = get_iter(vm, container)?;
            while let Some(x) = next(vm, it)? {
                if eq(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            let items = collect(vm, container)?;
            for x in items {
                if x.is(item) || eq(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

pub fn bytes_of(v: Value) -> Option<Vec<u8>> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::Bytes(b)) => Some(b.to_vec()),
        Some(Kind::ByteArray(b)) => Some(b.borrow().clone()),
        _ => None,
    }
}

// ---------------------------------------------------------------- arithmetic

fn big(vm: &mut Vm, b: BigInt) -> Value {
    vm.new_bigint(b)
}

/// Binary arithmetic on two ints (small or big).
fn int_binop(vm: &mut Vm, x: &BigInt, y: &BigInt, op: BinOp) -> PyResult<Value> {
    Ok(match op {
        BinOp::Add => big(vm, x + y),
        BinOp::Sub => big(vm, x - y),
        BinOp::Mul => big(vm, x * y),
        BinOp::FloorDiv => {
            if y.is_zero() {
                return Err(vm.zero_div("integer division or modulo by zero"));
            }
            big(vm, x.div_floor(y))
        }
        BinOp::Mod => {
            if y.is_zero() {
                return Err(vm.zero_div("integer modulo by zero"));
            }
            big(vm, x.mod_floor(y))
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(vm.zero_div("division by zero"));
            }
            match (x.to_f64(), y.to_f64()) {
                (Some(a), Some(b))
                    if a.abs() < 9007199254740992.0 && b.abs() < 9007199254740992.0 =>
                {
                    Value::float(a / b)
                }
                _ => {
                    let r = big_truediv(x, y);
                    if r.is_infinite() {
                        return Err(
                            vm.overflow_error("integer division result too large for a float")
                        );
                    }
                    Value::float(r)
                }
            }
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (a, b) = (
                    x.to_f64().unwrap_or(f64::INFINITY),
                    y.to_f64().unwrap_or(0.0),
                );
                if a == 0.0 {
                    return Err(vm.zero_div("0.0 cannot be raised to a negative power"));
                }
                Value::float(a.powf(b))
            } else {
                let e = y
                    .to_u32()
                    .ok_or_else(|| vm.overflow_error("exponent too large"))?;
                big(vm, num_traits::pow::Pow::pow(x, e))
            }
        }
        BinOp::LShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let s = y
                .to_usize()
                .ok_or_else(|| vm.overflow_error("too many digits in integer"))?;
            big(vm, x << s)
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let s = y.to_usize().unwrap_or(usize::MAX);
            if s > 1 << 20 {
                return Ok(Value::int(if x.is_negative() { -1 } else { 0 }));
            }
            big(vm, x >> s)
        }
        BinOp::And => big(vm, x & y),
        BinOp::Or => big(vm, x | y),
        BinOp::Xor => big(vm, x ^ y),
        BinOp::MatMul => return Ok(Value::UNBOUND),
    })
}

/// `x / y` for ints, correctly rounded (round-half-even) as CPython's long true division:
/// the quotient is computed with at least 55 significant bits plus a sticky bit for the
/// remainder, then rounded to 53 bits.
fn big_truediv(x: &BigInt, y: &BigInt) -> f64 {
    let negative = x.is_negative() != y.is_negative();
    let (a, b) = (x.abs(), y.abs());
    if a.is_zero() {
        return if negative { -0.0 } else { 0.0 };
    }
    let s = 55 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if s >= 0 {
        (a << s as usize, b)
    } else {
        (a, b << (-s) as usize)
    };
    let (q, r) = num.div_rem(&den);
    let sticky = !r.is_zero();
    let extra = q.bits() as i64 - 53;
    let (mut m, exp) = if extra > 0 {
        let mask = (BigInt::from(1) << extra as usize) - 1;
        let rem = &q & &mask;
        let half = BigInt::from(1) << (extra - 1) as usize;
        let mut m = (&q >> extra as usize).to_u64().unwrap_or(0);
        if rem > half || (rem == half && (sticky || m & 1 == 1)) {
            m += 1;
        }
        (m, extra - s)
    } else {
        (q.to_u64().unwrap_or(0), -s)
    };
    if m == 1 << 53 {
        m >>= 1;
        return finish_ldexp(m, exp + 1, negative);
    }
    finish_ldexp(m, exp, negative)
}

/// `m * 2**exp` with the sign; infinity past the float range.
fn finish_ldexp(m: u64, exp: i64, negative: bool) -> f64 {
    let mut f = m as f64;
    let mut e = exp;
    // Scale in steps that keep every intermediate power of two exact.
    while e > 1000 {
        f *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        f *= 2f64.powi(-1000);
        e += 1000;
    }
    f *= 2f64.powi(e as i32);
    if negative { -f } else { f }
}

pub fn float_binop(vm: &mut Vm, a: f64, b: f64, op: BinOp) -> PyResult<Value> {
    Ok(Value::float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::TrueDiv => {
            if b == 0.0 {
                return Err(vm.zero_div("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(vm.zero_div("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(vm.zero_div("float modulo"));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => {
            if a == 0.0 && b < 0.0 {
                return Err(vm.zero_div("0.0 cannot be raised to a negative power"));
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                // A negative number to a fractional power is complex, as in CPython.
                return super::lib::complex::float_pow(vm, a, b);
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return Err(vm.new_error("OverflowError", "(34, 'Numerical result out of range')"));
            }
            r
        }
        _ => return Ok(Value::UNBOUND),
    }))
}

/// CPython's float divmod.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

/// `a op b` for every type (fast paths for small ints and floats first).
pub fn binary_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Value> {
    if a.tag == value::INT && b.tag == value::INT {
        let (x, y) = (a.payload, b.payload);
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::FloorDiv if y != 0 => x
                .checked_div_euclid(y)
                .map(|_| num_integer::Integer::div_floor(&x, &y)),
            BinOp::Mod if y != 0 => x.checked_rem(y).map(|_| x.mod_floor(&y)),
            BinOp::And => Some(x & y),
            BinOp::Or => Some(x | y),
            BinOp::Xor => Some(x ^ y),
            BinOp::RShift if (0..64).contains(&y) => Some(x >> y),
            BinOp::RShift if y >= 64 => Some(if x < 0 { -1 } else { 0 }),
            BinOp::LShift if (0..63).contains(&y) => {
                let r = x << y;
                if (r >> y) == x { Some(r) } else { None }
            }
            BinOp::TrueDiv if y != 0 && x.abs() < (1 << 53) && y.abs() < (1 << 53) => {
                return Ok(Value::float(x as f64 / y as f64));
            }
            _ => None,
        };
        if let Some(r) = r {
            return Ok(Value::int(r));
        }
    }
    if a.tag == value::FLOAT && b.tag == value::FLOAT {
        let r = float_binop(vm, a.as_float_raw(), b.as_float_raw(), op)?;
        if !r.is_unbound() {
            return Ok(r);
        }
    }
    let a_inst = is_user_obj(a);
    let b_inst = is_user_obj(b);
    if !a_inst && !b_inst {
        if let Some(r) = builtin_binop(vm, a, b, op)? {
            return Ok(r);
        }
    } else {
        let ta = type_of(vm, a);
        let tb = type_of(vm, b);
        let name = format!("__{}__", op.dunder());
        let rname = format!("__r{}__", op.dunder());
        let b_first = !Gc::ptr_eq(ta, tb) && is_subclass(tb, ta) && b_inst;
        let try_call = |vm: &mut Vm, x: Value, y: Value, n: &str| -> PyResult<Option<Value>> {
            if !is_user_obj(x) {
                return Ok(None);
            }
            let cls = type_of(vm, x);
            match lookup_type(vm, cls, n) {
                Some(f) => {
                    let r = call(vm, f, &[x, y], &[])?;
                    Ok(if r.is(vm.not_implemented) {
                        None
                    } else {
                        Some(r)
                    })
                }
                None => Ok(None),
            }
        };
        if b_first && let Some(r) = try_call(vm, b, a, &rname)? {
            return Ok(r);
        }
        if let Some(r) = try_call(vm, a, b, &name)? {
            return Ok(r);
        }
        if !b_first
            && !Gc::ptr_eq(ta, tb)
            && let Some(r) = try_call(vm, b, a, &rname)?
        {
            return Ok(r);
        }
        // Objects of user subclasses of built-in types (`class C(dict)`) without the dunder use
        // the built-in operation.
        let inst = |v: Value| matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::Instance(_)));
        // `'%r' % obj` formats a user object as the single argument, as CPython does.
        let str_format = op == BinOp::Mod
            && matches!(
                Vm::obj_ref(a).map(|o| &o.kind),
                Some(Kind::Str(_) | Kind::Bytes(_) | Kind::ByteArray(_))
            );
        if !inst(a)
            && (!inst(b) || str_format)
            && let Some(r) = builtin_binop(vm, a, b, op)?
        {
            return Ok(r);
        }
    }
    // `int | None` (PEP 604): a `types.UnionType`.
    let class_or_none =
        |v: Value| v.is_none() || Vm::obj_ref(v).is_some_and(|o| matches!(o.kind, Kind::Type(_)));
    if op == BinOp::Or && class_or_none(a) && class_or_none(b) && !(a.is_none() && b.is_none()) {
        return super::lib::bundled::union_type(vm, a, b);
    }
    let (x, y) = (type_name(vm, a), type_name(vm, b));
    let is_seq = |v: Value| {
        matches!(
            Vm::obj_ref(v).map(|o| &o.kind),
            Some(Kind::Str(_) | Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_))
        )
    };
    if op == BinOp::Add
        && is_seq(a)
        && !matches!(Vm::obj_ref(b).map(|o| &o.kind), Some(Kind::Instance(_)))
    {
        if as_str(a).is_some() {
            return Err(vm.type_error(format!("can only concatenate str (not \"{y}\") to str")));
        }
        if x != "bytes" {
            return Err(vm.type_error(format!("can only concatenate {x} (not \"{y}\") to {x}")));
        }
        return Err(vm.type_error(format!("can't concat {y} to {x}")));
    }
    if op == BinOp::Mul && (is_seq(a) || is_seq(b)) {
        let other = if is_seq(a) { &y } else { &x };
        return Err(vm.type_error(format!(
            "can't multiply sequence by non-int of type '{other}'"
        )));
    }
    if op == BinOp::Mod && as_str(a).is_some() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    let sym = if op == BinOp::Pow {
        "** or pow()".to_string()
    } else {
        op.symbol().to_string()
    };
    Err(vm.type_error(format!(
        "unsupported operand type(s) for {sym}: '{x}' and '{y}'"
    )))
}

/// The Python method `name` of the metaclass of the class `v` (when the metaclass is not
/// `type`): `__iter__`, `__len__`, `__getitem__`, `__contains__` of `enum.EnumType`.
pub fn meta_method(vm: &mut Vm, v: Value, name: &str) -> Option<Value> {
    let o = Vm::obj_ref(v)?;
    let meta = o.cls.get()?;
    if Gc::ptr_eq(meta, vm.types.type_) {
        return None;
    }
    lookup_type(vm, meta, name)
        .filter(|f| matches!(Vm::obj_ref(*f).map(|o| &o.kind), Some(Kind::Function(_))))
}

/// Is `v` an instance of a user class: a plain instance, or an object of a user subclass of a
/// built-in type (whose kind is the built-in one and whose class is not from `builtins`)?
pub fn is_user_obj(v: Value) -> bool {
    let Some(o) = Vm::obj_ref(v) else {
        return false;
    };
    match &o.kind {
        Kind::Instance(_) => true,
        Kind::Type(_) => false,
        _ => match o.cls.get() {
            Some(c) => match &c.kind {
                Kind::Type(t) => &**t.module.borrow() != "builtins",
                _ => false,
            },
            None => false,
        },
    }
}

/// `a op b` for the built-in types only (no dunder dispatch): what `int.__add__` and friends do.
pub fn builtin_binop(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    // Ints and bools (small and big).
    if is_int_like(a) && is_int_like(b) {
        let (x, y) = (
            as_bigint(a).unwrap_or_default(),
            as_bigint(b).unwrap_or_default(),
        );
        let r = int_binop(vm, &x, &y, op)?;
        if !r.is_unbound() {
            // bool & bool stays bool.
            if matches!(op, BinOp::And | BinOp::Or | BinOp::Xor)
                && matches!(a.tag, value::TRUE | value::FALSE)
                && matches!(b.tag, value::TRUE | value::FALSE)
            {
                return Ok(Some(Value::bool(r.payload != 0)));
            }
            return Ok(Some(r));
        }
        return Ok(None);
    }
    let num = |v: Value| v.tag == value::FLOAT || is_int_like(v);
    if num(a) && num(b) {
        let (Some(x), Some(y)) = (as_f64(vm, a)?, as_f64(vm, b)?) else {
            return Ok(None);
        };
        let r = float_binop(vm, x, y, op)?;
        return Ok(if r.is_unbound() { None } else { Some(r) });
    }
    let ka = Vm::obj_ref(a).map(|o| &o.kind);
    let kb = Vm::obj_ref(b).map(|o| &o.kind);
    Ok(match (ka, kb, op) {
        (Some(Kind::Str(x)), Some(Kind::Str(y)), BinOp::Add) => {
            let mut s = String::with_capacity(x.s.len() + y.s.len());
            s.push_str(&x.s);
            s.push_str(&y.s);
            Some(vm.new_string(s))
        }
        (Some(Kind::Str(x)), _, BinOp::Mul) if is_int_like(b) => {
            let n = index_i64(vm, b)?.max(0) as usize;
            Some(vm.new_string(x.s.repeat(n)))
        }
        (_, Some(Kind::Str(y)), BinOp::Mul) if is_int_like(a) => {
            let n = index_i64(vm, a)?.max(0) as usize;
            Some(vm.new_string(y.s.repeat(n)))
        }
        (Some(Kind::Str(_)), _, BinOp::Mod) => Some(super::builtins::str_percent(vm, a, b)?),
        (Some(Kind::Bytes(_) | Kind::ByteArray(_)), _, BinOp::Mod) => {
            Some(super::builtins::bytes_percent(vm, a, b)?)
        }
        (Some(Kind::List(x)), Some(Kind::List(y)), BinOp::Add) => {
            let mut v = x.borrow().clone();
            v.extend_from_slice(&y.borrow());
            Some(vm.new_list(v))
        }
        (Some(Kind::Tuple(x)), Some(Kind::Tuple(y)), BinOp::Add) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Some(vm.new_tuple(v))
        }
        (Some(Kind::Bytes(x)), Some(Kind::Bytes(y)), BinOp::Add) => {
            let mut v = x.to_vec();
            v.extend_from_slice(y);
            Some(vm.new_bytes(v))
        }
        (
            Some(Kind::Bytes(_) | Kind::ByteArray(_)),
            Some(Kind::Bytes(_) | Kind::ByteArray(_)),
            BinOp::Add,
        ) => {
            // The result has the left operand's type, as in CPython.
            let mut v = bytes_of(a).unwrap_or_default();
            v.extend_from_slice(&bytes_of(b).unwrap_or_default());
            Some(if matches!(ka, Some(Kind::ByteArray(_))) {
                super::builtins::new_bytearray(vm, v)
            } else {
                vm.new_bytes(v)
            })
        }
        (
            Some(Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_) | Kind::ByteArray(_)),
            _,
            BinOp::Mul,
        ) if is_int_like(b) => Some(repeat_seq(vm, a, b)?),
        (
            _,
            Some(Kind::List(_) | Kind::Tuple(_) | Kind::Bytes(_) | Kind::ByteArray(_)),
            BinOp::Mul,
        ) if is_int_like(a) => Some(repeat_seq(vm, b, a)?),
        (
            Some(Kind::Set(_) | Kind::FrozenSet(_)),
            Some(Kind::Set(_) | Kind::FrozenSet(_)),
            BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
        ) => Some(super::builtins::set_op(vm, a, b, op)?),
        (
            Some(Kind::DictView(..)),
            Some(Kind::DictView(..) | Kind::Set(_) | Kind::FrozenSet(_)),
            BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
        )
        | (
            Some(Kind::Set(_) | Kind::FrozenSet(_)),
            Some(Kind::DictView(..)),
            BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor,
        ) => {
            let x = view_set(vm, a)?;
            let y = view_set(vm, b)?;
            Some(super::builtins::set_op(vm, x, y, op)?)
        }
        (Some(Kind::Dict(_)), Some(Kind::Dict(_)), BinOp::Or) => {
            let d = vm.new_dict();
            let dg = d.as_obj().expect("dict");
            for src in [a, b] {
                let items = match Vm::obj_ref(src).map(|o| &o.kind) {
                    Some(Kind::Dict(t)) => t.borrow().items(),
                    _ => vec![],
                };
                for (k, v) in items {
                    dict_set(vm, dg, k, v)?;
                }
            }
            Some(d)
        }
        _ => None,
    })
}

fn repeat_seq(vm: &mut Vm, seq: Value, n: Value) -> PyResult<Value> {
    let n = index_i64(vm, n)?.max(0) as usize;
    Ok(match Vm::obj_ref(seq).map(|o| &o.kind) {
        Some(Kind::List(l)) => {
            let src = l.borrow().clone();
            let mut v = Vec::with_capacity(src.len() * n);
            for _ in 0..n {
                v.extend_from_slice(&src);
            }
            vm.new_list(v)
        }
        Some(Kind::Tuple(t)) => {
            let src = t.to_vec();
            let mut v = Vec::with_capacity(src.len() * n);
            for _ in 0..n {
                v.extend_from_slice(&src);
            }
            vm.new_tuple(v)
        }
        Some(Kind::Bytes(b)) => {
            let v = b.repeat(n);
            vm.new_bytes(v)
        }
        Some(Kind::ByteArray(b)) => {
            let v = b.borrow().repeat(n);
            super::builtins::new_bytearray(vm, v)
        }
        _ => Value::NONE,
    })
}

/// `a op= b`: in-place dunder first, then list/set/dict in-place forms, then `binary_op`.
pub fn inplace_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Value> {
    if let Some(o) = Vm::obj_ref(a) {
        if !matches!(o.kind, Kind::Instance(_))
            && let Some(f) = subclass_override(vm, o, &format!("__i{}__", op.dunder()))
        {
            let r = call(vm, f, &[a, b], &[])?;
            if !r.is(vm.not_implemented) {
                return Ok(r);
            }
            return binary_op(vm, a, b, op);
        }
        match (&o.kind, op) {
            (Kind::List(l), BinOp::Add) => {
                let items = collect(vm, b)?;
                l.borrow_mut().extend(items);
                Vm::barrier(o_gc(o));
                return Ok(a);
            }
            (Kind::List(l), BinOp::Mul) => {
                let n = index_i64(vm, b)?.max(0) as usize;
                let src = l.borrow().clone();
                let mut v = Vec::with_capacity(src.len() * n);
                for _ in 0..n {
                    v.extend_from_slice(&src);
                }
                *l.borrow_mut() = v;
                return Ok(a);
            }
            (Kind::Set(_), BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
                if matches!(
                    Vm::obj_ref(b).map(|o| &o.kind),
                    Some(Kind::Set(_) | Kind::FrozenSet(_))
                ) =>
            {
                // In place, as CPython's set_ior/set_isub/set_ixor (the table keeps its size, which
                // decides the iteration order); `&=` builds the intersection and takes its table.
                let me = o_gc(o);
                let items = collect(vm, b)?;
                match op {
                    BinOp::Or => {
                        for x in items {
                            set_add(vm, me, x)?;
                        }
                    }
                    BinOp::Sub => {
                        for x in items {
                            if let Some(i) = set_find(vm, me, x)?
                                && let Kind::Set(t) = &o.kind
                            {
                                t.borrow_mut().remove_slot(i);
                            }
                        }
                    }
                    BinOp::Xor => {
                        for x in items {
                            match set_find(vm, me, x)? {
                                Some(i) => {
                                    if let Kind::Set(t) = &o.kind {
                                        t.borrow_mut().remove_slot(i);
                                    }
                                }
                                None => set_add(vm, me, x)?,
                            }
                        }
                    }
                    _ => {
                        let r = super::builtins::set_op(vm, a, b, op)?;
                        if let (Kind::Set(t), Some(Kind::Set(rt))) =
                            (&o.kind, Vm::obj_ref(r).map(|o| &o.kind))
                        {
                            *t.borrow_mut() = rt.borrow().clone();
                        }
                    }
                }
                Vm::barrier(me);
                return Ok(a);
            }
            (Kind::ByteArray(ba), BinOp::Add) if bytes_of(b).is_some() => {
                let extra = bytes_of(b).unwrap_or_default();
                ba.borrow_mut().extend(extra);
                return Ok(a);
            }
            (Kind::ByteArray(ba), BinOp::Mul) if is_int_like(b) => {
                let n = index_i64(vm, b)?.max(0) as usize;
                let v = ba.borrow().repeat(n);
                *ba.borrow_mut() = v;
                return Ok(a);
            }
            (Kind::Dict(_), BinOp::Or) => {
                if !matches!(Vm::obj_ref(b).map(|o| &o.kind), Some(Kind::Dict(_))) {
                    super::builtins::dict_update_from(vm, a, b)?;
                    return Ok(a);
                }
                let items = match Vm::obj_ref(b).map(|o| &o.kind) {
                    Some(Kind::Dict(t)) => t.borrow().items(),
                    _ => vec![],
                };
                for (k, v) in items {
                    dict_set(vm, o_gc(o), k, v)?;
                }
                return Ok(a);
            }
            (Kind::Instance(_), _) => {
                let name = format!("__i{}__", op.dunder());
                if let Some(f) = lookup_type(vm, o.class(), &name) {
                    let r = call(vm, f, &[a, b], &[])?;
                    if !r.is(vm.not_implemented) {
                        return Ok(r);
                    }
                }
            }
            _ => {}
        }
    }
    binary_op(vm, a, b, op)
}

pub fn unary_neg(vm: &mut Vm, v: Value) -> PyResult<Value> {
    match v.tag {
        value::INT => {
            return Ok(match v.payload.checked_neg() {
                Some(r) => Value::int(r),
                None => vm.new_bigint(-BigInt::from(v.payload)),
            });
        }
        value::TRUE => return Ok(Value::int(-1)),
        value::FALSE => return Ok(Value::int(0)),
        value::FLOAT => return Ok(Value::float(-v.as_float_raw())),
        _ => {}
    }
    if let Some(b) = as_bigint(v) {
        return Ok(vm.new_bigint(-b));
    }
    unary_dunder(vm, v, "__neg__", "-")
}

pub fn unary_dunder(vm: &mut Vm, v: Value, name: &str, sym: &str) -> PyResult<Value> {
    let cls = type_of(vm, v);
    if is_user_obj(v)
        && let Some(f) = lookup_type(vm, cls, name)
    {
        return call(vm, f, &[v], &[]);
    }
    let t = type_name(vm, v);
    Err(vm.type_error(format!("bad operand type for unary {sym}: '{t}'")))
}

// ---------------------------------------------------------------- len, iteration, subscripts

pub fn len(vm: &mut Vm, v: Value) -> PyResult<usize> {
    if let Some(o) = Vm::obj_ref(v) {
        if let Some(f) = subclass_override(vm, o, "__len__") {
            let r = call(vm, f, &[v], &[])?;
            return Ok(index_i64(vm, r)?.max(0) as usize);
        }
        let n = match &o.kind {
            Kind::Str(s) => Some(s.chars),
            Kind::List(l) => Some(l.borrow().len()),
            Kind::Tuple(t) => Some(t.len()),
            Kind::Dict(d) => Some(d.borrow().len()),
            Kind::Set(s) | Kind::FrozenSet(s) => Some(s.borrow().len()),
            Kind::Bytes(b) => Some(b.len()),
            Kind::ByteArray(b) => Some(b.borrow().len()),
            Kind::Range(a, b, c) => Some(range_len(*a, *b, *c) as usize),
            Kind::DictView(d, _) => return len(vm, *d),
            Kind::Type(_) if let Some(f) = meta_method(vm, v, "__len__") => {
                let r = call(vm, f, &[v], &[])?;
                return Ok(index_i64(vm, r)?.max(0) as usize);
            }
            Kind::Instance(_) => {
                if let Some(f) = lookup_type(vm, o.class(), "__len__") {
                    let r = call(vm, f, &[v], &[])?;
                    let n = index_i64(vm, r)?;
                    if n < 0 {
                        return Err(vm.value_error("__len__() should return >= 0"));
                    }
                    return Ok(n as usize);
                }
                None
            }
            _ => None,
        };
        if let Some(n) = n {
            return Ok(n);
        }
    }
    let t = type_name(vm, v);
    Err(vm.type_error(format!("object of type '{t}' has no len()")))
}

pub fn get_iter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if let Some(o) = Vm::obj_ref(v)
        && let Some(f) = subclass_override(vm, o, "__iter__")
    {
        return call(vm, f, &[v], &[]);
    }
    let st = match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::List(_)) => IterState::Seq(v, 0),
        Some(Kind::Tuple(_)) => IterState::Seq(v, 0),
        Some(Kind::Str(_)) => IterState::Str(v, 0),
        Some(Kind::Bytes(_) | Kind::ByteArray(_)) => IterState::Seq(v, 0),
        Some(Kind::Range(a, b, c)) => IterState::Range(*a, *b, *c),
        Some(Kind::Dict(_)) => IterState::Dict(v, 0, 0, dict_version(v)),
        Some(Kind::DictView(d, k)) => IterState::Dict(*d, 0, *k, dict_version(*d)),
        Some(Kind::Set(_) | Kind::FrozenSet(_)) => IterState::Set(v, 0),
        Some(Kind::Iter(_) | Kind::Generator(_)) => return Ok(v),
        Some(Kind::File(_)) => return Ok(v),
        Some(Kind::Type(_)) if let Some(f) = meta_method(vm, v, "__iter__") => {
            return call(vm, f, &[v], &[]);
        }
        Some(Kind::Instance(_)) => {
            let cls = type_of(vm, v);
            if let Some(f) = lookup_type(vm, cls, "__iter__") {
                let r = call(vm, f, &[v], &[])?;
                let rc = type_of(vm, r);
                if lookup_type(vm, rc, "__next__").is_none()
                    && !matches!(
                        Vm::obj_ref(r).map(|o| &o.kind),
                        Some(Kind::Iter(_) | Kind::Generator(_))
                    )
                {
                    let t = type_name(vm, r);
                    return Err(
                        vm.type_error(format!("iter() returned non-iterator of type '{t}'"))
                    );
                }
                return Ok(r);
            }
            if lookup_type(vm, cls, "__getitem__").is_some() {
                IterState::GetItem(v, 0)
            } else {
                let t = type_name(vm, v);
                return Err(vm.type_error(format!("'{t}' object is not iterable")));
            }
        }
        _ => {
            let t = type_name(vm, v);
            return Err(vm.type_error(format!("'{t}' object is not iterable")));
        }
    };
    Ok(new_iter(vm, st))
}

fn dict_version(d: Value) -> u64 {
    match Vm::obj_ref(d).map(|o| &o.kind) {
        Some(Kind::Dict(t)) => t.borrow().len() as u64,
        _ => 0,
    }
}

pub fn new_iter(vm: &mut Vm, st: IterState) -> Value {
    let ty = super::types::iter::IterType::of(&st);
    new_iter_as(vm, st, ty)
}

/// An iterator of CPython's class `ty`, for states that do not show it (`reversed(dict)`).
pub fn new_iter_as(vm: &mut Vm, st: IterState, ty: super::types::iter::IterType) -> Value {
    let c = vm.types.iters[ty as usize];
    Value::obj(vm.alloc(c, Kind::Iter(std::cell::RefCell::new(st))))
}

/// `next(it)`: Some(value), or None when exhausted.
pub fn next(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    let Some(o) = Vm::obj_ref(it) else {
        let t = type_name(vm, it);
        return Err(vm.type_error(format!("'{t}' object is not an iterator")));
    };
    match &o.kind {
        Kind::Iter(st) => super::types::iter::iter_next(vm, o_gc(o), st),
        Kind::Generator(_) => super::interp::gen_resume(vm, it, Value::NONE),
        Kind::File(_) => super::builtins::file_next_line(vm, it),
        _ => {
            let cls = o.class();
            if let Some(f) = lookup_type(vm, cls, "__next__") {
                match call(vm, f, &[it], &[]) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if vm.exc_matches(e.0, "StopIteration") => Ok(None),
                    Err(e) => Err(e),
                }
            } else {
                let t = type_name(vm, it);
                Err(vm.type_error(format!("'{t}' object is not an iterator")))
            }
        }
    }
}

/// All items of an iterable.
pub fn collect(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    match Vm::obj_ref(v).map(|o| &o.kind) {
        Some(Kind::List(l)) => return Ok(l.borrow().clone()),
        Some(Kind::Tuple(t)) => return Ok(t.to_vec()),
        Some(Kind::Dict(d)) => return Ok(d.borrow().keys()),
        Some(Kind::Set(s) | Kind::FrozenSet(s)) => return Ok(s.borrow().items()),
        _ => {}
    }
    let it = get_iter(vm, v)?;
    let mut out = Vec::new();
    vm.temp_roots.push(it);
    let r = loop {
        match next(vm, it) {
            Ok(Some(x)) => out.push(x),
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    vm.temp_roots.pop();
    r.map(|_| out)
}

/// Normalises a sequence index.
pub fn seq_index(vm: &mut Vm, idx: Value, len: usize, what: &str) -> PyResult<usize> {
    let i = match as_i64(idx) {
        Some(i) => i,
        None => {
            if as_bigint(idx).is_some() {
                return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
            }
            if matches!(Vm::obj_ref(idx).map(|o| &o.kind), Some(Kind::Instance(_)))
                && lookup_type(vm, type_of(vm, idx), "__index__").is_some()
            {
                index_i64(vm, idx)?
            } else {
                let t = type_name(vm, idx);
                return Err(vm.type_error(if what == "string" {
                    format!("string indices must be integers, not '{t}'")
                } else {
                    format!("{what} indices must be integers or slices, not {t}")
                }));
            }
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// Resolves a slice against a length: (start, stop, step, count).
pub fn slice_indices(vm: &mut Vm, sl: Value, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let Some(Kind::Slice(a, b, c)) = Vm::obj_ref(sl).map(|o| &o.kind) else {
        return Err(vm.type_error("expected slice"));
    };
    let (a, b, c) = (*a, *b, *c);
    let step = if c.is_none() { 1 } else { index_i64(vm, c)? };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |vm: &mut Vm, v: Value, def: i64| -> PyResult<i64> {
        if v.is_none() {
            return Ok(def);
        }
        let i = match as_i64(v) {
            Some(i) => i,
            None => match as_bigint(v) {
                Some(b) => {
                    if b.is_negative() {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    }
                }
                None => {
                    return Err(vm.type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    ));
                }
            },
        };
        Ok(if i < 0 {
            let j = i + len;
            if j < 0 {
                if step < 0 { -1 } else { 0 }
            } else {
                j
            }
        } else if i >= len {
            if step < 0 { len - 1 } else { len }
        } else {
            i
        })
    };
    let (start, stop) = if step > 0 {
        (clamp(vm, a, 0)?, clamp(vm, b, len)?)
    } else {
        (clamp(vm, a, len - 1)?, clamp(vm, b, -1)?)
    };
    let count = if step > 0 {
        if stop > start {
            ((stop - start - 1) / step + 1) as usize
        } else {
            0
        }
    } else if start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, count))
}

pub fn getitem(vm: &mut Vm, c: Value, key: Value) -> PyResult<Value> {
    let Some(o) = Vm::obj_ref(c) else {
        let t = type_name(vm, c);
        return Err(vm.type_error(format!("'{t}' object is not subscriptable")));
    };
    if let Some(f) = subclass_override(vm, o, "__getitem__") {
        return call(vm, f, &[c, key], &[]);
    }
    let is_slice = matches!(Vm::obj_ref(key).map(|o| &o.kind), Some(Kind::Slice(..)));
    match &o.kind {
        Kind::List(l) => {
            if is_slice {
                let items = l.borrow().clone();
                let (s, _, st, n) = slice_indices(vm, key, items.len())?;
                let v: Vec<Value> = (0..n)
                    .map(|i| items[(s + i as i64 * st) as usize])
                    .collect();
                return Ok(vm.new_list(v));
            }
            let n = l.borrow().len();
            let i = seq_index(vm, key, n, "list")?;
            Ok(l.borrow()[i])
        }
        Kind::Tuple(t) => {
            if is_slice {
                let (s, _, st, n) = slice_indices(vm, key, t.len())?;
                let v: Vec<Value> = (0..n).map(|i| t[(s + i as i64 * st) as usize]).collect();
                return Ok(vm.new_tuple(v));
            }
            let i = seq_index(vm, key, t.len(), "tuple")?;
            Ok(t[i])
        }
        Kind::Str(s) => {
            if is_slice {
                let (st, _, step, n) = slice_indices(vm, key, s.chars)?;
                if s.is_ascii() {
                    let b = s.s.as_bytes();
                    let out: String = (0..n)
                        .map(|i| b[(st + i as i64 * step) as usize] as char)
                        .collect();
                    return Ok(vm.new_string(out));
                }
                let chars: Vec<char> = s.s.chars().collect();
                let out: String = (0..n)
                    .map(|i| chars[(st + i as i64 * step) as usize])
                    .collect();
                return Ok(vm.new_string(out));
            }
            let i = seq_index(vm, key, s.chars, "string")?;
            let ch = if s.is_ascii() {
                &s.s[i..i + 1]
            } else {
                let b = s.byte_offset(i);
                let len = s.s[b..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
                &s.s[b..b + len]
            };
            Ok(vm.intern(ch))
        }
        Kind::Bytes(b) => {
            if is_slice {
                let (s, _, st, n) = slice_indices(vm, key, b.len())?;
                let v: Vec<u8> = (0..n).map(|i| b[(s + i as i64 * st) as usize]).collect();
                return Ok(vm.new_bytes(v));
            }
            let i = seq_index(vm, key, b.len(), "index")?;
            Ok(Value::int(b[i] as i64))
        }
        Kind::ByteArray(b) => {
            if is_slice {
                let items = b.borrow().clone();
                let (s, _, st, n) = slice_indices(vm, key, items.len())?;
                let v: Vec<u8> = (0..n)
                    .map(|i| items[(s + i as i64 * st) as usize])
                    .collect();
                return Ok(super::builtins::new_bytearray(vm, v));
            }
            let i = seq_index(vm, key, b.borrow().len(), "bytearray")?;
            Ok(Value::int(b.borrow()[i] as i64))
        }
        Kind::Range(a, b, st) => {
            let n = range_len(*a, *b, *st) as usize;
            if is_slice {
                let (s, e, step, _) = slice_indices(vm, key, n)?;
                let _ = e;
                let (s2, e2) = (*a + s * st, *a + e * st);
                let cls = vm.types.range;
                return Ok(Value::obj(vm.alloc(cls, Kind::Range(s2, e2, st * step))));
            }
            let i = seq_index(vm, key, n, "range object")?;
            Ok(Value::int(a + i as i64 * st))
        }
        Kind::Dict(_) => match dict_lookup(vm, o_gc(o), key)? {
            Some(v) => Ok(v),
            None => {
                // A dict subclass may define __missing__ (collections.defaultdict, Counter).
                if let Some(f) = subclass_override(vm, o, "__missing__") {
                    return call(vm, f, &[c, key], &[]);
                }
                Err(vm.key_error(key))
            }
        },
        Kind::Instance(_) => {
            let cls = o.class();
            if let Some(f) = lookup_type(vm, cls, "__getitem__") {
                return call(vm, f, &[c, key], &[]);
            }
            let t = type_name(vm, c);
            Err(vm.type_error(format!("'{t}' object is not subscriptable")))
        }
        Kind::Type(_) => {
            // `Color["RED"]`: the metaclass's `__getitem__` (enum.EnumType).
            if let Some(f) = meta_method(vm, c, "__getitem__") {
                return call(vm, f, &[c, key], &[]);
            }
            // `list[int]` and other generic aliases: annotations only.
            if let Some(f) = lookup_type(vm, o_gc(o), "__class_getitem__") {
                return call(vm, f, &[c, key], &[]);
            }
            super::lib::bundled::generic_alias(vm, c, key)
        }
        _ => {
            let t = type_name(vm, c);
            Err(vm.type_error(format!("'{t}' object is not subscriptable")))
        }
    }
}

pub fn setitem(vm: &mut Vm, c: Value, key: Value, v: Value) -> PyResult<()> {
    if let Some(o) = Vm::obj_ref(c)
        && let Some(f) = subclass_override(vm, o, "__setitem__")
    {
        call(vm, f, &[c, key, v], &[])?;
        return Ok(());
    }
    let Some(o) = Vm::obj_ref(c) else {
        let t = type_name(vm, c);
        return Err(vm.type_error(format!("'{t}' object does not support item assignment")));
    };
    match &o.kind {
        Kind::List(l) => {
            if matches!(Vm::obj_ref(key).map(|o| &o.kind), Some(Kind::Slice(..))) {
                let new = collect(vm, v)?;
                let n = l.borrow().len();
                let (s, e, st, cnt) = slice_indices(vm, key, n)?;
                if st == 1 {
                    let e = e.max(s);
                    l.borrow_mut().splice(s as usize..e as usize, new);
                } else {
                    if new.len() != cnt {
                        return Err(vm.value_error(format!(
                            "attempt to assign sequence of size {} to extended slice of size {cnt}",
                            new.len()
                        )));
                    }
                    let mut lb = l.borrow_mut();
                    for (i, x) in new.into_iter().enumerate() {
                        lb[(s + i as i64 * st) as usize] = x;
                    }
                }
                Vm::barrier(o_gc(o));
                return Ok(());
            }
            let n = l.borrow().len();
            let i = seq_index(vm, key, n, "list assignment")?;
            l.borrow_mut()[i] = v;
            Vm::barrier(o_gc(o));
            Ok(())
        }
        Kind::Dict(_) => dict_set(vm, o_gc(o), key, v),
        Kind::ByteArray(b) => {
            if matches!(Vm::obj_ref(key).map(|o| &o.kind), Some(Kind::Slice(..))) {
                let new = if let Some(i) = as_i64(v) {
                    // `ba[a:b] = 3` assigns three zero bytes, as bytearray(3) would.
                    vec![0u8; i.max(0) as usize]
                } else {
                    super::builtins::bytes_from_iterable(vm, v)?
                };
                let n = b.borrow().len();
                let (s, e, st, cnt) = slice_indices(vm, key, n)?;
                if st == 1 {
                    let e = e.max(s);
                    b.borrow_mut().splice(s as usize..e as usize, new);
                } else {
                    if new.len() != cnt {
                        return Err(vm.value_error(format!(
                            "attempt to assign bytes of size {} to extended slice of size {cnt}",
                            new.len()
                        )));
                    }
                    let mut bb = b.borrow_mut();
                    for (i, x) in new.into_iter().enumerate() {
                        bb[(s + i as i64 * st) as usize] = x;
                    }
                }
                return Ok(());
            }
            let n = b.borrow().len();
            let i = seq_index(vm, key, n, "bytearray")?;
            let x = index_i64(vm, v)?;
            if !(0..256).contains(&x) {
                return Err(vm.value_error("byte must be in range(0, 256)"));
            }
            b.borrow_mut()[i] = x as u8;
            Ok(())
        }
        Kind::Instance(_) => {
            let cls = o.class();
            if let Some(f) = lookup_type(vm, cls, "__setitem__") {
                call(vm, f, &[c, key, v], &[])?;
                return Ok(());
            }
            let t = type_name(vm, c);
            Err(vm.type_error(format!("'{t}' object does not support item assignment")))
        }
        _ => {
            let t = type_name(vm, c);
            Err(vm.type_error(format!("'{t}' object does not support item assignment")))
        }
    }
}

pub fn delitem(vm: &mut Vm, c: Value, key: Value) -> PyResult<()> {
    let Some(o) = Vm::obj_ref(c) else {
        let t = type_name(vm, c);
        return Err(vm.type_error(format!("'{t}' object doesn't support item deletion")));
    };
    match &o.kind {
        Kind::List(l) => {
            if matches!(Vm::obj_ref(key).map(|o| &o.kind), Some(Kind::Slice(..))) {
                let n = l.borrow().len();
                let (s, _, st, cnt) = slice_indices(vm, key, n)?;
                let mut idx: Vec<usize> = (0..cnt).map(|i| (s + i as i64 * st) as usize).collect();
                idx.sort_unstable();
                let mut lb = l.borrow_mut();
                for i in idx.into_iter().rev() {
                    lb.remove(i);
                }
                return Ok(());
            }
            let n = l.borrow().len();
            let i = seq_index(vm, key, n, "list assignment")?;
            l.borrow_mut().remove(i);
            Ok(())
        }
        Kind::Dict(_) => match dict_del(vm, o_gc(o), key)? {
            Some(_) => Ok(()),
            None => Err(vm.key_error(key)),
        },
        Kind::ByteArray(b) => {
            let n = b.borrow().len();
            if matches!(Vm::obj_ref(key).map(|o| &o.kind), Some(Kind::Slice(..))) {
                let (s, _, st, cnt) = slice_indices(vm, key, n)?;
                let mut idx: Vec<usize> = (0..cnt).map(|i| (s + i as i64 * st) as usize).collect();
                idx.sort_unstable();
                let mut bb = b.borrow_mut();
                for i in idx.into_iter().rev() {
                    bb.remove(i);
                }
                return Ok(());
            }
            let i = seq_index(vm, key, n, "bytearray")?;
            b.borrow_mut().remove(i);
            Ok(())
        }
        Kind::Instance(_) => {
            let cls = o.class();
            if let Some(f) = lookup_type(vm, cls, "__delitem__") {
                call(vm, f, &[c, key], &[])?;
                return Ok(());
            }
            let t = type_name(vm, c);
            Err(vm.type_error(format!("'{t}' object doesn't support item deletion")))
        }
        _ => {
            let t = type_name(vm, c);
            Err(vm.type_error(format!("'{t}' object doesn't support item deletion")))
        }
    }
}
