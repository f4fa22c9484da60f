//! Bridges that reach a loop with no compiled trace: a toy runs a nested loop whose short inner
//! loop is compiled first; the bridge from its exit runs the rest of the outer body and reaches
//! the outer loop's back-edge before the outer loop has a trace.
//!
//! The bridge ends there and resumes at the outer loop's header, and that pass counts towards
//! the outer loop getting hot, so the outer loop is compiled and links into the inner one. Before
//! this, the bridge recording aborted ("inner loop not compiled") three times and the exit went to
//! the interpreter on every outer iteration from then on.
//!
//! The other nest has an inner loop of one iteration: a recording started at its back-edge
//! leaves it at once (reaching the outer back-edge), so it never gets a trace of its own; the
//! outer loop's trace records through it (unrolls it) instead of waiting for it forever.

use metatrace::{AbortReason, BackendKind, Frame, Int, Jit, JitConfig, JitCtxHeader, Mode};

#[derive(Clone, Copy, Debug)]
enum Op {
    Const(usize, i64),
    Add(usize, usize, usize),
    /// if !(r[a] < r[b]) goto target
    JumpIfNotLt(usize, usize, usize),
    Jump(usize),
    Halt,
}

mod common;

/// The toy: a program over 8 slots.
struct Toy<'a>(&'a [Op]);

impl common::Toy for Toy<'_> {
    fn step<M: Mode>(&mut self, pc: usize, frame: &mut Frame<M>) -> Option<usize> {
        match self.0[pc] {
            Op::Const(d, k) => frame.set(d, Int::new(k)),
            Op::Add(d, a, b) => {
                let (x, y) = (frame.get(a), frame.get(b));
                frame.set(d, x + y);
            }
            Op::JumpIfNotLt(a, b, target) => {
                let (x, y) = (frame.get(a), frame.get(b));
                if !x.lt(y).branch() {
                    return Some(target);
                }
            }
            Op::Jump(target) => return Some(target),
            Op::Halt => return None,
        }
        Some(pc + 1)
    }
}

fn run(code: &[Op], config: JitConfig) -> (Jit, Vec<i64>) {
    let mut jit = Jit::new(config);
    let mut ctx = JitCtxHeader::default();
    let mut slots = vec![0i64; 8];
    // SAFETY: `ctx` is a bare header and the toy makes no calls.
    unsafe { common::drive(&mut Toy(code), &mut jit, &mut slots, &mut ctx) };
    (jit, slots)
}

/// sum = 0; for i in 0..n { for j in 0..3 { sum += j } }
fn program(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::Const(5, 3),
        Op::JumpIfNotLt(1, 2, 13), // 5: outer header
        Op::Const(4, 0),
        Op::JumpIfNotLt(4, 5, 11), // 7: inner header
        Op::Add(0, 0, 4),
        Op::Add(4, 4, 3),
        Op::Jump(7),
        Op::Add(1, 1, 3), // 11
        Op::Jump(5),
        Op::Halt, // 13
    ]
}

#[test]
fn bridge_ending_at_an_uncompiled_loop_finishes_and_the_loop_gets_compiled() {
    let n = 2000;
    for backend in [BackendKind::Interp, BackendKind::Cranelift] {
        for threshold in [1, 5, 50] {
            let config = JitConfig {
                verify: true,
                backend,
                ..JitConfig::default().with_threshold(threshold)
            };
            let (jit, slots) = run(&program(n), config);
            let what = format!("{backend:?}, threshold {threshold}\n{}", jit.stats);
            assert_eq!(slots[0], 3 * n, "{what}");
            // No bridge recording gives up at the outer loop's back-edge.
            let inner_loop_aborts = jit.stats.aborts.get(&AbortReason::InnerLoop);
            assert!(inner_loop_aborts.is_none_or(|&k| k <= 1), "{what}");
            // Both loops are compiled, and after warm-up the program stays in compiled code: the
            // inner loop's exit goes into its bridge, which links to the outer loop's trace.
            let loops = jit.stats.compiled.iter().filter(|c| !c.is_bridge).count();
            assert_eq!(loops, 2, "{what}");
            assert!(
                jit.stats.guard_failures < 2 * threshold as u64 + 10,
                "{what}"
            );
            assert!(jit.stats.bridge_entries > n as u64 / 2, "{what}");
        }
    }
}

/// sum = 0; for i in 0..n { for j in 0..1 { sum += j + 1 } }: the inner loop's back-edge is
/// taken once per outer iteration, so a recording started there always leaves it at once.
fn program_short_inner(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::Const(5, 1),
        Op::JumpIfNotLt(1, 2, 14), // 5: outer header
        Op::Const(4, 0),
        Op::JumpIfNotLt(4, 5, 12), // 7: inner header
        Op::Add(4, 4, 3),
        Op::Add(0, 0, 4),
        Op::Jump(7),
        Op::Halt,         // 11: unused
        Op::Add(1, 1, 3), // 12
        Op::Jump(5),
        Op::Halt, // 14
    ]
}

#[test]
fn outer_loop_unrolls_an_inner_loop_whose_recordings_leave_it() {
    let n = 2000;
    for backend in [BackendKind::Interp, BackendKind::Cranelift] {
        for threshold in [1, 5, 50] {
            let config = JitConfig {
                verify: true,
                backend,
                ..JitConfig::default().with_threshold(threshold)
            };
            let (jit, slots) = run(&program_short_inner(n), config);
            let what = format!("{backend:?}, threshold {threshold}\n{}", jit.stats);
            assert_eq!(slots[0], n, "{what}");
            // The inner loop's recordings leave it; the outer loop's records through it (its one
            // back-edge per outer iteration) instead of waiting for it, and closes.
            assert!(
                jit.stats.aborts.contains_key(&AbortReason::LeftLoop),
                "{what}"
            );
            assert!(jit.stats.unrolled > 0, "{what}");
            let loops = jit.stats.compiled.iter().filter(|c| !c.is_bridge).count();
            assert_eq!(loops, 1, "{what}");
            assert!(jit.stats.guard_failures < 10, "{what}");
        }
    }
}

#[test]
fn unrolling_an_inner_loop_stops_at_the_unroll_limit() {
    // The same nest with no unrolling allowed: the outer recording gives up at the inner
    // back-edge instead of going past the limit, and the program still computes right.
    let n = 2000;
    let mut config = JitConfig {
        verify: true,
        backend: BackendKind::Interp,
        ..JitConfig::default().with_threshold(5)
    };
    config.limits.max_unroll = 0;
    let (jit, slots) = run(&program_short_inner(n), config);
    let what = format!("{}", jit.stats);
    assert_eq!(slots[0], n, "{what}");
    assert!(
        jit.stats.aborts.contains_key(&AbortReason::Unroll),
        "{what}"
    );
    assert_eq!(jit.stats.unrolled, 0, "{what}");
    assert!(jit.stats.compiled.is_empty(), "{what}");
}
