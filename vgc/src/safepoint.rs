//! Safepoints and the collection driver: the only place a collection happens.
//!
//! A collection, in order: close the allocation runs (so every state is exact), verify (in verify
//! mode), mark from the registered roots and the interpreter's root closure, trace the carded
//! objects of the zones not collected as extra roots, clear dead weak references, sweep the
//! collected zones, feed the survival counts to the allocation-site profiles, set each collected
//! zone's next trigger, verify again, record the pause. Everything is stop-the-world on the
//! interpreter's thread; there is no incremental or concurrent phase.
//!
//! The caller of `safepoint` promises that every `Gc` it will use afterwards is reachable from the
//! roots it passes: that is why the method is `unsafe`. Under `VGC_STRESS=1` every safepoint
//! collects, rotating Red, Red, Blue, Red, Full, ..., so missing roots and missing barriers show up
//! at once.

use std::time::Instant;

use crate::checkpoint_bits::{State, state_mask};
use crate::heap::{Heap, HeapInner};
use crate::mark::Tracer;
use crate::metrics::CollectionReport;
use crate::sweep::sweep_zone;
use crate::weak::clear_dead;
use crate::zone::{Collection, Zone};

impl Heap {
    /// A safepoint: collects if an allocation requested it (or always in stress mode), tracing
    /// from the registered roots and from `roots`. Returns what the collection did, if one ran.
    ///
    /// # Safety
    /// Every `Gc` (and `Weak`) the caller uses after this call must be reachable from the
    /// registered roots or from what `roots` reports. Objects that are not are freed and their
    /// handles dangle. `roots` must not call into the heap.
    #[inline]
    pub unsafe fn safepoint(&mut self, roots: &dyn Fn(&mut Tracer)) -> Option<CollectionReport> {
        let inner = self.inner_mut();
        inner.stats.safepoints += 1;
        if inner.requested.is_none() && !inner.config.stress {
            return None;
        }
        // SAFETY: the caller's promise is forwarded unchanged.
        unsafe { self.safepoint_slow(roots) }
    }

    /// The part of `safepoint` that decides the kind and collects.
    ///
    /// # Safety
    /// As for `safepoint`.
    #[cold]
    #[inline(never)]
    unsafe fn safepoint_slow(&mut self, roots: &dyn Fn(&mut Tracer)) -> Option<CollectionReport> {
        let inner = self.inner_mut();
        let kind = if inner.config.stress {
            inner.stress_tick += 1;
            let rotation = match inner.stress_tick % 5 {
                2 => Collection::Blue,
                4 => Collection::Full,
                _ => Collection::Red,
            };
            Some(inner.requested.map_or(rotation, |r| r.max(rotation)))
        } else {
            inner.requested
        };
        // SAFETY: the caller's promise is forwarded unchanged.
        kind.map(|kind| unsafe { self.collect(kind, roots) })
    }

    /// Collects `kind` now, whether or not it was requested (for `collectgarbage()`, `gc.collect()`
    /// and benchmarks).
    ///
    /// # Safety
    /// As for `safepoint`.
    pub unsafe fn collect(
        &mut self,
        kind: Collection,
        roots: &dyn Fn(&mut Tracer),
    ) -> CollectionReport {
        let start = Instant::now();
        let inner = self.inner_mut();
        inner.close_runs();
        if inner.collecting {
            // The previous collection unwound (a panicking Trace or Drop impl, or root closure)
            // and the interpreter caught the panic: put its half-done states back first.
            inner.recover_interrupted();
        }
        if inner.config.verify {
            inner.verify_or_panic("before a collection");
        }
        inner.collecting = true;
        let mut tracer = Tracer::for_collection(kind.top(), std::mem::take(&mut inner.mark_stack));
        for root in inner.roots.iter() {
            // SAFETY: registered roots are valid until removed (the safepoint contract).
            unsafe { tracer.edge_ptr(root) };
        }
        roots(&mut tracer);
        tracer.drain();
        let cards_scanned = tracer.scan_cards(&inner.store);
        let weak_cleared = clear_dead(&mut inner.weak, kind);
        let mut report = CollectionReport {
            kind,
            pause: Default::default(),
            marked: tracer.marked,
            deferred: 0,
            cards_scanned,
            expired: [0; 3],
            expired_bytes: [0; 3],
            live_bytes: [0; 3],
            weak_cleared,
            site_moves: 0,
        };
        for zone in Zone::ALL.into_iter().filter(|z| kind.covers(*z)) {
            let z = zone.index();
            let swept = sweep_zone(inner, zone);
            report.expired[z] = swept.expired;
            report.expired_bytes[z] = swept.expired_bytes;
            report.deferred += swept.deferred;
            let stats = &mut inner.stats.zones[z];
            stats.expired += swept.expired;
            stats.expired_bytes += swept.expired_bytes;
            stats.deferred += swept.deferred;
            stats.collections += 1;
            stats.live_objects = swept.survivors;
            stats.live_bytes = swept.survivor_bytes;
            inner.since[z] = 0;
            let grown = swept.survivor_bytes as usize / 100 * inner.config.growth_percent as usize;
            inner.trigger[z] = inner.budget(zone).max(grown);
        }
        for zone in Zone::ALL {
            report.live_bytes[zone.index()] = inner.stats.zones[zone.index()].live_bytes;
        }
        let survivors = std::mem::take(&mut tracer.survivors);
        inner.mark_stack = tracer.into_stack();
        inner.collecting = false;
        let moves = inner.sites.end_collection(kind, &survivors, &inner.config);
        report.site_moves = moves.len() as u64;
        inner.stats.site_moves += moves.len() as u64;
        inner.stats.cards_scanned += cards_scanned;
        inner.stats.weak_cleared += weak_cleared;
        if inner.requested.is_some_and(|r| r <= kind) {
            inner.requested = None;
            inner.hooks.collect_requested.set(0);
        }
        // Zones not covered may still be over their trigger: keep that request alive.
        for zone in Zone::ALL {
            if inner.since[zone.index()] >= inner.trigger[zone.index()] {
                inner.request(Collection::of(zone));
            }
        }
        if inner.config.verify {
            inner.verify_or_panic("after a collection");
        }
        inner.refresh_memory_stats();
        report.pause = start.elapsed();
        inner.stats.pauses[kind.index()].record(report.pause);
        if inner.config.log {
            eprintln!("[gc] #{} {report}", inner.stats.collections());
            for m in &moves {
                eprintln!(
                    "[gc]   site {:#x}: {} -> {} ({}% survived)",
                    m.site.0, m.from, m.to, m.survival_percent
                );
            }
        }
        report
    }
}

impl HeapInner {
    /// The configured minimum trigger of `zone`.
    fn budget(&self, zone: Zone) -> usize {
        match zone {
            Zone::Red => self.config.red_budget,
            Zone::Blue => self.config.blue_budget,
            Zone::Green => self.config.green_budget,
        }
    }

    /// Returns every collection-time state to its resting state, word-wide: promotion candidates
    /// become active again, marked and deferred objects persistent. Nothing is freed, so objects the
    /// interrupted collection would have freed wait for the next one.
    fn recover_interrupted(&mut self) {
        for id in self.store.ids() {
            let page = self.store.page_mut(id);
            for w in 0..page.bits.words() {
                let planes = page.bits.word(w);
                let promoted = state_mask(planes, State::PromotionCandidate);
                let kept = state_mask(planes, State::Marked) | state_mask(planes, State::Deferred);
                let [b0, b1, b2] = planes;
                let touched = promoted | kept;
                page.bits.set_word(
                    w,
                    [
                        (b0 & !touched) | promoted,
                        b1 & !touched,
                        (b2 & !touched) | kept,
                    ],
                );
            }
        }
        self.mark_stack.clear();
        self.collecting = false;
    }

    fn verify_or_panic(&mut self, when: &str) {
        if let Err(error) = self.verify() {
            panic!("vgc: heap verification failed {when}:\n{error}");
        }
    }
}
