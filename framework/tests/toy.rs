//! A toy register interpreter that exercises the whole JIT: recording, optimisation, both
//! backends, exits, bridges. Its handlers are written once, generic over the mode, and
//! `#[interpreter]` generates its dispatch loops and opcode table.

use expect_test::expect;
use metatrace::interpreter::{Dispatch, OpcodeInfo, disassemble};
use metatrace::{
    AbortReason, BackendKind, Concrete, Flow, Frame, Int, Interpreter, Jit, JitConfig,
    JitCtxHeader, Mode, Recording, we_are_jitted,
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
    /// r[d] = r[a] * r[a]: inline while recording, through `square` in the interpreter.
    SquareHinted {
        d: usize,
        a: usize,
    },
    /// ctx.count += r[a], through a residual function with effects.
    Bump(usize),
    /// ctx.count += 1, in plain Rust: the recorder cannot see it, so it is not traceable.
    Tick,
    /// Fails when r[a] is negative.
    CheckNonneg(usize),
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

/// The toy's state: the code, the registers, the pc, the JIT and the context.
struct Toy<'a> {
    code: &'a [Op],
    slots: &'a mut [i64],
    pc: usize,
    jit: Jit,
    ctx: Ctx,
}

// SAFETY: the frame is `slots`, which outlives the toy and is used only through it; the context
// starts with the header and is what `square` and `bump` expect; the toy has one frame.
unsafe impl Interpreter for Toy<'_> {
    type Insn = Op;
    type Error = String;

    fn code_id(&self) -> usize {
        1
    }
    fn pc(&self) -> usize {
        self.pc
    }
    fn set_pc(&mut self, pc: usize) {
        self.pc = pc;
    }
    fn fetch(&mut self, pc: usize) -> Op {
        self.code[pc]
    }
    fn frame<M: Mode>(&mut self, rel: i32) -> Frame<M> {
        // SAFETY: `slots` is borrowed for the toy's lifetime and only the frame uses it.
        unsafe { Frame::new(self.slots.as_mut_ptr(), self.slots.len(), rel) }
    }
    fn jit(&mut self) -> &mut Jit {
        &mut self.jit
    }
    fn jit_ctx(&mut self) -> *mut JitCtxHeader {
        &mut self.ctx.header
    }
}

#[metatrace::interpreter(insn = Op)]
impl Toy<'_> {
    fn ctx(&mut self) -> *mut Ctx {
        &mut self.ctx
    }

    #[opcode(Const)]
    fn konst<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, k: i64) -> Flow {
        f.set(d, Int::new(k));
        Flow::Next
    }

    #[opcode(Add)]
    fn add<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        f.set(d, x + y);
        Flow::Next
    }

    #[opcode(Mul)]
    fn mul<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        f.set(d, x * y);
        Flow::Next
    }

    #[opcode(Mod)]
    fn modulo<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        // An abstract condition: `#[interpreter]` makes the `if` record a guard.
        if y.eq_const(0) {
            f.set(d, Int::new(0));
        } else {
            f.set(d, x.floormod(y));
        }
        Flow::Next
    }

    #[opcode(JumpIfNotLt)]
    #[backedge]
    fn jump_if_not_lt<M: Mode>(&mut self, f: &mut Frame<M>, a: usize, b: usize, t: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        if !x.lt(y) {
            return Flow::Goto(t);
        }
        Flow::Next
    }

    #[opcode(JumpIfNonzero)]
    #[backedge]
    fn jump_if_nonzero<M: Mode>(&mut self, f: &mut Frame<M>, a: usize, t: usize) -> Flow {
        if f.get(a).ne(Int::new(0)) {
            return Flow::Goto(t);
        }
        Flow::Next
    }

    #[opcode(Jump)]
    #[backedge]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }

    #[opcode(Square)]
    fn square<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize) -> Flow {
        let x = f.get(a);
        f.set(d, square::call::<M>(self.ctx(), x));
        Flow::Next
    }

    #[opcode(SquareHinted { .. })]
    fn square_hinted<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize) -> Flow {
        let x = f.get(a);
        let y = if we_are_jitted::<M>() {
            x * x
        } else {
            square::call::<M>(self.ctx(), x)
        };
        f.set(d, y);
        Flow::Next
    }

    #[opcode(Bump)]
    fn bump<M: Mode>(&mut self, f: &mut Frame<M>, a: usize) -> Flow {
        let x = f.get(a);
        bump::call::<M>(self.ctx(), x);
        Flow::Next
    }

    #[opcode(Tick)]
    #[not_traceable]
    fn tick<M: Mode>(&mut self, _f: &mut Frame<M>) -> Flow {
        self.ctx.count += 1;
        Flow::Next
    }

    #[opcode(CheckNonneg)]
    fn check_nonneg<M: Mode>(&mut self, f: &mut Frame<M>, a: usize) -> Result<Flow, String> {
        if f.get(a).lt(Int::new(0)) {
            return Err(format!("r{a} is negative at pc {}", self.pc));
        }
        Ok(Flow::Next)
    }

    #[opcode(Halt)]
    fn halt<M: Mode>(&mut self, _f: &mut Frame<M>) -> Flow {
        Flow::Halt
    }
}

/// Runs `code` on `slots`, with the JIT as configured; returns the JIT for inspection.
fn run(code: &[Op], slots: &mut [i64], config: JitConfig) -> Jit {
    run_with(code, slots, config).0
}

fn run_with(code: &[Op], slots: &mut [i64], config: JitConfig) -> (Jit, Ctx) {
    let (jit, ctx, result) = try_run(code, slots, config);
    result.expect("the toy program fails");
    (jit, ctx)
}

fn try_run(code: &[Op], slots: &mut [i64], config: JitConfig) -> (Jit, Ctx, Result<(), String>) {
    let mut toy = Toy {
        code,
        slots,
        pc: 0,
        jit: Jit::new(config),
        ctx: Ctx::default(),
    };
    let result = toy.run();
    (toy.jit, toy.ctx, result)
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

/// sum = 0; i = 0; while i < n { sum += i * i; tick(); i += 1 }, with `Tick` not traceable.
fn ticking(n: i64) -> Vec<Op> {
    vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, n),
        Op::Const(3, 1),
        Op::JumpIfNotLt(1, 2, 10),
        Op::Mul(4, 1, 1),
        Op::Add(0, 0, 4),
        Op::Tick,
        Op::Add(1, 1, 3),
        Op::Jump(4),
        Op::Halt,
    ]
}

#[test]
fn opcode_table_lists_every_handler_with_its_operands_and_flags() {
    let table: &[OpcodeInfo] = <Toy as Dispatch>::OPCODES;
    let rows: Vec<String> = table
        .iter()
        .map(|o| {
            let operands: Vec<String> = o
                .operands
                .iter()
                .map(|x| format!("{}: {}", x.name, x.ty))
                .collect();
            format!(
                "{} -> {}({}){}{}",
                o.name,
                o.handler,
                operands.join(", "),
                if o.backedge { " backedge" } else { "" },
                if o.traceable { "" } else { " not_traceable" },
            )
        })
        .collect();
    expect![[r#"
        Const -> konst(d: usize, k: i64)
        Add -> add(d: usize, a: usize, b: usize)
        Mul -> mul(d: usize, a: usize, b: usize)
        Mod -> modulo(d: usize, a: usize, b: usize)
        JumpIfNotLt -> jump_if_not_lt(a: usize, b: usize, t: usize) backedge
        JumpIfNonzero -> jump_if_nonzero(a: usize, t: usize) backedge
        Jump -> jump(target: usize) backedge
        Square -> square(d: usize, a: usize)
        SquareHinted -> square_hinted(d: usize, a: usize)
        Bump -> bump(a: usize)
        Tick -> tick() not_traceable
        CheckNonneg -> check_nonneg(a: usize)
        Halt -> halt()"#]]
    .assert_eq(&rows.join("\n"));
    assert_eq!(<Toy as Dispatch>::opcode(&Op::Tick), 10);
    assert_eq!(table[<Toy as Dispatch>::opcode(&Op::Jump(3))].name, "Jump");
}

#[test]
fn disassembler_prints_each_instruction_with_its_operands() {
    let mut code = ticking(5);
    code.insert(5, Op::SquareHinted { d: 4, a: 1 });
    expect![[r#"
        listing:
           0: Const 0, 0
           1: Const 1, 0
           2: Const 2, 5
           3: Const 3, 1
           4: JumpIfNotLt 1, 2, 10
           5: SquareHinted d=4, a=1
           6: Mul 4, 1, 1
           7: Add 0, 0, 4
           8: Tick
           9: Add 1, 1, 3
          10: Jump 4
          11: Halt
    "#]]
    .assert_eq(&format!("listing:\n{}", disassemble::<Toy>(&code)));
}

#[test]
fn not_traceable_opcode_aborts_recording_and_runs_exactly_once() {
    let n = 300;
    for (name, config) in configs() {
        let mut slots = vec![0i64; 8];
        let (jit, ctx) = run_with(&ticking(n), &mut slots, config);
        assert_eq!(slots[0], (0..n).map(|i| i * i).sum::<i64>(), "mode {name}");
        assert_eq!(ctx.count, n, "mode {name}: every tick ran once");
        if name != "off" {
            assert_eq!(jit.stats.compiled.len(), 0, "mode {name}\n{}", jit.stats);
            assert!(
                jit.stats.aborts.get(&AbortReason::NotTraceable) >= Some(&1),
                "mode {name}\n{}",
                jit.stats
            );
        }
    }
}

/// r0 = 10; loop { check r0 >= 0; r0 -= 1 }: fails on the eleventh check.
fn countdown() -> Vec<Op> {
    vec![
        Op::Const(0, 10),
        Op::Const(1, -1),
        Op::CheckNonneg(0),
        Op::Add(0, 0, 1),
        Op::Jump(2),
    ]
}

#[test]
fn handler_error_ends_run_in_every_mode_and_abandons_a_recording() {
    let mut all = configs();
    // The eleventh back-edge starts recording when r0 is already -1: the check fails while
    // recording.
    all.push((
        "cranelift-11",
        JitConfig {
            verify: true,
            ..JitConfig::default().with_threshold(11)
        },
    ));
    for (name, config) in all {
        let mut slots = vec![0i64; 4];
        let (jit, _, result) = try_run(&countdown(), &mut slots, config);
        assert_eq!(
            result,
            Err("r0 is negative at pc 2".to_string()),
            "mode {name}"
        );
        assert_eq!(slots[0], -1, "mode {name}");
        if name == "cranelift-11" {
            assert_eq!(jit.stats.compiled.len(), 0, "mode {name}\n{}", jit.stats);
            assert_eq!(
                jit.stats.aborts.get(&AbortReason::Error),
                Some(&1),
                "mode {name}\n{}",
                jit.stats
            );
        } else if name != "off" {
            assert_eq!(jit.stats.compiled.len(), 1, "mode {name}\n{}", jit.stats);
        }
    }
}

#[test]
fn we_are_jitted_is_true_only_while_recording() {
    assert!(!we_are_jitted::<Concrete>());
    assert!(we_are_jitted::<Recording>());
    // sum = 0; i = 0; while i < n { sum += i * i (hinted); i += 1 }
    let code = vec![
        Op::Const(0, 0),
        Op::Const(1, 0),
        Op::Const(2, 200),
        Op::Const(3, 1),
        Op::JumpIfNotLt(1, 2, 9),
        Op::SquareHinted { d: 4, a: 1 },
        Op::Add(0, 0, 4),
        Op::Add(1, 1, 3),
        Op::Jump(4),
        Op::Halt,
    ];
    for (name, config) in configs() {
        let mut slots = vec![0i64; 8];
        let jit = run(&code, &mut slots, config);
        assert_eq!(
            slots[0],
            (0..200).map(|i| i * i).sum::<i64>(),
            "mode {name}"
        );
        if name != "off" {
            // The trace has the recorded side of the hint: a multiply, no call.
            let ops = &jit.stats.compiled[0].op_counts;
            assert!(
                ops.contains("int_mul") && !ops.contains("call"),
                "mode {name}: {ops}"
            );
        }
    }
}

/// A second toy, with calls: frames of `FRAME` slots on one slot stack, each laid out as
/// `[return pc, caller base, r0, r1, ..]`. A call pushes a frame and the loop continues in the
/// callee, so traces inline calls and can exit inside a callee: the generated loop then moves the
/// frame with `rebase`, and the callee's return reads its link from the slots the exit wrote back.
const FRAME: usize = 8;

#[derive(Clone, Copy, Debug)]
enum COp {
    Const(usize, i64),
    Add(usize, usize, usize),
    Mul(usize, usize, usize),
    Mod(usize, usize, usize),
    JumpIfNotLt(usize, usize, usize),
    JumpIfNonzero(usize, usize),
    Jump(usize),
    /// Calls the code at `target` in a new frame above this one, with r[arg] as its r0.
    Call {
        target: usize,
        arg: usize,
    },
    /// Returns r[src] into the caller's r5.
    Ret {
        src: usize,
    },
    Halt,
}

struct Calls<'a> {
    code: &'a [COp],
    stack: &'a mut [i64],
    base: usize,
    pc: usize,
    jit: Jit,
    ctx: JitCtxHeader,
    /// Every `recording_changed` notification, in order.
    recordings: Vec<Option<isize>>,
}

impl Calls<'_> {
    /// The frame at `base`, `rel` slots above the recording's entry frame.
    fn window<M: Mode>(&mut self, base: usize, rel: i32) -> Frame<M> {
        assert!(base + FRAME <= self.stack.len(), "frame outside the stack");
        // SAFETY: checked just above; the stack is borrowed for the toy's life and only frames
        // use it.
        unsafe { Frame::new(self.stack.as_mut_ptr().add(base), FRAME, rel) }
    }
}

// SAFETY: frames are windows of `stack`, which the toy borrows for its whole life; `Call` refuses
// to push a frame past its end; `frame_base` and `rebase` count slots of that stack, as the
// frames' `rel` does; the context is a header.
unsafe impl Interpreter for Calls<'_> {
    type Insn = COp;
    type Error = String;

    fn code_id(&self) -> usize {
        2
    }
    fn pc(&self) -> usize {
        self.pc
    }
    fn set_pc(&mut self, pc: usize) {
        self.pc = pc;
    }
    fn fetch(&mut self, pc: usize) -> COp {
        self.code[pc]
    }
    fn frame<M: Mode>(&mut self, rel: i32) -> Frame<M> {
        self.window(self.base, rel)
    }
    fn jit(&mut self) -> &mut Jit {
        &mut self.jit
    }
    fn jit_ctx(&mut self) -> *mut JitCtxHeader {
        &mut self.ctx
    }
    fn frame_base(&self) -> isize {
        self.base as isize
    }
    fn rebase(&mut self, delta: isize) {
        self.base = (self.base as isize + delta) as usize;
    }
    fn recording_changed(&mut self, entry: Option<isize>) {
        self.recordings.push(entry);
    }
}

/// Register `r` of a frame.
const R: usize = 2;

#[metatrace::interpreter(insn = COp)]
impl Calls<'_> {
    #[opcode(Const)]
    fn konst<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, k: i64) -> Flow {
        f.set(R + d, Int::new(k));
        Flow::Next
    }

    #[opcode(Add)]
    fn add<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(R + a), f.get(R + b));
        f.set(R + d, x + y);
        Flow::Next
    }

    #[opcode(Mul)]
    fn mul<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(R + a), f.get(R + b));
        f.set(R + d, x * y);
        Flow::Next
    }

    #[opcode(Mod)]
    fn modulo<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(R + a), f.get(R + b));
        let r = if y.eq_const(0) {
            Int::new(0)
        } else {
            x.floormod(y)
        };
        f.set(R + d, r);
        Flow::Next
    }

    #[opcode(JumpIfNotLt)]
    #[backedge]
    fn jump_if_not_lt<M: Mode>(&mut self, f: &mut Frame<M>, a: usize, b: usize, t: usize) -> Flow {
        if !f.get(R + a).lt(f.get(R + b)) {
            return Flow::Goto(t);
        }
        Flow::Next
    }

    #[opcode(JumpIfNonzero)]
    #[backedge]
    fn jump_if_nonzero<M: Mode>(&mut self, f: &mut Frame<M>, a: usize, t: usize) -> Flow {
        if f.get(R + a).ne(Int::new(0)) {
            return Flow::Goto(t);
        }
        Flow::Next
    }

    #[opcode(Jump)]
    #[backedge]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }

    // Not `#[backedge]`: a call switches frames, and its target may be anywhere.
    #[opcode(Call { .. })]
    fn call<M: Mode>(
        &mut self,
        f: &mut Frame<M>,
        target: usize,
        arg: usize,
    ) -> Result<Flow, String> {
        let callee = self.base + FRAME;
        if callee + FRAME > self.stack.len() {
            return Err("stack overflow".to_string());
        }
        let x = f.get(R + arg);
        let mut g = self.window::<M>(callee, f.rel() + FRAME as i32);
        g.set(0, Int::new(self.pc as i64 + 1));
        g.set(1, Int::new(self.base as i64));
        g.set(R, x);
        self.base = callee;
        Ok(Flow::Goto(target))
    }

    #[opcode(Ret { .. })]
    fn ret<M: Mode>(&mut self, f: &mut Frame<M>, src: usize) -> Result<Flow, String> {
        let v = f.get(R + src);
        // The link is a constant inside a trace that made the call: promoting it costs nothing
        // there and gives the interpreter plain numbers.
        let ret_pc = f.get(0).promote() as usize;
        let caller = f.get(1).promote() as usize;
        if we_are_jitted::<M>() && f.rel() < FRAME as i32 {
            // Returning below the frame the recording started in: the trace could not describe
            // the caller's frame at its exits.
            metatrace::recorder::abort(AbortReason::LeftFrame);
        }
        let mut c = self.window::<M>(caller, f.rel() - FRAME as i32);
        c.set(R + 5, v);
        self.base = caller;
        Ok(Flow::Goto(ret_pc))
    }

    #[opcode(Halt)]
    fn halt<M: Mode>(&mut self, _f: &mut Frame<M>) -> Flow {
        Flow::Halt
    }
}

/// sum = 0; for i < n { sum += f(i) } with f(x) = if x % 3 == 0 { 1000 * 1000 } else { x * x }.
fn calls_program(n: i64) -> Vec<COp> {
    use COp::*;
    vec![
        Const(0, 0),                 // 0: sum
        Const(1, 0),                 // 1: i
        Const(2, n),                 // 2
        Const(3, 1),                 // 3
        JumpIfNotLt(1, 2, 9),        // 4: loop header
        Call { target: 10, arg: 1 }, // 5: r5 = f(i)
        Add(0, 0, 5),                // 6
        Add(1, 1, 3),                // 7
        Jump(4),                     // 8: back-edge
        Halt,                        // 9
        Const(1, 3),                 // 10: f
        Mod(2, 0, 1),                // 11
        JumpIfNonzero(2, 14),        // 12: a branch that goes both ways: exits inside the callee
        Const(0, 1000),              // 13
        Mul(0, 0, 0),                // 14
        Ret { src: 0 },              // 15
    ]
}

#[test]
fn calls_inline_into_traces_and_exits_inside_a_callee_resume_in_its_frame() {
    let n = 600;
    let expected: i64 = (0..n)
        .map(|i| if i % 3 == 0 { 1_000_000 } else { i * i })
        .sum();
    for (name, config) in configs() {
        let mut stack = vec![0i64; 4 * FRAME];
        let mut toy = Calls {
            code: &calls_program(n),
            stack: &mut stack,
            base: 0,
            pc: 0,
            jit: Jit::new(config),
            ctx: JitCtxHeader::default(),
            recordings: Vec::new(),
        };
        toy.run().expect("no errors");
        let (jit, recordings, base) = (toy.jit, toy.recordings, toy.base);
        assert_eq!(stack[R], expected, "mode {name}");
        assert_eq!(base, 0, "mode {name}: back in the main frame");
        if name == "off" {
            assert!(recordings.is_empty());
            continue;
        }
        // The loop's trace inlines the call: no call op, and exits inside the callee.
        assert!(!jit.stats.compiled.is_empty(), "mode {name}\n{}", jit.stats);
        let ops = &jit.stats.compiled[0].op_counts;
        assert!(!ops.contains("call"), "mode {name}: {ops}");
        assert!(jit.stats.guard_failures > 0, "mode {name}\n{}", jit.stats);
        // Recordings start in the main frame (loops) or in the callee's (bridges from its exits)
        // and are each reported ended before the next starts.
        assert_eq!(recordings.first(), Some(&Some(0)), "mode {name}");
        for pair in recordings.windows(2) {
            assert!(
                pair[0].is_some() != pair[1].is_some(),
                "mode {name}: {recordings:?}"
            );
        }
        assert!(
            recordings
                .iter()
                .all(|r| matches!(r, None | Some(0) | Some(8))),
            "mode {name}: {recordings:?}"
        );
        assert_eq!(recordings.last(), Some(&None), "mode {name}");
    }
}

#[test]
fn calls_report_stack_overflow_as_an_error() {
    // f calls itself forever.
    let code = vec![COp::Call { target: 0, arg: 0 }];
    let mut stack = vec![0i64; 3 * FRAME];
    let mut toy = Calls {
        code: &code,
        stack: &mut stack,
        base: 0,
        pc: 0,
        jit: Jit::new(JitConfig::default().with_threshold(1)),
        ctx: JitCtxHeader::default(),
        recordings: Vec::new(),
    };
    assert_eq!(toy.run(), Err("stack overflow".to_string()));
    assert_eq!(toy.base, 2 * FRAME);
}
