//! Weak references: `Weak<T>` observes an object without keeping it alive.
//!
//! A weak reference is a small heap object (a `WeakCell`) holding the target's address, plus an
//! entry in the heap's list of weak cells. The cell is not traced through: its `Trace` impl reports
//! no edge, so the target is kept only by strong edges. After marking, and before the sweep, every
//! listed cell whose target is in a collected zone and was not reached is cleared, and the cell
//! leaves the list; so is a cell that itself died. The list is walked once per collection, so its
//! cost is proportional to the number of live weak references, not to the heap. A cleared weak
//! reference never becomes set again. There are no finalizers and no ephemerons (a weak-keyed table
//! whose values point back at their keys keeps them alive); Lua's `__mode` tables and Python's
//! `weakref` callbacks would need them.

use std::cell::Cell;
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::gc::{Gc, Header};
use crate::page::{HEADER_SIZE, PAGE_MASK, PageHeader, SLOT_SHIFT, ZONE_OFFSET};
use crate::trace::{Trace, Tracer};
use crate::zone::Collection;

/// The heap object behind a `Weak`: the target's value address, or null once cleared.
#[repr(C)]
pub(crate) struct WeakCell<T> {
    target: Cell<*const u8>,
    _target: PhantomData<*const T>,
}

impl<T> WeakCell<T> {
    pub(crate) fn new(target: Gc<T>) -> WeakCell<T> {
        WeakCell {
            target: Cell::new(Gc::as_ptr(target).cast()),
            _target: PhantomData,
        }
    }
}

// SAFETY: the target is deliberately not an edge; the cell holds no other Gc.
unsafe impl<T> Trace for WeakCell<T> {
    const NEEDS_TRACE: bool = false;
    fn trace(&self, _: &mut Tracer) {}
}

/// A weak reference, `Copy` like `Gc`. The weak reference itself must be reachable (it is a heap
/// object); its target need not be.
pub struct Weak<T> {
    cell: Gc<WeakCell<T>>,
}

impl<T> Weak<T> {
    pub(crate) fn from_cell(cell: Gc<WeakCell<T>>) -> Weak<T> {
        Weak { cell }
    }

    /// The target, or `None` if a collection found it dead.
    #[inline]
    pub fn upgrade(self) -> Option<Gc<T>> {
        let target = self.cell.target.get();
        if target.is_null() {
            None
        } else {
            // SAFETY: a set target is alive: the weak pass clears it in the collection that frees it.
            Some(unsafe { Gc::from_ptr(target.cast::<T>()) })
        }
    }

    /// Whether two weak references are the same cell.
    pub fn ptr_eq(a: Weak<T>, b: Weak<T>) -> bool {
        Gc::ptr_eq(a.cell, b.cell)
    }
}

impl<T> Clone for Weak<T> {
    fn clone(&self) -> Weak<T> {
        *self
    }
}

impl<T> Copy for Weak<T> {}

impl<T> std::fmt::Debug for Weak<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Weak({:p} -> {:p})", self.cell, self.cell.target.get())
    }
}

// SAFETY: the weak cell is the one edge; the target is intentionally not reported.
unsafe impl<T> Trace for Weak<T> {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.edge(self.cell);
    }
}

/// Whether the object with header address `header` survives collection `kind` (it is outside the
/// collected zones, or it was reached).
///
/// # Safety
/// `header` must be the header of an allocated object.
unsafe fn survives(header: usize, kind: Collection) -> bool {
    let base = header & PAGE_MASK;
    // SAFETY: guaranteed by the caller: the page header and record are valid.
    unsafe {
        let zone = crate::zone::Zone::from_u8(*((base + ZONE_OFFSET) as *const u8))
            .expect("vgc: corrupt page header");
        if !kind.covers(zone) {
            return true;
        }
        let page = &*(*(base as *const PageHeader)).page;
        page.bits.get((header - base) >> SLOT_SHIFT).is_reached()
    }
}

/// The weak pass: after marking, before sweeping. Returns the number of references cleared.
pub(crate) fn clear_dead(cells: &mut Vec<NonNull<Header>>, kind: Collection) -> u64 {
    let mut cleared = 0;
    cells.retain(|cell| {
        let header = cell.as_ptr() as usize;
        // SAFETY: listed cells are allocated until this pass drops them from the list (a cell that
        // dies is dropped here, before the sweep frees it).
        if !unsafe { survives(header, kind) } {
            return false;
        }
        // SAFETY: a surviving cell is an initialised WeakCell, whose layout does not depend on T.
        let target = unsafe { &(*((header + HEADER_SIZE) as *const WeakCell<()>)).target };
        let value = target.get();
        if value.is_null() {
            return false;
        }
        // SAFETY: a set target is allocated (it was alive at the previous collection and nothing
        // frees objects between collections).
        if unsafe { survives(value as usize - HEADER_SIZE, kind) } {
            true
        } else {
            target.set(std::ptr::null());
            cleared += 1;
            false
        }
    });
    cleared
}
