//! Pages: 64 KiB aligned blocks of same-size cells, plus single-object pages for large objects.
//!
//! A small page is carved into cells of one size class; a cell is one object: a 16-byte header
//! followed by the value. The page starts with an in-memory `PageHeader` (a pointer to the Rust-side
//! `Page` record, a pointer to the page's byte in the heap's page summary, the zone and a drop flag),
//! then the card bitfield (one bit per 16-byte slot), then the cells. Because pages are aligned to
//! their size, `address & PAGE_MASK` finds the page of any object in constant time, which is what
//! the write barrier and the marker need; the checkpoint states live beside, in the `Page` record.
//! A large object gets a page of its own with the same header layout, so one barrier sequence serves
//! both kinds. Small pages are obtained from the system sixteen at a time (an arena) and recycled
//! through a pool when they become empty; they are returned to the system only when the heap is
//! dropped. Large pages are returned as soon as their object dies.
//!
//! What this module does not do: choose zones, decide when to collect, or interpret states beyond
//! the cell layout. It only owns memory and layout.

use std::alloc::{self, Layout};
use std::cell::Cell;
use std::ptr::NonNull;

use crate::checkpoint_bits::{CheckpointBits, State};
use crate::zone::Zone;

/// Size and alignment of a page.
pub const PAGE_SIZE: usize = 1 << 16;
/// `address & PAGE_MASK` is the base of the page holding `address`.
pub const PAGE_MASK: usize = !(PAGE_SIZE - 1);
/// Bytes per checkpoint slot.
pub const SLOT_SIZE: usize = 16;
/// `offset >> SLOT_SHIFT` is the slot index of a page offset.
pub const SLOT_SHIFT: u32 = 4;
/// Slots in a small page.
pub const SLOTS_PER_PAGE: usize = PAGE_SIZE / SLOT_SIZE;
/// Bytes of the object header that precedes every value.
pub const HEADER_SIZE: usize = 16;
/// Offset of the card bitfield from the page base.
pub const CARD_OFFSET: usize = 64;
/// Bytes of card bits in a small page (one bit per slot).
pub(crate) const SMALL_CARD_BYTES: usize = SLOTS_PER_PAGE / 8;
/// Offset of the first cell of a small page.
pub(crate) const FIRST_CELL_OFFSET: usize = CARD_OFFSET + SMALL_CARD_BYTES;
/// Slot index of the first cell of a small page.
pub(crate) const FIRST_SLOT: usize = FIRST_CELL_OFFSET / SLOT_SIZE;
/// Offset of a large object's header from its page base.
pub(crate) const LARGE_OBJECT_OFFSET: usize = 128;
/// Slots described by a large page's checkpoint bits (only the object's header slot is used).
const LARGE_SLOTS: usize = 64;
/// Small pages obtained from the system at once.
const PAGES_PER_ARENA: usize = 16;
/// The byte written over free cells in verify mode.
pub(crate) const POISON: u8 = 0xdb;
/// The zone byte of a page in the pool (not in use): the marker treats an edge into it as dangling.
pub(crate) const POOLED_ZONE: u8 = 0xff;

/// Cell sizes in slots, header included. Objects whose cell would exceed the last class are large.
const CLASS_SLOTS: [u16; 32] = [
    1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160,
    192, 224, 256, 320, 384, 448, 512,
];
/// Number of small size classes.
pub const NUM_CLASSES: usize = CLASS_SLOTS.len();
/// The largest cell (header included) served from small pages.
pub const MAX_SMALL_CELL: usize = CLASS_SLOTS[NUM_CLASSES - 1] as usize * SLOT_SIZE;

/// The size class of an object whose value has `value_bytes` bytes, or `None` if it is large.
pub const fn size_class(value_bytes: usize) -> Option<usize> {
    let slots = (value_bytes + HEADER_SIZE).div_ceil(SLOT_SIZE);
    let mut class = 0;
    while class < NUM_CLASSES {
        if CLASS_SLOTS[class] as usize >= slots {
            return Some(class);
        }
        class += 1;
    }
    None
}

/// Bytes of one cell (header included) of `class`.
pub const fn cell_bytes(class: usize) -> usize {
    CLASS_SLOTS[class] as usize * SLOT_SIZE
}

/// Slots of one cell of `class`.
pub(crate) const fn cell_slots(class: usize) -> usize {
    CLASS_SLOTS[class] as usize
}

/// Number of cells of `class` in a small page.
pub(crate) const fn cells_per_page(class: usize) -> usize {
    (SLOTS_PER_PAGE - FIRST_SLOT) / cell_slots(class)
}

/// The slot just after the last cell of `class`.
pub(crate) const fn cells_end(class: usize) -> usize {
    FIRST_SLOT + cells_per_page(class) * cell_slots(class)
}

/// The cell-start masks of every class, one bit per slot, 64 words per class.
pub(crate) fn cell_masks() -> &'static [[u64; SLOTS_PER_PAGE / 64]; NUM_CLASSES] {
    static MASKS: std::sync::OnceLock<Box<[[u64; SLOTS_PER_PAGE / 64]; NUM_CLASSES]>> =
        std::sync::OnceLock::new();
    MASKS.get_or_init(|| {
        let mut masks = Box::new([[0u64; SLOTS_PER_PAGE / 64]; NUM_CLASSES]);
        for (class, mask) in masks.iter_mut().enumerate() {
            let mut slot = FIRST_SLOT;
            while slot < cells_end(class) {
                mask[slot / 64] |= 1 << (slot % 64);
                slot += cell_slots(class);
            }
        }
        masks
    })
}

/// The cell-start mask of a large page: only the object's header slot.
pub(crate) const LARGE_CELL_MASK: u64 = 1 << (LARGE_OBJECT_OFFSET / SLOT_SIZE);

/// The header at the start of every page, in page memory, read by the barrier and the marker.
#[repr(C)]
pub(crate) struct PageHeader {
    /// The Rust-side record of this page.
    pub page: *mut Page,
    /// This page's byte in the heap's page summary (set by the barrier when a card is set).
    pub summary: *const Cell<u8>,
    /// The page's zone as a byte (`Zone as u8`).
    pub zone: u8,
    /// Non-zero if some object ever allocated here has drop glue.
    pub may_drop: u8,
}

/// Offset of `PageHeader::summary`.
pub const SUMMARY_PTR_OFFSET: usize = 8;
/// Offset of `PageHeader::zone`.
pub const ZONE_OFFSET: usize = 16;
/// Offset of `PageHeader::may_drop`.
pub const MAY_DROP_OFFSET: usize = 17;

const _: () = assert!(std::mem::size_of::<PageHeader>() <= CARD_OFFSET);
const _: () = assert!(std::mem::offset_of!(PageHeader, summary) == SUMMARY_PTR_OFFSET);
const _: () = assert!(std::mem::offset_of!(PageHeader, zone) == ZONE_OFFSET);
const _: () = assert!(std::mem::offset_of!(PageHeader, may_drop) == MAY_DROP_OFFSET);
const _: () = assert!(LARGE_OBJECT_OFFSET >= CARD_OFFSET + LARGE_SLOTS / 8);

/// What a page holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageKind {
    /// Cells of one size class.
    Small { class: u8 },
    /// One large object; the layout is the page's allocation.
    Large { layout: Layout },
}

/// The Rust-side record of a page: its checkpoint states and counters.
pub(crate) struct Page {
    pub base: NonNull<u8>,
    pub id: u32,
    pub zone: Zone,
    pub kind: PageKind,
    pub bits: CheckpointBits,
    /// Objects in the page (committed cells), kept exact at every safepoint.
    pub live: u32,
}

impl Page {
    /// The cell-start mask for word `w` of this page.
    #[inline]
    pub(crate) fn cells(&self, w: usize) -> u64 {
        match self.kind {
            PageKind::Small { class } => cell_masks()[class as usize][w],
            PageKind::Large { .. } => {
                if w == 0 {
                    LARGE_CELL_MASK
                } else {
                    0
                }
            }
        }
    }

    /// The page header in page memory.
    #[inline]
    pub(crate) fn header(&self) -> *mut PageHeader {
        self.base.as_ptr().cast()
    }

    /// Pointer to card word `w` (slots `64 w .. 64 w + 63`).
    #[inline]
    pub(crate) fn card_word(&self, w: usize) -> *mut u64 {
        debug_assert!(w < self.bits.words());
        // SAFETY: the card bitfield lies inside the page allocation at CARD_OFFSET, 8-aligned, with
        // one bit per slot described by `bits`, so word `w` is in bounds.
        unsafe { self.base.as_ptr().add(CARD_OFFSET).cast::<u64>().add(w) }
    }

    /// The address of the cell starting at `slot`.
    #[inline]
    pub(crate) fn slot_addr(&self, slot: usize) -> *mut u8 {
        // SAFETY: callers pass slots of cells, which lie inside the page allocation.
        unsafe { self.base.as_ptr().add(slot * SLOT_SIZE) }
    }

    /// Bytes of one cell of this page.
    pub(crate) fn cell_bytes(&self) -> usize {
        match self.kind {
            PageKind::Small { class } => cell_bytes(class as usize),
            PageKind::Large { layout } => layout.size() - LARGE_OBJECT_OFFSET,
        }
    }

    /// Whether some object ever allocated in this page has drop glue.
    #[inline]
    pub(crate) fn may_drop(&self) -> bool {
        // SAFETY: the header is initialised when the page is set up and lives as long as the page.
        unsafe { (*self.header()).may_drop != 0 }
    }
}

/// The heap's page summary: one byte per page id, set by the write barrier when the page gets a
/// card. Stored in fixed chunks so that the byte addresses held in page headers never move.
pub(crate) struct Summary {
    chunks: Vec<Box<[Cell<u8>; SUMMARY_CHUNK]>>,
}

const SUMMARY_CHUNK: usize = 4096;

impl Summary {
    fn new() -> Summary {
        Summary { chunks: Vec::new() }
    }

    fn ensure(&mut self, id: u32) {
        while self.chunks.len() * SUMMARY_CHUNK <= id as usize {
            self.chunks
                .push(Box::new(std::array::from_fn(|_| Cell::new(0))));
        }
    }

    /// The summary byte of page `id`.
    pub(crate) fn byte(&self, id: u32) -> &Cell<u8> {
        &self.chunks[id as usize / SUMMARY_CHUNK][id as usize % SUMMARY_CHUNK]
    }

    /// Ids of pages whose summary byte is set, among ids below `limit`.
    pub(crate) fn dirty_ids(&self, limit: u32) -> Vec<u32> {
        let mut out = Vec::new();
        for (c, chunk) in self.chunks.iter().enumerate() {
            for (i, byte) in chunk.iter().enumerate() {
                let id = (c * SUMMARY_CHUNK + i) as u32;
                if id >= limit {
                    return out;
                }
                if byte.get() != 0 {
                    out.push(id);
                }
            }
        }
        out
    }
}

/// All pages of a heap and the memory behind them.
pub(crate) struct PageStore {
    arenas: Vec<(NonNull<u8>, Layout)>,
    /// Free small-page memory: base, and whether it held objects before.
    pool: Vec<(NonNull<u8>, bool)>,
    /// Page records by id, owned through raw pointers (from `Box::into_raw`) because the marker
    /// and the barrier reach them from page memory while the store is borrowed.
    pages: Vec<Option<NonNull<Page>>>,
    free_ids: Vec<u32>,
    pub summary: Summary,
    /// Write `POISON` over free cells.
    pub poison: bool,
    /// Bytes of pages in use (small pages and large allocations).
    pub bytes_in_use: usize,
    pub peak_bytes_in_use: usize,
    /// Bytes obtained from the system and not yet returned.
    pub bytes_reserved: usize,
    pub peak_bytes_reserved: usize,
}

impl PageStore {
    pub(crate) fn new(poison: bool) -> PageStore {
        PageStore {
            arenas: Vec::new(),
            pool: Vec::new(),
            pages: Vec::new(),
            free_ids: Vec::new(),
            summary: Summary::new(),
            poison,
            bytes_in_use: 0,
            peak_bytes_in_use: 0,
            bytes_reserved: 0,
            peak_bytes_reserved: 0,
        }
    }

    /// The page record for `id`.
    #[inline]
    pub(crate) fn page(&self, id: u32) -> &Page {
        // SAFETY: the pointer came from `Box::into_raw` and stays valid until the page is released;
        // the heap is single-threaded and callers do not hold the reference across a mutation.
        unsafe { self.page_ptr(id).as_ref() }
    }

    /// The page record for `id`, mutably.
    #[inline]
    pub(crate) fn page_mut(&mut self, id: u32) -> &mut Page {
        // SAFETY: as in `page`; `&mut self` excludes other references obtained through the store.
        unsafe { self.page_ptr(id).as_mut() }
    }

    /// The raw page record for `id`.
    #[inline]
    pub(crate) fn page_ptr(&self, id: u32) -> NonNull<Page> {
        self.pages[id as usize].expect("vgc: page id of a released page")
    }

    /// Removes the record of page `id` from the store and returns it.
    fn take(&mut self, id: u32) -> Box<Page> {
        let ptr = self.pages[id as usize]
            .take()
            .expect("vgc: releasing a released page");
        // SAFETY: the pointer came from `Box::into_raw` and is removed from the store, so this is
        // the only owner.
        unsafe { Box::from_raw(ptr.as_ptr()) }
    }

    /// One more than the largest page id ever handed out.
    pub(crate) fn id_limit(&self) -> u32 {
        self.pages.len() as u32
    }

    fn take_id(&mut self) -> u32 {
        match self.free_ids.pop() {
            Some(id) => id,
            None => {
                self.pages.push(None);
                (self.pages.len() - 1) as u32
            }
        }
    }

    fn grow_in_use(&mut self, bytes: usize) {
        self.bytes_in_use += bytes;
        self.peak_bytes_in_use = self.peak_bytes_in_use.max(self.bytes_in_use);
    }

    fn grow_reserved(&mut self, bytes: usize) {
        self.bytes_reserved += bytes;
        self.peak_bytes_reserved = self.peak_bytes_reserved.max(self.bytes_reserved);
    }

    /// Installs a page record and writes its in-memory header. Returns the page id.
    fn install(
        &mut self,
        base: NonNull<u8>,
        zone: Zone,
        kind: PageKind,
        bits: CheckpointBits,
        card_bytes: usize,
    ) -> u32 {
        let id = self.take_id();
        self.summary.ensure(id);
        self.summary.byte(id).set(0);
        let page = NonNull::from(Box::leak(Box::new(Page {
            base,
            id,
            zone,
            kind,
            bits,
            live: 0,
        })));
        let summary: *const Cell<u8> = self.summary.byte(id);
        let header = PageHeader {
            page: page.as_ptr(),
            summary,
            zone: zone as u8,
            may_drop: 0,
        };
        // SAFETY: `base` is the start of a page allocation of at least CARD_OFFSET + card_bytes
        // bytes, aligned to PAGE_SIZE, that no other page record uses; the header and the card
        // bits are written before any object can be allocated in it.
        unsafe {
            base.as_ptr().cast::<PageHeader>().write(header);
            std::ptr::write_bytes(base.as_ptr().add(CARD_OFFSET), 0, card_bytes);
        }
        self.pages[id as usize] = Some(page);
        id
    }

    /// Takes a small page for `zone` and `class`, from the pool or from a new arena.
    pub(crate) fn acquire_small(&mut self, zone: Zone, class: usize) -> u32 {
        if self.pool.is_empty() {
            self.new_arena();
        }
        let (base, reused) = self.pool.pop().expect("vgc: arena produced no pages");
        let mut bits = CheckpointBits::new(SLOTS_PER_PAGE, State::Idle);
        if reused {
            // The memory held objects before: its cells count as expired, so that allocations into
            // them are reported as reuse, not as fresh memory.
            for (w, mask) in cell_masks()[class].iter().enumerate() {
                bits.set_word(w, [*mask, *mask, *mask]);
            }
        }
        if self.poison {
            // SAFETY: the cell area of a pooled page is owned by the store and unused.
            unsafe {
                std::ptr::write_bytes(
                    base.as_ptr().add(FIRST_CELL_OFFSET),
                    POISON,
                    PAGE_SIZE - FIRST_CELL_OFFSET,
                )
            };
        }
        self.grow_in_use(PAGE_SIZE);
        self.install(
            base,
            zone,
            PageKind::Small { class: class as u8 },
            bits,
            SMALL_CARD_BYTES,
        )
    }

    fn new_arena(&mut self) {
        let layout = Layout::from_size_align(PAGE_SIZE * PAGES_PER_ARENA, PAGE_SIZE)
            .expect("vgc: arena layout");
        // SAFETY: the layout has a non-zero size.
        let raw = unsafe { alloc::alloc(layout) };
        let Some(arena) = NonNull::new(raw) else {
            alloc::handle_alloc_error(layout)
        };
        self.arenas.push((arena, layout));
        self.grow_reserved(layout.size());
        for i in (0..PAGES_PER_ARENA).rev() {
            // SAFETY: `i * PAGE_SIZE` is inside the arena allocation.
            let page = unsafe { NonNull::new_unchecked(arena.as_ptr().add(i * PAGE_SIZE)) };
            self.pool.push((page, false));
        }
    }

    /// Returns an empty small page to the pool.
    pub(crate) fn release_small(&mut self, id: u32) {
        let page = self.take(id);
        debug_assert!(matches!(page.kind, PageKind::Small { .. }));
        // SAFETY: the page memory stays owned by the store; nothing refers to its record any more.
        unsafe {
            let header = page.base.as_ptr().cast::<PageHeader>();
            (*header).page = std::ptr::null_mut();
            (*header).zone = POOLED_ZONE;
            if self.poison {
                std::ptr::write_bytes(
                    page.base.as_ptr().add(FIRST_CELL_OFFSET),
                    POISON,
                    PAGE_SIZE - FIRST_CELL_OFFSET,
                );
            }
        }
        self.summary.byte(id).set(0);
        self.free_ids.push(id);
        self.pool.push((page.base, true));
        self.bytes_in_use -= PAGE_SIZE;
    }

    /// Allocates a page for one large object whose cell (header included) has `cell_bytes` bytes.
    /// The object's state is set to active. Returns the page id and the object's header address.
    pub(crate) fn acquire_large(&mut self, zone: Zone, cell_bytes: usize) -> (u32, NonNull<u8>) {
        let size = LARGE_OBJECT_OFFSET + cell_bytes.next_multiple_of(SLOT_SIZE);
        let layout = Layout::from_size_align(size, PAGE_SIZE).expect("vgc: object too large");
        // SAFETY: the layout has a non-zero size.
        let raw = unsafe { alloc::alloc(layout) };
        let Some(base) = NonNull::new(raw) else {
            alloc::handle_alloc_error(layout)
        };
        self.grow_reserved(size);
        self.grow_in_use(size);
        let mut bits = CheckpointBits::new(LARGE_SLOTS, State::Idle);
        bits.set(LARGE_OBJECT_OFFSET / SLOT_SIZE, State::Active);
        let id = self.install(
            base,
            zone,
            PageKind::Large { layout },
            bits,
            LARGE_SLOTS / 8,
        );
        self.page_mut(id).live = 1;
        // SAFETY: LARGE_OBJECT_OFFSET is inside the allocation.
        let header = unsafe { NonNull::new_unchecked(base.as_ptr().add(LARGE_OBJECT_OFFSET)) };
        (id, header)
    }

    /// Frees a large page whose object is dead (its drop glue has already run).
    pub(crate) fn release_large(&mut self, id: u32) {
        let page = self.take(id);
        let PageKind::Large { layout } = page.kind else {
            panic!("vgc: release_large on a small page")
        };
        self.summary.byte(id).set(0);
        self.free_ids.push(id);
        self.bytes_in_use -= layout.size();
        self.bytes_reserved -= layout.size();
        // SAFETY: the page was allocated in `acquire_large` with this layout and nothing refers to
        // it any more: its object is dead and its record has been removed.
        unsafe { alloc::dealloc(page.base.as_ptr(), layout) };
    }

    /// Ids of all pages in use.
    pub(crate) fn ids(&self) -> Vec<u32> {
        self.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_some())
            .map(|(id, _)| id as u32)
            .collect()
    }

    /// Pooled pages that held objects before, for the verifier's poison check.
    pub(crate) fn pooled_reused(&self) -> impl Iterator<Item = NonNull<u8>> + '_ {
        self.pool
            .iter()
            .filter(|(_, reused)| *reused)
            .map(|(base, _)| *base)
    }

    /// Page ids by base address, for checking arbitrary pointers (the verifier).
    pub(crate) fn base_map(&self) -> std::collections::HashMap<usize, u32> {
        self.ids()
            .into_iter()
            .map(|id| (self.page(id).base.as_ptr() as usize, id))
            .collect()
    }
}

impl Drop for PageStore {
    fn drop(&mut self) {
        for id in self.ids() {
            if matches!(self.page(id).kind, PageKind::Large { .. }) {
                self.release_large(id);
            } else {
                drop(self.take(id));
            }
        }
        for (arena, layout) in self.arenas.drain(..) {
            // SAFETY: each arena was allocated in `new_arena` with this layout; the heap has run
            // the drop glue of every object before dropping the store, so nothing uses it.
            unsafe { alloc::dealloc(arena.as_ptr(), layout) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_class_fits_value_and_header() {
        assert_eq!(size_class(0), Some(0));
        assert_eq!(cell_bytes(size_class(0).unwrap()), 16);
        for bytes in [1, 8, 16, 17, 100, 1000, 4000, MAX_SMALL_CELL - HEADER_SIZE] {
            let class = size_class(bytes).unwrap();
            assert!(cell_bytes(class) >= bytes + HEADER_SIZE, "{bytes}");
            if class > 0 {
                assert!(
                    cell_bytes(class - 1) < bytes + HEADER_SIZE,
                    "{bytes} is not in the smallest class"
                );
            }
        }
        assert_eq!(size_class(MAX_SMALL_CELL - HEADER_SIZE + 1), None);
    }

    #[test]
    fn cell_masks_place_cells_inside_the_page_after_the_cards() {
        for class in 0..NUM_CLASSES {
            let mask = &cell_masks()[class];
            let count: u32 = mask.iter().map(|w| w.count_ones()).sum();
            assert_eq!(count as usize, cells_per_page(class));
            assert!(cells_end(class) <= SLOTS_PER_PAGE);
            let first = mask
                .iter()
                .enumerate()
                .find(|(_, w)| **w != 0)
                .map(|(i, w)| i * 64 + w.trailing_zeros() as usize);
            assert_eq!(first, Some(FIRST_SLOT));
        }
    }

    #[test]
    fn page_store_recycles_small_pages_as_expired_cells() {
        let mut store = PageStore::new(true);
        let id = store.acquire_small(Zone::Red, 3);
        let base = store.page(id).base;
        assert_eq!(base.as_ptr() as usize & !PAGE_MASK, 0);
        assert_eq!(store.page(id).bits.get(FIRST_SLOT), State::Idle);
        store.release_small(id);
        let again = store.acquire_small(Zone::Blue, 3);
        assert_eq!(store.page(again).base, base, "the pool is LIFO");
        assert_eq!(store.page(again).bits.get(FIRST_SLOT), State::Expired);
        assert_eq!(store.page(again).bits.get(FIRST_SLOT + 1), State::Idle);
        // SAFETY: reading the header written by `install`.
        let header = unsafe { &*store.page(again).header() };
        assert_eq!(header.zone, Zone::Blue as u8);
        assert_eq!(header.page as *const Page, store.page(again) as *const Page);
    }

    #[test]
    fn page_store_large_pages_hold_one_active_object() {
        let mut store = PageStore::new(false);
        let (id, header) = store.acquire_large(Zone::Green, 100_000);
        let page = store.page(id);
        assert_eq!(
            header.as_ptr() as usize & PAGE_MASK,
            page.base.as_ptr() as usize
        );
        assert_eq!(
            page.bits.get(LARGE_OBJECT_OFFSET / SLOT_SIZE),
            State::Active
        );
        assert!(store.bytes_in_use >= 100_000);
        store.release_large(id);
        assert_eq!(store.bytes_in_use, 0);
    }
}
