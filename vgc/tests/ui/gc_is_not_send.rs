//! A Gc points into a heap owned by one thread; it must not cross to another.
use vgc::{AllocSite, Config, Heap};

fn main() {
    let mut heap = Heap::new(Config::default());
    let value = heap.alloc(AllocSite(1), 5u64);
    std::thread::spawn(move || {
        let _ = *value;
    });
}
