//! Persistent roots: objects the interpreter keeps alive without listing them at every safepoint.
//!
//! Most roots are traced by the closure passed to `Heap::safepoint` (frames, the value stack). For
//! the few long-lived handles an interpreter keeps outside any traced structure (a registry, the
//! globals table, an interned-string table) it can register them once with `Heap::add_root` and get
//! a `RootId` back. The table is a slab with a free list; nothing here is reference counted, and a
//! `RootId` is not a guard: the root stays until `Heap::remove_root`.

/// A registered root, returned by `Heap::add_root`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RootId(u32);

/// The slab of registered roots, as value addresses.
#[derive(Default)]
pub(crate) struct RootTable {
    slots: Vec<Option<*const u8>>,
    free: Vec<u32>,
}

impl RootTable {
    pub(crate) fn add(&mut self, value: *const u8) -> RootId {
        match self.free.pop() {
            Some(index) => {
                self.slots[index as usize] = Some(value);
                RootId(index)
            }
            None => {
                self.slots.push(Some(value));
                RootId((self.slots.len() - 1) as u32)
            }
        }
    }

    /// Removes a root. Returns false if `id` was not registered (already removed).
    pub(crate) fn remove(&mut self, id: RootId) -> bool {
        match self.slots.get_mut(id.0 as usize) {
            Some(slot @ Some(_)) => {
                *slot = None;
                self.free.push(id.0);
                true
            }
            _ => false,
        }
    }

    /// All registered roots.
    pub(crate) fn iter(&self) -> impl Iterator<Item = *const u8> + '_ {
        self.slots.iter().flatten().copied()
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_reuse_freed_ids() {
        let mut table = RootTable::default();
        let a = table.add(8 as *const u8);
        let b = table.add(16 as *const u8);
        assert!(table.remove(a));
        assert!(!table.remove(a), "removing twice is reported");
        let c = table.add(24 as *const u8);
        assert_eq!(c, a);
        assert_eq!(table.len(), 2);
        let mut all: Vec<_> = table.iter().map(|p| p as usize).collect();
        all.sort();
        assert_eq!(all, vec![16, 24]);
        assert!(table.remove(b));
    }
}
