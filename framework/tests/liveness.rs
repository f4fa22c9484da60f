//! Liveness-based snapshot pruning: with the interpreter's liveness oracle, a temporary that is
//! dead at the loop header is not carried around the loop nor written back at exits, and the
//! results stay the same. The toy computes liveness by the usual backward data-flow over its code.

use metatrace::{BackendKind, Frame, Int, Jit, JitConfig, JitCtxHeader, Mode};

#[derive(Clone, Copy, Debug)]
enum Op {
    Const(usize, i64),
    Add(usize, usize, usize),
    Mul(usize, usize, usize),
    /// if !(r[a] < r[b]) goto target
    JumpIfNotLt(usize, usize, usize),
    Jump(usize),
    Halt,
}

impl Op {
    fn uses(self) -> Vec<usize> {
        match self {
            Op::Add(_, a, b) | Op::Mul(_, a, b) | Op::JumpIfNotLt(a, b, _) => vec![a, b],
            _ => vec![],
        }
    }
    fn def(self) -> Option<usize> {
        match self {
            Op::Const(d, _) | Op::Add(d, _, _) | Op::Mul(d, _, _) => Some(d),
            _ => None,
        }
    }
    fn successors(self, pc: usize) -> Vec<usize> {
        match self {
            Op::JumpIfNotLt(_, _, t) => vec![pc + 1, t],
            Op::Jump(t) => vec![t],
            Op::Halt => vec![],
            _ => vec![pc + 1],
        }
    }
}

/// For each pc, the set of slots live on entry to it (a bit per slot).
fn liveness(code: &[Op]) -> Vec<u64> {
    let mut live_in = vec![0u64; code.len()];
    let mut changed = true;
    while changed {
        changed = false;
        for pc in (0..code.len()).rev() {
            let op = code[pc];
            let out = op
                .successors(pc)
                .into_iter()
                .fold(0, |acc, s| acc | live_in[s]);
            let kill = op.def().map_or(0, |d| 1u64 << d);
            let gen_ = op.uses().into_iter().fold(0, |acc, u| acc | (1u64 << u));
            let new = gen_ | (out & !kill);
            if new != live_in[pc] {
                live_in[pc] = new;
                changed = true;
            }
        }
    }
    live_in
}

fn step<M: Mode>(code: &[Op], pc: usize, frame: &mut Frame<M>) -> Option<usize> {
    match code[pc] {
        Op::Const(d, k) => frame.set(d, Int::new(k)),
        Op::Add(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            frame.set(d, x + y);
        }
        Op::Mul(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            frame.set(d, x * y);
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

mod common;

/// The toy: a program over 8 slots.
struct Toy<'a>(&'a [Op]);

impl common::Toy for Toy<'_> {
    fn step<M: Mode>(&mut self, pc: usize, frame: &mut Frame<M>) -> Option<usize> {
        step(self.0, pc, frame)
    }
}

fn run(code: &[Op], config: JitConfig, oracle: bool) -> (Jit, Vec<i64>) {
    let mut jit = Jit::new(config);
    if oracle {
        let live = liveness(code);
        jit.set_liveness(move |_code, pc, slot| {
            // Slots outside the toy's 8-slot frame: unknown, so live.
            live.get(pc as usize)
                .is_none_or(|set| slot >= 64 || set & (1 << slot) != 0)
        });
    }
    let mut ctx = JitCtxHeader::default();
    let mut slots = vec![0i64; 8];
    // SAFETY: `ctx` is a bare header and the toy makes no calls.
    unsafe { common::drive(&mut Toy(code), &mut jit, &mut slots, &mut ctx) };
    (jit, slots)
}

/// sum = 0; i = 0; while i < n { t = i * i; u = t + i; sum += u; i += 1 }
fn program(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::JumpIfNotLt(1, 2, 10), // 4
        Op::Mul(4, 1, 1),
        Op::Add(5, 4, 1),
        Op::Add(0, 0, 5),
        Op::Add(1, 1, 3),
        Op::Jump(4),
        Op::Halt, // 10
    ]
}

#[test]
fn liveness_oracle_computes_dead_temporaries() {
    let live = liveness(&program(10));
    // At the loop header only sum, i, n and the constant 1 are live; t and u are not.
    assert_eq!(live[4], 0b1111);
}

#[test]
fn liveness_pruned_snapshots_keep_results_and_carry_fewer_values() {
    let n = 500;
    let expected: i64 = (0..n).map(|i| i * i + i).sum();
    for backend in [BackendKind::Interp, BackendKind::Cranelift] {
        let config = JitConfig {
            verify: true,
            backend,
            ..JitConfig::default().with_threshold(1)
        };
        let (plain, slots_plain) = run(&program(n), config.clone(), false);
        let (pruned, slots_pruned) = run(&program(n), config, true);
        assert_eq!(slots_plain[0], expected);
        assert_eq!(slots_pruned[0], expected, "{backend:?}");
        // The live slots at every exit agree with the interpreter's.
        assert_eq!(slots_pruned[..4], slots_plain[..4]);
        let carried = |jit: &Jit| jit.stats.compiled[0].loop_carried;
        // Without the oracle the loop carries sum, i, t and u; with it, only sum and i.
        assert_eq!(carried(&plain), 4, "{backend:?}\n{}", plain.stats);
        assert_eq!(carried(&pruned), 2, "{backend:?}\n{}", pruned.stats);
    }
}
