//! Property tests: random object graphs, random mutations, random collections, against a model.
//!
//! The model is a plain map of node ids to edge lists plus a root list. After every collection the
//! test checks, against the model: every reachable node survived intact (id, payload, edges, its
//! large blob); no node was dropped twice; no reachable node was dropped; after a full collection
//! every unreachable node was dropped exactly once; weak references to reachable nodes still
//! upgrade and weak references to dropped nodes do not. The heap runs with the verifier on, so every
//! collection also checks poison, cards and states. Sites are pinned to each zone and left free, so
//! zone-local collections, cards, pretenuring and large objects are all exercised.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use vgc::{AllocSite, Collection, Config, Gc, Heap, Trace, Tracer, Weak, Zone};

thread_local! {
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
    blob: Option<Gc<Blob>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        DROPS.with(|d| *d.borrow_mut().entry(self.id).or_default() += 1);
    }
}

/// A large object (more than the largest size class) that points back at a node.
#[derive(Trace)]
struct Blob {
    data: [u64; 1200],
    back: Option<Gc<Node>>,
}

#[derive(Clone, Debug)]
enum Op {
    /// A new node at `site`, attached under the `parent`-th live node or made a root; maybe with a blob.
    Alloc {
        site: u8,
        parent: Option<usize>,
        blob: bool,
    },
    Link {
        from: usize,
        to: usize,
    },
    Unlink {
        from: usize,
        edge: usize,
    },
    Unroot {
        root: usize,
    },
    Weak {
        node: usize,
    },
    Collect {
        kind: u8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u8..6, proptest::option::weighted(0.8, 0usize..1000), proptest::bool::weighted(0.05))
            .prop_map(|(site, parent, blob)| Op::Alloc { site, parent, blob }),
        3 => (0usize..1000, 0usize..1000).prop_map(|(from, to)| Op::Link { from, to }),
        2 => (0usize..1000, 0usize..1000).prop_map(|(from, edge)| Op::Unlink { from, edge }),
        1 => (0usize..1000).prop_map(|root| Op::Unroot { root }),
        1 => (0usize..1000).prop_map(|node| Op::Weak { node }),
        1 => (0u8..4).prop_map(|kind| Op::Collect { kind }),
    ]
}

/// The test's world: the heap, the model, and the handles the model says are usable.
struct World {
    heap: Heap,
    next_id: u64,
    /// Handles of nodes that may be used (reachable at the last collection, or allocated since).
    live: HashMap<u64, Gc<Node>>,
    /// The model: edges by node id, the roots, every id ever allocated, and which nodes have a blob.
    edges: HashMap<u64, Vec<u64>>,
    roots: Vec<u64>,
    all: Vec<u64>,
    blobs: HashSet<u64>,
    /// The hidden edge from a node's blob back to the node's parent.
    backs: HashMap<u64, u64>,
    weaks: Vec<(Weak<Node>, u64)>,
}

const SITES: [Option<Zone>; 6] = [
    None,
    Some(Zone::Green),
    Some(Zone::Blue),
    Some(Zone::Red),
    None,
    None,
];

impl World {
    fn new(stress: bool) -> World {
        let mut heap = Heap::new(Config {
            red_budget: 8 << 10,
            blue_budget: 32 << 10,
            green_budget: 128 << 10,
            profile_min_samples: 8,
            stress,
            ..Config::for_tests()
        });
        for (i, zone) in SITES.iter().enumerate() {
            if let Some(zone) = zone {
                heap.pin_site(AllocSite(i as u32), *zone);
            }
        }
        World {
            heap,
            next_id: 0,
            live: HashMap::new(),
            edges: HashMap::new(),
            roots: Vec::new(),
            all: Vec::new(),
            blobs: HashSet::new(),
            backs: HashMap::new(),
            weaks: Vec::new(),
        }
    }

    /// The `i`-th usable node (in id order), if any.
    fn pick(&self, i: usize) -> Option<(u64, Gc<Node>)> {
        if self.live.is_empty() {
            return None;
        }
        let mut ids: Vec<u64> = self.live.keys().copied().collect();
        ids.sort_unstable();
        let id = ids[i % ids.len()];
        Some((id, self.live[&id]))
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Alloc { site, parent, blob } => {
                let id = self.next_id;
                self.next_id += 1;
                let parent = parent.and_then(|p| self.pick(p));
                let blob = if blob {
                    let back = parent.map(|(_, gc)| gc);
                    self.blobs.insert(id);
                    if let Some((pid, _)) = parent {
                        self.backs.insert(id, pid);
                    }
                    Some(self.heap.alloc(
                        AllocSite(site as u32),
                        Blob {
                            data: [id; 1200],
                            back,
                        },
                    ))
                } else {
                    None
                };
                let node = self.heap.alloc(
                    AllocSite(site as u32),
                    Node {
                        id,
                        payload: vec![id; 1 + (id % 5) as usize],
                        edges: RefCell::new(Vec::new()),
                        blob,
                    },
                );
                self.all.push(id);
                self.live.insert(id, node);
                self.edges.insert(id, Vec::new());
                match parent {
                    Some((pid, pgc)) => {
                        pgc.edges.borrow_mut().push(node);
                        Gc::write_barrier(pgc);
                        self.edges.get_mut(&pid).unwrap().push(id);
                    }
                    None => self.roots.push(id),
                }
                self.safepoint();
            }
            Op::Link { from, to } => {
                if let (Some((fid, fgc)), Some((tid, tgc))) = (self.pick(from), self.pick(to)) {
                    fgc.edges.borrow_mut().push(tgc);
                    Gc::write_barrier(fgc);
                    self.edges.get_mut(&fid).unwrap().push(tid);
                }
            }
            Op::Unlink { from, edge } => {
                if let Some((fid, fgc)) = self.pick(from) {
                    let list = self.edges.get_mut(&fid).unwrap();
                    if !list.is_empty() {
                        let e = edge % list.len();
                        list.remove(e);
                        fgc.edges.borrow_mut().remove(e);
                    }
                }
            }
            Op::Unroot { root } => {
                if !self.roots.is_empty() {
                    let r = root % self.roots.len();
                    self.roots.remove(r);
                }
            }
            Op::Weak { node } => {
                if let Some((id, gc)) = self.pick(node) {
                    let weak = self.heap.downgrade(gc);
                    self.weaks.push((weak, id));
                }
            }
            Op::Collect { kind } => match kind {
                0 => self.collect(Some(Collection::Red)),
                1 => self.collect(Some(Collection::Blue)),
                2 => self.collect(Some(Collection::Full)),
                _ => self.safepoint(),
            },
        }
    }

    fn reachable(&self) -> HashSet<u64> {
        let mut seen = HashSet::new();
        let mut stack: Vec<u64> = self.roots.clone();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                stack.extend(self.edges[&id].iter().copied());
                stack.extend(self.backs.get(&id).copied());
            }
        }
        seen
    }

    /// Drops handles to unreachable nodes (they may be freed by the coming collection).
    fn prune(&mut self) -> HashSet<u64> {
        let reachable = self.reachable();
        self.live.retain(|id, _| reachable.contains(id));
        self.edges.retain(|id, _| reachable.contains(id));
        self.backs.retain(|id, _| reachable.contains(id));
        reachable
    }

    fn root_handles(&self) -> (Vec<Gc<Node>>, Vec<Weak<Node>>) {
        (
            self.roots.iter().map(|id| self.live[id]).collect(),
            self.weaks.iter().map(|(w, _)| *w).collect(),
        )
    }

    fn safepoint(&mut self) {
        if !self.heap.collection_requested() && !self.heap.config().stress {
            return;
        }
        let reachable = self.prune();
        let roots = self.root_handles();
        // SAFETY: after `prune`, the test only uses handles of nodes reachable from `roots`, and
        // every weak reference is in `roots`.
        let report = unsafe { self.heap.safepoint(&|t: &mut Tracer| t.trace(&roots)) };
        if let Some(report) = report {
            self.check(&reachable, report.kind == Collection::Full);
        }
    }

    fn collect(&mut self, kind: Option<Collection>) {
        let reachable = self.prune();
        let roots = self.root_handles();
        let kind = kind.unwrap_or(Collection::Full);
        // SAFETY: as in `safepoint`.
        unsafe { self.heap.collect(kind, &|t: &mut Tracer| t.trace(&roots)) };
        self.check(&reachable, kind == Collection::Full);
    }

    fn check(&self, reachable: &HashSet<u64>, full: bool) {
        for &id in &self.all {
            let n = drops(id);
            assert!(n <= 1, "node {id} dropped {n} times");
            if reachable.contains(&id) {
                assert_eq!(n, 0, "reachable node {id} was dropped");
            } else if full {
                assert_eq!(n, 1, "unreachable node {id} survived a full collection");
            }
        }
        for &id in reachable {
            let node = self.live[&id];
            assert_eq!(node.id, id);
            assert_eq!(node.payload, vec![id; 1 + (id % 5) as usize]);
            let edges: Vec<u64> = node.edges.borrow().iter().map(|e| e.id).collect();
            assert_eq!(edges, self.edges[&id], "edges of node {id}");
            assert_eq!(node.blob.is_some(), self.blobs.contains(&id));
            if let Some(blob) = node.blob {
                assert!(blob.data.iter().all(|x| *x == id), "blob of node {id}");
                assert_eq!(
                    blob.back.map(|b| b.id),
                    self.backs.get(&id).copied(),
                    "blob of node {id}"
                );
            }
        }
        for (weak, target) in &self.weaks {
            if reachable.contains(target) {
                let gc = weak
                    .upgrade()
                    .expect("weak reference to a reachable node was cleared");
                assert!(Gc::ptr_eq(gc, self.live[target]));
            } else if drops(*target) == 1 {
                assert!(
                    weak.upgrade().is_none(),
                    "weak reference to dropped node {target} still set"
                );
            }
        }
    }
}

fn run(ops: &[Op], stress: bool) {
    DROPS.with(|d| d.borrow_mut().clear());
    let mut world = World::new(stress);
    for op in ops {
        world.apply(op);
    }
    world.collect(None);
    let total = world.all.len();
    drop(world);
    // Dropping the heap drops every node still allocated: in all, each node exactly once.
    DROPS.with(|d| {
        let d = d.borrow();
        assert_eq!(d.len(), total);
        assert!(d.values().all(|n| *n == 1));
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn graph_reachable_survive_intact_and_unreachable_drop_once(ops in proptest::collection::vec(op(), 1..400)) {
        run(&ops, false);
    }

    #[test]
    fn graph_invariants_hold_when_every_safepoint_collects(ops in proptest::collection::vec(op(), 1..200)) {
        run(&ops, true);
    }
}
