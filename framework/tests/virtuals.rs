//! Allocation removal end to end: a toy interpreter whose integers are all boxed (every
//! arithmetic op allocates a box through the language's allocator). After optimisation its hot
//! loop allocates nothing and touches no box field; guards that fail mid-loop rebuild the boxes
//! the frame refers to, and the program still prints the right values.

use metatrace::dialect::new_object;
use metatrace::{BackendKind, Frame, Int, Jit, JitConfig, JitCtxHeader, Mode, Ref};

/// Every box starts with this class word, then the value.
const BOX_CLASS: i64 = 0x0b0c;
const BOX_SIZE: i64 = 16;

#[derive(Clone, Copy, Debug)]
enum Op {
    /// r[d] = box(k)
    Const(usize, i64),
    /// r[d] = box(unbox(r[a]) + unbox(r[b]))
    Add(usize, usize, usize),
    Mul(usize, usize, usize),
    /// r[d] = box(unbox(r[a]) % k), k > 0
    ModK(usize, usize, i64),
    /// if !(unbox(r[a]) < unbox(r[b])) goto target
    JumpIfNotLt(usize, usize, usize),
    /// if unbox(r[a]) != 0 goto target
    JumpIfNonzero(usize, usize),
    Jump(usize),
    /// Appends unbox(r[a]) to the output, through a residual call.
    Print(usize),
    Halt,
}

#[repr(C)]
#[derive(Default)]
struct Ctx {
    header: JitCtxHeader,
    /// Every box ever allocated (so the test can free them and count them).
    #[allow(
        clippy::vec_box,
        reason = "each box's address must stay put while the vector grows"
    )]
    heap: Vec<Box<[i64; 2]>>,
    out: Vec<i64>,
}

#[metatrace::residual]
extern "C" fn alloc_box(ctx: *mut Ctx, size: i64) -> i64 {
    assert_eq!(size, BOX_SIZE);
    let mut b = Box::new([0i64; 2]);
    let addr = b.as_mut_ptr() as i64;
    // SAFETY: the toy passes its own live context; the box's heap address does not move.
    unsafe { (*ctx).heap.push(b) };
    addr
}

#[metatrace::residual]
extern "C" fn print(ctx: *mut Ctx, v: i64) -> i64 {
    // SAFETY: the toy passes its own live context.
    unsafe { (*ctx).out.push(v) };
    0
}

fn boxed<M: Mode>(ctx: *mut Ctx, v: Int<M>) -> Int<M> {
    let r: Ref<M> = new_object(&alloc_box::DESCR, BOX_SIZE, || {
        alloc_box(ctx, BOX_SIZE) as usize
    });
    // SAFETY: `r` is a fresh 16-byte box.
    unsafe {
        r.set_int(0, Int::new(BOX_CLASS));
        r.set_int(8, v);
    }
    r.to_int()
}

fn unbox<M: Mode>(slot: Int<M>) -> Int<M> {
    let r = slot.to_ref();
    // SAFETY: slots of this toy only ever hold boxes, and a box never changes once built (so its
    // loads are immutable ones, which the optimiser may hoist out of the loop).
    unsafe {
        assert_eq!(r.get_int_immutable(0).promote(), BOX_CLASS);
        r.get_int_immutable(8)
    }
}

fn step<M: Mode>(code: &[Op], pc: usize, frame: &mut Frame<M>, ctx: *mut Ctx) -> Option<usize> {
    match code[pc] {
        Op::Const(d, k) => frame.set(d, boxed(ctx, Int::new(k))),
        Op::Add(d, a, b) => {
            let v = unbox(frame.get(a)) + unbox(frame.get(b));
            frame.set(d, boxed(ctx, v));
        }
        Op::Mul(d, a, b) => {
            let v = unbox(frame.get(a)) * unbox(frame.get(b));
            frame.set(d, boxed(ctx, v));
        }
        Op::ModK(d, a, k) => {
            let v = unbox(frame.get(a)).floormod(Int::new(k));
            frame.set(d, boxed(ctx, v));
        }
        Op::JumpIfNotLt(a, b, target) => {
            if !unbox(frame.get(a)).lt(unbox(frame.get(b))).branch() {
                return Some(target);
            }
        }
        Op::JumpIfNonzero(a, target) => {
            if unbox(frame.get(a)).ne(Int::new(0)).branch() {
                return Some(target);
            }
        }
        Op::Jump(target) => return Some(target),
        Op::Print(a) => {
            let v = unbox(frame.get(a));
            print::call::<M>(ctx, v);
        }
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

fn run(code: &[Op], config: JitConfig) -> (Jit, Ctx) {
    let mut jit = Jit::new(config);
    let mut ctx = Ctx::default();
    let mut slots = vec![0i64; 12];
    let ctx_ptr: *mut Ctx = &mut ctx;
    // SAFETY: `ctx` is the toy's live context, which starts with its header; the toy and the
    // driver reach it only through this pointer while the program runs.
    unsafe {
        common::drive(
            &mut Toy { code, ctx: ctx_ptr },
            &mut jit,
            &mut slots,
            &raw mut (*ctx_ptr).header,
        )
    };
    (jit, ctx)
}

/// sum = 0; i = 0; while i < n { sum = sum + i * i; if i % 7 == 0 { print(sum) }; i = i + 1 };
/// print(sum)
fn program(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::JumpIfNotLt(1, 2, 12), // 4
        Op::Mul(4, 1, 1),
        Op::Add(0, 0, 4),
        Op::ModK(5, 1, 7),
        Op::JumpIfNonzero(5, 10),
        Op::Print(0),
        Op::Add(1, 1, 3), // 10
        Op::Jump(4),
        Op::Print(0), // 12
        Op::Halt,
    ]
}

fn expected(n: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut sum = 0;
    for i in 0..n {
        sum += i * i;
        if i % 7 == 0 {
            out.push(sum);
        }
    }
    out.push(sum);
    out
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
                // No bridges: every exit goes through a guard failure and rebuilds boxes.
                bridge_threshold: u32::MAX,
                ..base.clone().with_threshold(1)
            },
        ),
        (
            "cranelift-1-no-bridges",
            JitConfig {
                bridge_threshold: u32::MAX,
                ..base.clone().with_threshold(1)
            },
        ),
        ("cranelift-1", base.clone().with_threshold(1)),
        ("cranelift-5", base.clone().with_threshold(5)),
    ]
}

#[test]
fn virtualize_boxed_loop_prints_right_values_in_every_mode() {
    for n in [0, 1, 8, 50, 400] {
        for (name, config) in configs() {
            let (jit, ctx) = run(&program(n), config);
            assert_eq!(ctx.out, expected(n), "mode {name}, n = {n}\n{}", jit.stats);
        }
    }
}

#[test]
fn virtualize_boxed_loop_body_allocates_nothing() {
    let n = 400;
    let (jit, off) = run(
        &program(n),
        JitConfig {
            enabled: false,
            ..JitConfig::default()
        },
    );
    drop(jit);
    for (name, config) in configs().into_iter().skip(1) {
        let (jit, ctx) = run(&program(n), config);
        let loop_trace = jit
            .stats
            .compiled
            .iter()
            .find(|c| !c.is_bridge)
            .expect("a loop was compiled");
        let body = &loop_trace.loop_op_counts;
        assert!(!body.is_empty(), "mode {name}: the loop was peeled");
        for op in ["new", "getfield", "setfield"] {
            assert!(
                !body.contains(op),
                "mode {name}: `{op}` in the loop body: {body}"
            );
        }
        // The interpreter allocates 4 boxes per iteration; compiled code only at exits.
        assert!(
            ctx.heap.len() * 4 < off.heap.len(),
            "mode {name}: {} boxes with the JIT, {} without",
            ctx.heap.len(),
            off.heap.len()
        );
    }
}

/// A small deterministic generator (xorshift), so the random programs are the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random loop over boxed values: slots 0..8 are variables, 8 the counter, 9 the bound, 10 the
/// constant 1. The body mixes arithmetic (every op allocates), forward branches (guards that fail
/// on some iterations, so exits rebuild boxes) and prints.
fn random_program(rng: &mut Rng, iterations: i64) -> Vec<Op> {
    let mut code = Vec::new();
    for slot in 0..8 {
        code.push(Op::Const(slot, rng.below(7) as i64));
    }
    code.push(Op::Const(8, 0));
    code.push(Op::Const(9, iterations));
    code.push(Op::Const(10, 1));
    let header = code.len();
    code.push(Op::Halt); // patched below: the loop test
    let body_len = 4 + rng.below(10);
    let body_start = code.len();
    for k in 0..body_len {
        let pc = body_start + k;
        let (d, a, b) = (rng.below(8), rng.below(8), rng.below(8));
        code.push(match rng.below(6) {
            0 => Op::Add(d, a, b),
            1 => Op::Mul(d, a, b),
            2 => Op::ModK(d, a, 2 + rng.below(5) as i64),
            // Forward to somewhere later in the body, or to the counter increment.
            3 => Op::JumpIfNonzero(a, pc + 1 + rng.below(body_len - k)),
            4 => Op::Print(a),
            _ => Op::Add(d, a, 8),
        });
    }
    code.push(Op::Add(8, 8, 10));
    code.push(Op::Jump(header));
    let exit = code.len();
    code[header] = Op::JumpIfNotLt(8, 9, exit);
    for slot in 0..8 {
        code.push(Op::Print(slot));
    }
    code.push(Op::Halt);
    code
}

#[test]
fn virtualize_random_boxed_loops_agree_with_the_interpreter() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..50 {
        let code = random_program(&mut rng, 40);
        let (_, expected) = run(
            &code,
            JitConfig {
                enabled: false,
                ..JitConfig::default()
            },
        );
        for (name, config) in configs().into_iter().skip(1) {
            let (jit, ctx) = run(&code, config);
            assert_eq!(
                ctx.out, expected.out,
                "case {case}, mode {name}: {code:?}\n{}",
                jit.stats
            );
        }
    }
}
