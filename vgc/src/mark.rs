//! Marking: the `Tracer` that follows edges, sets checkpoint states and maintains cards.
//!
//! Marking is the one per-object phase (it must follow pointers). For each edge the tracer reads the
//! target's zone from its page header; edges into zones the collection does not cover are not
//! followed (the card table stands for them). Otherwise it looks up the target's checkpoint state by
//! `(header - page base) >> 4`, moves it to a reached state (promotion candidate, marked, or deferred
//! when reached through a card) and pushes the object on an explicit stack, so deep graphs do not
//! recurse. While scanning an object the tracer also notes whether any edge points into a zone
//! collected more often than the object's own, and rewrites the object's card accordingly: this is
//! how cards are cleaned. Survivors that were still active are counted per allocation site for
//! pretenuring.
//!
//! The same `Tracer` type, in verify mode, just records edges for the verifier. It never allocates
//! on the heap and never runs user code other than `Trace::trace`.

use std::ptr::NonNull;

use crate::checkpoint_bits::{State, mark_transition};
use crate::gc::{Gc, Header};
use crate::page::{HEADER_SIZE, PAGE_MASK, PageHeader, PageStore, SLOT_SHIFT, ZONE_OFFSET};
use crate::trace::Trace;
use crate::zone::Zone;

/// Receives the edges of traced values. Handed to `Trace::trace` and to the root closure of
/// `Heap::safepoint`.
pub struct Tracer {
    /// In verify mode: the value addresses of all edges seen.
    verify_edges: Option<Vec<*const u8>>,
    /// Zones below this byte are collected (the longest-lived collected zone plus one); zero when
    /// the tracer only checks for edges into lower zones.
    limit: u8,
    /// Whether objects reached now are reached only through cards.
    through_cards: bool,
    /// Zone of the object being scanned; edges into lower zones set `has_lower`.
    current_zone: u8,
    has_lower: bool,
    stack: Vec<NonNull<Header>>,
    /// Active objects that survived, by dense site index.
    pub(crate) survivors: Vec<u32>,
    /// Objects moved to a reached state.
    pub(crate) marked: u64,
}

impl Tracer {
    /// A tracer for a collection whose longest-lived collected zone is `top`.
    pub(crate) fn for_collection(top: Zone, stack: Vec<NonNull<Header>>) -> Tracer {
        Tracer {
            verify_edges: None,
            limit: top as u8 + 1,
            through_cards: false,
            current_zone: Zone::Red as u8,
            has_lower: false,
            stack,
            survivors: Vec::new(),
            marked: 0,
        }
    }

    /// A tracer that marks nothing and only finds out whether a value of an object in `zone` has
    /// an edge into a zone collected more often (`has_lower`).
    pub(crate) fn for_lower_check(zone: Zone) -> Tracer {
        Tracer {
            limit: 0,
            current_zone: zone as u8,
            ..Tracer::for_collection(Zone::Red, Vec::new())
        }
    }

    /// Whether an edge into a zone collected more often than the current object's was seen.
    pub(crate) fn has_lower(&self) -> bool {
        self.has_lower
    }

    /// A tracer that only records edges.
    pub(crate) fn for_verify() -> Tracer {
        Tracer {
            verify_edges: Some(Vec::new()),
            ..Tracer::for_collection(Zone::Red, Vec::new())
        }
    }

    /// Reports one edge.
    #[inline]
    pub fn edge<T>(&mut self, gc: Gc<T>) {
        self.edge_value(Gc::as_ptr(gc).cast());
    }

    /// Traces a value that holds edges (a frame, a root list): `tracer.trace(&frames)`.
    #[inline]
    pub fn trace<T: Trace + ?Sized>(&mut self, value: &T) {
        if T::NEEDS_TRACE {
            value.trace(self);
        }
    }

    /// Reports one edge given as a value address, for interpreters and compiled code that keep
    /// type-erased references.
    ///
    /// # Safety
    /// `value` must be `Gc::as_ptr` of an object that is valid under the safepoint contract.
    #[inline]
    pub unsafe fn edge_ptr(&mut self, value: *const u8) {
        self.edge_value(value);
    }

    /// Takes the recorded edges (verify mode).
    pub(crate) fn take_edges(&mut self) -> Vec<*const u8> {
        self.verify_edges
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Gives back the mark stack for reuse by the next collection.
    pub(crate) fn into_stack(self) -> Vec<NonNull<Header>> {
        self.stack
    }

    #[inline]
    fn edge_value(&mut self, value: *const u8) {
        if let Some(edges) = &mut self.verify_edges {
            edges.push(value);
            return;
        }
        let header = value as usize - HEADER_SIZE;
        let base = header & PAGE_MASK;
        // SAFETY: `value` belongs to a live object (the safepoint contract, or an edge of a live
        // object), so its page header is readable.
        let zone = unsafe { *((base + ZONE_OFFSET) as *const u8) };
        if zone < self.current_zone {
            self.has_lower = true;
        }
        if zone >= self.limit {
            if zone > Zone::Green as u8 {
                dangling(header, zone, State::Expired);
            }
            return;
        }
        self.mark(header, base, zone);
    }

    fn mark(&mut self, header: usize, base: usize, zone: u8) {
        // SAFETY: the page header's record pointer is valid while the page is in use, and no other
        // reference to the record is live during marking.
        let page = unsafe { &mut *(*(base as *const PageHeader)).page };
        let slot = (header - base) >> SLOT_SHIFT;
        let state = page.bits.get(slot);
        match mark_transition(state, self.through_cards) {
            Ok(None) => {}
            Ok(Some(next)) => {
                page.bits.set(slot, next);
                self.marked += 1;
                let header = header as *mut Header;
                // SAFETY: the slot holds an object (its state says so), so its header is initialised.
                let (site, vtable) = unsafe { ((*header).site, &*(*header).vtable) };
                if state == State::Active {
                    let site = site as usize;
                    if self.survivors.len() <= site {
                        self.survivors.resize(site + 1, 0);
                    }
                    self.survivors[site] += 1;
                }
                if vtable.needs_trace() {
                    // SAFETY: `header` is non-null (it is inside a page).
                    self.stack.push(unsafe { NonNull::new_unchecked(header) });
                } else {
                    // A leaf holds no edges, so a card left by an unconditional barrier is stale.
                    page.set_card(slot, false);
                }
            }
            Err(state) => dangling(header, zone, state),
        }
    }

    /// Scans every object on the stack.
    pub(crate) fn drain(&mut self) {
        while let Some(header) = self.stack.pop() {
            self.scan_object(header);
        }
    }

    /// Traces the object at `header` and rewrites its card from the edges seen. Returns whether it
    /// points into a zone collected more often than its own.
    pub(crate) fn scan_object(&mut self, header: NonNull<Header>) -> bool {
        let addr = header.as_ptr() as usize;
        let base = addr & PAGE_MASK;
        let saved = (self.current_zone, self.has_lower);
        // SAFETY: `header` is the header of a live object: it was reached by marking or is carded.
        unsafe {
            self.current_zone = *((base + ZONE_OFFSET) as *const u8);
            self.has_lower = false;
            let vtable = &*(*header.as_ptr()).vtable;
            (vtable.trace)((addr + HEADER_SIZE) as *const u8, self);
        }
        let lower = self.has_lower;
        (self.current_zone, self.has_lower) = saved;
        // SAFETY: as in `mark`.
        let page = unsafe { &mut *(*(base as *const PageHeader)).page };
        let slot = (addr - base) >> SLOT_SHIFT;
        // Most objects have no card and get none: reading first avoids dirtying card memory.
        if page.card(slot) != lower {
            page.set_card(slot, lower);
        }
        lower
    }

    /// Traces the carded objects of pages in zones the collection does not cover, as extra roots.
    /// Objects reached from them are "deferred". Returns the number of carded objects traced.
    pub(crate) fn scan_cards(&mut self, store: &PageStore) -> u64 {
        let mut scanned = 0;
        self.through_cards = true;
        for id in store.summary.dirty_ids(store.id_limit()) {
            let page = store.page_ptr(id);
            // SAFETY: the record is valid (dirty summary bytes are cleared when a page is released);
            // the short reads below do not overlap the marker's writes, which go to other pages.
            let (zone, words, base) = unsafe {
                let page = page.as_ref();
                (page.zone, page.bits.words(), page.base.as_ptr() as usize)
            };
            if (zone as u8) < self.limit {
                continue;
            }
            for w in 0..words {
                // SAFETY: as above; the card word and the checkpoint words are read before any
                // object is scanned, and scanning only writes this page's bits for this object.
                let carded = unsafe {
                    let page = page.as_ref();
                    *page.card_word(w) & page.cells(w)
                };
                let mut bits = carded;
                while bits != 0 {
                    let slot = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    // SAFETY: as above.
                    let state = unsafe { page.as_ref().bits.get(slot) };
                    if !state.is_allocated() {
                        // The verifier reports cards on free cells; scanning one would read garbage.
                        continue;
                    }
                    // SAFETY: the slot holds an object, so its header pointer is non-null.
                    let header = unsafe {
                        NonNull::new_unchecked((base + (slot << SLOT_SHIFT)) as *mut Header)
                    };
                    self.scan_object(header);
                    self.drain();
                    scanned += 1;
                }
            }
            // SAFETY: as above.
            unsafe { page.as_ref().refresh_summary() };
        }
        self.through_cards = false;
        scanned
    }
}

#[cold]
#[inline(never)]
fn dangling(header: usize, zone: u8, state: State) -> ! {
    panic!(
        "vgc: an edge points at a free cell (header {header:#x}, zone {zone}, state {}): a Gc was used after the collection that freed it, or a Trace impl or root list missed an edge",
        state.name()
    )
}
