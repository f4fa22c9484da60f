//! A Trace impl that misses an edge is a use-after-free, so implementing it by hand needs `unsafe`.
use vgc::{Gc, Trace, Tracer};

struct Holder {
    inner: Gc<u64>,
}

impl Trace for Holder {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.edge(self.inner);
    }
}

fn main() {}
