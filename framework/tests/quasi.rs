//! Quasi-immutable fields end to end: a toy whose hot loop reads a global through a
//! quasi-immutable field (a constant in the trace, no load) and changes it from inside the loop
//! through a residual call. The running trace leaves at its next `guard_not_invalidated`, is never
//! entered again, and the result is what the interpreter alone computes.

use metatrace::{BackendKind, Frame, Int, Jit, JitConfig, JitCtxHeader, Mode, Ref};

#[derive(Clone, Copy, Debug)]
enum Op {
    Const(usize, i64),
    Add(usize, usize, usize),
    /// r[d] = the global (a quasi-immutable read)
    LoadGlobal(usize),
    /// Sets the global to `ctx.new_value` when r[a] == `ctx.switch_at` (a residual call).
    MaybeSet(usize),
    /// if !(r[a] < r[b]) goto target
    JumpIfNotLt(usize, usize, usize),
    Jump(usize),
    Halt,
}

#[repr(C)]
struct Ctx {
    header: JitCtxHeader,
    /// The global's cell: word 0 is its value.
    global: Box<[i64; 1]>,
    switch_at: i64,
    new_value: i64,
    writes: u64,
}

#[metatrace::residual]
extern "C" fn maybe_set(ctx: *mut Ctx, i: i64) -> i64 {
    // SAFETY: the toy passes its own live context.
    let ctx = unsafe { &mut *ctx };
    if i == ctx.switch_at {
        let cell = ctx.global.as_mut_ptr();
        metatrace::quasi_immutable_write(cell as usize, 0);
        // SAFETY: the cell is live for the whole run.
        unsafe { cell.write(ctx.new_value) };
        ctx.writes += 1;
    }
    0
}

fn step<M: Mode>(code: &[Op], pc: usize, frame: &mut Frame<M>, ctx: *mut Ctx) -> Option<usize> {
    match code[pc] {
        Op::Const(d, k) => frame.set(d, Int::new(k)),
        Op::Add(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            frame.set(d, x + y);
        }
        Op::LoadGlobal(d) => {
            // SAFETY: the toy passes its own live context; the cell lives as long as it.
            let cell: Ref<M> = Ref::new(unsafe { (*ctx).global.as_ptr() } as usize);
            // SAFETY: the cell is one readable word, written only through `maybe_set`, which calls
            // `quasi_immutable_write`.
            frame.set(d, unsafe { cell.get_int_quasi_immutable(0) });
        }
        Op::MaybeSet(a) => {
            let x = frame.get(a);
            maybe_set::call::<M>(ctx, x);
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

/// The toy: a program and what its opcodes reach besides the frame.
struct Toy<'a> {
    code: &'a [Op],
    ctx: *mut Ctx,
}

impl common::Toy for Toy<'_> {
    fn step<M: Mode>(&mut self, pc: usize, frame: &mut Frame<M>) -> Option<usize> {
        step(self.code, pc, frame, self.ctx)
    }
}

fn run(code: &[Op], config: JitConfig, ctx: &mut Ctx) -> (Jit, Vec<i64>) {
    let mut jit = Jit::new(config);
    let mut slots = vec![0i64; 8];
    let ctx: *mut Ctx = ctx;
    // SAFETY: `ctx` is the toy's live context, which starts with its header.
    unsafe {
        common::drive(
            &mut Toy { code, ctx },
            &mut jit,
            &mut slots,
            &raw mut (*ctx).header,
        )
    };
    (jit, slots)
}

/// sum = 0; i = 0; while i < n { sum += global; maybe_set(i); i += 1 }
fn program(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::JumpIfNotLt(1, 2, 10), // 4
        Op::LoadGlobal(4),
        Op::Add(0, 0, 4),
        Op::MaybeSet(1),
        Op::Add(1, 1, 3),
        Op::Jump(4),
        Op::Halt, // 10
    ]
}

fn ctx(switch_at: i64) -> Ctx {
    Ctx {
        header: JitCtxHeader::default(),
        global: Box::new([5]),
        switch_at,
        new_value: 1000,
        writes: 0,
    }
}

fn configs() -> Vec<(&'static str, JitConfig)> {
    let base = JitConfig {
        verify: true,
        ..JitConfig::default()
    };
    vec![
        (
            "interp-1",
            JitConfig {
                backend: BackendKind::Interp,
                ..base.clone().with_threshold(1)
            },
        ),
        ("cranelift-1", base.clone().with_threshold(1)),
        ("cranelift-20", base.clone().with_threshold(20)),
    ]
}

#[test]
fn quasi_immutable_write_in_loop_keeps_result_right() {
    let n = 1000;
    for k in [0, 3, 500, 998, 5000] {
        let mut plain = ctx(k);
        let (_, expected) = run(
            &program(n),
            JitConfig {
                enabled: false,
                ..JitConfig::default()
            },
            &mut plain,
        );
        let closed_form = if k < n {
            (k + 1) * 5 + (n - k - 1) * 1000
        } else {
            n * 5
        };
        assert_eq!(expected[0], closed_form, "interpreter, switch at {k}");
        for (name, config) in configs() {
            let mut c = ctx(k);
            let (jit, slots) = run(&program(n), config, &mut c);
            assert_eq!(
                slots[0], closed_form,
                "mode {name}, switch at {k}\n{}",
                jit.stats
            );
            assert_eq!(c.writes, plain.writes, "mode {name}: the write ran once");
        }
    }
}

#[test]
fn quasi_immutable_read_is_a_constant_and_write_invalidates() {
    let n = 1000;
    for (name, config) in configs() {
        let mut c = ctx(500);
        let (jit, _) = run(&program(n), config, &mut c);
        let first = &jit.stats.compiled[0];
        let body = &first.loop_op_counts;
        assert!(!body.contains("getfield"), "mode {name}: {body}");
        assert!(
            body.contains("guard_not_invalidated"),
            "mode {name}: {body}"
        );
        assert_eq!(jit.stats.invalidated, 1, "mode {name}\n{}", jit.stats);
        // The loop was recorded again, with the new constant.
        assert!(
            jit.stats.compiled.iter().filter(|c| !c.is_bridge).count() >= 2,
            "mode {name}\n{}",
            jit.stats
        );
    }
}
