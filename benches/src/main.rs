//! The `metatrace-benches` binary: parses flags and runs the suite.
//!
//! All logic lives in the library (`cli::main_with`) so the integration test
//! drives the same code; this file only forwards the arguments and the exit
//! code.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(metatrace_benches::cli::main_with(&args));
}
