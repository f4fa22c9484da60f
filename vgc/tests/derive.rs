//! `#[derive(Trace)]`: every field shape, enums, generics, `#[trace(skip)]`, recursive types.
//!
//! Whether a field is traced is observed through weak references: after a full collection rooted
//! at the container, a weak reference to a traced field's target still upgrades, and one to a
//! target held only by a skipped field does not.

use std::cell::Cell;

use vgc::{AllocSite, Collection, Config, Gc, Heap, Trace, Tracer, Weak};

const SITE: AllocSite = AllocSite(1);

#[derive(Trace)]
struct Leaf {
    n: u32,
    name: String,
}

#[derive(Trace)]
struct Named {
    leaf: Gc<Leaf>,
    count: usize,
    list: Vec<Gc<Leaf>>,
}

// Skipped fields are never read: the tests only observe that their targets are not kept.
#[allow(dead_code)]
#[derive(Trace)]
struct Tuple(u8, Gc<Leaf>, #[trace(skip)] Option<Gc<Leaf>>);

#[derive(Trace)]
struct Unit;

#[allow(dead_code)]
#[derive(Trace)]
enum Shape {
    Empty,
    One(Gc<Leaf>),
    Two {
        left: Gc<Leaf>,
        right: Option<Gc<Leaf>>,
    },
    Skipped(#[trace(skip)] Gc<Leaf>, u64),
}

#[derive(Trace)]
struct Pair<A, B> {
    first: A,
    second: B,
}

/// A type with no Trace impl, only usable behind `#[trace(skip)]`.
struct Opaque(#[allow(dead_code)] u64);

#[allow(dead_code)]
#[derive(Trace)]
struct WithOpaque {
    #[trace(skip)]
    opaque: Opaque,
    leaf: Gc<Leaf>,
}

#[derive(Trace)]
struct List {
    value: Gc<Leaf>,
    next: Option<Box<List>>,
}

#[derive(Trace)]
enum Never {}

#[test]
fn derive_needs_trace_is_the_or_of_traced_fields() {
    let got = [
        Leaf::NEEDS_TRACE,
        Named::NEEDS_TRACE,
        Tuple::NEEDS_TRACE,
        Unit::NEEDS_TRACE,
        Shape::NEEDS_TRACE,
        <Pair<u32, String>>::NEEDS_TRACE,
        <Pair<u32, Gc<Leaf>>>::NEEDS_TRACE,
        WithOpaque::NEEDS_TRACE,
        // Recursive types conservatively need tracing.
        List::NEEDS_TRACE,
        Never::NEEDS_TRACE,
    ];
    assert_eq!(
        got,
        [
            false, true, true, false, true, false, true, true, true, false
        ]
    );
}

fn leaf(heap: &mut Heap, n: u32) -> (Gc<Leaf>, Weak<Leaf>) {
    let gc = heap.alloc(
        SITE,
        Leaf {
            n,
            name: format!("leaf {n}"),
        },
    );
    (gc, heap.downgrade(gc))
}

/// Collects everything not reachable from `root` (and the weak references).
fn collect_rooted_at<T: Trace + 'static>(heap: &mut Heap, root: Gc<T>, weaks: &[Weak<Leaf>]) {
    // SAFETY: the test only uses `root`, what it reaches, and the weak references afterwards.
    unsafe { heap.collect(Collection::Full, &|t: &mut Tracer| t.trace(&(root, weaks))) };
}

#[test]
fn derive_traces_named_fields_and_containers() {
    let mut heap = Heap::new(Config::for_tests());
    let (a, wa) = leaf(&mut heap, 1);
    let (b, wb) = leaf(&mut heap, 2);
    let named = heap.alloc(
        SITE,
        Named {
            leaf: a,
            count: 3,
            list: vec![b],
        },
    );
    collect_rooted_at(&mut heap, named, &[wa, wb]);
    assert!(wa.upgrade().is_some() && wb.upgrade().is_some());
    assert_eq!(named.leaf.name, "leaf 1");
    assert_eq!(named.list[0].n, 2);
    assert_eq!(named.count, 3);
}

#[test]
fn derive_skips_fields_marked_skip() {
    let mut heap = Heap::new(Config::for_tests());
    let (a, wa) = leaf(&mut heap, 1);
    let (b, wb) = leaf(&mut heap, 2);
    let tuple = heap.alloc(SITE, Tuple(7, a, Some(b)));
    collect_rooted_at(&mut heap, tuple, &[wa, wb]);
    assert!(wa.upgrade().is_some());
    assert!(
        wb.upgrade().is_none(),
        "the skipped field's target was not traced"
    );
    assert_eq!((tuple.0, tuple.1.n), (7, 1));
}

#[test]
fn derive_traces_every_enum_variant_shape() {
    let mut heap = Heap::new(Config::for_tests());
    let (a, wa) = leaf(&mut heap, 1);
    let (b, wb) = leaf(&mut heap, 2);
    let (c, wc) = leaf(&mut heap, 3);
    let (d, wd) = leaf(&mut heap, 4);
    let shapes = heap.alloc(
        SITE,
        vec![
            Shape::Empty,
            Shape::One(a),
            Shape::Two {
                left: b,
                right: Some(c),
            },
            Shape::Skipped(d, 9),
        ],
    );
    collect_rooted_at(&mut heap, shapes, &[wa, wb, wc, wd]);
    assert!(wa.upgrade().is_some() && wb.upgrade().is_some() && wc.upgrade().is_some());
    assert!(wd.upgrade().is_none());
    match &shapes[2] {
        Shape::Two { left, right } => assert_eq!((left.n, right.unwrap().n), (2, 3)),
        _ => unreachable!(),
    }
}

#[test]
fn derive_adds_trace_bounds_to_type_parameters() {
    let mut heap = Heap::new(Config::for_tests());
    let (a, wa) = leaf(&mut heap, 1);
    let pair = heap.alloc(
        SITE,
        Pair {
            first: 5u32,
            second: Cell::new(Some(a)),
        },
    );
    collect_rooted_at(&mut heap, pair, &[wa]);
    assert!(wa.upgrade().is_some());
    assert_eq!(pair.second.get().unwrap().n, 1);
}

#[test]
fn derive_handles_skipped_foreign_types_and_recursion() {
    let mut heap = Heap::new(Config::for_tests());
    let (a, wa) = leaf(&mut heap, 1);
    let (b, wb) = leaf(&mut heap, 2);
    let with = heap.alloc(
        SITE,
        WithOpaque {
            opaque: Opaque(3),
            leaf: a,
        },
    );
    let list = heap.alloc(
        SITE,
        List {
            value: a,
            next: Some(Box::new(List {
                value: b,
                next: None,
            })),
        },
    );
    // SAFETY: only `with`, `list` and the weak references are used afterwards.
    unsafe {
        heap.collect(Collection::Full, &|t: &mut Tracer| {
            t.trace(&(with, list, [wa, wb]))
        })
    };
    assert!(wa.upgrade().is_some() && wb.upgrade().is_some());
    assert_eq!(list.next.as_ref().unwrap().value.n, 2);
    assert_eq!(with.leaf.n, 1);
}
