//! A toy register interpreter that exercises the whole JIT: recording, optimisation, both
//! backends, exits, bridges. Its handlers are written once, generic over the mode.

use expect_test::expect;
use metatrace::{
    Backedge, BackendKind, Concrete, Frame, GreenKey, Int, Jit, JitConfig, JitCtxHeader, Mode,
    RecordStep, Recording,
};

#[derive(Clone, Copy, Debug)]
enum Op {
    Const(usize, i64),
    Add(usize, usize, usize),
    Mul(usize, usize, usize),
    Mod(usize, usize, usize),
    /// if !(r[a] < r[b]) goto target
    JumpIfNotLt(usize, usize, usize),
    /// if r[a] != 0 goto target
    JumpIfNonzero(usize, usize),
    Jump(usize),
    /// r[d] = square(r[a]) through an elidable (pure) residual function.
    Square(usize, usize),
    /// ctx.count += r[a], through a residual function with effects.
    Bump(usize),
    Halt,
}

/// The toy's JIT context: the header compiled code checks, then the toy's own state.
#[repr(C)]
#[derive(Default)]
struct Ctx {
    header: JitCtxHeader,
    count: i64,
}

#[metatrace::elidable]
extern "C" fn square(_ctx: *mut Ctx, x: i64) -> i64 {
    x.wrapping_mul(x)
}

#[metatrace::residual]
extern "C" fn bump(ctx: *mut Ctx, by: i64) -> i64 {
    // SAFETY: the toy passes its own live context.
    unsafe { (*ctx).count += by };
    0
}

enum Next {
    Go(usize),
    Halt,
}

fn step<M: Mode>(code: &[Op], pc: usize, frame: &mut Frame<M>, ctx: *mut Ctx) -> Next {
    match code[pc] {
        Op::Square(d, a) => {
            let x = frame.get(a);
            frame.set(d, square::call::<M>(ctx, x));
        }
        Op::Bump(a) => {
            let x = frame.get(a);
            bump::call::<M>(ctx, x);
        }
        Op::Const(d, k) => frame.set(d, Int::new(k)),
        Op::Add(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            frame.set(d, x + y);
        }
        Op::Mul(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            frame.set(d, x * y);
        }
        Op::Mod(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            if y.eq_const(0).branch() {
                frame.set(d, Int::new(0));
            } else {
                frame.set(d, x.floormod(y));
            }
        }
        Op::JumpIfNotLt(a, b, target) => {
            let (x, y) = (frame.get(a), frame.get(b));
            if !x.lt(y).branch() {
                return Next::Go(target);
            }
        }
        Op::JumpIfNonzero(a, target) => {
            if frame.get(a).ne(Int::new(0)).branch() {
                return Next::Go(target);
            }
        }
        Op::Jump(target) => return Next::Go(target),
        Op::Halt => return Next::Halt,
    }
    Next::Go(pc + 1)
}

/// Runs `code` on `slots`, with the JIT as configured; returns the JIT for inspection.
fn run(code: &[Op], slots: &mut [i64], config: JitConfig) -> Jit {
    run_with(code, slots, config).0
}

fn run_with(code: &[Op], slots: &mut [i64], config: JitConfig) -> (Jit, Ctx) {
    let mut jit = Jit::new(config);
    let mut ctx = Ctx::default();
    let base = slots.as_mut_ptr();
    let len = slots.len();
    let mut pc = 0;
    let mut recording = false;
    loop {
        let next = if recording {
            if !jit.record_insn(pc as u32, 0) {
                recording = false;
                continue;
            }
            // SAFETY: `slots` outlives the frame and nothing else touches it meanwhile.
            let mut frame = unsafe { Frame::<Recording>::new(base, len, 0) };
            step(code, pc, &mut frame, &mut ctx)
        } else {
            // SAFETY: as above.
            let mut frame = unsafe { Frame::<Concrete>::new(base, len, 0) };
            step(code, pc, &mut frame, &mut ctx)
        };
        match next {
            Next::Halt => {
                if recording {
                    jit.abort_recording(metatrace::AbortReason::LeftFrame);
                }
                return (jit, ctx);
            }
            Next::Go(target) => {
                if target <= pc {
                    let key = GreenKey {
                        code: 1,
                        pc: target as u32,
                    };
                    if recording {
                        if jit.record_backedge(key, 0) == RecordStep::Stop {
                            recording = false;
                        }
                    } else {
                        match jit.backedge(key) {
                            Backedge::Interpret => {}
                            Backedge::Record => recording = true,
                            Backedge::Enter(id) => {
                                // SAFETY: the frame is `slots`; ctx is a header.
                                let resume =
                                    unsafe { Jit::enter(&mut jit, id, base, &mut ctx.header) };
                                assert_eq!(resume.base_rel, 0);
                                pc = resume.pc as usize;
                                recording = resume.record_bridge;
                                continue;
                            }
                        }
                    }
                }
                pc = target;
            }
        }
    }
}

/// sum = 0; i = 0; while i < n { sum += i * i; i += 1 }
fn sum_squares(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::JumpIfNotLt(1, 2, 9),
        Op::Mul(4, 1, 1),
        Op::Add(0, 0, 4),
        Op::Add(1, 1, 3),
        Op::Jump(4),
        Op::Halt,
    ]
}

/// sum = 0; i = 0; while i < n { if i % 3 != 0 { sum += i } else { sum += 2 } ; i += 1 }
fn branchy(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::Const(5, 3),
        Op::Const(7, 2),
        Op::JumpIfNotLt(1, 2, 15), // 6
        Op::Mod(6, 1, 5),
        Op::JumpIfNonzero(6, 11),
        Op::Add(0, 0, 7),
        Op::Jump(12),
        Op::Add(0, 0, 1), // 11
        Op::Add(1, 1, 3), // 12
        Op::Jump(6),
        Op::Halt,
        Op::Halt, // 15
    ]
}

fn configs() -> Vec<(&'static str, JitConfig)> {
    let base = JitConfig {
        verify: true,
        ..JitConfig::default()
    };
    vec![
        (
            "off",
            JitConfig {
                enabled: false,
                ..base.clone()
            },
        ),
        (
            "interp-1",
            JitConfig {
                backend: BackendKind::Interp,
                ..base.clone().with_threshold(1)
            },
        ),
        ("cranelift-1", base.clone().with_threshold(1)),
        ("cranelift-7", base.clone().with_threshold(7)),
    ]
}

#[test]
fn toy_sum_squares_agrees_in_every_mode() {
    for n in [0, 1, 2, 10, 1000] {
        let mut results = Vec::new();
        for (name, config) in configs() {
            let mut slots = vec![0i64; 8];
            run(&sum_squares(n), &mut slots, config);
            results.push((name, slots[0]));
        }
        let expected: i64 = (0..n).map(|i| i * i).sum();
        for (name, value) in results {
            assert_eq!(value, expected, "mode {name}, n = {n}");
        }
    }
}

#[test]
fn toy_branchy_loop_grows_a_bridge() {
    let n = 3000;
    let expected: i64 = (0..n).map(|i| if i % 3 != 0 { i } else { 2 }).sum();
    for (name, config) in configs() {
        let mut slots = vec![0i64; 8];
        let jit = run(&branchy(n), &mut slots, config);
        assert_eq!(slots[0], expected, "mode {name}");
        if name != "off" {
            let bridges = jit.stats.compiled.iter().filter(|c| c.is_bridge).count();
            assert!(
                bridges >= 1,
                "mode {name}: expected a bridge, stats:\n{}",
                jit.stats
            );
            // Once the bridge exists, almost every iteration stays in compiled code.
            assert!(
                jit.stats.guard_failures < 20,
                "mode {name}: {} exits\n{}",
                jit.stats.guard_failures,
                jit.stats
            );
        }
    }
}

#[test]
fn toy_sum_squares_trace_shape() {
    let config = JitConfig {
        verify: true,
        backend: BackendKind::Interp,
        ..JitConfig::default().with_threshold(1)
    };
    let mut slots = vec![0i64; 8];
    let jit = run(&sum_squares(100), &mut slots, config);
    assert_eq!(jit.stats.compiled.len(), 1, "{}", jit.stats);
    let c = &jit.stats.compiled[0];
    // The loop body after peeling: compare, guard, multiply, two adds, jump.
    expect!["(6, 12)"].assert_eq(&format!("{:?}", (c.ops_before, c.ops_after)));
}

/// sum = 0; i = 0; while i < n { sum += square(i); bump(i); i += 1 }
fn residuals(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::JumpIfNotLt(1, 2, 11),
        Op::Square(4, 1),
        Op::Add(0, 0, 4),
        Op::Bump(1),
        Op::Add(1, 1, 3),
        Op::Jump(4),
        Op::Halt,
        Op::Halt,
    ]
}

#[test]
fn toy_residual_calls_run_compiled_and_keep_their_effects() {
    let n = 500;
    let expected: i64 = (0..n).map(|i| i * i).sum();
    for (name, config) in configs() {
        let mut slots = vec![0i64; 8];
        let (jit, ctx) = run_with(&residuals(n), &mut slots, config);
        assert_eq!(slots[0], expected, "mode {name}");
        assert_eq!(
            ctx.count,
            (0..n).sum::<i64>(),
            "mode {name}: every bump ran exactly once"
        );
        if name != "off" {
            assert_eq!(jit.stats.compiled.len(), 1, "mode {name}\n{}", jit.stats);
            let ops = &jit.stats.compiled[0].op_counts;
            // The pure call of the loop variable stays (once per iteration, in the peeled body and
            // the preamble); the call with effects stays with its exception check.
            assert!(
                ops.contains("call_pure: 2") && ops.contains("call: 2"),
                "mode {name}: {ops}"
            );
            assert!(ops.contains("guard_no_exception: 2"), "mode {name}: {ops}");
        }
    }
}

#[test]
fn toy_elidable_call_of_invariant_is_hoisted() {
    // square(r5) with a loop-invariant argument runs once, in the preamble, not in the loop body.
    let code = vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, 50),
        Op::Const(3, 1),
        Op::Const(5, 3),
        Op::JumpIfNotLt(1, 2, 11),
        Op::Square(4, 5),
        Op::Add(0, 0, 4),
        Op::Add(1, 1, 3),
        Op::Jump(5),
        Op::Halt,
        Op::Halt,
    ];
    let config = JitConfig {
        verify: true,
        backend: BackendKind::Interp,
        ..JitConfig::default().with_threshold(1)
    };
    let mut slots = vec![0i64; 8];
    let (jit, _) = run_with(&code, &mut slots, config);
    assert_eq!(slots[0], 9 * 50);
    assert_eq!(jit.stats.compiled.len(), 1);
    let ops = &jit.stats.compiled[0].op_counts;
    assert!(ops.contains("call_pure: 1"), "one call expected: {ops}");
}
