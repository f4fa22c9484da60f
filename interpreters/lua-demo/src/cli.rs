//! The `lua-demo` command line: being written.

/// Runs the command line with `args` (without argv\[0\]) and returns the process exit code.
pub fn main(args: Vec<String>) -> i32 {
    let _ = args;
    eprintln!("lua-demo: the interpreter is not built yet");
    1
}
