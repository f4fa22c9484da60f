//! set and frozenset: CPython's set table (linear probes then perturbation), so that iteration
//! order is the same hash order CPython prints (`print({3, 1, 2})` shows `{1, 2, 3}`).
//!
//! The table layout, growth rule (`used * 4` until 50,000 entries, then `used * 2`) and probe
//! sequence follow CPython 3.11's setobject.c; the hashes of ints, floats and tuples are CPython's
//! (see `ops::hash`). String hashes differ (CPython randomises them per process anyway).

use vgc::{Trace, Tracer};

use crate::runtime::value::Value;

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone, Copy)]
pub struct Slot {
    pub hash: i64,
    /// UNBOUND = empty; `dummy` marks a deleted slot.
    pub key: Value,
    pub dummy: bool,
}

const EMPTY_SLOT: Slot = Slot {
    hash: 0,
    key: Value::UNBOUND,
    dummy: false,
};

#[derive(Clone)]
pub struct SetTable {
    pub table: Vec<Slot>,
    pub used: usize,
    fill: usize,
    pub version: u64,
}

impl Default for SetTable {
    fn default() -> SetTable {
        SetTable::new()
    }
}

impl SetTable {
    pub fn new() -> SetTable {
        SetTable {
            table: vec![EMPTY_SLOT; 8],
            used: 0,
            fill: 0,
            version: 0,
        }
    }
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }
    pub fn trace_entries(&self, t: &mut Tracer) {
        for s in &self.table {
            s.key.trace(t);
        }
    }
    pub fn items(&self) -> Vec<Value> {
        self.table
            .iter()
            .filter(|s| !s.key.is_unbound())
            .map(|s| s.key)
            .collect()
    }
    /// The live slot at or after `pos`.
    pub fn slot_from(&self, pos: usize) -> Option<(usize, Value)> {
        (pos..self.table.len()).find_map(|i| {
            let s = self.table[i];
            (!s.key.is_unbound()).then_some((i, s.key))
        })
    }
    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// The probe sequence of CPython's set_add_entry/set_lookkey, as slot indices.
    pub fn probe(&self, hash: i64) -> ProbeSeq {
        let mask = self.mask();
        ProbeSeq {
            mask,
            i: (hash as u64 as usize) & mask,
            j: 0,
            perturb: hash as u64,
            first: true,
        }
    }

    /// Inserts `key` at the first empty or dummy slot of its probe sequence (the caller checked it
    /// is absent).
    pub fn insert_new(&mut self, hash: i64, key: Value) {
        let mut seq = self.probe(hash);
        let mut free = None;
        loop {
            let i = seq.next_slot();
            let s = self.table[i];
            if s.key.is_unbound() && !s.dummy {
                let at = free.unwrap_or(i);
                if free.is_none() {
                    self.fill += 1;
                }
                self.table[at] = Slot {
                    hash,
                    key,
                    dummy: false,
                };
                break;
            }
            if s.dummy && free.is_none() {
                free = Some(i);
            }
        }
        self.used += 1;
        self.version += 1;
        if self.fill * 5 >= self.mask() * 3 {
            let n = if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            };
            self.resize(n);
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut n = 8;
        while n <= minused {
            n <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![EMPTY_SLOT; n]);
        self.fill = 0;
        for s in old {
            if !s.key.is_unbound() {
                let mut seq = self.probe(s.hash);
                loop {
                    let i = seq.next_slot();
                    if self.table[i].key.is_unbound() {
                        self.table[i] = s;
                        break;
                    }
                }
                self.fill += 1;
            }
        }
    }

    pub fn remove_slot(&mut self, i: usize) {
        self.table[i] = Slot {
            hash: 0,
            key: Value::UNBOUND,
            dummy: true,
        };
        self.used -= 1;
        self.version += 1;
    }

    pub fn clear(&mut self) {
        *self = SetTable {
            version: self.version + 1,
            ..SetTable::new()
        };
    }
}

/// CPython's probe order: up to LINEAR_PROBES consecutive slots, then a perturbed jump.
pub struct ProbeSeq {
    mask: usize,
    i: usize,
    j: usize,
    perturb: u64,
    first: bool,
}

impl ProbeSeq {
    pub fn next_slot(&mut self) -> usize {
        if self.first {
            self.first = false;
            return self.i;
        }
        if self.i + LINEAR_PROBES <= self.mask && self.j < LINEAR_PROBES {
            self.j += 1;
            return self.i + self.j;
        }
        self.perturb >>= PERTURB_SHIFT;
        self.i = (self
            .i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(self.perturb as usize))
            & self.mask;
        self.j = 0;
        self.i
    }
}
