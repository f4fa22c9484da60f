//! The collector cannot know which field of a union is live.
use vgc::Trace;

#[derive(Trace)]
union Bits {
    int: u64,
    float: f64,
}

fn main() {}
