//! The runtimes under test: ours (pyvgc, lua-demo, each with and without JIT)
//! and the references (CPython, PyPy, Lua 5.4, LuaJIT).
//!
//! A runtime is either available, with the version line it printed, or
//! missing with the reason, and the report shows that reason instead of a
//! number. Ours are found only through the paths given on the command line
//! and must answer a `--version` probe; the runner never guesses a binary or
//! substitutes another one. References are looked up on PATH and, when the
//! runner is root and apt-get exists, installed with one apt-get attempt.

use std::path::{Path, PathBuf};

use crate::measure;
use crate::programs::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuntimeDef {
    /// Stable column key, also used in ratios (`pyvgc`, `lua-demo-nojit`, `python3`...).
    pub id: &'static str,
    /// Human column header.
    pub label: &'static str,
    pub lang: Lang,
    pub ours: bool,
    /// For references: the executable on PATH, its version flag and Debian package.
    pub command: &'static str,
    pub version_flag: &'static str,
    pub debian_package: &'static str,
    /// Arguments placed before the program file.
    pub pre_args: &'static [&'static str],
}

const fn ours(
    id: &'static str,
    label: &'static str,
    lang: Lang,
    pre: &'static [&'static str],
) -> RuntimeDef {
    RuntimeDef {
        id,
        label,
        lang,
        ours: true,
        command: "",
        version_flag: "--version",
        debian_package: "",
        pre_args: pre,
    }
}

const fn reference(
    id: &'static str,
    label: &'static str,
    lang: Lang,
    version_flag: &'static str,
    pkg: &'static str,
) -> RuntimeDef {
    RuntimeDef {
        id,
        label,
        lang,
        ours: false,
        command: id,
        version_flag,
        debian_package: pkg,
        pre_args: &[],
    }
}

/// Every runtime in column order: each language's runtimes together, ours first.
pub const RUNTIMES: &[RuntimeDef] = &[
    ours("pyvgc", "pyvgc", Lang::Python, &[]),
    ours("pyvgc-nojit", "pyvgc --no-jit", Lang::Python, &["--no-jit"]),
    reference("python3", "CPython", Lang::Python, "--version", "python3"),
    reference("pypy3", "PyPy", Lang::Python, "--version", "pypy3"),
    ours("lua-demo", "lua-demo", Lang::Lua, &[]),
    ours(
        "lua-demo-nojit",
        "lua-demo --no-jit",
        Lang::Lua,
        &["--no-jit"],
    ),
    reference("lua5.4", "Lua 5.4", Lang::Lua, "-v", "lua5.4"),
    reference("luajit", "LuaJIT", Lang::Lua, "-v", "luajit"),
];

/// Reference runtimes in the order their answer is trusted when deciding the
/// expected output of a program (ties in the vote go to the earlier one).
pub const REFERENCE_PRIORITY: &[&str] = &["python3", "lua5.4", "pypy3", "luajit"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Available { path: PathBuf, version: String },
    Missing { reason: String },
}

#[derive(Clone, Debug)]
pub struct Runtime {
    pub def: RuntimeDef,
    pub status: Status,
}

impl Runtime {
    pub fn available(&self) -> bool {
        matches!(self.status, Status::Available { .. })
    }

    pub fn path(&self) -> Option<&Path> {
        match &self.status {
            Status::Available { path, .. } => Some(path),
            Status::Missing { .. } => None,
        }
    }

    /// Command-line arguments to run `source` with `args`.
    pub fn argv(&self, source: &Path, args: &[String]) -> Vec<String> {
        let mut v: Vec<String> = self.def.pre_args.iter().map(|s| s.to_string()).collect();
        v.push(source.display().to_string());
        v.extend(args.iter().cloned());
        v
    }
}

/// Where the binaries of ours are, as given on the command line.
#[derive(Clone, Debug, Default)]
pub struct OursPaths {
    pub pyvgc: Option<PathBuf>,
    pub lua_demo: Option<PathBuf>,
}

/// Finds `command` in the directories of PATH.
pub fn which(command: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(command))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    match std::fs::metadata(p) {
        Ok(m) => m.is_file() && m.permissions().mode() & 0o111 != 0,
        Err(_) => false,
    }
}

fn probe_ours(def: &RuntimeDef, given: Option<&Path>) -> Status {
    let Some(path) = given else {
        let flag = if def.lang == Lang::Python {
            "--pyvgc"
        } else {
            "--lua-demo"
        };
        return Status::Missing {
            reason: format!("no binary given ({flag} PATH)"),
        };
    };
    if !path.exists() {
        return Status::Missing {
            reason: format!("{} does not exist", path.display()),
        };
    }
    let mut args: Vec<&str> = def.pre_args.to_vec();
    args.push(def.version_flag);
    match measure::probe(path, &args) {
        Some(version) => Status::Available {
            path: path.to_path_buf(),
            version: if version.is_empty() {
                "(no version text)".into()
            } else {
                version
            },
        },
        None => Status::Missing {
            reason: format!("`{} {}` failed", path.display(), args.join(" ")),
        },
    }
}

fn probe_reference(def: &RuntimeDef) -> Status {
    let Some(path) = which(def.command) else {
        return Status::Missing {
            reason: format!("`{}` not found on PATH", def.command),
        };
    };
    // A launcher like a pyenv shim re-executes the interpreter through a
    // shell script on every run; time the interpreter itself instead.
    let path = if def.lang == Lang::Python {
        measure::probe(&path, &["-c", "import sys; print(sys.executable)"])
            .map(PathBuf::from)
            .filter(|p| is_executable(p))
            .unwrap_or(path)
    } else {
        path
    };
    match measure::probe(&path, &[def.version_flag]) {
        Some(version) => Status::Available {
            version: format!("{version} ({})", path.display()),
            path,
        },
        None => Status::Missing {
            reason: format!("`{} {}` failed", def.command, def.version_flag),
        },
    }
}

/// Probes every runtime. `notes` receives one line per install attempt.
pub fn discover(
    ours_paths: &OursPaths,
    allow_install: bool,
    notes: &mut Vec<String>,
) -> Vec<Runtime> {
    let missing: Vec<&RuntimeDef> = RUNTIMES
        .iter()
        .filter(|d| !d.ours && which(d.command).is_none())
        .collect();
    if !missing.is_empty() {
        let pkgs: Vec<&str> = missing.iter().map(|d| d.debian_package).collect();
        if allow_install {
            try_apt_install(&pkgs, notes);
        } else {
            notes.push(format!(
                "not installing missing references ({}): installation disabled",
                pkgs.join(", ")
            ));
        }
    }
    RUNTIMES
        .iter()
        .map(|def| {
            let status = if def.ours {
                let given = match def.lang {
                    Lang::Python => ours_paths.pyvgc.as_deref(),
                    Lang::Lua => ours_paths.lua_demo.as_deref(),
                };
                probe_ours(def, given)
            } else {
                probe_reference(def)
            };
            Runtime { def: *def, status }
        })
        .collect()
}

fn try_apt_install(pkgs: &[&str], notes: &mut Vec<String>) {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    let apt = which("apt-get");
    let Some(apt) = apt.filter(|_| root) else {
        notes.push(format!(
            "missing references ({}) not installed: {}",
            pkgs.join(", "),
            if root {
                "apt-get not found"
            } else {
                "not running as root"
            }
        ));
        return;
    };
    // One attempt: refresh the package lists, then install everything at once.
    let update = std::process::Command::new(&apt)
        .args(["update", "-q"])
        .output();
    let install = std::process::Command::new(&apt)
        .args(["install", "-y", "-q"])
        .args(pkgs)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output();
    match (update, install) {
        (_, Ok(out)) if out.status.success() => {
            notes.push(format!(
                "installed missing references with apt-get: {}",
                pkgs.join(", ")
            ));
        }
        (_, Ok(out)) => notes.push(format!(
            "apt-get install {} failed ({}): {}",
            pkgs.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        )),
        (_, Err(e)) => notes.push(format!("apt-get could not run: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ours_without_a_path_are_missing() {
        let mut notes = Vec::new();
        let rts = discover(&OursPaths::default(), false, &mut notes);
        for rt in rts.iter().filter(|r| r.def.ours) {
            assert!(!rt.available(), "{}", rt.def.id);
        }
    }

    #[test]
    fn ours_with_a_nonexistent_path_are_missing() {
        let paths = OursPaths {
            pyvgc: Some("/nonexistent/pyvgc".into()),
            lua_demo: Some("/nonexistent/lua-demo".into()),
        };
        let rts = discover(&paths, false, &mut Vec::new());
        for rt in rts.iter().filter(|r| r.def.ours) {
            match &rt.status {
                Status::Missing { reason } => assert!(reason.contains("does not exist")),
                s => panic!("{}: {s:?}", rt.def.id),
            }
        }
    }

    #[test]
    fn ours_failing_the_version_probe_are_missing() {
        // `false` exists but fails every probe, like a binary that cannot start.
        let paths = OursPaths {
            pyvgc: which("false"),
            lua_demo: which("false"),
        };
        let rts = discover(&paths, false, &mut Vec::new());
        for rt in rts.iter().filter(|r| r.def.ours) {
            match &rt.status {
                Status::Missing { reason } => assert!(reason.contains("failed"), "{reason}"),
                s => panic!("{}: {s:?}", rt.def.id),
            }
        }
    }

    #[test]
    fn argv_puts_mode_flags_before_the_program() {
        let rt = Runtime {
            def: RUNTIMES[1],
            status: Status::Missing {
                reason: String::new(),
            },
        };
        let argv = rt.argv(Path::new("x.py"), &["10".to_string()]);
        assert_eq!(argv, ["--no-jit", "x.py", "10"]);
    }
}
