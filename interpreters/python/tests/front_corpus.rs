//! The compiler on real code: every module of the installed CPython 3.11 standard library.
//!
//! Each `.py` file under `/usr/lib/python3.11` (the test suite excluded: it holds deliberate
//! syntax errors) must compile, and the result must pass the bytecode verifier; the only accepted
//! errors are the ones naming syntax pyvgc does not support (`async`/`await`). The test skips,
//! saying so, when that directory is absent. It checks structure (scopes, stack discipline,
//! exception tables), not run-time behaviour, which the conformance suite covers.

use std::path::{Path, PathBuf};

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if name != "test"
                && name != "tests"
                && name != "site-packages"
                && name != "dist-packages"
            {
                python_files(&path, out);
            }
        } else if name.ends_with(".py") {
            out.push(path);
        }
    }
}

#[test]
fn front_corpus_standard_library_compiles_and_verifies() {
    let root = Path::new("/usr/lib/python3.11");
    if !root.is_dir() {
        eprintln!("skipped: {} is not present", root.display());
        return;
    }
    let mut files = Vec::new();
    python_files(root, &mut files);
    files.sort();
    let mut failures = Vec::new();
    let mut compiled = 0;
    for path in &files {
        let Ok(source) = std::fs::read_to_string(path) else {
            continue;
        };
        match pyvgc::compiler::compile_module(&source, &path.to_string_lossy()) {
            Ok(code) => {
                if let Err(e) = pyvgc::bytecode::verify(&code) {
                    failures.push(format!("{}: verifier: {e}", path.display()));
                } else {
                    compiled += 1;
                }
            }
            Err(e) => {
                let unsupported = e.message.contains("pyvgc does not support")
                    || e.message.contains("'await' outside")
                    || e.message.contains("asynchronous comprehension");
                if !unsupported {
                    failures.push(format!("{}:\n{}", path.display(), e.render()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(compiled > 100, "only {compiled} files compiled");
}
