//! WebAssembly backend for metatrace traces. Not built yet: a later backend issue fills this crate.
