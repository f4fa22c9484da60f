//! A collection frees every object not reachable from the roots given, so the caller must promise
//! that no other handle is used afterwards: calling it needs `unsafe`.
use vgc::{Config, Heap, Tracer};

fn main() {
    let mut heap = Heap::new(Config::default());
    heap.safepoint(&|_: &mut Tracer| {});
}
