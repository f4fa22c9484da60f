//! VGC, the zone-based garbage collector: a precise, non-moving, tracing collector with three zones.
//!
//! VGC follows the Virtual Garbage Collector paper's vocabulary and maps each of its ideas onto a
//! proven technique (see `README.md` for the full mapping and where we differ):
//!
//! * **Zones R/G/B** (`zone`) are separate non-moving heaps of size-segregated pages (`page`) plus a
//!   large-object space. The zone of an object is chosen at allocation from its allocation site's
//!   survival profile (`alloc_site`, pretenuring); objects never move.
//! * **3-bit checkpoint states** (`checkpoint_bits`) live in `bitvec` side bitfields, one per
//!   16-byte slot, indexed by `(address - page base) >> 4`; sweeping and free-cell search are
//!   word-wide bit operations.
//! * **Zone-local collection**: Red alone, Blue with Red, or everything, with a card-table
//!   remembered set (`card_table`) kept by a write barrier (`barrier`).
//! * **Safepoints only** (`safepoint`): allocation never collects, it only requests.
//!
//! # Using it
//!
//! ```
//! use std::cell::RefCell;
//! use vgc::{AllocSite, Config, Gc, Heap, Trace};
//!
//! #[derive(Trace)]
//! struct Node {
//!     value: i64,
//!     next: RefCell<Option<Gc<Node>>>,
//! }
//!
//! let mut heap = Heap::new(Config::default());
//! let site = AllocSite::of(1, 0);
//! let a = heap.alloc(site, Node { value: 1, next: RefCell::new(None) });
//! let b = heap.alloc(site, Node { value: 2, next: RefCell::new(None) });
//! *a.next.borrow_mut() = Some(b);
//! Gc::write_barrier(a); // after every store of a Gc into a heap object
//! // SAFETY: `a` is the only handle used afterwards, and it is a root; `b` is reachable from it.
//! unsafe { heap.collect(vgc::Collection::Full, &|tracer| tracer.edge(a)) };
//! assert_eq!(a.next.borrow().unwrap().value, 2);
//! ```
//!
//! # The safepoint contract
//!
//! `Gc<T>` is a `Copy` pointer that dereferences to `&T`. That is sound because collection happens
//! only inside `Heap::safepoint` / `Heap::collect`, which are `unsafe`: their caller promises that
//! every handle used afterwards is reachable from the roots passed in (or registered with
//! `Heap::add_root`). A handle that was not reachable at a collection dangles after it, and so does
//! every handle once its heap is dropped. Interior mutability is the type's own (`Cell`,
//! `RefCell`), followed by `Gc::write_barrier` on the object stored into. `Drop` impls of traced
//! types must not dereference their `Gc` fields (`#[derive(Trace)]` rejects `Drop` impls unless
//! the type says `#[trace(unsafe_drop)]`). A `Gc` of one heap must never be stored in an object of
//! another heap: values cross heaps (executor partitions) by copying.
//!
//! # Debugging
//!
//! `VGC_VERIFY=1` (or `Config::verify`) poisons free cells and runs the heap verifier around every
//! collection; `VGC_STRESS=1` (or `Config::stress`) collects at every safepoint; `METATRACE_LOG=gc`
//! logs every collection to stderr. `Heap::stats` has per-zone counters and pause percentiles,
//! and its `Display` prints them as a table.

extern crate self as vgc;

mod alloc_site;
mod barrier;
mod card_table;
mod checkpoint_bits;
mod config;
mod gc;
mod heap;
pub mod jit;
mod mark;
mod metrics;
mod page;
mod roots;
mod safepoint;
mod sweep;
mod trace;
mod verify;
mod weak;
mod zone;

pub use alloc_site::{AllocSite, SiteInfo, SiteMove};
pub use barrier::{vgc_write_barrier, write_barrier};
pub use checkpoint_bits::State;
pub use config::Config;
pub use gc::{Gc, VTable};
pub use heap::Heap;
pub use metrics::{CollectionReport, PauseStats, Stats, ZoneStats};
pub use page::{HEADER_SIZE, MAX_SMALL_CELL, NUM_CLASSES, PAGE_SIZE, cell_bytes, size_class};
pub use roots::RootId;
pub use trace::{Trace, Tracer};
pub use verify::VerifyError;
pub use weak::Weak;
pub use zone::{Collection, Zone};

/// `#[derive(Trace)]`: traces every field unless marked `#[trace(skip)]`; rejects types with a
/// `Drop` impl unless marked `#[trace(unsafe_drop)]`.
pub use metatrace_macros::Trace;
