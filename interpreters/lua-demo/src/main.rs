//! The `lua-demo` binary: see `lua_demo::cli`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(lua_demo::cli::main(args));
}
