//! A heap is used from one thread at a time: it may move between threads but not be shared.
use vgc::Heap;

fn assert_sync<T: Sync>() {}

fn main() {
    assert_sync::<Heap>();
}
