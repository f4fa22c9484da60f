//! The write barrier, for interpreters and for compiled code.
//!
//! An interpreter calls `write_barrier(obj)` (or `Gc::write_barrier`) after every store of a `Gc`
//! into a heap object; compiled code either emits the same five-instruction sequence inline (the
//! layout constants are in `jit::JitHooks`) or calls `vgc_write_barrier`. The barrier is
//! unconditional: it does not look at the stored value or at zones, because a branch-free store is
//! cheaper than the test on the common path, and collections clean cards precisely anyway. It never
//! collects and needs no `&Heap`: the card lives in the object's own page.
//!
//! Stores that need no barrier: initialising stores inside `Heap::alloc` (when the object lands in
//! Blue or Green the allocator traces the new value once and sets the card if it points into a
//! zone collected more often), and stores of non-`Gc` data.

use crate::card_table;
use crate::gc::Gc;

/// Records that `obj` may now point into a zone collected more often than its own.
#[inline]
pub fn write_barrier<T>(obj: Gc<T>) {
    Gc::write_barrier(obj);
}

/// The write barrier as a C function, for compiled code that does not inline it.
///
/// # Safety
/// `value` must be the value address (`Gc::as_ptr`) of a live object.
pub unsafe extern "C" fn vgc_write_barrier(value: *const u8) {
    // SAFETY: guaranteed by the caller.
    unsafe { card_table::remember(value) }
}
