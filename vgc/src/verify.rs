//! The heap verifier: a full consistency check, run around every collection in verify mode.
//!
//! It checks what the collector relies on and what interpreter bugs break: page headers agree with
//! their records; only cell starts carry states, and no collection-time state survives a
//! collection; page object counts match the bitfields; free cells are still poisoned (a write
//! through a dangling `Gc` breaks the poison); every object's vtable is one the heap handed out;
//! every edge of every object (reachable or not) points at the start of an allocated cell of this
//! heap, never into a free one; every object with an edge into a zone collected more often than its
//! own has its card and its page's summary set (a missing write barrier shows up here); no free
//! cell has a card; weak cells, registered roots and bump runs are sane. It is O(heap) and meant for
//! tests, `VGC_VERIFY=1` and debugging, not for production runs.

use std::collections::HashMap;
use std::fmt;

use crate::checkpoint_bits::{State, allocated_cells, free_cells, state_mask};
use crate::gc::{Header, VTABLE_MAGIC};
use crate::heap::{Heap, HeapInner};
use crate::mark::Tracer;
use crate::page::{
    FIRST_CELL_OFFSET, HEADER_SIZE, PAGE_MASK, PAGE_SIZE, POISON, Page, PageKind, SLOT_SHIFT,
};
use crate::zone::Zone;

/// What the verifier found wrong, one line per problem (at most `MAX_PROBLEMS`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError {
    pub problems: Vec<String>,
}

const MAX_PROBLEMS: usize = 50;

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in &self.problems {
            writeln!(f, "  - {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for VerifyError {}

impl Heap {
    /// Checks the whole heap (see the module documentation of `verify`). Poison checks need a heap
    /// created with `Config::verify`; the other checks always run.
    pub fn verify(&mut self) -> Result<(), VerifyError> {
        self.inner_mut().verify()
    }
}

struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, problem: String) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push(problem);
        }
    }
}

impl HeapInner {
    pub(crate) fn verify(&mut self) -> Result<(), VerifyError> {
        self.commit_all();
        let mut problems = Problems(Vec::new());
        let bases = self.store.base_map();
        for id in self.store.ids() {
            self.verify_page(id, &bases, &mut problems);
        }
        self.verify_lists(&bases, &mut problems);
        if self.config.verify {
            for base in self.store.pooled_reused() {
                // SAFETY: a pooled page is memory owned by the store and unused.
                let cells = unsafe {
                    std::slice::from_raw_parts(
                        base.as_ptr().add(FIRST_CELL_OFFSET),
                        PAGE_SIZE - FIRST_CELL_OFFSET,
                    )
                };
                if let Some(at) = cells.iter().position(|b| *b != POISON) {
                    problems.push(format!(
                        "pooled page {:#x} was written at offset {}: a write through a dangling Gc?",
                        base.as_ptr() as usize,
                        at + FIRST_CELL_OFFSET
                    ));
                }
            }
        }
        if problems.0.is_empty() {
            Ok(())
        } else {
            Err(VerifyError {
                problems: problems.0,
            })
        }
    }

    fn verify_page(&self, id: u32, bases: &HashMap<usize, u32>, problems: &mut Problems) {
        let page = self.store.page(id);
        let base = page.base.as_ptr() as usize;
        // SAFETY: the header of a page in use was written by `install` and is readable.
        let header = unsafe { &*page.header() };
        if !std::ptr::eq(header.page, page) || header.zone != page.zone as u8 {
            problems.push(format!(
                "page {id} at {base:#x}: header does not match its record"
            ));
        }
        if !std::ptr::eq(header.summary, self.store.summary.byte(id)) {
            problems.push(format!("page {id}: summary pointer is wrong"));
        }
        let listed = match page.kind {
            PageKind::Small { .. } => &self.small[page.zone.index()],
            PageKind::Large { .. } => &self.large[page.zone.index()],
        };
        if !listed.contains(&id) {
            problems.push(format!("page {id} is not listed in its zone {}", page.zone));
        }
        let mut objects = 0u32;
        let mut any_card = false;
        for w in 0..page.bits.words() {
            let planes = page.bits.word(w);
            let cells = page.cells(w);
            // SAFETY: in bounds for every word the page describes.
            let cards = unsafe { *page.card_word(w) };
            any_card |= cards != 0;
            if (planes[0] | planes[1] | planes[2]) & !cells != 0 {
                problems.push(format!(
                    "page {id}: a slot that starts no cell has a state (word {w})"
                ));
            }
            if cards & !cells != 0 {
                problems.push(format!(
                    "page {id}: a slot that starts no cell has a card (word {w})"
                ));
            }
            let transient = [
                State::PromotionCandidate,
                State::DemotionCandidate,
                State::Deferred,
                State::Marked,
            ]
            .iter()
            .fold(0, |acc, s| acc | state_mask(planes, *s))
                & cells;
            if transient != 0 {
                problems.push(format!(
                    "page {id}: collection-time states outside a collection (word {w})"
                ));
            }
            let free = free_cells(planes) & cells;
            if cards & free != 0 {
                problems.push(format!("page {id}: a free cell has a card (word {w})"));
            }
            let allocated = allocated_cells(planes) & cells;
            objects += allocated.count_ones();
            let mut bits = free;
            while self.config.verify && bits != 0 {
                let slot = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                self.verify_poison(page, slot, problems);
            }
            let mut bits = allocated;
            while bits != 0 {
                let slot = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                self.verify_object(page, slot, bases, problems);
            }
        }
        if objects != page.live {
            problems.push(format!(
                "page {id}: counts {} objects, bitfield has {objects}",
                page.live
            ));
        }
        if any_card && self.store.summary.byte(id).get() == 0 {
            problems.push(format!(
                "page {id}: has cards but its summary byte is clear"
            ));
        }
    }

    fn verify_poison(&self, page: &Page, slot: usize, problems: &mut Problems) {
        let cell = page.slot_addr(slot);
        // SAFETY: a free cell of a page in use is readable memory owned by the heap.
        let bytes = unsafe { std::slice::from_raw_parts(cell, page.cell_bytes()) };
        if let Some(at) = bytes.iter().position(|b| *b != POISON) {
            problems.push(format!(
                "free cell at {:#x} (page {}) was written at offset {at}: a write through a dangling Gc?",
                cell as usize, page.id
            ));
        }
    }

    fn verify_object(
        &self,
        page: &Page,
        slot: usize,
        bases: &HashMap<usize, u32>,
        problems: &mut Problems,
    ) {
        let header = page.slot_addr(slot).cast::<Header>();
        // SAFETY: the cell is allocated, so its header was written by the allocator.
        let (vtable, site) = unsafe { ((*header).vtable, (*header).site) };
        if self.config.verify && !self.vtables.contains(&(vtable as usize)) {
            problems.push(format!(
                "object at {:#x}: unknown vtable {:#x}",
                header as usize, vtable as usize
            ));
            return;
        }
        // SAFETY: the vtable is one the heap handed out (checked above in verify mode; trusted
        // otherwise, as the collector itself does).
        let vtable = unsafe { &*vtable };
        if vtable.magic != VTABLE_MAGIC {
            problems.push(format!("object at {:#x}: corrupt vtable", header as usize));
            return;
        }
        if site as usize >= self.sites.profiles.len() {
            problems.push(format!(
                "object at {:#x}: unknown allocation site index {site}",
                header as usize
            ));
        }
        if !vtable.needs_trace() {
            return;
        }
        let mut tracer = Tracer::for_verify();
        // SAFETY: the object is allocated and initialised; tracing only reads it.
        unsafe { (vtable.trace)(header.cast::<u8>().add(HEADER_SIZE), &mut tracer) };
        for edge in tracer.take_edges() {
            match self.check_value(edge, bases) {
                Err(why) => problems.push(format!(
                    "{} at {:#x} (zone {}) has an edge to {:#x}: {why}",
                    vtable.type_name(),
                    header as usize,
                    page.zone,
                    edge as usize
                )),
                Ok(target) => {
                    if target < page.zone && !page.card(slot) {
                        problems.push(format!(
                            "{} at {:#x} in {} points into {} but has no card: a store without write barrier",
                            vtable.type_name(),
                            header as usize,
                            page.zone,
                            target
                        ));
                    }
                }
            }
        }
    }

    /// Checks that `value` is the value address of an allocated object; returns its zone.
    fn check_value(&self, value: *const u8, bases: &HashMap<usize, u32>) -> Result<Zone, String> {
        let header = (value as usize).wrapping_sub(HEADER_SIZE);
        let Some(&id) = bases.get(&(header & PAGE_MASK)) else {
            return Err("not in any page of this heap".into());
        };
        let page = self.store.page(id);
        let slot = (header & !PAGE_MASK) >> SLOT_SHIFT;
        if !header.is_multiple_of(16)
            || slot >= page.bits.words() * 64
            || page.cells(slot / 64) >> (slot % 64) & 1 == 0
        {
            return Err("not the start of a cell".into());
        }
        let state = page.bits.get(slot);
        if !state.is_allocated() {
            return Err(format!("the cell is free ({})", state.name()));
        }
        Ok(page.zone)
    }

    fn verify_lists(&self, bases: &HashMap<usize, u32>, problems: &mut Problems) {
        for cell in &self.weak {
            let value = (cell.as_ptr() as usize + HEADER_SIZE) as *const u8;
            if let Err(why) = self.check_value(value, bases) {
                problems.push(format!("weak cell {value:p}: {why}"));
                continue;
            }
            // SAFETY: the cell is allocated (checked), and every weak cell starts with its target.
            let target = unsafe { *value.cast::<*const u8>() };
            if !target.is_null()
                && let Err(why) = self.check_value(target, bases)
            {
                problems.push(format!("weak cell {value:p} targets {target:p}: {why}"));
            }
        }
        for root in self.roots.iter() {
            if let Err(why) = self.check_value(root, bases) {
                problems.push(format!("registered root {root:p}: {why}"));
            }
        }
        for zone in Zone::ALL {
            for (class, alloc) in self.allocs[zone.index()].iter().enumerate() {
                let region = &self.hooks.bump[zone.index()][class];
                let (cursor, limit) = (region.cursor.get() as usize, region.limit.get() as usize);
                let Some(id) = alloc.page else {
                    if cursor != limit {
                        problems.push(format!("{zone} class {class}: a bump run without a page"));
                    }
                    continue;
                };
                let base = self.store.page(id).base.as_ptr() as usize;
                if cursor > limit
                    || (cursor != limit
                        && (cursor & PAGE_MASK != base || (limit - 1) & PAGE_MASK != base))
                {
                    problems.push(format!("{zone} class {class}: bump run [{cursor:#x}, {limit:#x}) is not in its page"));
                }
            }
        }
    }
}
