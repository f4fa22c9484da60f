//! Calls into compiled code for recursion (`call_assembler`): a toy with functions, whose calls
//! recurse in Rust (each activation runs its own dispatch loop), runs a recursive fib. The
//! function gets a function-entry trace (from its first opcode to its return), and its recursive
//! calls become `call_assembler` of that same trace instead of being inlined or aborting. When a
//! callee's trace leaves early (the base case's guard), the portal finishes the call in the
//! interpreter.

use metatrace::dialect::call_assembler;
use metatrace::{
    Backedge, BackendKind, Concrete, Frame, GreenKey, Int, Jit, JitConfig, JitCtxHeader, Mode,
    RecordStep, Recording,
};

#[derive(Clone, Copy, Debug)]
enum Op {
    Const(usize, i64),
    Add(usize, usize, usize),
    Sub(usize, usize, usize),
    /// if !(r[a] < r[b]) goto target
    JumpIfNotLt(usize, usize, usize),
    Jump(usize),
    /// r[d] = funcs[f](r[a]); the callee's frame starts right after the caller's.
    Call(usize, usize, usize),
    Ret(usize),
}

struct Func {
    nslots: usize,
    code: Vec<Op>,
}

/// The toy's state; compiled code gets a pointer to it as its context.
#[repr(C)]
struct Vm {
    header: JitCtxHeader,
    jit: Jit,
    funcs: Vec<Func>,
    calls: u64,
}

fn key(f: usize) -> GreenKey {
    GreenKey { code: f, pc: 0 }
}

/// The portal: finishes an activation of `code` in the interpreter, from `pc`.
unsafe extern "C" fn portal(
    ctx: *mut JitCtxHeader,
    code: usize,
    frame: *mut i64,
    pc: u32,
    record_bridge: bool,
) -> i64 {
    // SAFETY: the context is the `Vm` (its header is its first field) and the frame is inside its
    // stack, as `call_assembler` guarantees.
    unsafe {
        run(
            ctx as *mut Vm,
            code,
            frame,
            pc as usize,
            record_bridge,
            false,
        )
    }
}

enum Next {
    Go(usize),
    Ret(i64),
}

fn step<M: Mode>(vm: *mut Vm, f: usize, pc: usize, frame: &mut Frame<M>) -> Next {
    // SAFETY: short-lived shared borrows of the VM; nothing mutates `funcs`.
    let op = unsafe { (&(*vm).funcs)[f].code[pc] };
    match op {
        Op::Const(d, k) => frame.set(d, Int::new(k)),
        Op::Add(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            frame.set(d, x + y);
        }
        Op::Sub(d, a, b) => {
            let (x, y) = (frame.get(a), frame.get(b));
            frame.set(d, x - y);
        }
        Op::JumpIfNotLt(a, b, target) => {
            let (x, y) = (frame.get(a), frame.get(b));
            if !x.lt(y).branch() {
                return Next::Go(target);
            }
        }
        Op::Jump(target) => return Next::Go(target),
        Op::Ret(a) => return Next::Ret(frame.get(a).peek()),
        Op::Call(d, g, a) => {
            let x = frame.get(a);
            // SAFETY: as above.
            let (caller_len, callee_len) =
                unsafe { ((&(*vm).funcs)[f].nslots, (&(*vm).funcs)[g].nslots) };
            // SAFETY: the stack has room for the callee's frame above the caller's.
            let callee_base = unsafe { frame.base().add(caller_len) };
            // SAFETY: the callee's slots are inside the stack and only this call uses them now.
            let mut callee = unsafe {
                Frame::<M>::new(callee_base, callee_len, frame.rel() + caller_len as i32)
            };
            callee.set(0, x);
            // SAFETY: the callee runs to its return before this handler continues.
            let concrete = || unsafe { run(vm, g, callee_base, 0, false, true) };
            let result = if M::RECORDING {
                // SAFETY: a shared borrow of the JIT; nothing else uses it during this call.
                let target = unsafe { (*vm).jit.call_assembler_target(key(g)) };
                match target {
                    Some(id) => {
                        callee.flush(0..1);
                        let r = call_assembler::<M>(id, callee.base_ref(), concrete);
                        callee.forget(0..callee_len);
                        r
                    }
                    None => {
                        // This toy does not inline calls: give up on this trace.
                        metatrace::recorder::abort(metatrace::AbortReason::NotTraceable);
                        Int::new(concrete())
                    }
                }
            } else {
                Int::new(concrete())
            };
            frame.set(d, result);
        }
    }
    Next::Go(pc + 1)
}

/// Runs function `f` on `frame` from `pc` until it returns.
///
/// # Safety
/// `vm` is live and `frame` is inside its stack with room above for the deepest call.
unsafe fn run(
    vm: *mut Vm,
    f: usize,
    frame: *mut i64,
    mut pc: usize,
    mut recording: bool,
    at_entry: bool,
) -> i64 {
    // SAFETY: short-lived borrows of the VM throughout, never across a call that may use it.
    let len = unsafe { (&(*vm).funcs)[f].nslots };
    unsafe { (*vm).calls += at_entry as u64 };
    if at_entry {
        // SAFETY: as above.
        match unsafe { (*vm).jit.function_entry(key(f)) } {
            Backedge::Interpret => {}
            Backedge::Record => recording = true,
            Backedge::Enter(id) => {
                // SAFETY: the frame is set up for the function's entry; the VM is the context.
                let resume =
                    unsafe { Jit::enter(&raw mut (*vm).jit, id, frame, &raw mut (*vm).header) };
                assert_eq!(resume.base_rel, 0, "the toy does not inline calls");
                pc = resume.pc as usize;
                recording = resume.record_bridge;
            }
        }
    }
    loop {
        let next = if recording {
            // SAFETY: as above.
            let jit = unsafe { &mut (*vm).jit };
            if !jit.record_insn(pc as u32, 0) {
                recording = false;
                continue;
            }
            // SAFETY: as above.
            let op = unsafe { (&(*vm).funcs)[f].code[pc] };
            if matches!(op, Op::Ret(_)) && jit.record_return(0) == RecordStep::Stop {
                recording = false;
            }
            // A call with no compiled callee cannot be recorded by this toy (it does not inline):
            // stop recording before the handler runs, so the call runs (and may itself get hot)
            // in the interpreter.
            if let Op::Call(_, g, _) = op
                && jit.call_assembler_target(key(g)).is_none()
            {
                jit.abort_recording(metatrace::AbortReason::NotTraceable);
                recording = false;
            }
            // SAFETY: the frame is valid for `len` slots (this fn's contract).
            let mut view = unsafe { Frame::<Recording>::new(frame, len, 0) };
            if recording {
                step(vm, f, pc, &mut view)
            } else {
                // SAFETY: as above.
                let mut view = unsafe { Frame::<Concrete>::new(frame, len, 0) };
                step(vm, f, pc, &mut view)
            }
        } else {
            // SAFETY: as above.
            let mut view = unsafe { Frame::<Concrete>::new(frame, len, 0) };
            step(vm, f, pc, &mut view)
        };
        match next {
            Next::Ret(v) => {
                if recording {
                    // SAFETY: as above.
                    unsafe { (*vm).jit.abort_recording(metatrace::AbortReason::LeftFrame) };
                }
                return v;
            }
            Next::Go(target) => {
                if target <= pc {
                    let key = GreenKey {
                        code: f,
                        pc: target as u32 + 1_000_000,
                    };
                    // SAFETY: as above.
                    let jit = unsafe { &mut (*vm).jit };
                    if recording {
                        if jit.record_backedge(key, 0) == RecordStep::Stop {
                            recording = false;
                        }
                    } else {
                        match jit.backedge(key) {
                            Backedge::Interpret => {}
                            Backedge::Record => recording = true,
                            Backedge::Enter(id) => {
                                // SAFETY: as for the function entry.
                                let resume = unsafe {
                                    Jit::enter(&raw mut (*vm).jit, id, frame, &raw mut (*vm).header)
                                };
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

const MAIN: usize = 0;
const FIB: usize = 1;

fn program(n: i64) -> Vec<Func> {
    vec![
        Func {
            // fib(n) + fib(n): the second call runs in compiled code even under threshold 1.
            nslots: 2,
            code: vec![
                Op::Const(1, n),
                Op::Call(0, FIB, 1),
                Op::Call(1, FIB, 1),
                Op::Add(0, 0, 1),
                Op::Ret(0),
            ],
        },
        // fib(n) = n < 2 ? n : fib(n - 1) + fib(n - 2)
        Func {
            nslots: 5,
            code: vec![
                Op::Const(1, 2),
                Op::JumpIfNotLt(0, 1, 3),
                Op::Ret(0),
                Op::Const(4, 1), // 3
                Op::Sub(2, 0, 4),
                Op::Call(2, FIB, 2),
                Op::Sub(3, 0, 1),
                Op::Call(3, FIB, 3),
                Op::Add(2, 2, 3),
                Op::Ret(2),
            ],
        },
    ]
}

fn fib(n: i64) -> i64 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

fn run_program(n: i64, config: JitConfig) -> (i64, Box<Vm>) {
    let mut vm = Box::new(Vm {
        header: JitCtxHeader::default(),
        jit: Jit::new(config),
        funcs: program(n),
        calls: 0,
    });
    vm.jit.set_portal(portal);
    let mut stack = vec![0i64; 1 << 14];
    let vm_ptr: *mut Vm = &mut *vm;
    // SAFETY: the stack is far deeper than fib's recursion needs.
    let result = unsafe { run(vm_ptr, MAIN, stack.as_mut_ptr(), 0, false, true) };
    (result, vm)
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
        ("cranelift-default", base.clone()),
    ]
}

#[test]
fn call_assembler_recursive_fib_is_right_in_every_mode() {
    for n in [0, 1, 2, 10, 22] {
        for (name, config) in configs() {
            let (result, vm) = run_program(n, config);
            assert_eq!(result, 2 * fib(n), "mode {name}, n = {n}\n{}", vm.jit.stats);
        }
    }
}

#[test]
fn call_assembler_recursive_fib_compiles_a_function_trace_calling_itself() {
    for (name, config) in configs().into_iter().skip(1) {
        let (result, vm) = run_program(22, config);
        assert_eq!(result, 2 * fib(22));
        // The function-entry trace or one of its bridges (depending on which path the call that
        // got hot took) calls the function's own trace twice.
        assert!(
            vm.jit
                .stats
                .compiled
                .iter()
                .any(|c| c.name.starts_with("function_")),
            "mode {name}: no function trace\n{}",
            vm.jit.stats
        );
        assert!(
            vm.jit
                .stats
                .compiled
                .iter()
                .any(|c| c.op_counts.contains("call_assembler: 2")),
            "mode {name}\n{}",
            vm.jit.stats
        );
        // The base case's exit grew a bridge that ends at the return, so most calls stay in
        // compiled code.
        assert!(
            vm.jit.stats.compiled.iter().any(|c| c.is_bridge),
            "mode {name}\n{}",
            vm.jit.stats
        );
    }
}

/// s = 0; for i in 0..iters { s += fib(12) }; return s
fn loop_program(iters: i64) -> Vec<Func> {
    let mut funcs = program(12);
    funcs[MAIN] = Func {
        nslots: 6,
        code: vec![
            Op::Const(0, 0),
            Op::Const(1, 0),
            Op::Const(2, iters),
            Op::Const(3, 1),
            Op::Const(4, 12),
            Op::JumpIfNotLt(1, 2, 10), // 5
            Op::Call(5, FIB, 4),
            Op::Add(0, 0, 5),
            Op::Add(1, 1, 3),
            Op::Jump(5),
            Op::Ret(0), // 10
        ],
    };
    funcs
}

#[test]
fn call_assembler_from_a_loop_trace_into_a_function_trace() {
    let iters = 300;
    for (name, config) in configs() {
        let mut vm = Box::new(Vm {
            header: JitCtxHeader::default(),
            jit: Jit::new(config),
            funcs: loop_program(iters),
            calls: 0,
        });
        vm.jit.set_portal(portal);
        let mut stack = vec![0i64; 1 << 14];
        let vm_ptr: *mut Vm = &mut *vm;
        // SAFETY: the stack is far deeper than fib's recursion needs.
        let result = unsafe { run(vm_ptr, MAIN, stack.as_mut_ptr(), 0, false, true) };
        assert_eq!(result, iters * fib(12), "mode {name}\n{}", vm.jit.stats);
        // Under the default threshold the loop is not hot in 300 iterations.
        if name.ends_with("-1") {
            let main_loop = vm
                .jit
                .stats
                .compiled
                .iter()
                .find(|c| c.name.starts_with("loop_"));
            let main_loop =
                main_loop.unwrap_or_else(|| panic!("mode {name}: no loop\n{}", vm.jit.stats));
            assert!(
                main_loop.loop_op_counts.contains("call_assembler: 1"),
                "mode {name}: {}",
                main_loop.loop_op_counts
            );
        }
    }
}
