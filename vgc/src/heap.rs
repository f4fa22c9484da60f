//! The `Heap`: allocation into zones, with bump runs over the checkpoint bitfields.
//!
//! Allocation picks the zone from the allocation site, the size class from the value's size (at
//! compile time), and bumps a cursor through a *run*: a stretch of consecutive free cells of one
//! page, found with word-wide bit operations on the checkpoint states. The cursor and limit of each
//! (zone, class) live in `JitHooks`, so compiled code bumps the same runs. Cells handed out from a
//! run are not marked in the bitfield one by one; the run is *committed* (its used prefix set to
//! active, word-wide, counting how many cells were reused) when it is replaced and at every
//! safepoint, before anything reads states. Allocation never collects: when a zone has taken more
//! than its trigger since it was last collected, the heap sets the "collection requested" flag and
//! the interpreter collects at its next safepoint.
//!
//! What the heap does not do: move objects, collect inside `alloc`, or share anything across threads.

use std::cell::Cell;
use std::collections::HashSet;
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::alloc_site::{AllocSite, SiteInfo, SiteTable};
use crate::card_table;
use crate::checkpoint_bits::{State, allocated_cells, commit_word, free_cells};
use crate::config::Config;
use crate::gc::{Gc, Header, vtable_of};
use crate::jit::{BumpRegion, JitHooks};
use crate::metrics::Stats;
use crate::page::{
    FIRST_SLOT, HEADER_SIZE, MAY_DROP_OFFSET, NUM_CLASSES, PAGE_MASK, Page, PageStore, SLOT_SHIFT,
    SLOT_SIZE, cell_bytes, cell_masks, cell_slots, cells_end, size_class,
};
use crate::roots::{RootId, RootTable};
use crate::trace::{Trace, Tracer};
use crate::weak::{Weak, WeakCell};
use crate::zone::{Collection, Zone};

/// Allocation state of one (zone, size class): the page being bumped through and the others that
/// have free cells. The cursor and limit are in `JitHooks::bump`.
pub(crate) struct ClassAlloc {
    /// The page of the current run.
    pub page: Option<u32>,
    /// Start of the part of the current run not yet committed.
    pub run_start: *mut u8,
    /// Slot where the search for the next run in `page` continues.
    pub scan: usize,
    /// Other pages of this zone and class that may have free cells.
    pub avail: Vec<u32>,
}

impl Default for ClassAlloc {
    fn default() -> ClassAlloc {
        ClassAlloc {
            page: None,
            run_start: std::ptr::null_mut(),
            scan: FIRST_SLOT,
            avail: Vec::new(),
        }
    }
}

/// Everything a heap owns. Boxed once and reached through a raw pointer, so that the addresses in
/// `JitHooks` stay put and compiled code may write through them.
#[repr(C)]
pub(crate) struct HeapInner {
    /// First field: the JIT's view. Its address is the `*const JitHooks` handed out.
    pub hooks: JitHooks,
    pub config: Config,
    pub store: PageStore,
    pub allocs: [[ClassAlloc; NUM_CLASSES]; 3],
    /// Small page ids per zone.
    pub small: [Vec<u32>; 3],
    /// Large page ids per zone.
    pub large: [Vec<u32>; 3],
    pub sites: SiteTable,
    /// Headers of all weak-reference cells whose target is still set.
    pub weak: Vec<NonNull<Header>>,
    pub roots: RootTable,
    pub stats: Stats,
    /// Bytes allocated into each zone since it was last collected, and the trigger.
    pub since: [usize; 3],
    pub trigger: [usize; 3],
    /// The largest collection requested since the last one.
    pub requested: Option<Collection>,
    /// Counts stress-mode collections to rotate their kinds.
    pub stress_tick: u64,
    /// In verify mode: every vtable ever used, so the verifier can check headers before trusting them.
    pub vtables: HashSet<usize>,
    /// The mark stack, kept between collections to reuse its allocation.
    pub mark_stack: Vec<NonNull<Header>>,
    /// Set from the start of marking to the end of the sweep; still set at the next collection
    /// only if a collection unwound.
    pub collecting: bool,
}

/// A VGC heap: one per interpreter (or executor partition).
///
/// `Send` so that a worker can be created on one thread and run on another, but not `Sync`: all use
/// is from one thread at a time, and `Gc` handles into it never cross threads.
pub struct Heap {
    inner: NonNull<HeapInner>,
    _not_sync: PhantomData<Cell<()>>,
}

// SAFETY: the heap owns all its memory and no handle into it is `Send`; moving the heap to another
// thread moves exclusive access with it. Objects in it are only reachable through `Gc` handles,
// which stay on the thread that uses the heap (the safepoint contract covers handles left behind).
unsafe impl Send for Heap {}

impl Heap {
    /// A new, empty heap. The environment switches `VGC_STRESS=1`, `VGC_VERIFY=1` and
    /// `METATRACE_LOG=gc` are ORed into `config` here, once.
    pub fn new(config: Config) -> Heap {
        let config = config.with_env();
        let trigger = [config.red_budget, config.blue_budget, config.green_budget];
        let inner = Box::new(HeapInner {
            hooks: JitHooks::new(),
            store: PageStore::new(config.verify),
            config,
            allocs: Default::default(),
            small: Default::default(),
            large: Default::default(),
            sites: SiteTable::new(),
            weak: Vec::new(),
            roots: RootTable::default(),
            stats: Stats::default(),
            since: [0; 3],
            trigger,
            requested: None,
            stress_tick: 0,
            vtables: HashSet::new(),
            mark_stack: Vec::new(),
            collecting: false,
        });
        let inner = NonNull::from(Box::leak(inner));
        // SAFETY: `inner` was just leaked from a Box and is not aliased yet.
        unsafe { (*inner.as_ptr()).hooks.heap = inner.as_ptr().cast() };
        Heap {
            inner,
            _not_sync: PhantomData,
        }
    }

    #[inline]
    pub(crate) fn inner(&self) -> &HeapInner {
        // SAFETY: `inner` is valid for the heap's life; `&self` excludes `&mut` access through it.
        unsafe { self.inner.as_ref() }
    }

    #[inline]
    pub(crate) fn inner_mut(&mut self) -> &mut HeapInner {
        // SAFETY: `inner` is valid for the heap's life; `&mut self` makes this the only access.
        unsafe { self.inner.as_mut() }
    }

    /// The raw heap, for the extern "C" entry points.
    pub(crate) fn inner_ptr(&self) -> NonNull<HeapInner> {
        self.inner
    }

    /// Allocates `value` in the zone chosen by `site`'s profile. Never collects; may request a
    /// collection (see `Heap::collection_requested`).
    #[inline]
    pub fn alloc<T: Trace + 'static>(&mut self, site: AllocSite, value: T) -> Gc<T> {
        const {
            assert!(
                std::mem::align_of::<T>() <= SLOT_SIZE,
                "vgc: values aligned above 16 bytes are not supported"
            )
        };
        let inner = self.inner_mut();
        let (site_index, zone) = inner.sites.resolve_for_alloc(site);
        let header = match const { size_class(std::mem::size_of::<T>()) } {
            Some(class) => match inner.bump(zone, class) {
                Some(cell) => cell,
                None => inner.refill(zone, class),
            },
            None => inner.alloc_large(zone, HEADER_SIZE + std::mem::size_of::<T>()),
        };
        let vtable = vtable_of::<T>();
        if inner.config.verify {
            inner.vtables.insert(vtable as *const _ as usize);
        }
        // SAFETY: `header` is a free cell (or large page slot) of at least HEADER_SIZE + size_of T
        // bytes, 16-aligned, owned by this heap and not yet visible to anything else.
        unsafe {
            header.as_ptr().cast::<Header>().write(Header {
                vtable,
                site: site_index,
                flags: 0,
            });
            let value_ptr = header.as_ptr().add(HEADER_SIZE).cast::<T>();
            value_ptr.write(value);
            if std::mem::needs_drop::<T>() {
                *(((header.as_ptr() as usize) & PAGE_MASK) as *mut u8).add(MAY_DROP_OFFSET) = 1;
            }
            if T::NEEDS_TRACE && zone != Zone::Red {
                // An object pretenured into Blue or Green may be born pointing into a zone collected
                // more often: the initialising stores had no barrier, so check its edges once.
                let mut check = Tracer::for_lower_check(zone);
                (*value_ptr).trace(&mut check);
                if check.has_lower() {
                    card_table::remember(value_ptr.cast());
                }
            }
            Gc::from_ptr(value_ptr)
        }
    }

    /// A weak reference to `target`: it does not keep the target alive, and `Weak::upgrade`
    /// returns `None` once a collection has found the target dead. The weak cell itself is a heap
    /// object (site `AllocSite::WEAK`) and must be reachable like any other.
    pub fn downgrade<T: Trace + 'static>(&mut self, target: Gc<T>) -> Weak<T> {
        let cell = self.alloc(AllocSite::WEAK, WeakCell::new(target));
        self.inner_mut().weak.push(Gc::header(cell));
        Weak::from_cell(cell)
    }

    /// The write barrier (same as `Gc::write_barrier`).
    #[inline]
    pub fn write_barrier<T>(&self, obj: Gc<T>) {
        Gc::write_barrier(obj);
    }

    /// Whether an allocation asked for a collection; the next `safepoint` will do it.
    #[inline]
    pub fn collection_requested(&self) -> bool {
        self.inner().hooks.collect_requested.get() != 0
    }

    /// The zone an object lives in.
    pub fn zone_of<T>(&self, obj: Gc<T>) -> Zone {
        let base = Gc::as_ptr(obj) as usize & PAGE_MASK;
        // SAFETY: a valid handle's page header is readable and holds a valid zone byte.
        let byte = unsafe { *((base + crate::page::ZONE_OFFSET) as *const u8) };
        Zone::from_u8(byte).expect("vgc: corrupt page header")
    }

    /// Registers a persistent root.
    pub fn add_root<T>(&mut self, obj: Gc<T>) -> RootId {
        self.inner_mut().roots.add(Gc::as_ptr(obj).cast())
    }

    /// Unregisters a persistent root. Returns false if it was not registered.
    pub fn remove_root(&mut self, id: RootId) -> bool {
        self.inner_mut().roots.remove(id)
    }

    /// Sends every future allocation of `site` to `zone`, whatever its survival profile.
    pub fn pin_site(&mut self, site: AllocSite, zone: Zone) {
        self.inner_mut().sites.pin(site, zone);
    }

    /// The profile of `site`, if it has been used.
    pub fn site_info(&self, site: AllocSite) -> Option<SiteInfo> {
        self.inner().sites.info(site)
    }

    /// The configuration in force (with the environment switches applied).
    pub fn config(&self) -> &Config {
        &self.inner().config
    }

    /// The counters, exact: open allocation runs are committed first.
    pub fn stats(&mut self) -> &Stats {
        let inner = self.inner_mut();
        inner.commit_all();
        inner.refresh_memory_stats();
        &inner.stats
    }
}

impl HeapInner {
    /// The bump fast path: a cell from the current run, if it has room.
    #[inline]
    pub(crate) fn bump(&self, zone: Zone, class: usize) -> Option<NonNull<u8>> {
        let region = &self.hooks.bump[zone.index()][class];
        let cursor = region.cursor.get();
        let size = cell_bytes(class);
        if (region.limit.get() as usize) - (cursor as usize) >= size {
            // SAFETY: the run [cursor, limit) lies in one page, so cursor + size stays inside it.
            region.cursor.set(unsafe { cursor.add(size) });
            // SAFETY: a run with room has a non-null cursor.
            Some(unsafe { NonNull::new_unchecked(cursor) })
        } else {
            None
        }
    }

    /// The slow path: commits the current run, finds the next one and returns its first cell.
    #[cold]
    #[inline(never)]
    pub(crate) fn refill(&mut self, zone: Zone, class: usize) -> NonNull<u8> {
        self.commit(zone, class);
        let (z, size) = (zone.index(), cell_bytes(class));
        loop {
            if let Some(id) = self.allocs[z][class].page {
                let page = self.store.page(id);
                if let Some((start, end)) = find_run(page, class, self.allocs[z][class].scan) {
                    let base = page.base.as_ptr();
                    // SAFETY: start and end are slots of this page.
                    let (start, limit) =
                        unsafe { (base.add(start * SLOT_SIZE), base.add(end * SLOT_SIZE)) };
                    let alloc = &mut self.allocs[z][class];
                    alloc.run_start = start;
                    alloc.scan = end;
                    let region = &self.hooks.bump[z][class];
                    // SAFETY: the run holds at least one cell.
                    region.cursor.set(unsafe { start.add(size) });
                    region.limit.set(limit);
                    // SAFETY: `start` is inside a page, hence non-null.
                    return unsafe { NonNull::new_unchecked(start) };
                }
                self.allocs[z][class].page = None;
            }
            let id = match self.allocs[z][class].avail.pop() {
                Some(id) => id,
                None => {
                    let id = self.store.acquire_small(zone, class);
                    self.small[z].push(id);
                    self.count_page(zone, 1);
                    id
                }
            };
            self.allocs[z][class].page = Some(id);
            self.allocs[z][class].scan = FIRST_SLOT;
        }
    }

    /// Marks the used, uncommitted prefix of the current run active, word-wide, and counts it.
    pub(crate) fn commit(&mut self, zone: Zone, class: usize) {
        let z = zone.index();
        let cursor = self.hooks.bump[z][class].cursor.get();
        let alloc = &mut self.allocs[z][class];
        let Some(id) = alloc.page else { return };
        let start = alloc.run_start;
        if cursor == start {
            return;
        }
        alloc.run_start = cursor;
        let page = self.store.page_mut(id);
        let base = page.base.as_ptr() as usize;
        let first = (start as usize - base) >> SLOT_SHIFT;
        let end = (cursor as usize - base) >> SLOT_SHIFT;
        let cells = (end - first) / cell_slots(class);
        let masks = &cell_masks()[class];
        let mut reused = 0u64;
        let (first_word, last_word) = (first / 64, (end - 1) / 64);
        for (w, mask) in masks
            .iter()
            .enumerate()
            .take(last_word + 1)
            .skip(first_word)
        {
            let lo = if w == first_word { first % 64 } else { 0 };
            let hi = if w == last_word {
                (end - 1) % 64 + 1
            } else {
                64
            };
            let range = bit_range(lo, hi) & mask;
            let (planes, n) = commit_word(page.bits.word(w), range);
            page.bits.set_word(w, planes);
            reused += n as u64;
        }
        page.live += cells as u32;
        let bytes = (cells * cell_bytes(class)) as u64;
        let stats = &mut self.stats.zones[z];
        stats.allocations += cells as u64;
        stats.bytes += bytes;
        stats.reused_cells += reused;
        stats.fresh_cells += cells as u64 - reused;
        stats.live_objects += cells as u64;
        stats.live_bytes += bytes;
        self.account(zone, bytes as usize);
    }

    /// Commits every open run.
    pub(crate) fn commit_all(&mut self) {
        for zone in Zone::ALL {
            for class in 0..NUM_CLASSES {
                self.commit(zone, class);
            }
        }
    }

    /// Commits and closes every run (before a collection): their pages go back to `avail`.
    pub(crate) fn close_runs(&mut self) {
        self.commit_all();
        for zone in Zone::ALL {
            for class in 0..NUM_CLASSES {
                let alloc = &mut self.allocs[zone.index()][class];
                if let Some(id) = alloc.page.take() {
                    alloc.avail.push(id);
                }
                alloc.run_start = std::ptr::null_mut();
                alloc.scan = FIRST_SLOT;
                let region: &BumpRegion = &self.hooks.bump[zone.index()][class];
                region.cursor.set(std::ptr::null_mut());
                region.limit.set(std::ptr::null_mut());
            }
        }
    }

    /// Allocates a page for one large object; returns its header address.
    #[cold]
    pub(crate) fn alloc_large(&mut self, zone: Zone, cell: usize) -> NonNull<u8> {
        let (id, header) = self.store.acquire_large(zone, cell);
        self.large[zone.index()].push(id);
        self.count_page(zone, 1);
        let bytes = self.store.page(id).cell_bytes() as u64;
        let stats = &mut self.stats.zones[zone.index()];
        stats.allocations += 1;
        stats.bytes += bytes;
        stats.fresh_cells += 1;
        stats.large_objects += 1;
        stats.live_objects += 1;
        stats.live_bytes += bytes;
        self.account(zone, bytes as usize);
        header
    }

    pub(crate) fn count_page(&mut self, zone: Zone, delta: i64) {
        let stats = &mut self.stats.zones[zone.index()];
        stats.pages = stats.pages.saturating_add_signed(delta);
        stats.peak_pages = stats.peak_pages.max(stats.pages);
    }

    /// Adds allocated bytes to a zone and requests a collection when it passes its trigger.
    fn account(&mut self, zone: Zone, bytes: usize) {
        let z = zone.index();
        self.since[z] += bytes;
        if self.since[z] >= self.trigger[z] {
            self.request(Collection::of(zone));
        }
    }

    /// Requests a collection of at least `kind` at the next safepoint.
    pub(crate) fn request(&mut self, kind: Collection) {
        self.requested = Some(self.requested.map_or(kind, |r| r.max(kind)));
        self.hooks.collect_requested.set(1);
    }

    pub(crate) fn refresh_memory_stats(&mut self) {
        self.stats.heap_bytes = self.store.bytes_in_use as u64;
        self.stats.peak_heap_bytes = self.store.peak_bytes_in_use as u64;
        self.stats.reserved_bytes = self.store.bytes_reserved as u64;
        self.stats.peak_reserved_bytes = self.store.peak_bytes_reserved as u64;
    }

    /// Allocation from compiled code's slow path: a cell for a value described by `vtable`.
    pub(crate) fn alloc_erased(
        &mut self,
        site_index: u32,
        zone: Zone,
        vtable: &'static crate::gc::VTable,
    ) -> NonNull<u8> {
        let header = match size_class(vtable.size) {
            Some(class) => match self.bump(zone, class) {
                Some(cell) => cell,
                None => self.refill(zone, class),
            },
            None => self.alloc_large(zone, HEADER_SIZE + vtable.size),
        };
        self.sites.note_alloc(site_index, zone);
        if self.config.verify {
            self.vtables.insert(vtable as *const _ as usize);
        }
        // SAFETY: as in `Heap::alloc`; the value is left for the caller to initialise before the
        // next safepoint.
        unsafe {
            header.as_ptr().cast::<Header>().write(Header {
                vtable,
                site: site_index,
                flags: 0,
            });
            if vtable.needs_drop() {
                *(((header.as_ptr() as usize) & PAGE_MASK) as *mut u8).add(MAY_DROP_OFFSET) = 1;
            }
            NonNull::new_unchecked(header.as_ptr().add(HEADER_SIZE))
        }
    }
}

/// Bits `lo .. hi` of a word.
#[inline]
fn bit_range(lo: usize, hi: usize) -> u64 {
    let upper = if hi == 64 { !0 } else { (1u64 << hi) - 1 };
    upper & (!0u64 << lo)
}

/// The next run of free cells of `class` in `page` at or after slot `from`: `(first slot, slot
/// after the run)`. Word-wide: free cells are `free_cells & cell mask`, and the run ends at the next
/// allocated cell.
pub(crate) fn find_run(page: &Page, class: usize, from: usize) -> Option<(usize, usize)> {
    let masks = &cell_masks()[class];
    let end = cells_end(class);
    if from >= end {
        return None;
    }
    let mut start = None;
    for (w, mask) in masks.iter().enumerate().skip(from / 64) {
        let mut free = free_cells(page.bits.word(w)) & mask;
        if w == from / 64 {
            free &= !0u64 << (from % 64);
        }
        if free != 0 {
            start = Some(w * 64 + free.trailing_zeros() as usize);
            break;
        }
    }
    let start = start?;
    for (w, mask) in masks.iter().enumerate().skip(start / 64) {
        let mut used = allocated_cells(page.bits.word(w)) & mask;
        if w == start / 64 {
            used &= !0u64 << (start % 64);
        }
        if used != 0 {
            return Some((start, w * 64 + used.trailing_zeros() as usize));
        }
    }
    Some((start, end))
}

impl Drop for Heap {
    fn drop(&mut self) {
        let inner = self.inner_mut();
        inner.commit_all();
        // Every object still allocated gets its drop glue exactly once; the memory goes with the
        // page store.
        for id in inner.store.ids() {
            let page = inner.store.page_mut(id);
            if !page.may_drop() {
                continue;
            }
            for w in 0..page.bits.words() {
                let mut live = allocated_cells(page.bits.word(w)) & page.cells(w);
                while live != 0 {
                    let slot = w * 64 + live.trailing_zeros() as usize;
                    live &= live - 1;
                    page.bits.set(slot, State::Expired);
                    let header = page.slot_addr(slot).cast::<Header>();
                    // SAFETY: the slot holds an initialised object that nothing will use again (the
                    // heap is going away); its state is set to expired first so that a panicking
                    // drop cannot lead to a second drop.
                    unsafe {
                        let vtable = &*(*header).vtable;
                        if vtable.needs_drop() {
                            (vtable.drop_in_place)(header.cast::<u8>().add(HEADER_SIZE));
                        }
                    }
                }
            }
        }
        // SAFETY: `inner` was leaked from a Box in `Heap::new` and is dropped exactly once, here.
        unsafe { drop(Box::from_raw(self.inner.as_ptr())) };
    }
}

#[cfg(test)]
mod tests;
