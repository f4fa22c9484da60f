//! The differential check: one Lua program, run by lua-demo without the JIT, with the JIT compiling
//! through Cranelift, and with the JIT running traces on the IR interpreter; all must agree.
//!
//! The JIT runs use a threshold of 1, so every loop that turns around twice is recorded, and guard
//! exits and bridges happen as early as possible. Agreement means byte-identical stdout and the same
//! error (or none). It does not compare with the reference `lua5.4`: that is the conformance
//! suite's job; here the interpreter is the oracle for the JIT.

use lua_demo::{RunOutput, run_source};
use metatrace::{BackendKind, JitConfig};

/// The three configurations, named; the first is the reference.
pub fn configs() -> Vec<(&'static str, JitConfig)> {
    vec![
        (
            "no-jit",
            JitConfig {
                enabled: false,
                ..JitConfig::default()
            },
        ),
        (
            "cranelift-threshold-1",
            JitConfig::default().with_threshold(1),
        ),
        (
            "interp-threshold-1",
            JitConfig {
                backend: BackendKind::Interp,
                ..JitConfig::default().with_threshold(1)
            },
        ),
    ]
}

/// True if `source` runs to its end without an error in the interpreter (no JIT).
pub fn runs_cleanly(source: &str) -> bool {
    let (_, config) = configs().swap_remove(0);
    run_source(source.as_bytes(), "probe", config)
        .error
        .is_none()
}

/// Runs `source` in every configuration and returns the reference run's output; on disagreement,
/// says which configuration differs and how.
pub fn check(source: &str) -> Result<RunOutput, String> {
    let mut runs = configs()
        .into_iter()
        .map(|(name, config)| (name, run_source(source.as_bytes(), "input", config)));
    let (ref_name, reference) = runs.next().expect("at least one configuration");
    for (name, out) in runs {
        if out != reference {
            return Err(format!(
                "{name} disagrees with {ref_name}\n{}",
                describe(ref_name, &reference, name, &out)
            ));
        }
    }
    Ok(reference)
}

/// The first differing stdout line and both errors.
fn describe(a_name: &str, a: &RunOutput, b_name: &str, b: &RunOutput) -> String {
    let a_text = String::from_utf8_lossy(&a.stdout);
    let b_text = String::from_utf8_lossy(&b.stdout);
    let mut msg = String::new();
    let (mut a_lines, mut b_lines) = (a_text.lines(), b_text.lines());
    for line_no in 1.. {
        match (a_lines.next(), b_lines.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => {
                msg.push_str(&format!(
                    "stdout line {line_no}:\n  {a_name}: {}\n  {b_name}: {}\n",
                    x.unwrap_or("<end of output>"),
                    y.unwrap_or("<end of output>")
                ));
                break;
            }
        }
    }
    if a.error != b.error {
        msg.push_str(&format!(
            "error:\n  {a_name}: {:?}\n  {b_name}: {:?}\n",
            a.error, b.error
        ));
    }
    msg
}
