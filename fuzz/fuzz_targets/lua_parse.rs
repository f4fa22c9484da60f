//! Fuzz target: the Lua front end must never panic, whatever the bytes.
//!
//! It only compiles; errors are expected and ignored. Running the result is `jit_vs_interp`'s job.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = lua_demo::compiler::compile(data, "fuzz");
});
