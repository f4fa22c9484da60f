//! Heap objects: strings, tables, closures, upvalues, native functions; and the heap that owns them.
//!
//! Objects are allocated through [`Heap`] and never move, so the JIT can load their fields at
//! fixed offsets (`#[repr(C)]` layouts with `OFFSET_*` constants). There is no collector yet:
//! objects live until the interpreter is dropped (VGC, issue 3, will take over `Heap`). Strings are
//! interned, so string equality and table lookups by string key compare pointers.

use std::borrow::Borrow;
use std::collections::HashMap;

use metatrace::driver::KeyHash;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use crate::bytecode::{Constant, Proto};
use crate::state::{LResult, State};
use crate::value::{self, Value};

/// An interned Lua string.
#[repr(C)]
pub struct LuaStr {
    hash: u64,
    len: i64,
    data: Box<[u8]>,
}

impl LuaStr {
    pub const OFFSET_LEN: i64 = 8;
    pub fn bytes(&self) -> &[u8] {
        &self.data
    }
    pub fn len(&self) -> usize {
        self.data.len()
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    pub fn to_str_lossy(&self) -> String {
        String::from_utf8_lossy(&self.data).into_owned()
    }
}

struct StrKey(*const LuaStr);

impl StrKey {
    fn bytes(&self) -> &[u8] {
        // SAFETY: interned strings live as long as the heap that holds this key.
        unsafe { &(*self.0).data }
    }
}
impl Hash for StrKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bytes().hash(state)
    }
}
impl PartialEq for StrKey {
    fn eq(&self, other: &StrKey) -> bool {
        self.bytes() == other.bytes()
    }
}
impl Eq for StrKey {}
impl Borrow<[u8]> for StrKey {
    fn borrow(&self) -> &[u8] {
        self.bytes()
    }
}

/// A table key: a value with floats that have an integer value normalised to integers.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Key(Value);

impl Key {
    /// The key for `v`, or `None` for nil and NaN (which cannot be keys).
    pub fn new(v: Value) -> Option<Key> {
        match v.tag {
            value::NIL => None,
            value::FLOAT => {
                let f = v.as_float_raw();
                if f.is_nan() {
                    None
                } else if let Some(i) = crate::number::float_to_int_exact(f) {
                    Some(Key(Value::int(i)))
                } else {
                    Some(Key(v))
                }
            }
            _ => Some(Key(v)),
        }
    }
    pub fn value(self) -> Value {
        self.0
    }
}

/// A Lua table: an array part for keys `1..=arr_len` and an insertion-ordered hash part.
#[repr(C)]
pub struct Table {
    /// Points at `array`'s buffer; kept in sync by every method (the JIT reads it).
    arr: *mut Value,
    /// Number of array slots: keys `1..=arr_len` live in the array part (values may be nil).
    arr_len: i64,
    pub meta: *mut Table,
    array: Vec<Value>,
    /// Entries in insertion order; a removed key keeps its entry with a nil value until the
    /// next rehash, so `next` can continue a traversal across assignments of nil.
    entries: Vec<(Key, Value)>,
    /// Keys are a tag and a word (strings are interned, so their word is the pointer): the
    /// multiplicative `KeyHash` is several times cheaper than SipHash here.
    index: HashMap<Key, usize, KeyHash>,
    n_dead: usize,
}

impl Table {
    pub const OFFSET_ARR: i64 = 0;
    pub const OFFSET_ARR_LEN: i64 = 8;
    pub const OFFSET_META: i64 = 16;

    pub fn new(narr: usize, nhash: usize) -> Table {
        let mut array = Vec::with_capacity(narr);
        Table {
            arr: array.as_mut_ptr(),
            arr_len: 0,
            meta: std::ptr::null_mut(),
            array,
            entries: Vec::with_capacity(nhash),
            index: HashMap::with_capacity_and_hasher(nhash, KeyHash),
            n_dead: 0,
        }
    }

    fn sync(&mut self) {
        self.arr = self.array.as_mut_ptr();
        self.arr_len = self.array.len() as i64;
    }

    pub fn get_int(&self, k: i64) -> Value {
        if k >= 1 && k <= self.array.len() as i64 {
            return self.array[(k - 1) as usize];
        }
        self.get_hash(Key(Value::int(k)))
    }

    fn get_hash(&self, key: Key) -> Value {
        match self.index.get(&key) {
            Some(&i) => self.entries[i].1,
            None => Value::NIL,
        }
    }

    /// Raw get (no metamethods).
    pub fn get(&self, key: Value) -> Value {
        if key.tag == value::INT {
            return self.get_int(key.payload);
        }
        match Key::new(key) {
            Some(k) if k.0.tag == value::INT => self.get_int(k.0.payload),
            Some(k) => self.get_hash(k),
            None => Value::NIL,
        }
    }

    /// The address of the value stored under `key` (raw), or of a nil value if absent. Valid until
    /// the table is next modified.
    pub fn find_ptr(&self, key: Value) -> *const Value {
        static NIL_VALUE: Value = Value::NIL;
        let k = match Key::new(key) {
            Some(k) => k,
            None => return &NIL_VALUE,
        };
        if k.0.tag == value::INT && k.0.payload >= 1 && k.0.payload <= self.array.len() as i64 {
            return &self.array[(k.0.payload - 1) as usize];
        }
        match self.index.get(&k) {
            Some(&i) => &self.entries[i].1,
            None => &NIL_VALUE,
        }
    }

    pub fn get_str(&self, s: *const LuaStr) -> Value {
        self.get_hash(Key(Value::str(s)))
    }

    /// Raw set. The caller has rejected nil and NaN keys (`Key::new`).
    pub fn set(&mut self, key: Key, v: Value) {
        if key.0.tag == value::INT {
            self.set_int(key.0.payload, v);
        } else {
            self.set_hash(key, v);
        }
    }

    pub fn set_int(&mut self, k: i64, v: Value) {
        let len = self.array.len() as i64;
        if k >= 1 && k <= len {
            self.array[(k - 1) as usize] = v;
            return;
        }
        if k == len + 1 && !v.is_nil() {
            self.array.push(v);
            // Keys that continue the sequence move from the hash part into the array.
            let mut next = k + 1;
            while let Some(&i) = self.index.get(&Key(Value::int(next))) {
                let moved = self.entries[i].1;
                if moved.is_nil() {
                    break;
                }
                self.remove_hash(Key(Value::int(next)));
                self.array.push(moved);
                next += 1;
            }
            self.sync();
            return;
        }
        self.set_hash(Key(Value::int(k)), v);
    }

    fn remove_hash(&mut self, key: Key) {
        if let Some(&i) = self.index.get(&key)
            && !self.entries[i].1.is_nil()
        {
            self.entries[i].1 = Value::NIL;
            self.n_dead += 1;
        }
    }

    fn set_hash(&mut self, key: Key, v: Value) {
        match self.index.get(&key) {
            Some(&i) => {
                let was_nil = self.entries[i].1.is_nil();
                self.entries[i].1 = v;
                match (was_nil, v.is_nil()) {
                    (false, true) => self.n_dead += 1,
                    (true, false) => self.n_dead -= 1,
                    _ => {}
                }
            }
            None => {
                if v.is_nil() {
                    return;
                }
                if self.n_dead > 8 && self.n_dead * 2 > self.entries.len() {
                    self.rehash();
                }
                self.index.insert(key, self.entries.len());
                self.entries.push((key, v));
            }
        }
    }

    fn rehash(&mut self) {
        self.entries.retain(|(_, v)| !v.is_nil());
        self.index.clear();
        for (i, (k, _)) in self.entries.iter().enumerate() {
            self.index.insert(*k, i);
        }
        self.n_dead = 0;
    }

    /// The length operator's border (raw).
    pub fn border(&self) -> i64 {
        let len = self.array.len();
        if len > 0 && self.array[len - 1].is_nil() {
            // Binary search for a border inside the array: a[lo] non-nil (or lo = 0), a[hi] nil.
            let (mut lo, mut hi) = (0usize, len);
            while hi - lo > 1 {
                let mid = (lo + hi) / 2;
                if self.array[mid - 1].is_nil() {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            return lo as i64;
        }
        let mut n = len as i64;
        while !self.get_hash(Key(Value::int(n + 1))).is_nil() {
            n += 1;
        }
        n
    }

    /// `next`: the entry after `key` (nil starts), or `Ok(None)` at the end; `Err` for a key that
    /// is not in the table.
    #[allow(
        clippy::result_unit_err,
        reason = "the caller words the error (`invalid key to 'next'`)"
    )]
    pub fn next(&self, key: Value) -> Result<Option<(Value, Value)>, ()> {
        let mut arr_start = 0usize;
        let mut hash_start = 0usize;
        if !key.is_nil() {
            let k = Key::new(key).ok_or(())?;
            match k.0.tag {
                value::INT if k.0.payload >= 1 && k.0.payload <= self.array.len() as i64 => {
                    arr_start = k.0.payload as usize;
                }
                _ => {
                    arr_start = self.array.len();
                    hash_start = *self.index.get(&k).ok_or(())? + 1;
                }
            }
        }
        for i in arr_start..self.array.len() {
            if !self.array[i].is_nil() {
                return Ok(Some((Value::int(i as i64 + 1), self.array[i])));
            }
        }
        for (k, v) in &self.entries[hash_start.min(self.entries.len())..] {
            if !v.is_nil() {
                return Ok(Some((k.0, *v)));
            }
        }
        Ok(None)
    }

    pub fn array_len(&self) -> usize {
        self.array.len()
    }
}

/// A function prototype prepared for execution: its constants as values.
pub struct ProtoRt {
    pub proto: Rc<Proto>,
    pub consts: Vec<Value>,
    pub children: Vec<*const ProtoRt>,
}

/// A Lua function: a prototype and its upvalues.
#[repr(C)]
pub struct LClosure {
    pub proto: *const ProtoRt,
    /// Points at `upvals`' buffer (the JIT reads it at a fixed offset).
    pub upvals_ptr: *const *mut UpVal,
    pub upvals: Box<[*mut UpVal]>,
}

impl LClosure {
    pub const OFFSET_PROTO: i64 = 0;
    pub const OFFSET_UPVALS: i64 = 8;

    pub fn proto(&self) -> &ProtoRt {
        // SAFETY: prototypes live as long as the heap.
        unsafe { &*self.proto }
    }
}

/// An upvalue: open (pointing into the stack) or closed (holding its value).
#[repr(C)]
pub struct UpVal {
    /// Where the value is: a stack slot while open, `&closed` once closed.
    pub loc: *mut Value,
    pub closed: Value,
    /// The stack value-slot index while open.
    pub open_slot: Option<usize>,
}

impl UpVal {
    pub const OFFSET_LOC: i64 = 0;
    pub const OFFSET_CLOSED: i64 = 8;
    pub fn get(&self) -> Value {
        // SAFETY: `loc` points at the stack (which never reallocates) or at `closed`.
        unsafe { *self.loc }
    }
    pub fn set(&mut self, v: Value) {
        // SAFETY: as in `get`.
        unsafe { *self.loc = v }
    }
}

/// The signature of built-in functions.
pub type NativeImpl = fn(&mut State, Vec<Value>) -> LResult<Vec<Value>>;

/// A built-in function.
pub struct NativeFn {
    pub name: &'static str,
    pub f: NativeImpl,
    /// Upvalue-like data for natives made at run time (e.g. `coroutine.wrap`'s thread).
    pub data: Value,
}

/// A coroutine (see `lib::coroutine`).
pub struct Thread {
    pub inner: Box<dyn std::any::Any>,
}

/// Opaque host data.
pub struct UserData {
    pub meta: *mut Table,
}

enum Obj {
    Table(*mut Table),
    Closure(*mut LClosure),
    UpVal(*mut UpVal),
    Native(*mut NativeFn),
    Proto(*mut ProtoRt),
    Thread(*mut Thread),
}

/// Owns every object. Objects are freed when the heap is dropped.
#[derive(Default)]
pub struct Heap {
    strings: HashMap<StrKey, ()>,
    objects: Vec<Obj>,
    pub bytes_allocated: usize,
}

impl Heap {
    /// The interned string with these bytes.
    pub fn intern(&mut self, bytes: &[u8]) -> *const LuaStr {
        if let Some((k, _)) = self.strings.get_key_value(bytes) {
            return k.0;
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        let s = Box::into_raw(Box::new(LuaStr {
            hash: h.finish(),
            len: bytes.len() as i64,
            data: bytes.into(),
        }));
        self.bytes_allocated += bytes.len() + std::mem::size_of::<LuaStr>();
        self.strings.insert(StrKey(s), ());
        s
    }

    pub fn new_table(&mut self, narr: usize, nhash: usize) -> *mut Table {
        let t = Box::into_raw(Box::new(Table::new(narr, nhash)));
        self.bytes_allocated += std::mem::size_of::<Table>() + narr * 16;
        self.objects.push(Obj::Table(t));
        t
    }

    pub fn new_closure(
        &mut self,
        proto: *const ProtoRt,
        upvals: Box<[*mut UpVal]>,
    ) -> *mut LClosure {
        let upvals_ptr = upvals.as_ptr();
        let c = Box::into_raw(Box::new(LClosure {
            proto,
            upvals_ptr,
            upvals,
        }));
        self.bytes_allocated += std::mem::size_of::<LClosure>();
        self.objects.push(Obj::Closure(c));
        c
    }

    pub fn new_upval(&mut self, loc: *mut Value, slot: usize) -> *mut UpVal {
        let u = Box::into_raw(Box::new(UpVal {
            loc,
            closed: Value::NIL,
            open_slot: Some(slot),
        }));
        self.objects.push(Obj::UpVal(u));
        u
    }

    pub fn new_closed_upval(&mut self, v: Value) -> *mut UpVal {
        let u = Box::into_raw(Box::new(UpVal {
            loc: std::ptr::null_mut(),
            closed: v,
            open_slot: None,
        }));
        // SAFETY: `u` was just allocated; point it at its own storage.
        unsafe { (*u).loc = &mut (*u).closed };
        self.objects.push(Obj::UpVal(u));
        u
    }

    pub fn new_native(&mut self, name: &'static str, f: NativeImpl, data: Value) -> *mut NativeFn {
        let n = Box::into_raw(Box::new(NativeFn { name, f, data }));
        self.objects.push(Obj::Native(n));
        n
    }

    pub fn new_thread(&mut self, inner: Box<dyn std::any::Any>) -> *mut Thread {
        let t = Box::into_raw(Box::new(Thread { inner }));
        self.objects.push(Obj::Thread(t));
        t
    }

    /// Prepares `proto` (and its nested functions) for execution.
    pub fn load_proto(&mut self, proto: &Rc<Proto>) -> *const ProtoRt {
        let consts = proto
            .constants
            .iter()
            .map(|c| match c {
                Constant::Nil => Value::NIL,
                Constant::Bool(b) => Value::bool(*b),
                Constant::Int(i) => Value::int(*i),
                Constant::Float(f) => Value::float(*f),
                Constant::Str(s) => Value::str(self.intern(s)),
            })
            .collect();
        let children = proto.protos.iter().map(|p| self.load_proto(p)).collect();
        let p = Box::into_raw(Box::new(ProtoRt {
            proto: proto.clone(),
            consts,
            children,
        }));
        self.objects.push(Obj::Proto(p));
        p
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // SAFETY: every pointer was made by `Box::into_raw` here and is freed exactly once; no value
        // can be used after the heap (the interpreter that owns it) is gone.
        unsafe {
            for obj in self.objects.drain(..) {
                match obj {
                    Obj::Table(p) => drop(Box::from_raw(p)),
                    Obj::Closure(p) => drop(Box::from_raw(p)),
                    Obj::UpVal(p) => drop(Box::from_raw(p)),
                    Obj::Native(p) => drop(Box::from_raw(p)),
                    Obj::Proto(p) => drop(Box::from_raw(p)),
                    Obj::Thread(p) => drop(Box::from_raw(p)),
                }
            }
            for (k, _) in self.strings.drain() {
                drop(Box::from_raw(k.0 as *mut LuaStr));
            }
        }
    }
}
