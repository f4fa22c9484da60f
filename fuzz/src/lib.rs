//! Fuzzing support shared by the fuzz targets and by `cargo test`: the program generator and the
//! differential check.
//!
//! The modules have no dependency on this crate, so interpreters/lua-demo/tests/fuzz_smoke.rs and
//! interpreters/python/tests/fuzz_jit_smoke.rs include the same files with `#[path]` and run them in
//! the normal test suite.

pub mod differential;
pub mod lua_gen;
pub mod py_differential;
pub mod py_gen;
