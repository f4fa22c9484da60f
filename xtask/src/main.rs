//! `cargo xtask`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! `flags` parses the command line, this file dispatches, and each command is a short function
//! that runs cargo or a tool with the right arguments. Tools the project needs (mdbook,
//! cargo-fuzz) are installed with `cargo install --locked` at pinned versions when missing. Nothing
//! here is needed to build or test the crates: plain `cargo test --workspace` works on its own.

mod bench;
mod flags;
mod tidy;
mod tools;

use std::process::ExitCode;

use flags::Command;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match flags::parse(&args) {
        Ok(command) => command,
        Err(why) => {
            eprintln!("xtask: {why}\n\n{}", flags::USAGE);
            return ExitCode::from(2);
        }
    };
    match run(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("xtask: {why}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), String> {
    let root = tools::workspace_root();
    match command {
        Command::Help => {
            print!("{}", flags::USAGE);
            Ok(())
        }
        Command::Bless => {
            // expect-test rewrites every failing `expect!` in place when this variable is set.
            let mut cmd = tools::cargo(&root);
            cmd.args(["test", "--workspace"]).env("UPDATE_EXPECT", "1");
            tools::run(cmd)
        }
        Command::BlessConformance {
            suite,
            expected_failures,
            filters,
        } => {
            // The conformance runner does the work (it knows the reference interpreters and the
            // expected-failures format); this only spells its flags.
            let mut cmd = tools::cargo(&root);
            cmd.args(["test", "-p", "conformance", "--test", "conformance", "--"]);
            cmd.arg(if expected_failures {
                "--bless-expected-failures"
            } else {
                "--bless"
            });
            if let Some(suite) = suite {
                cmd.arg(format!("--{suite}"));
            }
            cmd.args(filters);
            tools::run(cmd)
        }
        Command::Bench(args) => bench::run(&args),
        Command::Fuzz { target, seconds } => fuzz(&root, &target, seconds),
        Command::Book => {
            tools::ensure_cargo_tool(tools::MDBOOK)?;
            let mut cmd = std::process::Command::new("mdbook");
            cmd.current_dir(&root).args(["build", "book"]);
            tools::run(cmd)
        }
        Command::Tidy => tidy::run(&root),
    }
}

/// libFuzzer options per target. `jit_vs_interp`'s input is a list of choices for a program
/// generator, which makes only trivial programs from the few bytes libFuzzer starts with; letting
/// it use long inputs from the start explores real programs sooner.
const FUZZ_OPTIONS: &[(&str, &[&str])] = &[("jit_vs_interp", &["-len_control=0", "-max_len=1024"])];

/// Runs a fuzz target without sanitizers (`-s none`: the only mode stable rustc builds).
fn fuzz(root: &std::path::Path, target: &str, seconds: Option<u64>) -> Result<(), String> {
    let source = root.join("fuzz/fuzz_targets").join(format!("{target}.rs"));
    if !source.is_file() {
        let known = tools::fuzz_targets(root).join(", ");
        return Err(format!("no fuzz target `{target}` (known: {known})"));
    }
    tools::ensure_cargo_tool(tools::CARGO_FUZZ)?;
    let mut cmd = tools::cargo(root);
    cmd.args(["fuzz", "run", "-s", "none", target, "--"]);
    if let Some(seconds) = seconds {
        cmd.arg(format!("-max_total_time={seconds}"));
    }
    for (name, options) in FUZZ_OPTIONS {
        if *name == target {
            cmd.args(*options);
        }
    }
    tools::run(cmd)
}
