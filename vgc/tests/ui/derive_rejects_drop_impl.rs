//! A traced type's Drop impl could dereference Gc fields that are already dead at sweep time, so
//! #[derive(Trace)] rejects Drop impls unless the type opts in with #[trace(unsafe_drop)].
use vgc::{Gc, Trace};

#[derive(Trace)]
struct Node {
    next: Option<Gc<Node>>,
}

impl Drop for Node {
    fn drop(&mut self) {
        if let Some(next) = self.next {
            let _ = next.next.is_some();
        }
    }
}

fn main() {}
