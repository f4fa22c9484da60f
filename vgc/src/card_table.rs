//! The card table: the remembered set that lets a zone be collected without tracing longer-lived zones.
//!
//! A card here is one 16-byte slot: each page keeps one card bit per slot (in page memory, right
//! after the page header), and the card of an object is the bit of its header slot. The card of an
//! object in Blue or Green is set when the object may hold a pointer into a zone collected more often
//! than its own; a collection of Red then traces the carded Blue and Green objects as extra roots
//! instead of tracing those zones. Setting a card also sets the page's byte in the heap's page
//! summary, so a collection finds the carded pages by scanning one byte per page instead of every
//! card of every page: that is what keeps a Red collection flat as Green grows.
//!
//! Cards are set conservatively by the write barrier (on any store) and exactly at allocation (an
//! object pretenured into Blue or Green whose initial value points into a zone collected more often
//! is carded), and cleaned precisely: whenever a collection traces an object it
//! recomputes the object's card from the edges it saw. Invariant checked by the verifier: every
//! object with an edge into a zone collected more often than its own has its card set, and no free
//! cell has a card. We do not use byte-per-card marking (cheaper stores, 8x the memory) nor cards
//! larger than an object (they would make cleaning imprecise).

use crate::page::{CARD_OFFSET, HEADER_SIZE, PAGE_MASK, Page, SLOT_SHIFT, SUMMARY_PTR_OFFSET};
use std::cell::Cell;

/// Sets the card of the object whose value starts at `value`, and its page's summary byte.
///
/// This is the whole write barrier; compiled code emits the same sequence inline (see
/// `jit::JitHooks`).
///
/// # Safety
/// `value` must be the value address of a live object of a live heap.
#[inline]
pub(crate) unsafe fn remember(value: *const u8) {
    let header = value as usize - HEADER_SIZE;
    let base = header & PAGE_MASK;
    let slot = (header - base) >> SLOT_SHIFT;
    let card = (base + CARD_OFFSET + (slot >> 3)) as *mut u8;
    // SAFETY: the object's page starts at `base` with a valid page header and a card bitfield
    // covering its header slot; the heap is single-threaded, so the read-modify-write cannot race.
    unsafe {
        *card |= 1 << (slot & 7);
        let summary = *((base + SUMMARY_PTR_OFFSET) as *const *const Cell<u8>);
        (*summary).set(1);
    }
}

impl Page {
    /// Whether the card of `slot` is set.
    #[inline]
    pub(crate) fn card(&self, slot: usize) -> bool {
        // SAFETY: `card_word` is in bounds for every slot the page describes.
        unsafe { *self.card_word(slot / 64) >> (slot % 64) & 1 != 0 }
    }

    /// Sets or clears the card of `slot`; setting it also sets the page's summary byte.
    #[inline]
    pub(crate) fn set_card(&mut self, slot: usize, on: bool) {
        let word = self.card_word(slot / 64);
        // SAFETY: in bounds as above; the page header's summary pointer is valid while the page is.
        unsafe {
            if on {
                *word |= 1 << (slot % 64);
                (*(*self.header()).summary).set(1);
            } else {
                *word &= !(1 << (slot % 64));
            }
        }
    }

    /// Clears the cards of the slots in `mask` (word `w`).
    #[inline]
    pub(crate) fn clear_cards(&mut self, w: usize, mask: u64) {
        // SAFETY: in bounds as above.
        unsafe { *self.card_word(w) &= !mask }
    }

    /// Whether any card of the page is set.
    pub(crate) fn any_card(&self) -> bool {
        // SAFETY: in bounds as above.
        (0..self.bits.words()).any(|w| unsafe { *self.card_word(w) } != 0)
    }

    /// Sets the page's summary byte to whether any card is set.
    pub(crate) fn refresh_summary(&self) {
        let any = self.any_card();
        // SAFETY: the header's summary pointer is valid while the page is.
        unsafe { (*(*self.header()).summary).set(any as u8) };
    }
}
