//! Helpers the commands share: the workspace root, running cargo and tools, installing tools.
//!
//! Tool versions are pinned here (DEPENDENCIES.md says which build on this machine's rustc) and
//! installed with `--locked`, so a fresh machine gets the same tool as the one that was tested.
//! It does not manage toolchains: everything runs on the stable toolchain cargo was started with.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A tool installed with `cargo install`: how to detect it and which version to install.
pub struct CargoTool {
    /// The command that must work for the tool to count as installed.
    pub probe: &'static [&'static str],
    /// The `cargo install` spec.
    pub spec: &'static str,
}

pub const MDBOOK: CargoTool = CargoTool {
    probe: &["mdbook", "--version"],
    spec: "mdbook@0.5.4",
};

pub const CARGO_FUZZ: CargoTool = CargoTool {
    probe: &["cargo", "fuzz", "--version"],
    spec: "cargo-fuzz@0.13.2",
};

/// The workspace root: the parent of this crate's folder.
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// `cargo` (the one that started us, when known), run at `root`.
pub fn cargo(root: &Path) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root);
    cmd
}

/// Runs `cmd`, echoing it first; an unsuccessful exit is an error.
pub fn run(mut cmd: Command) -> Result<(), String> {
    let shown = format!(
        "{} {}",
        cmd.get_program().to_string_lossy(),
        cmd.get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    eprintln!("xtask: {shown}");
    let status = cmd
        .status()
        .map_err(|e| format!("could not run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Installs `tool` with `cargo install --locked` unless its probe command already works.
pub fn ensure_cargo_tool(tool: CargoTool) -> Result<(), String> {
    let works = Command::new(tool.probe[0])
        .args(&tool.probe[1..])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if works {
        return Ok(());
    }
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.args(["install", tool.spec, "--locked"]);
    // The install must not land in the workspace's target dir: it would be rebuilt per checkout.
    cmd.env_remove("CARGO_TARGET_DIR");
    run(cmd)
}

/// The names of the fuzz targets in `fuzz/fuzz_targets/`, sorted.
pub fn fuzz_targets(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("fuzz/fuzz_targets"))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".rs").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}
