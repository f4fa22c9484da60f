//! Reproduces the VGC paper's allocation tables (001, sections 8.25 to 8.29) with real counts, and
//! measures pause times and allocation throughput.
//!
//! Run with `cargo run --release -p vgc --example tables` (add `-- --quick` for a smaller run that
//! skips the 10^7 pause row). Every number printed is measured in this process: nothing is
//! hard-coded. The paper's tables report one "real allocation" per zone because its prototype is a
//! pool of one object; here a real allocation is an allocation into a cell this heap never used
//! before, and reuse is bounded by how much garbage accumulates between collections (the zone's
//! budget), which is what the tables show.

use std::cell::Cell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use vgc::{AllocSite, Collection, Config, Gc, Heap, Trace, Tracer, Zone};

/// A 16-byte value: with its header, one 32-byte cell.
#[derive(Trace, Clone, Copy)]
struct Small {
    a: u64,
    b: u64,
}

/// A node of the long-lived graph used for pause times: one edge, one word.
#[derive(Trace)]
struct Link {
    next: Option<Gc<Link>>,
    value: u64,
}

/// A Red object that the long-lived graph points at through a card.
#[derive(Trace)]
struct Hook {
    target: Cell<Option<Gc<Small>>>,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn kib(bytes: u64) -> String {
    format!("{}", bytes / 1024)
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    println!("# VGC allocation tables (measured)\n");
    println!(
        "Release build, one process, {} .\n",
        if quick { "quick mode" } else { "full mode" }
    );
    table_8_25();
    table_8_26_8_27(
        "8.26 Allocation under sustained load, 70/20/10",
        [70, 20, 10],
    );
    table_8_26_8_27("8.27 Allocation under zone imbalance, 90/9/1", [90, 9, 1]);
    table_8_28_8_29();
    pauses(quick);
    throughput();
}

/// 8.25: 1,000,000 same-size short-lived allocations, a safepoint after each.
fn table_8_25() {
    println!("## 8.25 Allocation reuse and space boundedness\n");
    println!(
        "1,000,000 allocations of a 16-byte value (32-byte cell), each dead before the next safepoint.\n"
    );
    println!(
        "| Red budget | Total requests | Real allocations (fresh cells) | Reused cells | Expired | Collections | Peak heap (KiB) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for budget in [64 << 10, 1 << 20, 4 << 20] {
        let mut heap = Heap::new(Config {
            red_budget: budget,
            ..Config::default()
        });
        let site = AllocSite(1);
        for i in 0..1_000_000u64 {
            let obj = heap.alloc(site, Small { a: i, b: i });
            black_box(obj.a);
            // SAFETY: `obj` is not used after the safepoint.
            unsafe { heap.safepoint(&|_: &mut Tracer| {}) };
        }
        // SAFETY: no handle is used afterwards.
        unsafe { heap.collect(Collection::Full, &|_: &mut Tracer| {}) };
        let stats = heap.stats();
        let red = stats.zone(Zone::Red);
        println!(
            "| {} KiB | {} | {} | {} | {} | {} | {} |",
            budget >> 10,
            red.allocations,
            red.fresh_cells,
            red.reused_cells,
            red.expired,
            stats.collections(),
            kib(stats.peak_heap_bytes)
        );
    }
    println!();
    println!(
        "The paper's pool of one object is the limit of a zero budget; with a budget the heap stays bounded by it.\n"
    );
}

/// 8.26 / 8.27: requests spread over three sites pinned to Green, Blue and Red, all short-lived.
fn table_8_26_8_27(title: &str, percent: [u64; 3]) {
    println!("## {title}\n");
    for (label, config) in [
        (
            "default budgets (Red 4 MiB, Blue 16 MiB, Green 64 MiB)",
            Config::default(),
        ),
        (
            "small budgets (Red 256 KiB, Blue 1 MiB, Green 4 MiB)",
            Config {
                red_budget: 256 << 10,
                blue_budget: 1 << 20,
                green_budget: 4 << 20,
                ..Config::default()
            },
        ),
    ] {
        println!(
            "1,000,000 requests of 32-byte cells, dead right away; sites pinned to their zones; {label}.\n"
        );
        let mut heap = Heap::new(config);
        let sites = [
            (Zone::Green, AllocSite(1)),
            (Zone::Blue, AllocSite(2)),
            (Zone::Red, AllocSite(3)),
        ];
        for (zone, site) in sites {
            heap.pin_site(site, zone);
        }
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for i in 0..1_000_000u64 {
            let roll = rng.next() % 100;
            let (_, site) = if roll < percent[0] {
                sites[0]
            } else if roll < percent[0] + percent[1] {
                sites[1]
            } else {
                sites[2]
            };
            let obj = heap.alloc(site, Small { a: i, b: roll });
            black_box(obj.b);
            // SAFETY: `obj` is not used after the safepoint.
            unsafe { heap.safepoint(&|_: &mut Tracer| {}) };
        }
        print_zone_table(&mut heap);
    }
}

fn print_zone_table(heap: &mut Heap) {
    let stats = heap.stats().clone();
    println!(
        "| Zone | Total requests | Real allocations (fresh cells) | Reused cells | Expired | Live at end | Collections covering it | Peak pages (KiB) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for zone in [Zone::Green, Zone::Blue, Zone::Red] {
        let z = stats.zone(zone);
        println!(
            "| {zone} | {} | {} | {} | {} | {} | {} | {} |",
            z.allocations,
            z.fresh_cells,
            z.reused_cells,
            z.expired,
            z.live_objects,
            z.collections,
            kib(z.peak_pages * vgc::PAGE_SIZE as u64)
        );
    }
    println!("\nPeak heap {} KiB.\n", kib(stats.peak_heap_bytes));
}

/// 8.28 / 8.29: three sites with real lifetimes; pretenuring picks the zones.
fn table_8_28_8_29() {
    println!("## 8.28 / 8.29 Object expiration and zone lifecycle\n");
    println!(
        "100,000 requests each from three sites, interleaved, a safepoint after each: long-lived (kept to the end), medium-lived (kept while among the 50,000 newest of its site), short-lived (dead at once). No site is pinned: each starts in Red and its survival profile moves it. A full collection ends the run.\n"
    );
    let mut heap = Heap::new(Config {
        red_budget: 1 << 20,
        blue_budget: 4 << 20,
        green_budget: 16 << 20,
        ..Config::default()
    });
    let (long_site, medium_site, short_site) = (AllocSite(10), AllocSite(20), AllocSite(30));
    let mut long: Vec<Gc<Small>> = Vec::with_capacity(100_000);
    let mut medium: std::collections::VecDeque<Gc<Small>> =
        std::collections::VecDeque::with_capacity(50_001);
    for i in 0..100_000u64 {
        long.push(heap.alloc(long_site, Small { a: i, b: 0 }));
        medium.push_back(heap.alloc(medium_site, Small { a: i, b: 1 }));
        if medium.len() > 50_000 {
            medium.pop_front();
        }
        black_box(heap.alloc(short_site, Small { a: i, b: 2 }).a);
        // SAFETY: afterwards only handles in `long` and `medium` are used, and both are roots.
        unsafe { heap.safepoint(&|t: &mut Tracer| t.trace(&(&long, &medium))) };
    }
    // SAFETY: as above.
    unsafe {
        heap.collect(Collection::Full, &|t: &mut Tracer| {
            t.trace(&(&long, &medium))
        })
    };
    assert!(long.iter().enumerate().all(|(i, g)| g.a == i as u64));
    print_zone_table(&mut heap);
    println!("| Site | Final zone | Examined | Survived first collection | Zone moves |");
    println!("|---|---|---:|---:|---:|");
    for (name, site) in [
        ("long-lived", long_site),
        ("medium-lived", medium_site),
        ("short-lived", short_site),
    ] {
        let info = heap.site_info(site).expect("site used");
        println!(
            "| {name} | {} | {} | {} | {} |",
            info.zone, info.examined, info.survived, info.moves
        );
    }
    println!();
}

/// Builds `n` long-lived objects in Green as chains of 100 hanging off a root vector.
fn build_green(heap: &mut Heap, n: usize) -> Gc<Vec<Gc<Link>>> {
    let site = AllocSite(100);
    heap.pin_site(site, Zone::Green);
    let mut heads = Vec::with_capacity(n / 100 + 1);
    let mut built = 0;
    while built < n {
        let mut head = None;
        for _ in 0..100.min(n - built) {
            head = Some(heap.alloc(
                site,
                Link {
                    next: head,
                    value: built as u64,
                },
            ));
            built += 1;
        }
        heads.push(head.expect("at least one link"));
    }
    heap.alloc(site, heads)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn micros(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e6)
}

/// Pause times of full and Red-only collections as Green grows.
fn pauses(quick: bool) {
    println!("## Pause times against live heap size\n");
    println!(
        "N long-lived objects in Green (chains of 100 under a root vector). Each round allocates 10,000 short-lived Red objects, keeps 1,000 of them live through 100 Green hooks (stores with the write barrier) and then collects. Medians of the rounds.\n"
    );
    println!(
        "| Live objects in Green | Red-only pause (us) | Full pause (us) | Full / Red | Cards scanned per Red collection | Heap (MiB) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let sizes: &[usize] = if quick {
        &[10_000, 100_000, 1_000_000]
    } else {
        &[10_000, 100_000, 1_000_000, 10_000_000]
    };
    for &n in sizes {
        let mut heap = Heap::new(Config::default());
        let green = build_green(&mut heap, n);
        let hook_site = AllocSite(101);
        heap.pin_site(hook_site, Zone::Green);
        let hooks: Vec<Gc<Hook>> = (0..100)
            .map(|_| {
                heap.alloc(
                    hook_site,
                    Hook {
                        target: Cell::new(None),
                    },
                )
            })
            .collect();
        let roots = heap.alloc(hook_site, hooks);
        let red_site = AllocSite(102);
        heap.pin_site(red_site, Zone::Red);
        let mut keep: Vec<Gc<Small>> = Vec::new();
        // SAFETY: `green`, `roots` and `keep` are the roots; nothing else is used afterwards.
        unsafe {
            heap.collect(Collection::Full, &|t: &mut Tracer| {
                t.trace(&(green, roots, &keep))
            })
        };
        let rounds = if n >= 10_000_000 { 5 } else { 15 };
        let mut red = Vec::new();
        let mut full = Vec::new();
        let mut cards = 0;
        // All Red rounds first, then all Full rounds: interleaving them would make every Red
        // collection start with caches just flushed by a full one.
        for round in 0..rounds * 2 {
            // ANCHOR: round
            keep.clear();
            for i in 0..10_000u64 {
                let obj = heap.alloc(red_site, Small { a: i, b: round });
                if i % 10 == 0 {
                    keep.push(obj);
                }
            }
            for (i, hook) in roots.iter().enumerate() {
                hook.target.set(Some(keep[i * 10]));
                Gc::write_barrier(*hook);
            }
            let kind = if round < rounds {
                Collection::Red
            } else {
                Collection::Full
            };
            // SAFETY: as above.
            let report =
                unsafe { heap.collect(kind, &|t: &mut Tracer| t.trace(&(green, roots, &keep))) };
            // ANCHOR_END: round
            if kind == Collection::Red {
                red.push(report.pause);
                cards = report.cards_scanned;
            } else {
                full.push(report.pause);
            }
        }
        let (red, full) = (median(red), median(full));
        let heap_mib = heap.stats().heap_bytes as f64 / (1 << 20) as f64;
        println!(
            "| {n} | {} | {} | {:.0}x | {cards} | {heap_mib:.0} |",
            micros(red),
            micros(full),
            full.as_secs_f64() / red.as_secs_f64()
        );
        black_box(green.len());
    }
    println!();
}

/// Allocation throughput against `Box`.
fn throughput() {
    println!("## Allocation throughput\n");
    println!("10,000,000 allocations of a 16-byte value, each dead at once; medians of 5 runs.\n");
    println!("| Allocator | ns per allocation | Collections |");
    println!("|---|---:|---:|");
    const N: u64 = 10_000_000;
    let mut times = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        for i in 0..N {
            let b = Box::new(Small { a: i, b: i });
            black_box(&b);
        }
        times.push(start.elapsed());
    }
    println!(
        "| Box::new + drop | {:.2} | - |",
        median(times).as_nanos() as f64 / N as f64
    );
    for (label, every) in [
        ("VGC alloc, safepoint every allocation", 1u64),
        ("VGC alloc, safepoint every 100 allocations", 100),
    ] {
        let mut times = Vec::new();
        let mut collections = 0;
        for _ in 0..5 {
            let mut heap = Heap::new(Config::default());
            let site = AllocSite(1);
            let start = Instant::now();
            for i in 0..N {
                let obj = heap.alloc(site, Small { a: i, b: i });
                black_box(obj);
                if i % every == 0 {
                    // SAFETY: `obj` is not used after the safepoint.
                    unsafe { heap.safepoint(&|_: &mut Tracer| {}) };
                }
            }
            times.push(start.elapsed());
            collections = heap.stats().collections();
        }
        println!(
            "| {label} | {:.2} | {collections} |",
            median(times).as_nanos() as f64 / N as f64
        );
    }
    println!();
}
