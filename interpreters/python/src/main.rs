//! The `pyvgc` binary: see `pyvgc::cli`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(pyvgc::cli::main(args));
}
