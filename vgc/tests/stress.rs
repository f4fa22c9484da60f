//! Stress tests: interpreter-shaped workloads with a collection at every safepoint.
//!
//! `Config::stress` makes every safepoint collect (rotating Red, Blue and Full collections) and
//! `Config::verify` checks the whole heap around each one, so a missing root, a missing barrier or a
//! sweep bug fails within one safepoint of where it happens. The workloads are binary trees (one
//! long-lived tree plus churn, the classic GC benchmark shape) and Lua-like tables holding strings
//! and other tables, mutated at random against a shadow model. Set `RUN_SLOW_TESTS=1` for the large
//! versions.

use std::cell::RefCell;
use std::collections::HashMap;

use vgc::{AllocSite, Collection, Config, Gc, Heap, Trace, Tracer, Zone};

fn slow() -> bool {
    std::env::var("RUN_SLOW_TESTS").is_ok_and(|v| v == "1")
}

#[derive(Trace)]
struct Tree {
    left: Option<Gc<Tree>>,
    right: Option<Gc<Tree>>,
    value: i64,
}

fn build(heap: &mut Heap, site: AllocSite, depth: u32, value: i64) -> Gc<Tree> {
    if depth == 0 {
        return heap.alloc(
            site,
            Tree {
                left: None,
                right: None,
                value,
            },
        );
    }
    let left = build(heap, site, depth - 1, 2 * value);
    let right = build(heap, site, depth - 1, 2 * value + 1);
    heap.alloc(
        site,
        Tree {
            left: Some(left),
            right: Some(right),
            value,
        },
    )
}

fn check(tree: Gc<Tree>, depth: u32, value: i64) -> u64 {
    assert_eq!(tree.value, value);
    match (tree.left, tree.right) {
        (Some(left), Some(right)) => {
            1 + check(left, depth - 1, 2 * value) + check(right, depth - 1, 2 * value + 1)
        }
        (None, None) => {
            assert_eq!(depth, 0);
            1
        }
        _ => panic!("half a node"),
    }
}

#[test]
fn stress_binary_trees_survive_collection_at_every_safepoint() {
    let (long_depth, short_depth, rounds) = if slow() { (16, 10, 2000) } else { (8, 5, 300) };
    let mut heap = Heap::new(Config {
        stress: true,
        ..Config::for_tests()
    });
    let long_site = AllocSite(1);
    let short_site = AllocSite(2);
    let long = build(&mut heap, long_site, long_depth, 1);
    let mut collections = 0;
    for round in 0..rounds {
        let short = build(&mut heap, short_site, short_depth, round);
        // SAFETY: only `long` and `short` are used afterwards.
        if unsafe { heap.safepoint(&|t: &mut Tracer| t.trace(&(long, short))) }.is_some() {
            collections += 1;
        }
        assert_eq!(
            check(short, short_depth, round),
            (1 << (short_depth + 1)) - 1
        );
    }
    assert_eq!(check(long, long_depth, 1), (1 << (long_depth + 1)) - 1);
    assert_eq!(collections, rounds);
    let stats = heap.stats();
    assert!(stats.zone(Zone::Red).expired > 0);
    assert!(stats.pause(Collection::Full).count() > 0);
}

#[derive(Trace, Clone, Copy)]
enum Value {
    Int(i64),
    Str(Gc<String>),
    Table(Gc<Table>),
}

#[derive(Trace)]
struct Table {
    map: RefCell<HashMap<u64, Value>>,
}

/// A xorshift generator, so the workload is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The shadow of one table: what each key should hold (tables by their index in `tables`).
#[derive(Clone, PartialEq, Debug)]
enum Shadow {
    Int(i64),
    Str(String),
    Table(usize),
}

#[test]
fn stress_tables_of_strings_and_tables_match_their_shadow() {
    let steps = if slow() { 200_000 } else { 6_000 };
    let mut heap = Heap::new(Config {
        stress: true,
        ..Config::for_tests()
    });
    let table_site = AllocSite(10);
    let string_site = AllocSite(11);
    let new_table = |heap: &mut Heap| {
        heap.alloc(
            table_site,
            Table {
                map: RefCell::new(HashMap::new()),
            },
        )
    };
    let mut tables = vec![new_table(&mut heap)];
    let mut shadows: Vec<HashMap<u64, Shadow>> = vec![HashMap::new()];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    // Tables the test may touch: reachable at the last safepoint, or created since.
    let mut alive = vec![0usize];
    for step in 0..steps {
        let t = alive[(rng.next() % alive.len() as u64) as usize];
        let key = rng.next() % 16;
        match rng.next() % 10 {
            0..=3 => {
                let n = rng.next() as i64;
                tables[t].map.borrow_mut().insert(key, Value::Int(n));
                shadows[t].insert(key, Shadow::Int(n));
            }
            4..=6 => {
                let text = format!("s{step}");
                let s = heap.alloc(string_site, text.clone());
                tables[t].map.borrow_mut().insert(key, Value::Str(s));
                Gc::write_barrier(tables[t]);
                shadows[t].insert(key, Shadow::Str(text));
            }
            7 if tables.len() < 64 => {
                let child = new_table(&mut heap);
                tables.push(child);
                shadows.push(HashMap::new());
                alive.push(tables.len() - 1);
                tables[t].map.borrow_mut().insert(key, Value::Table(child));
                Gc::write_barrier(tables[t]);
                shadows[t].insert(key, Shadow::Table(tables.len() - 1));
            }
            _ => {
                tables[t].map.borrow_mut().remove(&key);
                shadows[t].remove(&key);
            }
        }
        if step % 7 == 0 {
            // Only table 0 is a root: the others live as long as some table refers to them.
            alive = reachable_tables(&shadows);
            let root = tables[0];
            // SAFETY: afterwards the test dereferences only tables in `alive`, which are reachable
            // from `root`; other handles in `tables` are only compared by address.
            unsafe { heap.safepoint(&|t: &mut Tracer| t.edge(root)) };
            let live_tables: Vec<(usize, Gc<Table>)> =
                alive.iter().map(|&i| (i, tables[i])).collect();
            for &i in &alive {
                compare(tables[i], &shadows[i], &live_tables);
            }
        }
    }
}

/// Indices of tables reachable from table 0 in the shadow.
fn reachable_tables(shadows: &[HashMap<u64, Shadow>]) -> Vec<usize> {
    let mut seen = vec![false; shadows.len()];
    let mut stack = vec![0];
    let mut out = Vec::new();
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        out.push(i);
        for value in shadows[i].values() {
            if let Shadow::Table(j) = value {
                stack.push(*j);
            }
        }
    }
    out
}

/// Compares a table with its shadow; `tables` are the live tables with their shadow indices (a dead
/// table's cell may have been reused by a newer one, so only live tables identify an address).
fn compare(table: Gc<Table>, shadow: &HashMap<u64, Shadow>, tables: &[(usize, Gc<Table>)]) {
    let map = table.map.borrow();
    assert_eq!(map.len(), shadow.len());
    for (key, expect) in shadow {
        let got = match map[key] {
            Value::Int(n) => Shadow::Int(n),
            Value::Str(s) => Shadow::Str((*s).clone()),
            Value::Table(t) => Shadow::Table(
                tables
                    .iter()
                    .find(|(_, x)| Gc::ptr_eq(*x, t))
                    .expect("a live table")
                    .0,
            ),
        };
        assert_eq!(&got, expect, "key {key}");
    }
}

#[test]
fn stress_allocation_without_safepoints_only_requests() {
    let mut heap = Heap::new(Config::for_tests());
    let site = AllocSite(3);
    let mut last = None;
    for i in 0..200_000u64 {
        last = Some(heap.alloc(site, [i; 4]));
    }
    assert!(heap.collection_requested());
    assert_eq!(
        heap.stats().pause(Collection::Red).count(),
        0,
        "allocation never collects"
    );
    let last = last.unwrap();
    // SAFETY: only `last` is used afterwards.
    let report = unsafe { heap.safepoint(&|t: &mut Tracer| t.edge(last)) }.unwrap();
    assert_eq!(report.expired[0], 199_999);
    assert_eq!(last[3], 199_999);
}
