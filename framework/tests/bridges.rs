//! Bridges that reach a loop with no compiled trace: a toy runs a nested loop whose short inner
//! loop is compiled first; the bridge from its exit runs the rest of the outer body and reaches
//! the outer loop's back-edge before the outer loop has a trace.
//!
//! The bridge ends there and resumes at the outer loop's header, and that pass counts towards
//! the outer loop getting hot, so the outer loop is compiled and links into the inner one. Before
//! this, the bridge recording aborted ("inner loop not compiled") three times and the exit went to
//! the interpreter on every outer iteration from then on.

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
