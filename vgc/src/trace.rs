//! The `Trace` trait and its implementations for primitives and standard containers.
//!
//! A type is `Trace` if it can report every `Gc` it holds to a `Tracer`. That is the whole contract
//! between VGC and the interpreter's object model, and it is `unsafe` because a missed edge is a
//! use-after-free. Most types get it from `#[derive(Trace)]`. `NEEDS_TRACE` is false for types that
//! can never hold a `Gc` (strings, numbers): the marker then skips them without a call, and
//! containers of them skip their loop.
//!
//! There is deliberately no implementation for `Rc`/`Arc` of traced types: shared ownership outside
//! the heap can form cycles the marker would follow forever, and it hides edges from the remembered
//! set. `Rc<str>` and friends, which hold no edges, are fine.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;

pub use crate::mark::Tracer;

/// A type whose values can report the `Gc` pointers they hold.
///
/// # Safety
/// `trace` must call `Tracer::edge` (directly or through fields' `trace`) for every `Gc` reachable
/// from `self` without going through another `Gc`, and must not allocate on, collect or otherwise
/// call into a heap. If `NEEDS_TRACE` is false, the type must hold no `Gc` at all. A `Drop` impl of
/// a traced type must not dereference the `Gc`s it holds: at sweep time they may already be dead.
pub unsafe trait Trace {
    /// False if values of this type never hold a `Gc`.
    const NEEDS_TRACE: bool = true;

    /// Reports every `Gc` held by `self` to `tracer`.
    fn trace(&self, tracer: &mut Tracer);
}

macro_rules! leaf {
    ($($ty:ty),* $(,)?) => {
        $(
            // SAFETY: this type holds no Gc.
            unsafe impl Trace for $ty {
                const NEEDS_TRACE: bool = false;
                #[inline]
                fn trace(&self, _: &mut Tracer) {}
            }
        )*
    };
}

leaf!(
    (),
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    String,
    str,
    Rc<str>,
    Arc<str>,
    Rc<[u8]>,
    std::path::PathBuf,
    std::time::Duration,
    std::time::Instant,
    std::num::NonZeroU32,
    std::num::NonZeroU64,
    std::num::NonZeroUsize,
    std::num::NonZeroI64,
);

// SAFETY: PhantomData holds nothing.
unsafe impl<T: ?Sized> Trace for PhantomData<T> {
    const NEEDS_TRACE: bool = false;
    #[inline]
    fn trace(&self, _: &mut Tracer) {}
}

// SAFETY: forwards to the boxed value.
unsafe impl<T: Trace + ?Sized> Trace for Box<T> {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        (**self).trace(tracer);
    }
}

// SAFETY: traces every element.
unsafe impl<T: Trace> Trace for [T] {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        if T::NEEDS_TRACE {
            for item in self {
                item.trace(tracer);
            }
        }
    }
}

// SAFETY: traces every element.
unsafe impl<T: Trace, const N: usize> Trace for [T; N] {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        self.as_slice().trace(tracer);
    }
}

// SAFETY: traces every element.
unsafe impl<T: Trace> Trace for Vec<T> {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        self.as_slice().trace(tracer);
    }
}

// SAFETY: traces every element.
unsafe impl<T: Trace> Trace for VecDeque<T> {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    fn trace(&self, tracer: &mut Tracer) {
        if T::NEEDS_TRACE {
            for item in self {
                item.trace(tracer);
            }
        }
    }
}

// SAFETY: traces the value if present.
unsafe impl<T: Trace> Trace for Option<T> {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        if let Some(value) = self {
            value.trace(tracer);
        }
    }
}

// SAFETY: traces whichever side is present.
unsafe impl<T: Trace, E: Trace> Trace for Result<T, E> {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE || E::NEEDS_TRACE;
    fn trace(&self, tracer: &mut Tracer) {
        match self {
            Ok(value) => value.trace(tracer),
            Err(error) => error.trace(tracer),
        }
    }
}

// SAFETY: reads the current value (it is Copy) and traces it.
unsafe impl<T: Copy + Trace> Trace for Cell<T> {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        if T::NEEDS_TRACE {
            self.get().trace(tracer);
        }
    }
}

// SAFETY: traces the current value through a shared borrow.
unsafe impl<T: Trace + ?Sized> Trace for RefCell<T> {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    fn trace(&self, tracer: &mut Tracer) {
        if T::NEEDS_TRACE {
            // A value mutably borrowed across a safepoint cannot be read, and skipping it would lose
            // edges, so this is a bug in the interpreter and we stop here.
            match self.try_borrow() {
                Ok(value) => value.trace(tracer),
                Err(_) => panic!(
                    "vgc: a RefCell<{}> was mutably borrowed during a collection (a RefMut lives across a safepoint)",
                    std::any::type_name::<T>()
                ),
            }
        }
    }
}

// SAFETY: traces every key and value.
unsafe impl<K: Trace, V: Trace, S> Trace for HashMap<K, V, S> {
    const NEEDS_TRACE: bool = K::NEEDS_TRACE || V::NEEDS_TRACE;
    fn trace(&self, tracer: &mut Tracer) {
        if Self::NEEDS_TRACE {
            for (key, value) in self {
                key.trace(tracer);
                value.trace(tracer);
            }
        }
    }
}

// SAFETY: traces every element.
unsafe impl<K: Trace, S> Trace for HashSet<K, S> {
    const NEEDS_TRACE: bool = K::NEEDS_TRACE;
    fn trace(&self, tracer: &mut Tracer) {
        if K::NEEDS_TRACE {
            for key in self {
                key.trace(tracer);
            }
        }
    }
}

// SAFETY: traces every key and value.
unsafe impl<K: Trace, V: Trace> Trace for BTreeMap<K, V> {
    const NEEDS_TRACE: bool = K::NEEDS_TRACE || V::NEEDS_TRACE;
    fn trace(&self, tracer: &mut Tracer) {
        if Self::NEEDS_TRACE {
            for (key, value) in self {
                key.trace(tracer);
                value.trace(tracer);
            }
        }
    }
}

// SAFETY: traces every element.
unsafe impl<K: Trace> Trace for BTreeSet<K> {
    const NEEDS_TRACE: bool = K::NEEDS_TRACE;
    fn trace(&self, tracer: &mut Tracer) {
        if K::NEEDS_TRACE {
            for key in self {
                key.trace(tracer);
            }
        }
    }
}

macro_rules! tuple {
    ($($name:ident),+) => {
        // SAFETY: traces every component.
        unsafe impl<$($name: Trace),+> Trace for ($($name,)+) {
            const NEEDS_TRACE: bool = false $(|| $name::NEEDS_TRACE)+;
            #[inline]
            #[allow(non_snake_case)]
            fn trace(&self, tracer: &mut Tracer) {
                let ($($name,)+) = self;
                $($name.trace(tracer);)+
            }
        }
    };
}

tuple!(A);
tuple!(A, B);
tuple!(A, B, C);
tuple!(A, B, C, D);
tuple!(A, B, C, D, E);
tuple!(A, B, C, D, E, F);
tuple!(A, B, C, D, E, F, G);
tuple!(A, B, C, D, E, F, G, H);

// SAFETY: a shared reference to a traced value is traced like the value. Useful for root lists
// such as `tracer.trace(&(&frames, &globals))`.
unsafe impl<T: Trace + ?Sized> Trace for &T {
    const NEEDS_TRACE: bool = T::NEEDS_TRACE;
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        (**self).trace(tracer);
    }
}
