//! Micro benchmarks of VGC: allocation (against `Box`), a churn of short-lived objects with
//! safepoints, and Red-only against full collections with a growing long-lived graph.
//!
//! The paper-style tables (slot reuse, zone-skewed workloads, pause scaling to 10^7 objects) are
//! produced by `cargo run --release -p vgc --example tables`; these benches are the quick,
//! statistically summarised view of the same paths.

use std::cell::Cell;
use std::hint::black_box;

use vgc::{AllocSite, Collection, Config, Gc, Heap, Trace, Tracer, Zone};

#[derive(Trace, Clone, Copy)]
struct Small {
    a: u64,
    b: u64,
}

#[derive(Trace)]
struct Link {
    next: Option<Gc<Link>>,
    value: u64,
}

#[derive(Trace)]
struct Root {
    head: Cell<Option<Gc<Link>>>,
}

const SITE: AllocSite = AllocSite::of(1, 1);
const OLD_SITE: AllocSite = AllocSite::of(1, 2);

fn quiet_config() -> Config {
    Config {
        from_env: false,
        ..Config::default()
    }
}

#[divan::bench]
fn box_alloc(bencher: divan::Bencher) {
    bencher.bench_local(|| Box::new(Small { a: 1, b: 2 }));
}

/// 10,000 allocations of which none survive, then a safepoint with no roots.
#[divan::bench]
fn vgc_churn_10k(bencher: divan::Bencher) {
    let mut heap = Heap::new(quiet_config());
    bencher.bench_local(|| {
        for i in 0..10_000u64 {
            black_box(heap.alloc(SITE, Small { a: i, b: i }));
        }
        // SAFETY: no handle allocated above is used after the safepoint.
        unsafe { heap.safepoint(&|_: &mut Tracer| {}) };
    });
}

/// A collection of `kind` with `live` objects reachable from one root in a long-lived list.
fn collect_with_live(bencher: divan::Bencher, live: usize, kind: Collection) {
    let mut heap = Heap::new(quiet_config());
    // Pin the sites so the list is Green and the garbage Red from the first object (zones are
    // chosen at allocation and objects never move, so a site learning late would leave the list
    // in Red).
    heap.pin_site(OLD_SITE, Zone::Green);
    heap.pin_site(SITE, Zone::Red);
    let root = heap.alloc(
        OLD_SITE,
        Root {
            head: Cell::new(None),
        },
    );
    for i in 0..live {
        let node = heap.alloc(
            OLD_SITE,
            Link {
                next: root.head.get(),
                value: i as u64,
            },
        );
        root.head.set(Some(node));
        Gc::write_barrier(root);
    }
    for _ in 0..2 {
        // SAFETY: `root` is traced and every node is reachable from it.
        unsafe { heap.collect(Collection::Full, &|t: &mut Tracer| t.edge(root)) };
    }
    bencher.bench_local(|| {
        for i in 0..1_000u64 {
            black_box(heap.alloc(SITE, Small { a: i, b: i }));
        }
        // SAFETY: as above; the Small objects are garbage.
        unsafe { heap.collect(kind, &|t: &mut Tracer| t.edge(root)) }
    });
}

#[divan::bench(args = [10_000, 100_000])]
fn red_collection(bencher: divan::Bencher, live: usize) {
    collect_with_live(bencher, live, Collection::Red);
}

#[divan::bench(args = [10_000, 100_000])]
fn full_collection(bencher: divan::Bencher, live: usize) {
    collect_with_live(bencher, live, Collection::Full);
}

fn main() {
    divan::main();
}
