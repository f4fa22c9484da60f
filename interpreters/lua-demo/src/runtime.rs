//! Heap objects: strings, tables, closures, upvalues, native functions; and the heap that owns them.
//!
//! Objects live on a `vgc::Heap` (one per Lua state) and never move, so the JIT can load their
//! fields at fixed offsets (`#[repr(C)]` layouts with `OFFSET_*` constants); a `Value`'s payload is
//! the object's value address (`Gc::as_ptr`). Each type reports its references with a hand-written
//! `Trace` impl (values are type-erased, so `Tracer::edge_ptr` on payloads with a heap tag), and
//! every store of a reference into an object is followed by `barrier`. Strings are interned: the
//! intern table is weak (a dead string removes itself through its drop glue), so string equality
//! and table lookups by string key still compare pointers. Prototypes are not collected: they stay
//! until the state is dropped, and their constants are roots (traces embed them as constants).
//! File userdata stay outside the heap (see `stdlib::io`); nothing else does.
use std::cell::RefCell;
use std::collections::HashMap;

use metatrace::driver::KeyHash;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use vgc::{AllocSite, Trace, Tracer};

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

thread_local! {
    /// Strings whose drop glue ran (hash, address), for the intern table to forget. Sweeping runs
    /// on the thread that called the collection, which drains this right after.
    static DEAD_STRINGS: RefCell<Vec<(u64, usize)>> = const { RefCell::new(Vec::new()) };
}

impl Drop for LuaStr {
    fn drop(&mut self) {
        let entry = (self.hash, self as *const LuaStr as usize);
        DEAD_STRINGS.with_borrow_mut(|d| d.push(entry));
    }
}

// SAFETY: a string holds no references.
unsafe impl Trace for LuaStr {
    const NEEDS_TRACE: bool = false;
    fn trace(&self, _: &mut Tracer) {}
}

/// Reports the object a value refers to, if it is a heap object.
#[inline]
pub fn trace_value(v: &Value, t: &mut Tracer) {
    if value::is_gc(v.tag) && v.payload != 0 {
        // SAFETY: a value with a heap tag holds the value address of a live object of this heap
        // (the safepoint contract: everything the interpreter can still reach is traced).
        unsafe { t.edge_ptr(v.payload as *const u8) };
    }
}

/// The write barrier after storing `v` into heap object `obj` (nothing to do for immediates).
#[inline]
pub(crate) fn barrier<T>(obj: *const T, v: Value) {
    if value::is_gc(v.tag) {
        // SAFETY: `obj` is the value address of a live heap object (callers only pass objects
        // allocated by `Heap`).
        unsafe { vgc::vgc_write_barrier(obj as *const u8) };
    }
}

/// The write barrier after a store of references into heap object `obj` that is not one value.
#[inline]
pub(crate) fn barrier_obj<T>(obj: *const T) {
    // SAFETY: `obj` is the value address of a live heap object.
    unsafe { vgc::vgc_write_barrier(obj as *const u8) };
}

/// Hashes string bytes for the intern table (and `LuaStr::hash`).
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A hasher for keys that already are hashes.
#[derive(Default)]
struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}
type IdMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

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
    /// multiplicative `KeyHash` is several times cheaper than SipHash here. Empty while the
    /// hash part has at most `Table::SMALL` entries: those are found by a scan of `entries`
    /// (as fast as hashing at that size), so a small table costs no index allocation.
    index: HashMap<Key, usize, KeyHash>,
    n_dead: usize,
}

// ANCHOR: table_trace
// SAFETY: reports every value of the array and hash parts (keys too) and the metatable.
unsafe impl Trace for Table {
    fn trace(&self, t: &mut Tracer) {
        for v in &self.array {
            trace_value(v, t);
        }
        for (k, v) in &self.entries {
            trace_value(&k.0, t);
            trace_value(v, t);
        }
        if !self.meta.is_null() {
            // SAFETY: a metatable is a live heap table.
            unsafe { t.edge_ptr(self.meta as *const u8) };
        }
    }
}
// ANCHOR_END: table_trace

impl Table {
    pub const OFFSET_ARR: i64 = 0;
    pub const OFFSET_ARR_LEN: i64 = 8;
    pub const OFFSET_META: i64 = 16;

    /// Hash parts up to this many entries (dead ones included) have no index. Beyond four, a
    /// scan's data-dependent exits cost more than a hash probe (nbody's 7-field bodies ran
    /// slower with 8).
    const SMALL: usize = 4;

    pub fn new(narr: usize, nhash: usize) -> Table {
        let mut array = Vec::with_capacity(narr);
        let index = if nhash > Self::SMALL {
            HashMap::with_capacity_and_hasher(nhash, KeyHash)
        } else {
            HashMap::with_hasher(KeyHash)
        };
        Table {
            arr: array.as_mut_ptr(),
            arr_len: 0,
            meta: std::ptr::null_mut(),
            array,
            entries: Vec::with_capacity(nhash),
            index,
            n_dead: 0,
        }
    }

    /// The position of `key`'s entry in `entries` (live or dead), if it has one.
    #[inline]
    fn slot_of(&self, key: &Key) -> Option<usize> {
        if self.entries.len() <= Self::SMALL {
            return self.entries.iter().position(|(k, _)| k == key);
        }
        self.index.get(key).copied()
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
        match self.slot_of(&key) {
            Some(i) => self.entries[i].1,
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
        match self.slot_of(&k) {
            Some(i) => &self.entries[i].1,
            None => &NIL_VALUE,
        }
    }

    /// Overwrites the value of string key `key` when it is present with a non-nil value and `v`
    /// is not nil: the raw store that needs no `__newindex` check, no insertion and no change to
    /// the count of dead entries (what `set_hash` then does). False, and nothing changed,
    /// otherwise.
    pub fn replace_present_str(&mut self, key: Value, v: Value) -> bool {
        debug_assert_eq!(key.tag, value::STR);
        if v.is_nil() {
            return false;
        }
        let Some(i) = self.slot_of(&Key(key)) else {
            return false;
        };
        if self.entries[i].1.is_nil() {
            return false;
        }
        // The key is in the table already, so only the value is a new reference.
        barrier(self, v);
        self.entries[i].1 = v;
        true
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
        barrier(self, v);
        let len = self.array.len() as i64;
        if k >= 1 && k <= len {
            self.array[(k - 1) as usize] = v;
            return;
        }
        if k == len + 1 && !v.is_nil() {
            self.array.push(v);
            // Keys that continue the sequence move from the hash part into the array.
            let mut next = k + 1;
            while let Some(i) = self.slot_of(&Key(Value::int(next))) {
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
        if let Some(i) = self.slot_of(&key)
            && !self.entries[i].1.is_nil()
        {
            self.entries[i].1 = Value::NIL;
            self.n_dead += 1;
        }
    }

    fn set_hash(&mut self, key: Key, v: Value) {
        barrier(self, v);
        barrier(self, key.0);
        match self.slot_of(&key) {
            Some(i) => {
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
                if self.entries.len() == Self::SMALL {
                    // The hash part outgrows a scan: index every entry so far.
                    self.index.reserve(2 * Self::SMALL);
                    for (i, (k, _)) in self.entries.iter().enumerate() {
                        self.index.insert(*k, i);
                    }
                }
                if self.entries.len() >= Self::SMALL {
                    self.index.insert(key, self.entries.len());
                }
                self.entries.push((key, v));
            }
        }
    }

    fn rehash(&mut self) {
        self.entries.retain(|(_, v)| !v.is_nil());
        self.index.clear();
        if self.entries.len() > Self::SMALL {
            for (i, (k, _)) in self.entries.iter().enumerate() {
                self.index.insert(*k, i);
            }
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
                    hash_start = self.slot_of(&k).ok_or(())? + 1;
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

    /// Sets the metatable (with the write barrier).
    pub fn set_meta(&mut self, meta: *mut Table) {
        self.meta = meta;
        barrier(self, Value::table(meta));
    }
}

/// A function prototype prepared for execution: its constants as values.
pub struct ProtoRt {
    pub proto: Rc<Proto>,
    pub consts: Vec<Value>,
    pub children: Vec<*const ProtoRt>,
    /// Dense id (from 1), the code part of the allocation sites of this prototype's instructions.
    pub id: u32,
    /// Registers live at the start of each instruction, computed when the JIT first asks.
    live: std::cell::OnceCell<Vec<crate::bytecode::RegSet>>,
}

impl ProtoRt {
    /// The JIT's liveness oracle for frames running this prototype (`metatrace::Liveness`):
    /// whether word `slot` of the frame view (which starts at the function slot: three header
    /// pairs, then the registers' tag and payload words) may be read from instruction `pc` on.
    /// Header words and anything outside the registers are reported live.
    pub fn slot_live(&self, pc: u32, slot: i32) -> bool {
        const REG0_WORD: i32 = 6;
        let reg = (slot - REG0_WORD) / 2;
        if slot < REG0_WORD || reg > 255 {
            return true;
        }
        let live = self.live.get_or_init(|| self.proto.live_registers());
        live.get(pc as usize)
            .is_none_or(|set| set.contains(reg as u8))
    }
}

/// A Lua function: a prototype and its upvalues.
#[repr(C)]
pub struct LClosure {
    pub proto: *const ProtoRt,
    /// Points at `upvals`' buffer (the JIT reads it at a fixed offset).
    pub upvals_ptr: *const *mut UpVal,
    pub upvals: Box<[*mut UpVal]>,
}

// SAFETY: reports every upvalue (the prototype is not a heap object).
unsafe impl Trace for LClosure {
    fn trace(&self, t: &mut Tracer) {
        for &uv in self.upvals.iter() {
            // SAFETY: upvalues are live heap objects.
            unsafe { t.edge_ptr(uv as *const u8) };
        }
    }
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

// SAFETY: a closed upvalue holds its value; an open one points into a stack, which is a root.
unsafe impl Trace for UpVal {
    fn trace(&self, t: &mut Tracer) {
        trace_value(&self.closed, t);
    }
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
        barrier(self, v);
    }

    /// Closes the upvalue: copies the stack value into the upvalue itself.
    pub fn close(&mut self) {
        // SAFETY: an open upvalue points at a live stack slot.
        self.closed = unsafe { *self.loc };
        self.loc = &mut self.closed;
        self.open_slot = None;
        barrier(self, self.closed);
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
    /// Called directly by the interpreter, the native keeps nothing the collector must see
    /// outside the Lua stack while it runs Lua code (see `State::call_value`).
    pub gc_transparent: bool,
}

/// Natives whose Rust frames hold no value the stack does not also hold while they run Lua code
/// or wait for a coroutine, and which read `State::native_transparent` first thing.
const GC_TRANSPARENT: &[&str] = &[
    "pcall",
    "xpcall",
    "collectgarbage",
    "coroutine.resume",
    "coroutine.yield",
    "coroutine.wrap function",
];

// SAFETY: reports the data value.
unsafe impl Trace for NativeFn {
    fn trace(&self, t: &mut Tracer) {
        trace_value(&self.data, t);
    }
}

/// How a `Thread`'s inner data reports its references.
pub type TraceInner = fn(&dyn std::any::Any, &mut Tracer);

/// Host data with references (a coroutine, a `gmatch` or `lines` iterator's state).
pub struct Thread {
    pub inner: Box<dyn std::any::Any>,
    pub trace_inner: TraceInner,
}

// SAFETY: the inner data's own tracing function reports its references.
unsafe impl Trace for Thread {
    fn trace(&self, t: &mut Tracer) {
        (self.trace_inner)(&*self.inner, t);
    }
}

/// Opaque host data (outside the collected heap; see `stdlib::io`).
pub struct UserData {
    pub meta: *mut Table,
}

/// Allocation sites of objects made by native code, one per kind (code id 0 is never a prototype).
pub mod site {
    use vgc::AllocSite;
    pub const STRING: AllocSite = AllocSite::of(0, 1);
    pub const TABLE: AllocSite = AllocSite::of(0, 2);
    pub const CLOSURE: AllocSite = AllocSite::of(0, 3);
    pub const UPVAL: AllocSite = AllocSite::of(0, 4);
    pub const NATIVE: AllocSite = AllocSite::of(0, 5);
    pub const THREAD: AllocSite = AllocSite::of(0, 6);
    /// Strings made by the bytecode (concatenation) and constants.
    pub const CONST_STRING: AllocSite = AllocSite::of(0, 7);
}

/// The allocation site of instruction `pc` of prototype `proto`.
pub(crate) fn bytecode_site(proto: *const ProtoRt, pc: usize) -> AllocSite {
    // SAFETY: prototypes live as long as the heap.
    let id = unsafe { (*proto).id };
    AllocSite::of(id, pc as u32)
}

/// Owns every object: the collected heap, the weak intern table and the prototypes.
pub struct Heap {
    pub gc: vgc::Heap,
    /// Interned strings by hash (`LuaStr::hash`); a second string with the same 64-bit hash goes
    /// to `collisions`.
    strings: IdMap<*const LuaStr>,
    collisions: IdMap<Vec<*const LuaStr>>,
    /// Every prototype loaded (never freed before the heap: traces embed their addresses).
    protos: Vec<*mut ProtoRt>,
}

impl Default for Heap {
    fn default() -> Heap {
        Heap {
            gc: vgc::Heap::new(vgc::Config::default()),
            strings: IdMap::default(),
            collisions: IdMap::default(),
            protos: Vec::new(),
        }
    }
}

impl Heap {
    /// The interned string with these bytes.
    pub fn intern(&mut self, bytes: &[u8]) -> *const LuaStr {
        self.intern_at(site::STRING, bytes)
    }

    /// The interned string with these bytes; a new one is allocated at `site`.
    pub fn intern_at(&mut self, site: AllocSite, bytes: &[u8]) -> *const LuaStr {
        let h = hash_bytes(bytes);
        match self.strings.get(&h) {
            // SAFETY: interned strings in the table are live (dead ones are removed right after
            // the collection that freed them).
            Some(&s) if unsafe { &*(*s).data } == bytes => return s,
            Some(_) => {
                if let Some(list) = self.collisions.get(&h) {
                    for &s in list {
                        // SAFETY: as above.
                        if unsafe { &*(*s).data } == bytes {
                            return s;
                        }
                    }
                }
            }
            None => {}
        }
        let s = vgc::Gc::as_ptr(self.gc.alloc(
            site,
            LuaStr {
                hash: h,
                len: bytes.len() as i64,
                data: bytes.into(),
            },
        ));
        if let std::collections::hash_map::Entry::Vacant(e) = self.strings.entry(h) {
            e.insert(s);
        } else {
            self.collisions.entry(h).or_default().push(s);
        }
        s
    }

    /// Forgets the strings the last collection freed.
    pub fn forget_dead_strings(&mut self) {
        let dead = DEAD_STRINGS.with_borrow_mut(std::mem::take);
        for (h, p) in dead {
            let p = p as *const LuaStr;
            if self.strings.get(&h) == Some(&p) {
                self.strings.remove(&h);
                if let Some(list) = self.collisions.get_mut(&h) {
                    if let Some(next) = list.pop() {
                        self.strings.insert(h, next);
                    }
                    if list.is_empty() {
                        self.collisions.remove(&h);
                    }
                }
            } else if let Some(list) = self.collisions.get_mut(&h) {
                list.retain(|&q| q != p);
                if list.is_empty() {
                    self.collisions.remove(&h);
                }
            }
        }
    }

    /// Number of interned strings (for tests).
    pub fn interned_count(&self) -> usize {
        self.strings.len() + self.collisions.values().map(Vec::len).sum::<usize>()
    }

    pub fn new_table(&mut self, narr: usize, nhash: usize) -> *mut Table {
        self.new_table_at(site::TABLE, narr, nhash)
    }

    pub fn new_table_at(&mut self, site: AllocSite, narr: usize, nhash: usize) -> *mut Table {
        vgc::Gc::as_ptr(self.gc.alloc(site, Table::new(narr, nhash))) as *mut Table
    }

    pub fn new_closure(
        &mut self,
        site: AllocSite,
        proto: *const ProtoRt,
        upvals: Box<[*mut UpVal]>,
    ) -> *mut LClosure {
        let upvals_ptr = upvals.as_ptr();
        vgc::Gc::as_ptr(self.gc.alloc(
            site,
            LClosure {
                proto,
                upvals_ptr,
                upvals,
            },
        )) as *mut LClosure
    }

    pub fn new_upval(&mut self, loc: *mut Value, slot: usize) -> *mut UpVal {
        vgc::Gc::as_ptr(self.gc.alloc(
            site::UPVAL,
            UpVal {
                loc,
                closed: Value::NIL,
                open_slot: Some(slot),
            },
        )) as *mut UpVal
    }

    pub fn new_closed_upval(&mut self, v: Value) -> *mut UpVal {
        let u = vgc::Gc::as_ptr(self.gc.alloc(
            site::UPVAL,
            UpVal {
                loc: std::ptr::null_mut(),
                closed: v,
                open_slot: None,
            },
        )) as *mut UpVal;
        // SAFETY: `u` was just allocated and never moves; point it at its own storage.
        unsafe { (*u).loc = &mut (*u).closed };
        u
    }

    pub fn new_native(&mut self, name: &'static str, f: NativeImpl, data: Value) -> *mut NativeFn {
        let gc_transparent = GC_TRANSPARENT.contains(&name);
        vgc::Gc::as_ptr(self.gc.alloc(
            site::NATIVE,
            NativeFn {
                name,
                f,
                data,
                gc_transparent,
            },
        )) as *mut NativeFn
    }

    pub fn new_thread(
        &mut self,
        inner: Box<dyn std::any::Any>,
        trace_inner: TraceInner,
    ) -> *mut Thread {
        vgc::Gc::as_ptr(self.gc.alloc(site::THREAD, Thread { inner, trace_inner })) as *mut Thread
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
                Constant::Str(s) => Value::str(self.intern_at(site::CONST_STRING, s)),
            })
            .collect();
        let children = proto.protos.iter().map(|p| self.load_proto(p)).collect();
        // Prototype ids start at 1: code id 0 is the natives' sites.
        let id = self.protos.len() as u32 + 1;
        let p = Box::into_raw(Box::new(ProtoRt {
            proto: proto.clone(),
            consts,
            children,
            id,
            live: std::cell::OnceCell::new(),
        }));
        self.protos.push(p);
        p
    }

    /// The prototype list, for the root closure (which cannot borrow the heap it collects).
    pub fn protos_ptr(&self) -> *const Vec<*mut ProtoRt> {
        &self.protos
    }
}

/// Reports the prototypes' constants (compiled traces embed them).
pub fn trace_protos(protos: &[*mut ProtoRt], t: &mut Tracer) {
    for &p in protos {
        // SAFETY: prototypes live as long as the heap.
        for v in unsafe { &(*p).consts } {
            trace_value(v, t);
        }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // SAFETY: every prototype was made by `Box::into_raw` here and is freed exactly once; no
        // value can be used after the heap (the interpreter that owns it) is gone.
        unsafe {
            for p in self.protos.drain(..) {
                drop(Box::from_raw(p));
            }
        }
        // The collected heap drops its objects when `self.gc` is dropped, after this; their
        // strings' drop glue then fills `DEAD_STRINGS`, which the next heap on this thread must
        // not see: `Drop for State` drops the heap explicitly and calls `clear_dead_strings`.
    }
}

/// Discards the dead-string list of this thread (after a heap was dropped).
pub fn clear_dead_strings() {
    DEAD_STRINGS.with_borrow_mut(Vec::clear);
}
