//! Sweeping: turning the marked checkpoint states of a collected zone into free cells.
//!
//! For each page of a collected zone the sweep combines the three plane words of 64 slots at a time
//! (`checkpoint_bits::sweep_word`): reached objects become persistent, unreached ones expired, and
//! the card bits of dead cells are cleared with one AND. The only per-object work is for dead
//! objects in pages that ever held a type with drop glue (their `Drop` runs, exactly once, because
//! the state is already expired when it runs) and, in verify mode, poisoning the dead cell. A page
//! left without objects goes back to the page pool; a page with free cells goes on its class's
//! allocation list. We sweep eagerly, inside the pause; lazy sweeping would shorten pauses but
//! leaves dead objects' drop glue running at unpredictable times.

use crate::gc::Header;
use crate::heap::HeapInner;
use crate::page::{HEADER_SIZE, POISON, PageKind, cells_per_page};
use crate::zone::Zone;

/// What the sweep of one zone found.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ZoneSweep {
    pub expired: u64,
    pub expired_bytes: u64,
    pub survivors: u64,
    pub survivor_bytes: u64,
    pub deferred: u64,
}

/// Sweeps every page of `zone`.
pub(crate) fn sweep_zone(inner: &mut HeapInner, zone: Zone) -> ZoneSweep {
    let z = zone.index();
    let mut result = ZoneSweep::default();
    let poison = inner.config.verify;
    for class in 0..inner.allocs[z].len() {
        inner.allocs[z][class].avail.clear();
    }
    let mut kept = Vec::with_capacity(inner.small[z].len());
    for id in std::mem::take(&mut inner.small[z]) {
        let page = inner.store.page_mut(id);
        let swept = sweep_page(page, zone, poison);
        let cell = page.cell_bytes() as u64;
        result.expired += swept.expired;
        result.expired_bytes += swept.expired * cell;
        result.survivors += swept.survivors;
        result.survivor_bytes += swept.survivors * cell;
        result.deferred += swept.deferred;
        let PageKind::Small { class } = page.kind else {
            unreachable!("vgc: large page in a small list")
        };
        if page.live == 0 {
            inner.store.release_small(id);
            inner.count_page(zone, -1);
        } else {
            if (page.live as usize) < cells_per_page(class as usize) {
                inner.allocs[z][class as usize].avail.push(id);
            }
            kept.push(id);
        }
    }
    inner.small[z] = kept;
    let mut kept = Vec::with_capacity(inner.large[z].len());
    for id in std::mem::take(&mut inner.large[z]) {
        let page = inner.store.page_mut(id);
        let swept = sweep_page(page, zone, poison);
        let cell = page.cell_bytes() as u64;
        result.expired += swept.expired;
        result.expired_bytes += swept.expired * cell;
        result.survivors += swept.survivors;
        result.survivor_bytes += swept.survivors * cell;
        result.deferred += swept.deferred;
        if page.live == 0 {
            inner.store.release_large(id);
            inner.count_page(zone, -1);
        } else {
            kept.push(id);
        }
    }
    inner.large[z] = kept;
    result
}

#[derive(Default)]
struct PageSweep {
    expired: u64,
    survivors: u64,
    deferred: u64,
}

/// Sweeps one page word by word and runs the drop glue of its dead objects.
fn sweep_page(page: &mut crate::page::Page, zone: Zone, poison: bool) -> PageSweep {
    let mut result = PageSweep::default();
    let run_drops = page.may_drop();
    let cell = page.cell_bytes();
    for w in 0..page.bits.words() {
        let cells = page.cells(w);
        if cells == 0 {
            continue;
        }
        let swept = crate::checkpoint_bits::sweep_word(page.bits.word(w), cells);
        page.bits.set_word(w, swept.planes);
        if zone == Zone::Red {
            // Nothing is collected more often than Red, so Red objects never need a card; the
            // unconditional barrier may have left some.
            page.clear_cards(w, !0);
        } else {
            page.clear_cards(w, swept.dead);
        }
        result.expired += swept.dead.count_ones() as u64;
        result.survivors += swept.survivors.count_ones() as u64;
        result.deferred += swept.deferred.count_ones() as u64;
        if !(run_drops || poison) {
            continue;
        }
        let mut dead = swept.dead;
        while dead != 0 {
            let slot = w * 64 + dead.trailing_zeros() as usize;
            dead &= dead - 1;
            let header = page.slot_addr(slot);
            // SAFETY: the object was allocated and is unreachable; its state is already expired, so
            // its drop glue runs exactly once. Poisoning covers exactly its cell.
            unsafe {
                if run_drops {
                    let vtable = &*(*header.cast::<Header>()).vtable;
                    if vtable.needs_drop() {
                        (vtable.drop_in_place)(header.add(HEADER_SIZE));
                    }
                }
                if poison {
                    std::ptr::write_bytes(header, POISON, cell);
                }
            }
        }
    }
    page.live = result.survivors as u32;
    page.refresh_summary();
    result
}
