//! `cargo xtask bench`: builds our interpreters in release and runs the
//! benchmark runner on them.
//!
//! Each of ours (lua-demo, pyvgc) is built only when its package declares a
//! binary (a `src/main.rs` or a `[[bin]]` table); a package without one, or
//! a failed build, is reported and the runner then shows that runtime as
//! missing rather than stopping the benchmark. Paths given by the user with
//! `--lua-demo` / `--pyvgc` are passed through untouched. Uses only std.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(t) => {
            let t = PathBuf::from(t);
            if t.is_absolute() { t } else { root.join(t) }
        }
        None => root.join("target"),
    }
}

fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Whether `package_dir` declares a binary called `wanted`, by Cargo's
/// rules: `src/main.rs` is a binary named after the package,
/// `src/bin/NAME.rs` and `src/bin/NAME/main.rs` are binaries named NAME, and
/// a `[[bin]]` table can name one explicitly.
fn has_bin(package_dir: &Path, package: &str, wanted: &str) -> bool {
    if wanted == package && package_dir.join("src/main.rs").is_file() {
        return true;
    }
    let bin_dir = package_dir.join("src/bin");
    if bin_dir.join(format!("{wanted}.rs")).is_file()
        || bin_dir.join(wanted).join("main.rs").is_file()
    {
        return true;
    }
    let Ok(manifest) = std::fs::read_to_string(package_dir.join("Cargo.toml")) else {
        return false;
    };
    let mut in_bin = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
            continue;
        }
        if in_bin
            && let Some((key, value)) = line.split_once('=')
            && key.trim() == "name"
            && value.trim().trim_matches('"') == wanted
        {
            return true;
        }
    }
    false
}

/// Builds `package`'s binary `bin` in release; returns its path, or why not.
fn build(root: &Path, package_dir: &str, package: &str, bin: &str) -> Result<PathBuf, String> {
    if !has_bin(&root.join(package_dir), package, bin) {
        return Err(format!("package {package} has no binary `{bin}` yet"));
    }
    eprintln!("xtask bench: cargo build --release -p {package} --bin {bin}");
    let status = cargo()
        .current_dir(root)
        .args(["build", "--release", "-p", package, "--bin", bin])
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build of {package} failed ({status})"));
    }
    let path = target_dir(root).join("release").join(bin);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("{} was not produced", path.display()))
    }
}

/// Whether to run vgc's tables: on by default except in `--smoke` (which must
/// stay fast), `--no-vgc` turns it off and `--vgc` on. Returns the decision
/// and the arguments without those two flags (the runner does not know them).
fn vgc_switch(args: &[String]) -> (bool, Vec<String>) {
    let mut on = !args.iter().any(|a| a == "--smoke");
    let mut rest = Vec::new();
    for a in args {
        match a.as_str() {
            "--vgc" => on = true,
            "--no-vgc" => on = false,
            _ => rest.push(a.clone()),
        }
    }
    (on, rest)
}

/// Builds vgc's `tables` example in release; returns its path, or why not.
fn build_vgc_tables(root: &Path) -> Result<PathBuf, String> {
    eprintln!("xtask bench: cargo build --release -p vgc --example tables");
    let status = cargo()
        .current_dir(root)
        .args(["build", "--release", "-p", "vgc", "--example", "tables"])
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo build of vgc's tables example failed ({status})"
        ));
    }
    let path = target_dir(root).join("release/examples/tables");
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("{} was not produced", path.display()))
    }
}

/// Runs `cargo xtask bench ARGS...`: the runner's flags (`--quick`,
/// `--filter NAME`, `--runs N`, `--smoke`, ...) are passed through;
/// `--vgc` / `--no-vgc` decide whether vgc's tables example is built and run.
pub fn run(args: &[String]) -> Result<(), String> {
    let root = workspace_root();
    let (vgc, args) = vgc_switch(args);
    let args = &args[..];
    let mut runner_args: Vec<String> = args.to_vec();
    if vgc && !args.iter().any(|a| a == "--vgc-tables") {
        match build_vgc_tables(&root) {
            Ok(path) => {
                runner_args.push("--vgc-tables".to_string());
                runner_args.push(path.display().to_string());
            }
            Err(why) => {
                eprintln!("xtask bench: the VGC section will say it was not measured: {why}");
                runner_args.push("--note".to_string());
                runner_args.push(format!(
                    "cargo xtask bench did not build vgc's tables: {why}"
                ));
            }
        }
    }
    let ours = [
        (
            "--lua-demo",
            "interpreters/lua-demo",
            "lua-demo",
            "lua-demo",
        ),
        ("--pyvgc", "interpreters/python", "pyvgc", "pyvgc"),
    ];
    for (flag, dir, package, bin) in ours {
        if args.iter().any(|a| a == flag) {
            continue;
        }
        match build(&root, dir, package, bin) {
            Ok(path) => {
                runner_args.push(flag.to_string());
                runner_args.push(path.display().to_string());
            }
            Err(why) => {
                eprintln!("xtask bench: {bin} will be reported missing: {why}");
                runner_args.push("--note".to_string());
                runner_args.push(format!("cargo xtask bench did not build {bin}: {why}"));
            }
        }
    }
    let status = cargo()
        .current_dir(&root)
        .args(["run", "--release", "-p", "metatrace-benches", "--"])
        .args(&runner_args)
        .status()
        .map_err(|e| format!("could not run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("benchmark runner failed ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vgc_tables_are_on_by_default_except_in_smoke_mode() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(vgc_switch(&args("--quick")), (true, args("--quick")));
        assert_eq!(vgc_switch(&args("")), (true, args("")));
        assert_eq!(vgc_switch(&args("--smoke")), (false, args("--smoke")));
        assert_eq!(
            vgc_switch(&args("--quick --no-vgc --filter x")),
            (false, args("--quick --filter x"))
        );
        assert_eq!(vgc_switch(&args("--smoke --vgc")), (true, args("--smoke")));
    }

    #[test]
    fn bin_is_found_from_main_rs_or_a_bin_table() {
        let dir = std::env::temp_dir().join(format!("xtask-bench-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"p\"\n").unwrap();
        assert!(!has_bin(&dir, "p", "p"));
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"p\"\n\n[[bin]]\nname = \"tool\"\npath = \"src/tool.rs\"\n",
        )
        .unwrap();
        assert!(has_bin(&dir, "p", "tool"));
        assert!(!has_bin(&dir, "p", "p"));
        std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").unwrap();
        assert!(has_bin(&dir, "p", "p"));
        std::fs::create_dir_all(dir.join("src/bin")).unwrap();
        std::fs::write(dir.join("src/bin/other.rs"), "fn main() {}\n").unwrap();
        assert!(has_bin(&dir, "p", "other"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
