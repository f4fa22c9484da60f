//! Quasi-immutable fields: fields that are read as constants by traces and invalidate them when
//! written.
//!
//! A language marks a field as quasi-immutable when it is almost never written (a class's method
//! table version, a global's cell, a metatable pointer). Handlers read it with
//! [`Ref::get_int_quasi_immutable`](crate::Ref::get_int_quasi_immutable) (or `get_ref_...`): while
//! recording, the value seen becomes a constant of the trace and the trace is registered as
//! depending on `(object address, field offset)`, as RPython's `quasiimmut_field`. Every write of
//! such a field must go through [`quasi_immutable_write`] (or the `set_*_quasi_immutable`
//! accessors, which call it): it sets the invalidation flag of every dependent trace.
//!
//! An invalidated trace is never entered again (the driver checks the flag before entering a loop,
//! a bridge or a linked loop), and a trace that is running when the write happens leaves at its
//! next `guard_not_invalidated`: the recorder puts one before the first quasi-immutable read of an
//! iteration and before the first one after each call that may write the heap, so no stale
//! constant is used after the write. Invalidated traces are kept, not freed: a frame may still be
//! inside one (below a residual call that did the write), and freeing code under a running frame
//! would be unsound; they cost their memory until the [`Jit`](crate::Jit) is dropped. The loop's
//! counter starts again, so a new trace with the new constant is recorded once it is hot.
//!
//! The registry is per thread, like the recorder: writes on one thread invalidate traces of the
//! JITs on that thread. Objects must not move while a trace depends on them (the key is the
//! address); a moving collector must call [`quasi_immutable_write`] for the old address.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// A trace's invalidation flag: zero while valid. Compiled code reads the word at its address.
#[derive(Debug, Default)]
pub struct InvalidationFlag(Cell<i64>);

impl InvalidationFlag {
    pub fn new() -> Rc<InvalidationFlag> {
        Rc::new(InvalidationFlag(Cell::new(0)))
    }

    pub fn is_invalidated(&self) -> bool {
        self.0.get() != 0
    }

    pub fn invalidate(&self) {
        self.0.set(1);
    }

    /// The address compiled code loads the flag from.
    pub fn addr(&self) -> usize {
        self.0.as_ptr() as usize
    }
}

/// For each `(object address, field offset)`, the flags of the traces that read it.
type Dependents = HashMap<(usize, i64), Vec<Weak<InvalidationFlag>>>;

thread_local! {
    static DEPENDENTS: RefCell<Dependents> = RefCell::new(HashMap::new());
}

/// Registers the trace with `flag` as depending on field `offset` of the object at `obj`.
pub(crate) fn depend(obj: usize, offset: i64, flag: &Rc<InvalidationFlag>) {
    DEPENDENTS.with(|d| {
        let mut d = d.borrow_mut();
        let list = d.entry((obj, offset)).or_default();
        // Drop registrations of traces that no longer exist while we are here.
        list.retain(|w| w.strong_count() > 0);
        if !list.iter().any(|w| w.as_ptr() == Rc::as_ptr(flag)) {
            list.push(Rc::downgrade(flag));
        }
    })
}

/// Declares that quasi-immutable field `offset` of the object at `obj` is being written: every
/// trace that read it as a constant is invalidated. Returns how many were. Call it for every write
/// of such a field, in every mode (it is cheap when no trace depends on the field).
pub fn quasi_immutable_write(obj: usize, offset: i64) -> usize {
    let dependents = DEPENDENTS.with(|d| d.borrow_mut().remove(&(obj, offset)));
    let mut n = 0;
    for w in dependents.into_iter().flatten() {
        if let Some(flag) = w.upgrade()
            && !flag.is_invalidated()
        {
            flag.invalidate();
            n += 1;
        }
    }
    n
}
