//! dict: an insertion-ordered hash table (entries in order plus an open-addressing index).
//!
//! Lookups take the key's Python hash and an equality callback, because equality of user objects
//! runs Python code: the table is never borrowed while the callback runs (the probe re-borrows
//! after each call), so a `__eq__` that mutates the dict cannot corrupt it, only see a changed
//! table. Deleted entries leave a hole in `entries` until the next compaction, like CPython.

use vgc::{Trace, Tracer};

use crate::runtime::value::Value;

const EMPTY: i64 = -1;
const DUMMY: i64 = -2;

#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default, Clone)]
pub struct DictTable {
    pub entries: Vec<Entry>,
    index: Vec<i64>,
    /// Live entries (u32 with `fill`: every object's cell is as large as the largest kind).
    pub used: u32,
    /// Slots of `index` that are not EMPTY.
    fill: u32,
    /// A new stamp (`next_version`) on every insertion or deletion of a key: iteration checks
    /// it, and the interpreter's global-name caches rely on two tables of one thread never
    /// sharing a non-zero version (0: no key was ever inserted, so the table is empty).
    pub version: u64,
    /// A class namespace: every change (value changes too) bumps the class epoch
    /// (`object::bump_class_epoch`), which invalidates the inline caches of class lookups.
    watched: bool,
}

thread_local! {
    static VERSIONS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// A version stamp never given to another table of this thread (tables are not shared between
/// threads).
#[inline]
fn next_version() -> u64 {
    VERSIONS.with(|v| {
        let n = v.get() + 1;
        v.set(n);
        n
    })
}

/// The result of probing for a key.
pub enum Probe {
    /// Found at entry index.
    Found(usize),
    /// Not found; an insertion goes to this index slot.
    Absent(usize),
}

impl DictTable {
    pub fn new() -> DictTable {
        DictTable::default()
    }
    /// An empty table for a class namespace (see `watched`).
    pub fn watched() -> DictTable {
        DictTable {
            watched: true,
            ..DictTable::default()
        }
    }
    #[inline]
    fn changed(&self) {
        if self.watched {
            crate::runtime::object::bump_class_epoch();
        }
    }
    /// Replaces the value of the entry at index `ix` (found by a lookup).
    #[inline]
    pub fn set_value(&mut self, ix: usize, value: Value) {
        self.entries[ix].value = value;
        self.changed();
    }
    pub fn len(&self) -> usize {
        self.used as usize
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    pub fn trace_entries(&self, t: &mut Tracer) {
        for e in &self.entries {
            e.key.trace(t);
            e.value.trace(t);
        }
    }
    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.key.is_unbound())
    }
    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key).collect()
    }
    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value).collect()
    }
    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|e| (e.key, e.value)).collect()
    }
    /// The live entry at or after position `pos` in `entries` (for iterators).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Entry)> {
        let mut i = pos;
        while i < self.entries.len() {
            if !self.entries[i].key.is_unbound() {
                return Some((i, self.entries[i]));
            }
            i += 1;
        }
        None
    }

    fn mask(&self) -> usize {
        self.index.len() - 1
    }

    /// Candidate entry indices for `hash` in probe order, starting from slot `start` state.
    /// Returns (slot, entry index or EMPTY/DUMMY).
    pub fn probe_start(&self, hash: i64) -> (usize, u64) {
        if self.index.is_empty() {
            return (0, 0);
        }
        ((hash as u64 as usize) & self.mask(), hash as u64)
    }
    pub fn probe_next(&self, slot: usize, perturb: u64) -> (usize, u64) {
        let perturb = perturb >> 5;
        (
            (slot
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & self.mask(),
            perturb,
        )
    }
    pub fn slot(&self, slot: usize) -> i64 {
        if self.index.is_empty() {
            EMPTY
        } else {
            self.index[slot]
        }
    }
    pub fn has_index(&self) -> bool {
        !self.index.is_empty()
    }

    /// Looks up `key` with a fast equality that answers for identical keys and returns None when
    /// it cannot decide; `slow` decides the rest.
    pub fn find_with(
        table: &std::cell::RefCell<DictTable>,
        hash: i64,
        key: Value,
        fast: impl Fn(Value, Value) -> Option<bool>,
        mut slow: impl FnMut(Value, Value) -> Result<bool, crate::runtime::vm::PyErr>,
    ) -> Result<Option<usize>, crate::runtime::vm::PyErr> {
        let (mut slot, mut perturb) = table.borrow().probe_start(hash);
        if !table.borrow().has_index() {
            return Ok(None);
        }
        loop {
            let (ix, e) = {
                let t = table.borrow();
                let ix = t.slot(slot);
                if ix == EMPTY {
                    return Ok(None);
                }
                if ix == DUMMY {
                    (ix, None)
                } else {
                    (ix, Some(t.entries[ix as usize]))
                }
            };
            if let Some(e) = e
                && e.hash == hash
            {
                let eq = match fast(e.key, key) {
                    Some(b) => b,
                    None => slow(e.key, key)?,
                };
                if eq {
                    return Ok(Some(ix as usize));
                }
            }
            let t = table.borrow();
            (slot, perturb) = t.probe_next(slot, perturb);
        }
    }

    /// Inserts a new key known to be absent.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if self.index.is_empty() || (self.fill as usize + 1) * 3 >= self.index.len() * 2 {
            self.resize(((self.used as usize + 1) * 3).max(8));
        }
        let (mut slot, mut perturb) = self.probe_start(hash);
        while self.index[slot] >= 0 {
            (slot, perturb) = self.probe_next(slot, perturb);
        }
        if self.index[slot] == EMPTY {
            self.fill += 1;
        }
        self.index[slot] = self.entries.len() as i64;
        self.entries.push(Entry { hash, key, value });
        self.used += 1;
        self.version = next_version();
        self.changed();
    }

    fn resize(&mut self, min: usize) {
        let mut n = 8;
        while n < min {
            n <<= 1;
        }
        // Compact entries (drop holes) so indices stay dense.
        self.entries.retain(|e| !e.key.is_unbound());
        self.index = vec![EMPTY; n];
        self.fill = 0;
        for (i, e) in self.entries.iter().enumerate() {
            let mask = n - 1;
            let mut slot = (e.hash as u64 as usize) & mask;
            let mut perturb = e.hash as u64;
            while self.index[slot] != EMPTY {
                perturb >>= 5;
                slot = (slot
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
            self.index[slot] = i as i64;
            self.fill += 1;
        }
    }

    /// Removes the entry at index `ix` (found by a lookup).
    pub fn remove_at(&mut self, ix: usize) -> Entry {
        let e = self.entries[ix];
        let (mut slot, mut perturb) = self.probe_start(e.hash);
        while self.index[slot] != ix as i64 {
            (slot, perturb) = self.probe_next(slot, perturb);
        }
        self.index[slot] = DUMMY;
        self.entries[ix].key = Value::UNBOUND;
        self.entries[ix].value = Value::UNBOUND;
        self.used -= 1;
        self.version = next_version();
        self.changed();
        if self.used == 0 {
            self.entries.clear();
            self.index.clear();
            self.fill = 0;
        }
        e
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.used = 0;
        self.fill = 0;
        self.version = next_version();
        self.changed();
    }

    /// Removes and returns the last entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let ix = self.entries.iter().rposition(|e| !e.key.is_unbound())?;
        Some(self.remove_at(ix))
    }
}
