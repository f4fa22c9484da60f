//! Unit tests of allocation, collection, cards, weak references and the verifier.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::{AllocSite, Collection, Config, Gc, Heap, Trace, Tracer, Zone};

thread_local! {
    /// Drop counts by node id, per test thread.
    static DROPS: RefCell<HashMap<u64, u32>> = RefCell::new(HashMap::new());
}

fn drops(id: u64) -> u32 {
    DROPS.with(|d| d.borrow().get(&id).copied().unwrap_or(0))
}

#[derive(Trace)]
#[trace(unsafe_drop)]
struct Node {
    id: u64,
    payload: Vec<u64>,
    edges: RefCell<Vec<Gc<Node>>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        // Reads only non-Gc fields, as the Trace contract requires.
        DROPS.with(|d| *d.borrow_mut().entry(self.id).or_default() += 1);
    }
}

const SITE: AllocSite = AllocSite(1);

fn node(heap: &mut Heap, site: AllocSite, id: u64) -> Gc<Node> {
    heap.alloc(
        site,
        Node {
            id,
            payload: vec![id; 3],
            edges: RefCell::new(Vec::new()),
        },
    )
}

fn link(from: Gc<Node>, to: Gc<Node>) {
    from.edges.borrow_mut().push(to);
    Gc::write_barrier(from);
}

/// Collects with `roots` as the root set.
fn collect(heap: &mut Heap, kind: Collection, roots: &[Gc<Node>]) -> crate::CollectionReport {
    // SAFETY: tests only use handles that are in `roots` or reachable from them afterwards.
    unsafe { heap.collect(kind, &|t: &mut Tracer| t.trace(roots)) }
}

fn test_heap() -> Heap {
    Heap::new(Config::for_tests())
}

#[test]
fn alloc_returns_the_value_intact() {
    let mut heap = test_heap();
    let a = node(&mut heap, SITE, 7);
    let n = heap.alloc(SITE, 42u64);
    let s = heap.alloc(SITE, String::from("hello"));
    assert_eq!(a.id, 7);
    assert_eq!(a.payload, vec![7, 7, 7]);
    assert_eq!(*n, 42);
    assert_eq!(&*s, "hello");
    assert_eq!(Gc::as_ptr(n) as usize % 16, 0, "values are 16-aligned");
}

#[test]
fn collect_frees_unreachable_objects_and_drops_them_once() {
    let mut heap = test_heap();
    let keep = node(&mut heap, SITE, 1);
    let _gone = node(&mut heap, SITE, 2);
    let report = collect(&mut heap, Collection::Red, &[keep]);
    assert_eq!(report.expired[Zone::Red.index()], 1);
    assert_eq!(drops(1), 0);
    assert_eq!(drops(2), 1);
    collect(&mut heap, Collection::Full, &[keep]);
    assert_eq!(drops(2), 1, "a dead object is dropped exactly once");
    assert_eq!(keep.payload, vec![1, 1, 1]);
}

#[test]
fn collect_keeps_cycles_reachable_from_roots_and_frees_unreachable_cycles() {
    let mut heap = test_heap();
    let a = node(&mut heap, SITE, 10);
    let b = node(&mut heap, SITE, 11);
    link(a, b);
    link(b, a);
    let c = node(&mut heap, SITE, 12);
    let d = node(&mut heap, SITE, 13);
    link(c, d);
    link(d, c);
    collect(&mut heap, Collection::Full, &[a]);
    assert_eq!((drops(10), drops(11)), (0, 0));
    assert_eq!((drops(12), drops(13)), (1, 1));
    assert_eq!(a.edges.borrow()[0].edges.borrow()[0].id, 10);
}

#[test]
fn collect_follows_long_chains_without_recursion() {
    let mut heap = test_heap();
    let head = node(&mut heap, SITE, 0);
    let mut tail = head;
    for id in 1..200_000 {
        let next = node(&mut heap, SITE, id);
        link(tail, next);
        tail = next;
    }
    let report = collect(&mut heap, Collection::Full, &[head]);
    assert_eq!(report.marked, 200_000);
}

#[test]
fn red_collection_keeps_red_objects_held_by_carded_green_objects() {
    let mut heap = test_heap();
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    let old = node(&mut heap, green_site, 1);
    assert_eq!(heap.zone_of(old), Zone::Green);
    let young = node(&mut heap, SITE, 2);
    assert_eq!(heap.zone_of(young), Zone::Red);
    link(old, young);
    // Only `old` is a root, and a Red collection does not trace Green: the card must keep `young`.
    let report = collect(&mut heap, Collection::Red, &[old]);
    assert_eq!(report.cards_scanned, 1);
    // A Red collection does not trace `old` even though it is a root, so `young` is reached only
    // through the card.
    assert_eq!(report.deferred, 1);
    assert_eq!(drops(2), 0);
    assert_eq!(old.edges.borrow()[0].id, 2);
}

#[test]
fn red_collection_marks_objects_reached_only_through_cards_deferred() {
    let mut heap = test_heap();
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    let old = node(&mut heap, green_site, 1);
    let young = node(&mut heap, SITE, 2);
    link(old, young);
    // Nothing is a root: `old` is garbage, but Green is not collected, so its card keeps `young`.
    let report = collect(&mut heap, Collection::Red, &[]);
    assert_eq!(report.deferred, 1);
    assert_eq!(drops(2), 0);
    let report = collect(&mut heap, Collection::Full, &[]);
    assert_eq!(report.expired[Zone::Green.index()], 1);
    assert_eq!((drops(1), drops(2)), (1, 1));
}

#[test]
fn cards_are_cleaned_when_the_lower_pointer_goes_away() {
    let mut heap = test_heap();
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    let old = node(&mut heap, green_site, 1);
    let young = node(&mut heap, SITE, 2);
    link(old, young);
    assert_eq!(collect(&mut heap, Collection::Red, &[old]).cards_scanned, 1);
    assert_eq!(
        collect(&mut heap, Collection::Red, &[old]).cards_scanned,
        1,
        "still points into Red"
    );
    old.edges.borrow_mut().clear();
    Gc::write_barrier(old);
    assert_eq!(collect(&mut heap, Collection::Red, &[old]).cards_scanned, 1);
    assert_eq!(
        collect(&mut heap, Collection::Red, &[old]).cards_scanned,
        0,
        "the card was cleaned"
    );
    assert_eq!(drops(2), 1);
}

#[test]
fn pretenured_objects_are_born_carded() {
    let mut heap = test_heap();
    let young = node(&mut heap, SITE, 2);
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    // Initialised with a pointer into Red and no explicit barrier: the allocator sets the card.
    let old = heap.alloc(
        green_site,
        Node {
            id: 1,
            payload: vec![],
            edges: RefCell::new(vec![young]),
        },
    );
    collect(&mut heap, Collection::Red, &[old]);
    assert_eq!(drops(2), 0);
}

#[test]
fn pretenured_objects_without_lower_edges_are_born_without_card() {
    let mut heap = test_heap();
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    let old = node(&mut heap, green_site, 1);
    let older = heap.alloc(
        green_site,
        Node {
            id: 2,
            payload: vec![],
            edges: RefCell::new(vec![old]),
        },
    );
    assert_eq!(
        collect(&mut heap, Collection::Red, &[older]).cards_scanned,
        0
    );
}

#[test]
fn verifier_reports_a_store_without_write_barrier() {
    let mut heap = Heap::new(Config {
        verify: false,
        ..Config::for_tests()
    });
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    let old = node(&mut heap, green_site, 1);
    let young = node(&mut heap, SITE, 2);
    old.edges.borrow_mut().push(young);
    let error = heap.verify().unwrap_err();
    assert!(error.to_string().contains("has no card"), "{error}");
    Gc::write_barrier(old);
    heap.verify().unwrap();
}

#[test]
fn verifier_reports_a_write_into_a_freed_cell() {
    let mut heap = test_heap();
    let gone = node(&mut heap, SITE, 1);
    let address = Gc::as_ptr(gone) as *mut u8;
    collect(&mut heap, Collection::Red, &[]);
    // SAFETY: the cell's memory still belongs to the heap's page (only the object is dead); this
    // simulates an interpreter writing through a dangling handle.
    unsafe { address.write(0) };
    let error = heap.verify().unwrap_err();
    assert!(error.to_string().contains("was written"), "{error}");
}

#[test]
#[should_panic(expected = "points at a free cell")]
fn marking_a_dangling_edge_panics_instead_of_corrupting() {
    let mut heap = Heap::new(Config {
        verify: false,
        ..Config::for_tests()
    });
    let gone = node(&mut heap, SITE, 1);
    collect(&mut heap, Collection::Red, &[]);
    collect(&mut heap, Collection::Red, &[gone]);
}

#[test]
fn weak_reference_is_cleared_when_its_target_dies() {
    let mut heap = test_heap();
    let target = node(&mut heap, SITE, 1);
    let weak = heap.downgrade(target);
    assert!(Gc::ptr_eq(weak.upgrade().unwrap(), target));
    // SAFETY: `target` and `weak` are roots.
    unsafe { heap.collect(Collection::Full, &|t| t.trace(&(target, weak))) };
    assert!(weak.upgrade().is_some());
    // SAFETY: only `weak` is used afterwards, and it is a root.
    let report = unsafe { heap.collect(Collection::Red, &|t| t.trace(&weak)) };
    assert_eq!(report.weak_cleared, 1);
    assert!(weak.upgrade().is_none());
    assert_eq!(drops(1), 1);
}

#[test]
fn weak_reference_in_green_to_red_target_needs_no_card() {
    let mut heap = test_heap();
    heap.pin_site(AllocSite::WEAK, Zone::Green);
    let target = node(&mut heap, SITE, 1);
    let weak = heap.downgrade(target);
    // SAFETY: only `weak` is used afterwards.
    unsafe { heap.collect(Collection::Red, &|t| t.trace(&weak)) };
    assert!(weak.upgrade().is_none());
}

#[test]
fn registered_roots_keep_objects_until_removed() {
    let mut heap = test_heap();
    let kept = node(&mut heap, SITE, 1);
    let id = heap.add_root(kept);
    collect(&mut heap, Collection::Full, &[]);
    assert_eq!(kept.id, 1);
    assert!(heap.remove_root(id));
    collect(&mut heap, Collection::Full, &[]);
    assert_eq!(drops(1), 1);
}

#[test]
fn large_objects_live_in_their_own_pages_and_are_dropped() {
    let mut heap = test_heap();
    let big = heap.alloc(SITE, [7u64; 4096]);
    let boxed = heap.alloc(SITE, vec![1u8; 100]);
    let holder = node(&mut heap, SITE, 1);
    assert_eq!(big[4095], 7);
    assert_eq!(heap.stats().zone(Zone::Red).large_objects, 1);
    let pages = heap.stats().zone(Zone::Red).pages;
    // SAFETY: only `boxed` and `holder` are used afterwards.
    let report = unsafe { heap.collect(Collection::Red, &|t| t.trace(&(boxed, holder))) };
    assert_eq!(report.expired[0], 1);
    assert_eq!(boxed.len(), 100);
    assert_eq!(
        heap.stats().zone(Zone::Red).pages,
        pages - 1,
        "the large page went back to the system"
    );
}

#[test]
fn allocation_requests_a_collection_after_the_red_budget() {
    let mut heap = test_heap();
    let budget = heap.config().red_budget;
    let mut n = 0;
    while !heap.collection_requested() {
        heap.alloc(SITE, [0u64; 6]);
        n += 1;
        assert!(
            n * 64 <= budget + 2 * crate::PAGE_SIZE,
            "no request after {n} allocations"
        );
    }
    // SAFETY: no handle is used afterwards.
    let report = unsafe { heap.safepoint(&|_| {}) }.expect("requested collection runs");
    assert_eq!(report.kind, Collection::Red);
    assert!(!heap.collection_requested());
    // SAFETY: as above.
    assert!(
        unsafe { heap.safepoint(&|_| {}) }.is_none(),
        "no request, no collection"
    );
}

#[test]
fn stress_mode_collects_at_every_safepoint_with_every_kind() {
    let mut heap = Heap::new(Config {
        stress: true,
        ..Config::for_tests()
    });
    let mut kinds = Vec::new();
    for _ in 0..5 {
        // SAFETY: no handle is used afterwards.
        kinds.push(unsafe { heap.safepoint(&|_| {}) }.unwrap().kind);
    }
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds,
        vec![Collection::Red, Collection::Blue, Collection::Full]
    );
}

#[test]
fn expired_cells_are_reused_by_same_size_allocations() {
    let mut heap = test_heap();
    for round in 0..4 {
        for _ in 0..1000 {
            heap.alloc(SITE, round as u64);
        }
        collect(&mut heap, Collection::Red, &[]);
    }
    let stats = heap.stats().zone(Zone::Red).clone();
    assert_eq!(stats.allocations, 4000);
    assert_eq!(stats.expired, 4000);
    assert_eq!(
        stats.fresh_cells, 1000,
        "later rounds reuse the first round's cells"
    );
    assert_eq!(stats.reused_cells, 3000);
}

#[test]
fn pretenuring_moves_a_long_lived_site_to_blue_then_green() {
    let mut heap = test_heap();
    let site = AllocSite(77);
    let mut kept = Vec::new();
    let mut zones = Vec::new();
    for _ in 0..6 {
        for i in 0..100 {
            kept.push(node(&mut heap, site, i));
        }
        let kind = if zones.last() == Some(&Zone::Blue) {
            Collection::Blue
        } else {
            Collection::Red
        };
        collect(&mut heap, kind, &kept);
        zones.push(heap.site_info(site).unwrap().zone);
    }
    assert_eq!(
        zones[0],
        Zone::Blue,
        "everything survived its first Red collection"
    );
    assert!(zones.contains(&Zone::Green), "{zones:?}");
    let newest = node(&mut heap, site, 0);
    assert_eq!(heap.zone_of(newest), Zone::Green);
}

#[test]
fn pretenuring_keeps_a_dying_site_in_red() {
    let mut heap = test_heap();
    let site = AllocSite(78);
    for _ in 0..5 {
        for i in 0..100 {
            node(&mut heap, site, i);
        }
        collect(&mut heap, Collection::Red, &[]);
    }
    let info = heap.site_info(site).unwrap();
    assert_eq!(info.zone, Zone::Red);
    assert_eq!(info.examined, 500);
    assert_eq!(info.survived, 0);
}

#[test]
fn dropping_the_heap_drops_every_live_object_once() {
    let mut heap = test_heap();
    let a = node(&mut heap, SITE, 100);
    let b = node(&mut heap, SITE, 101);
    link(a, b);
    collect(&mut heap, Collection::Full, &[a]);
    node(&mut heap, SITE, 102);
    drop(heap);
    assert_eq!((drops(100), drops(101), drops(102)), (1, 1, 1));
}

#[test]
fn jit_hooks_bump_the_same_runs_as_alloc() {
    let mut heap = test_heap();
    let first = heap.alloc(SITE, 1u64);
    let hooks = heap.jit_hooks();
    let class = crate::size_class(8).unwrap();
    // SAFETY: the hooks live as long as the heap.
    let region = unsafe { &(*hooks).bump[Zone::Red.index()][class] };
    let next = region.cursor.get();
    assert_eq!(
        next as usize,
        Gc::as_ptr(first) as usize - crate::HEADER_SIZE + crate::cell_bytes(class)
    );
    let site = heap.jit_site(SITE);
    let vtable = crate::jit::vtable_of::<u64>();
    // SAFETY: the arguments come from this heap, and the value is initialised right away.
    let value =
        unsafe { crate::jit::vgc_alloc_slow((*hooks).heap, site.index, vtable, site.zone as u8) };
    // SAFETY: `value` is an uninitialised u64 slot of a fresh object.
    let gc = unsafe {
        value.cast::<u64>().write(99);
        Gc::from_ptr(value.cast::<u64>())
    };
    assert_eq!(*gc, 99);
    // SAFETY: only `gc` is used afterwards.
    unsafe { heap.collect(Collection::Red, &|t| t.edge(gc)) };
    assert_eq!(*gc, 99);
}

#[test]
fn jit_slow_alloc_outside_red_needs_no_barrier_before_a_safepoint() {
    let mut heap = Heap::new(Config {
        verify: false,
        ..Config::for_tests()
    });
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    let hooks = heap.jit_hooks();
    let site = heap.jit_site(green_site);
    assert_eq!(site.zone, Zone::Green);
    let vtable = crate::jit::vtable_of::<Node>();
    // SAFETY: the arguments come from this heap; the value is initialised right away.
    let old = unsafe {
        let value = crate::jit::vgc_alloc_slow((*hooks).heap, site.index, vtable, site.zone as u8);
        value.cast::<Node>().write(Node {
            id: 1,
            payload: vec![1; 3],
            edges: RefCell::new(Vec::new()),
        });
        Gc::from_ptr(value.cast::<Node>())
    };
    let young = node(&mut heap, SITE, 2);
    // A store with no barrier: the card set at allocation covers it.
    old.edges.borrow_mut().push(young);
    heap.verify().unwrap();
    collect(&mut heap, Collection::Red, &[old]);
    assert_eq!(old.edges.borrow()[0].id, 2);
}

#[test]
fn jit_inline_barrier_sequence_sets_the_same_card() {
    let mut heap = Heap::new(Config {
        verify: false,
        ..Config::for_tests()
    });
    let green_site = AllocSite(2);
    heap.pin_site(green_site, Zone::Green);
    let old = node(&mut heap, green_site, 1);
    collect(&mut heap, Collection::Full, &[old]);
    let young = node(&mut heap, SITE, 2);
    old.edges.borrow_mut().push(young);
    assert!(heap.verify().is_err());
    // SAFETY: the sequence documented in `jit` applied to a live object.
    unsafe {
        let hooks = &*heap.jit_hooks();
        let header = Gc::as_ptr(old) as usize - hooks.header_size as usize;
        let base = header & hooks.page_mask;
        let slot = (header - base) >> hooks.slot_shift;
        *((base + hooks.card_offset + (slot >> 3)) as *mut u8) |= 1 << (slot & 7);
        **((base + hooks.summary_ptr_offset) as *const *mut u8) = 1;
    }
    heap.verify().unwrap();
}

#[test]
fn stats_count_collections_and_pauses_per_kind() {
    let mut heap = test_heap();
    for kind in [
        Collection::Red,
        Collection::Red,
        Collection::Blue,
        Collection::Full,
    ] {
        node(&mut heap, SITE, 1);
        collect(&mut heap, kind, &[]);
    }
    let stats = heap.stats();
    assert_eq!(stats.pause(Collection::Red).count(), 2);
    assert_eq!(stats.pause(Collection::Blue).count(), 1);
    assert_eq!(stats.zone(Zone::Red).collections, 4);
    assert_eq!(stats.zone(Zone::Blue).collections, 2);
    assert_eq!(stats.zone(Zone::Green).collections, 1);
    assert_eq!(stats.zone(Zone::Red).expired, 4);
    let table = stats.to_string();
    assert!(table.contains("| Red | 4 |"), "{table}");
}

#[test]
fn cells_hold_values_of_every_size_class() {
    let mut heap = test_heap();
    let a = heap.alloc(SITE, [3u8; 1]);
    let b = heap.alloc(SITE, [4u64; 100]);
    let c = heap.alloc(SITE, [5u64; 1000]);
    let d = heap.alloc(SITE, ());
    let e = heap.alloc(SITE, 6u128);
    // SAFETY: all five are roots.
    unsafe { heap.collect(Collection::Full, &|t| t.trace(&(a, b, c, d, e))) };
    assert_eq!((a[0], b[99], c[999], *e), (3, 4, 5, 6));
    assert_eq!(heap.zone_of(d), Zone::Red);
}

/// A Trace impl with a Cell of an optional Gc, as interpreters write for upvalues.
struct Slot {
    value: Cell<Option<Gc<Node>>>,
}

// SAFETY: traces its one edge.
unsafe impl Trace for Slot {
    fn trace(&self, tracer: &mut Tracer) {
        self.value.trace(tracer);
    }
}

#[test]
fn hand_written_trace_impls_work_like_derived_ones() {
    let mut heap = test_heap();
    let target = node(&mut heap, SITE, 1);
    let slot = heap.alloc(
        SITE,
        Slot {
            value: Cell::new(Some(target)),
        },
    );
    // SAFETY: only `slot` is used afterwards.
    unsafe { heap.collect(Collection::Full, &|t| t.edge(slot)) };
    assert_eq!(slot.value.get().unwrap().id, 1);
}

#[test]
fn a_collection_that_unwinds_leaves_a_usable_heap() {
    // Without automatic verification, so that the panic happens in the marker, not the verifier.
    let mut heap = Heap::new(Config {
        verify: false,
        ..Config::for_tests()
    });
    let a = node(&mut heap, SITE, 1);
    let b = node(&mut heap, SITE, 2);
    link(a, b);
    let guard = a.edges.borrow_mut();
    // The RefCell is mutably borrowed across the collection, so tracing `a` panics mid-mark.
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        collect(&mut heap, Collection::Full, &[a])
    }));
    assert!(caught.is_err());
    drop(guard);
    assert!(
        heap.verify().is_err(),
        "half-marked states are visible until the next collection"
    );
    collect(&mut heap, Collection::Full, &[a]);
    heap.verify().unwrap();
    assert_eq!(a.edges.borrow()[0].id, 2);
    assert_eq!((drops(1), drops(2)), (0, 0));
}

#[test]
fn heap_is_send() {
    fn assert_send<T: Send>() {}
    assert_send::<Heap>();
}
