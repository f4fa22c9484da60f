//! Your first interpreter on metatrace: a register language with integers and floats, in one file.
//!
//! The book's chapter "Your first interpreter" walks through this file; the `ANCHOR` comments mark
//! the listings it includes, so the book always shows code that compiles. The language has typed
//! instructions (an integer add, a float add, ...), so values need no type tags and the example
//! stays short. The handlers are written once, generic over the mode, and `#[interpreter]`
//! generates the two dispatch loops and the opcode table around them. It deliberately has no
//! calls, no heap and no error handling: those are what lua-demo shows.
//!
//! Run it with `cargo run -p metatrace --example first_interpreter -- [--no-jit] [--stats]
//! [--threshold N] [--backend interp] [--list] [sum|pi|collatz] [N]`; set `METATRACE_LOG=trace,opt`
//! to see the traces.

use std::convert::Infallible;

use metatrace::interpreter::disassemble;
use metatrace::{
    BackendKind, Float, Flow, Frame, Int, Interpreter, Jit, JitConfig, JitCtxHeader, Mode,
};

// ANCHOR: insn
/// One instruction. Operands are register numbers (frame slots); `target`s are instruction
/// indexes. Each instruction knows whether its registers hold integers or floats.
#[derive(Clone, Copy, Debug)]
pub enum Insn {
    /// `r[d] = k`
    LoadInt(usize, i64),
    /// `r[d] = k`, a float.
    LoadFloat(usize, f64),
    /// `r[d] = r[a]`
    Move(usize, usize),
    /// Integer arithmetic, wrapping on overflow: `r[d] = r[a] op r[b]`.
    AddI(usize, usize, usize),
    SubI(usize, usize, usize),
    MulI(usize, usize, usize),
    AndI(usize, usize, usize),
    ShrI(usize, usize, usize),
    /// Float arithmetic: `r[d] = r[a] op r[b]`.
    AddF(usize, usize, usize),
    MulF(usize, usize, usize),
    DivF(usize, usize, usize),
    /// `r[d] = r[a]` converted from integer to float.
    ToFloat(usize, usize),
    /// `if !(r[a] < r[b]) goto target`, on integers.
    JumpIfNotLt(usize, usize, usize),
    /// `if r[a] == 0 goto target`
    JumpIfZero(usize, usize),
    /// `goto target`
    Jump(usize),
    Halt,
}
// ANCHOR_END: insn

// ANCHOR: machine
/// The interpreter's state: the program, its registers, the pc, and the JIT.
pub struct Machine<'a> {
    code: &'a [Insn],
    regs: &'a mut [i64],
    pc: usize,
    jit: Jit,
    /// What compiled code receives; this language's traces make no calls, so the header is all.
    ctx: JitCtxHeader,
}

// SAFETY: the frame is `regs`, which the machine borrows for its whole life and which nothing
// else touches; the context is a header; there is one frame, so the default `frame_base` holds.
unsafe impl Interpreter for Machine<'_> {
    type Insn = Insn;
    type Error = Infallible;

    /// One program, so one code object.
    fn code_id(&self) -> usize {
        0
    }
    fn pc(&self) -> usize {
        self.pc
    }
    fn set_pc(&mut self, pc: usize) {
        self.pc = pc;
    }
    fn fetch(&mut self, pc: usize) -> Insn {
        self.code[pc]
    }
    fn frame<M: Mode>(&mut self, rel: i32) -> Frame<M> {
        // SAFETY: see the impl's comment.
        unsafe { Frame::new(self.regs.as_mut_ptr(), self.regs.len(), rel) }
    }
    fn jit(&mut self) -> &mut Jit {
        &mut self.jit
    }
    fn jit_ctx(&mut self) -> *mut JitCtxHeader {
        &mut self.ctx
    }
}
// ANCHOR_END: machine

// ANCHOR: handlers
/// The handlers: one per instruction, each written once. In `Concrete` mode they are a plain
/// interpreter; in `Recording` mode the same code also records what it does into a trace.
#[metatrace::interpreter(insn = Insn)]
impl Machine<'_> {
    #[opcode(LoadInt)]
    fn load_int<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, k: i64) -> Flow {
        f.set(d, Int::new(k));
        Flow::Next
    }

    #[opcode(LoadFloat)]
    fn load_float<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, k: f64) -> Flow {
        f.set_float(d, Float::new(k));
        Flow::Next
    }

    #[opcode(Move)]
    fn mov<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize) -> Flow {
        let v = f.get(a);
        f.set(d, v);
        Flow::Next
    }

    #[opcode(AddI)]
    fn add_i<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        f.set(d, x + y);
        Flow::Next
    }

    #[opcode(SubI)]
    fn sub_i<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        f.set(d, x - y);
        Flow::Next
    }

    #[opcode(MulI)]
    fn mul_i<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        f.set(d, x * y);
        Flow::Next
    }

    #[opcode(AndI)]
    fn and_i<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        f.set(d, x & y);
        Flow::Next
    }

    #[opcode(ShrI)]
    fn shr_i<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        f.set(d, x >> y);
        Flow::Next
    }

    #[opcode(AddF)]
    fn add_f<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get_float(a), f.get_float(b));
        f.set_float(d, x + y);
        Flow::Next
    }

    #[opcode(MulF)]
    fn mul_f<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get_float(a), f.get_float(b));
        f.set_float(d, x * y);
        Flow::Next
    }

    #[opcode(DivF)]
    fn div_f<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow {
        let (x, y) = (f.get_float(a), f.get_float(b));
        f.set_float(d, x / y);
        Flow::Next
    }

    #[opcode(ToFloat)]
    fn int_to_float<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize) -> Flow {
        let x = f.get(a);
        f.set_float(d, x.to_float());
        Flow::Next
    }

    // ANCHOR: branch
    #[opcode(JumpIfNotLt)]
    #[backedge]
    fn jump_if_not_lt<M: Mode>(&mut self, f: &mut Frame<M>, a: usize, b: usize, t: usize) -> Flow {
        let (x, y) = (f.get(a), f.get(b));
        // `x.lt(y)` is an abstract `Bool<M>`: the `if` takes the concrete outcome and, while
        // recording, records a guard on it.
        if !x.lt(y) {
            return Flow::Goto(t);
        }
        Flow::Next
    }
    // ANCHOR_END: branch

    #[opcode(JumpIfZero)]
    #[backedge]
    fn jump_if_zero<M: Mode>(&mut self, f: &mut Frame<M>, a: usize, target: usize) -> Flow {
        if f.get(a).eq_const(0) {
            return Flow::Goto(target);
        }
        Flow::Next
    }

    #[opcode(Jump)]
    #[backedge]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }

    #[opcode(Halt)]
    fn halt<M: Mode>(&mut self, _f: &mut Frame<M>) -> Flow {
        Flow::Halt
    }
}
// ANCHOR_END: handlers

// ANCHOR: run
/// Runs `code` on the registers `regs` with the JIT configured by `config`.
/// Returns the JIT so the caller can print its statistics.
fn run(code: &[Insn], regs: &mut [i64], config: JitConfig) -> Jit {
    let mut machine = Machine {
        code,
        regs,
        pc: 0,
        jit: Jit::new(config),
        ctx: JitCtxHeader::default(),
    };
    // `run` is generated by `#[interpreter]`; our handlers cannot fail.
    let Ok(()) = machine.run();
    machine.jit
}
// ANCHOR_END: run

// ANCHOR: sum
/// `sum = 0; i = 0; while i < n { sum += i * i; i += 1 }`; the result is in r0.
fn sum_squares(n: i64) -> Vec<Insn> {
    use Insn::*;
    vec![
        LoadInt(0, 0),        // 0: sum = 0
        LoadInt(1, 0),        // 1: i = 0
        LoadInt(2, n),        // 2
        LoadInt(3, 1),        // 3
        JumpIfNotLt(1, 2, 9), // 4: loop header: exit when !(i < n)
        MulI(4, 1, 1),        // 5: t = i * i
        AddI(0, 0, 4),        // 6: sum += t
        AddI(1, 1, 3),        // 7: i += 1
        Jump(4),              // 8: back-edge
        Halt,                 // 9
    ]
}
// ANCHOR_END: sum

/// Leibniz's series: `pi = 4 * sum((-1)^k / (2k + 1))`, n terms; the float result is in r0.
fn leibniz_pi(n: i64) -> Vec<Insn> {
    use Insn::*;
    vec![
        LoadFloat(0, 0.0),     // 0: sum
        LoadFloat(1, 4.0),     // 1: term numerator, alternating sign
        LoadInt(2, 0),         // 2: k
        LoadInt(3, n),         // 3
        LoadInt(4, 1),         // 4
        LoadFloat(5, 2.0),     // 5
        LoadFloat(6, 1.0),     // 6
        LoadFloat(7, -1.0),    // 7
        JumpIfNotLt(2, 3, 17), // 8: loop header
        ToFloat(8, 2),         // 9: kf = k as float
        MulF(8, 8, 5),         // 10: 2k
        AddF(8, 8, 6),         // 11: 2k + 1
        DivF(9, 1, 8),         // 12: term
        AddF(0, 0, 9),         // 13: sum += term
        MulF(1, 1, 7),         // 14: flip the sign
        AddI(2, 2, 4),         // 15: k += 1
        Jump(8),               // 16
        Halt,                  // 17
    ]
}

/// The total number of Collatz steps for every start below n: nested loops and a branch that
/// goes both ways, so the inner loop's trace grows a bridge. The result is in r0.
fn collatz_steps(n: i64) -> Vec<Insn> {
    use Insn::*;
    vec![
        LoadInt(0, 0),         // 0: total = 0
        LoadInt(1, 1),         // 1: start = 1
        LoadInt(2, n),         // 2
        LoadInt(3, 1),         // 3: one
        LoadInt(5, 3),         // 4: three
        JumpIfNotLt(1, 2, 18), // 5: outer loop: while start < n
        Move(4, 1),            // 6: x = start
        JumpIfNotLt(3, 4, 16), // 7: inner loop: while 1 < x
        AndI(6, 4, 3),         // 8: odd = x & 1
        JumpIfZero(6, 13),     // 9
        MulI(4, 4, 5),         // 10: x = 3x + 1
        AddI(4, 4, 3),         // 11
        Jump(14),              // 12
        ShrI(4, 4, 3),         // 13: x = x / 2
        AddI(0, 0, 3),         // 14: total += 1
        Jump(7),               // 15: inner back-edge
        AddI(1, 1, 3),         // 16: start += 1
        Jump(5),               // 17: outer back-edge
        Halt,                  // 18
    ]
}

// ANCHOR: main
fn main() {
    let mut config = JitConfig::default();
    let mut stats = false;
    let mut list = false;
    let mut program = "sum".to_string();
    let mut n: Option<i64> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--no-jit" => config.enabled = false,
            "--stats" => stats = true,
            "--list" => list = true,
            "--threshold" => match args.next().and_then(|t| t.parse().ok()) {
                Some(t) => config = config.with_threshold(t),
                None => return usage("--threshold needs a number"),
            },
            "--backend" => match args.next().as_deref() {
                Some("interp") => config.backend = BackendKind::Interp,
                Some("cranelift") => config.backend = BackendKind::Cranelift,
                _ => return usage("--backend is `cranelift` or `interp`"),
            },
            "sum" | "pi" | "collatz" => program = arg,
            other => match other.parse() {
                Ok(v) => n = Some(v),
                Err(_) => return usage(&format!("unknown argument `{other}`")),
            },
        }
    }
    let (code, default_n) = match program.as_str() {
        "pi" => (leibniz_pi as fn(i64) -> Vec<Insn>, 10_000_000),
        "collatz" => (collatz_steps as fn(i64) -> Vec<Insn>, 100_000),
        _ => (sum_squares as fn(i64) -> Vec<Insn>, 3_000_000),
    };
    let n = n.unwrap_or(default_n);
    let code = code(n);
    if list {
        // The disassembler comes from the opcode table `#[interpreter]` generated.
        print!("{}", disassemble::<Machine>(&code));
    }
    let mut regs = vec![0i64; 10];
    let jit = run(&code, &mut regs, config);
    match program.as_str() {
        "pi" => println!("pi ~ {}", f64::from_bits(regs[0] as u64)),
        "collatz" => println!("collatz steps below {n}: {}", regs[0]),
        _ => println!("sum of i*i for i < {n}: {}", regs[0]),
    }
    if stats {
        eprint!("{}", jit.stats);
    }
}
// ANCHOR_END: main

fn usage(problem: &str) {
    eprintln!(
        "first_interpreter: {problem}\n\
         usage: first_interpreter [--no-jit] [--stats] [--threshold N] [--backend cranelift|interp] \
         [--list] [sum|pi|collatz] [N]"
    );
    std::process::exit(2);
}
