//! `Gc<T>` handles, the object header and the per-type vtable.
//!
//! Every object is a 16-byte header followed by its value; a `Gc<T>` points at the value, so
//! dereferencing it is a plain load and field offsets are the Rust offsets (which is what compiled
//! code wants). The header holds a pointer to a static per-type `VTable` (how to trace and drop the
//! value, whether it has edges at all) and the dense index of the allocation site, which the marker
//! uses to count survivors per site. The checkpoint state is not in the header: it lives in the
//! page's side bitfields.
//!
//! Soundness rests on one rule, the safepoint contract: a `Gc` is valid until the next collection
//! at which it was not reachable from the roots given to `Heap::safepoint` (or the heap is dropped).
//! `Deref` is allowed because no collection happens anywhere else. The handle is `Copy` and not
//! `Send`: it never leaves the thread that owns its heap.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;

use crate::card_table;
use crate::trace::{Trace, Tracer};

/// The header in front of every value.
#[repr(C)]
pub(crate) struct Header {
    /// The value's type information.
    pub vtable: *const VTable,
    /// Dense index of the allocation site in the heap's site table.
    pub site: u32,
    /// Reserved, zero.
    pub flags: u32,
}

const _: () = assert!(std::mem::size_of::<Header>() == crate::page::HEADER_SIZE);

/// A marker value stored in every vtable, checked by the verifier.
pub(crate) const VTABLE_MAGIC: u32 = 0x7667_6331;
pub(crate) const NEEDS_TRACE: u32 = 1;
pub(crate) const NEEDS_DROP: u32 = 2;

/// How to trace and drop values of one type: one static instance per type.
///
/// The layout is `#[repr(C)]` so that compiled code can store a vtable pointer into a header it
/// initialises (see `jit::vtable_of`); its fields are private.
#[repr(C)]
pub struct VTable {
    pub(crate) magic: u32,
    pub(crate) flags: u32,
    pub(crate) size: usize,
    pub(crate) trace: unsafe fn(*const u8, &mut Tracer),
    pub(crate) drop_in_place: unsafe fn(*mut u8),
    pub(crate) type_name: fn() -> &'static str,
}

impl VTable {
    /// Whether values of this type may hold `Gc` pointers.
    pub(crate) fn needs_trace(&self) -> bool {
        self.flags & NEEDS_TRACE != 0
    }

    /// Whether values of this type have drop glue.
    pub(crate) fn needs_drop(&self) -> bool {
        self.flags & NEEDS_DROP != 0
    }

    /// The Rust name of the type, for diagnostics.
    pub fn type_name(&self) -> &'static str {
        (self.type_name)()
    }

    /// Bytes of the value (header excluded).
    pub fn size(&self) -> usize {
        self.size
    }
}

struct VTableOf<T>(PhantomData<T>);

impl<T: Trace> VTableOf<T> {
    const VTABLE: VTable = VTable {
        magic: VTABLE_MAGIC,
        flags: (if T::NEEDS_TRACE { NEEDS_TRACE } else { 0 })
            | (if std::mem::needs_drop::<T>() {
                NEEDS_DROP
            } else {
                0
            }),
        size: std::mem::size_of::<T>(),
        trace: trace_erased::<T>,
        drop_in_place: drop_erased::<T>,
        type_name: std::any::type_name::<T>,
    };
}

/// # Safety
/// `value` must point at a live, initialised `T`.
unsafe fn trace_erased<T: Trace>(value: *const u8, tracer: &mut Tracer) {
    // SAFETY: guaranteed by the caller.
    unsafe { (*value.cast::<T>()).trace(tracer) }
}

/// # Safety
/// `value` must point at a live, initialised `T` that is never used again.
unsafe fn drop_erased<T>(value: *mut u8) {
    // SAFETY: guaranteed by the caller.
    unsafe { std::ptr::drop_in_place(value.cast::<T>()) }
}

/// The static vtable of `T`.
pub(crate) fn vtable_of<T: Trace>() -> &'static VTable {
    &VTableOf::<T>::VTABLE
}

/// A handle to an object on a VGC heap.
///
/// `Copy`, one pointer wide, pointing at the value. Valid until the next collection at which it was
/// not reachable from the roots (see the crate documentation); using it after that is a
/// use-after-free that the verifier (`VGC_VERIFY=1`) usually reports.
pub struct Gc<T> {
    ptr: NonNull<T>,
}

impl<T> Gc<T> {
    /// Whether two handles point at the same object.
    #[inline]
    pub fn ptr_eq(a: Gc<T>, b: Gc<T>) -> bool {
        a.ptr == b.ptr
    }

    /// The address of the value.
    #[inline]
    pub fn as_ptr(this: Gc<T>) -> *const T {
        this.ptr.as_ptr()
    }

    /// Rebuilds a handle from `as_ptr` (used by compiled code and erased interpreter values).
    ///
    /// # Safety
    /// `ptr` must come from `Gc::<T>::as_ptr` of an object that is still valid under the safepoint
    /// contract.
    #[inline]
    pub unsafe fn from_ptr(ptr: *const T) -> Gc<T> {
        // SAFETY: the caller passes a pointer obtained from a live Gc, which is never null.
        Gc {
            ptr: unsafe { NonNull::new_unchecked(ptr as *mut T) },
        }
    }

    /// The write barrier: call it after storing a `Gc` into this object (through a `Cell`,
    /// `RefCell` or any other interior mutability). Missing it lets a zone-local collection free an
    /// object that is still referenced; the verifier reports such a store.
    #[inline]
    pub fn write_barrier(this: Gc<T>) {
        // SAFETY: `this` is a valid handle, so its header and page header are readable and its
        // card bit is inside the page's card bitfield.
        unsafe { card_table::remember(this.ptr.as_ptr().cast::<u8>()) }
    }

    /// The header of this object.
    #[inline]
    pub(crate) fn header(this: Gc<T>) -> NonNull<Header> {
        // SAFETY: every value is preceded by its header in the same allocation.
        unsafe {
            NonNull::new_unchecked(
                this.ptr
                    .as_ptr()
                    .cast::<u8>()
                    .sub(crate::page::HEADER_SIZE)
                    .cast(),
            )
        }
    }
}

impl<T> Clone for Gc<T> {
    fn clone(&self) -> Gc<T> {
        *self
    }
}

impl<T> Copy for Gc<T> {}

impl<T> Deref for Gc<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: under the safepoint contract the object is alive and initialised; the heap never
        // hands out `&mut` to it, so shared access is sound.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T> fmt::Debug for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The value is not printed: object graphs have cycles.
        write!(f, "Gc({:p})", self.ptr)
    }
}

impl<T> fmt::Pointer for Gc<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Pointer::fmt(&self.ptr, f)
    }
}

// SAFETY: tracing a Gc reports exactly its one edge.
unsafe impl<T> Trace for Gc<T> {
    #[inline]
    fn trace(&self, tracer: &mut Tracer) {
        tracer.edge(*self);
    }
}
