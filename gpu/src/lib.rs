//! GPU backend for metatrace traces (PTX generator, CUDA via cudarc). Not built yet: a later backend issue fills this crate.
