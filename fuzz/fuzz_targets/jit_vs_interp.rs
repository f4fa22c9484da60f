//! Fuzz target: a generated Lua program must behave the same with and without the JIT.
//!
//! The bytes choose a program (`lua_gen`), which `differential::check` runs in three
//! configurations; a disagreement panics with the program and the difference, which libFuzzer
//! reports as a crash and saves.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use metatrace_fuzz::{differential, lua_gen};

/// The library is used only if this lua-demo has every function the generator calls.
fn features() -> lua_gen::Features {
    static FEATURES: OnceLock<lua_gen::Features> = OnceLock::new();
    *FEATURES.get_or_init(|| {
        if differential::runs_cleanly(lua_gen::LIBRARY_PROBE) {
            lua_gen::Features::ALL
        } else {
            eprintln!("jit_vs_interp: lua-demo lacks library functions; generating core Lua only");
            lua_gen::Features::CORE
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let source = lua_gen::program_with(data, features());
    if let Err(difference) = differential::check(&source) {
        panic!("JIT and interpreter disagree on:\n{source}\n{difference}");
    }
});
