//! What compiled code needs from the heap: a stable `#[repr(C)]` layout and `extern "C"` slow paths.
//!
//! A JIT backend reads `Heap::jit_hooks()` once and bakes addresses and constants into the code:
//!
//! * **Collection request.** `JitHooks::collect_requested` is one byte, non-zero when an allocation
//!   asked for a collection. A compiled loop loads it at its header and exits to the interpreter
//!   (which then reaches a safepoint) when it is set.
//! * **Inline allocation** of a value of `size` bytes at site `site`: at compile time call
//!   `Heap::jit_site(site)` for the zone, the dense site index and the site's counter, and
//!   `size_class(size)` for the class (`None` means "call the slow path"). Then, with
//!   `r = &hooks.bump[zone][class]` and `n = cell_bytes(class)`:
//!   ```text
//!   p = r.cursor; if r.limit - p < n { p = vgc_alloc_slow(hooks, site_index, vtable, zone) - 16 }
//!   else { r.cursor = p + n; *site_counter += 1 }
//!   *(p as *mut *const VTable) = vtable; *(p + 8) as u32 = site_index; *(p + 12) as u32 = 0
//!   if vtable has drop glue: *((p & page_mask) + may_drop_offset) as u8 = 1
//!   value = p + header_size      // initialise every field before the next safepoint
//!   ```
//!   (the slow path writes the header, counts the site and sets the drop flag itself). If the
//!   zone is not Red, set the new object's card (the barrier below) at allocation; the slow path
//!   does. An object allocated this way then needs no barrier until the next safepoint, which is
//!   what lets metatrace's optimiser drop barriers on objects a trace allocated (the allocator
//!   contract of `metatrace::gc::GcLayout`); the first collection that traces the object cleans
//!   its card precisely.
//! * **Write barrier** after storing a reference into the object at value address `v`:
//!   ```text
//!   h = v - header_size; base = h & page_mask; slot = (h - base) >> slot_shift
//!   *(base + card_offset + (slot >> 3)) as u8 |= 1 << (slot & 7)
//!   **((base + summary_ptr_offset) as *mut *mut u8) = 1
//!   ```
//!   or a call to `barrier::vgc_write_barrier(v)`. The constants are also exported as `const`s
//!   (`PAGE_MASK`, `CARD_OFFSET`, `SUMMARY_PTR_OFFSET`, `SLOT_SHIFT`, `crate::HEADER_SIZE`) for a
//!   language that builds its JIT's barrier layout in a `static`; metatrace's `gc_wb` op is this
//!   sequence.
//!
//! The addresses stay valid for the heap's life. A trace compiled with a site's zone keeps
//! allocating into that zone after the site's profile moves it; that is allowed (objects never have
//! to be in their site's current zone), it only delays the effect of pretenuring until recompilation.

use std::cell::Cell;
use std::ffi::c_void;

use crate::alloc_site::AllocSite;
use crate::gc::VTable;
use crate::heap::{Heap, HeapInner};
pub use crate::page::{CARD_OFFSET, PAGE_MASK, SLOT_SHIFT, SUMMARY_PTR_OFFSET};
use crate::page::{HEADER_SIZE, MAY_DROP_OFFSET, NUM_CLASSES};
use crate::trace::Trace;
use crate::zone::Zone;

/// One bump-allocation run: allocate `n` bytes at `cursor` if `limit - cursor >= n`.
/// Both are null when no run is open.
#[repr(C)]
pub struct BumpRegion {
    pub cursor: Cell<*mut u8>,
    pub limit: Cell<*mut u8>,
}

/// The heap's state and layout constants as compiled code sees them. Field order and types are
/// stable; offsets can be taken with `std::mem::offset_of!`.
#[repr(C)]
pub struct JitHooks {
    /// Non-zero when a collection is requested: compiled loops exit to a safepoint.
    pub collect_requested: Cell<u8>,
    /// The heap, to pass to `vgc_alloc_slow`.
    pub heap: *mut c_void,
    /// `address & page_mask` is the page base of an object's header.
    pub page_mask: usize,
    /// Offset of the card bitfield from the page base.
    pub card_offset: usize,
    /// Offset, in the page header, of the pointer to the page's summary byte.
    pub summary_ptr_offset: usize,
    /// Offset, in the page header, of the "may hold objects with drop glue" byte.
    pub may_drop_offset: usize,
    /// `(header - page base) >> slot_shift` is the object's slot (and card bit) index.
    pub slot_shift: u32,
    /// Bytes of the object header; values start this far after their header.
    pub header_size: u32,
    /// Bump runs by zone and size class.
    pub bump: [[BumpRegion; NUM_CLASSES]; 3],
}

impl JitHooks {
    pub(crate) fn new() -> JitHooks {
        JitHooks {
            collect_requested: Cell::new(0),
            heap: std::ptr::null_mut(),
            page_mask: PAGE_MASK,
            card_offset: CARD_OFFSET,
            summary_ptr_offset: SUMMARY_PTR_OFFSET,
            may_drop_offset: MAY_DROP_OFFSET,
            slot_shift: SLOT_SHIFT,
            header_size: HEADER_SIZE as u32,
            bump: std::array::from_fn(|_| {
                std::array::from_fn(|_| BumpRegion {
                    cursor: Cell::new(std::ptr::null_mut()),
                    limit: Cell::new(std::ptr::null_mut()),
                })
            }),
        }
    }
}

/// What compiled code needs to allocate inline at one site.
#[derive(Clone, Copy, Debug)]
pub struct JitSite {
    /// The dense index to store in headers and pass to `vgc_alloc_slow`.
    pub index: u32,
    /// The zone the site allocates into now.
    pub zone: Zone,
    /// The site's allocation counter for that zone (a `u32`, incremented by one per allocation).
    pub counter: *const Cell<u32>,
}

impl Heap {
    /// The JIT's view of this heap; valid as long as the heap lives.
    pub fn jit_hooks(&self) -> *const JitHooks {
        // SAFETY: `hooks` is the first field of the heap's boxed state, which never moves.
        unsafe { &raw const (*self.inner_ptr().as_ptr()).hooks }
    }

    /// Resolves `site` for compiled code (creating its profile if needed).
    pub fn jit_site(&mut self, site: AllocSite) -> JitSite {
        let inner = self.inner_mut();
        let (index, zone) = inner.sites.resolve(site);
        inner.sites.make_sticky(index);
        let counter: *const Cell<u32> = &inner.sites.profiles[index as usize].pending[zone.index()];
        JitSite {
            index,
            zone,
            counter,
        }
    }
}

/// The static vtable of `T`, for compiled code that writes headers itself.
pub fn vtable_of<T: Trace>() -> *const VTable {
    crate::gc::vtable_of::<T>()
}

/// The allocation slow path for compiled code: returns the value address of a new object of the
/// type described by `vtable`, with its header written, its card set if `zone` is not Red, and its
/// value uninitialised. Never collects. Returns null if `zone` is not a zone byte.
///
/// # Safety
/// `heap` must be `JitHooks::heap` of a live heap used by the calling thread, `vtable` must come
/// from `vtable_of`, `site_index` from `Heap::jit_site` on that heap, and the caller must
/// initialise the value before the next safepoint.
pub unsafe extern "C" fn vgc_alloc_slow(
    heap: *mut c_void,
    site_index: u32,
    vtable: *const VTable,
    zone: u8,
) -> *mut u8 {
    let Some(zone) = Zone::from_u8(zone) else {
        return std::ptr::null_mut();
    };
    // SAFETY: guaranteed by the caller; compiled code runs while no Rust reference to the heap is
    // in use on this thread.
    unsafe {
        let inner = &mut *heap.cast::<HeapInner>();
        let value = inner.alloc_erased(site_index, zone, &*vtable).as_ptr();
        // Compiled code may skip barriers on this object until the next safepoint.
        if zone != Zone::Red {
            crate::card_table::remember(value);
        }
        value
    }
}
