//! Calls into compiled code for recursion (`call_assembler`): a toy with functions, whose calls
//! recurse in Rust (each activation runs its own dispatch loop), runs a recursive fib. The
//! function gets a function-entry trace (from its first opcode to its return), and its recursive
//! calls become `call_assembler` of that same trace instead of being inlined or aborting. When a
//! callee's trace leaves early (the base case's guard), the portal finishes the call in the
//! interpreter. When the toy names its return value (`Jit::record_function_return`), a callee that
//! returns normally gives compiled code its result directly, without the portal.

use metatrace::dialect::call_assembler;
use metatrace::{
    Backedge, BackendKind, Concrete, Frame, GreenKey, Int, Jit, JitConfig, JitCtxHeader, Mode,
    RecordStep, Recording, Ref,
};

#[derive(Clone, Copy, Debug)]
enum Op {
    Const(usize, i64),
    Add(usize, usize, usize),
    Sub(usize, usize, usize),
    /// if !(r[a] < r[b]) goto target
    JumpIfNotLt(usize, usize, usize),
    /// r[d] = the VM's quasi-immutable word.
    LoadQuasi(usize),
    /// r[d] = r[a], through a residual call that raises when the VM says so.
    MaybeRaise(usize, usize),
    Jump(usize),
    /// r[d] = funcs[f](r[a]); the callee's frame starts right after the caller's.
    Call(usize, usize, usize),
    Ret(usize),
}

#[derive(Clone)]
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
    /// Calls of the portal (calls compiled code could not finish).
    portal_calls: u64,
    /// Record returns with their value (`Jit::record_function_return`).
    named_returns: bool,
    /// A quasi-immutable word: traces that read it are invalidated when it is written.
    quasi: Box<i64>,
    /// `MaybeRaise` raises.
    raise: bool,
}

/// Returns `x`, raising (the exception flag) when the VM's `raise` is set.
#[metatrace::residual]
extern "C" fn maybe_raise(vm: *mut Vm, x: i64) -> i64 {
    // SAFETY: the toy passes its own live VM.
    let vm = unsafe { &mut *vm };
    if vm.raise {
        vm.header.exception = 1;
    }
    x
}

impl Vm {
    fn new(funcs: Vec<Func>, config: JitConfig, named_returns: bool) -> Box<Vm> {
        let mut vm = Box::new(Vm {
            header: JitCtxHeader::default(),
            jit: Jit::new(config),
            funcs,
            calls: 0,
            portal_calls: 0,
            named_returns,
            quasi: Box::new(2),
            raise: false,
        });
        vm.jit.set_portal(portal);
        vm
    }

    /// Runs `main` to its return.
    fn run_main(&mut self) -> i64 {
        let mut stack = vec![0i64; 1 << 14];
        // SAFETY: the stack is far deeper than the programs' recursion needs.
        unsafe { run(self, MAIN, stack.as_mut_ptr(), 0, false, true) }
    }
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
        (*(ctx as *mut Vm)).portal_calls += 1;
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
        Op::MaybeRaise(d, a) => {
            let x = frame.get(a);
            let v = maybe_raise::call::<M>(vm, x);
            frame.set(d, v);
        }
        Op::LoadQuasi(d) => {
            // SAFETY: the word lives as long as the VM; only `invalidate_quasi` writes it.
            let word = unsafe { &*(*vm).quasi } as *const i64 as usize;
            // SAFETY: as above.
            let v = unsafe { Ref::<M>::new(word).get_int_quasi_immutable(0) };
            frame.set(d, v);
        }
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
        // An error is pending (raised by the last opcode, by a callee, or at the exit compiled
        // code left through): this toy has no handlers, so every activation returns at once.
        // SAFETY: as above.
        if unsafe { (*vm).header.exception } != 0 {
            if recording {
                // SAFETY: as above.
                unsafe { (*vm).jit.abort_recording(metatrace::AbortReason::Error) };
            }
            return 0;
        }
        let next = if recording {
            // SAFETY: as above.
            let jit = unsafe { &mut (*vm).jit };
            if !jit.record_insn(pc as u32, 0) {
                recording = false;
                continue;
            }
            // SAFETY: as above.
            let op = unsafe { (&(*vm).funcs)[f].code[pc] };
            if let Op::Ret(a) = op {
                // SAFETY: as below.
                let named = unsafe { (*vm).named_returns };
                let step = if named {
                    // SAFETY: the frame is valid for `len` slots (this fn's contract).
                    let view = unsafe { Frame::<Recording>::new(frame, len, 0) };
                    jit.record_function_return(0, view.get(a))
                } else {
                    jit.record_return(0)
                };
                if step == RecordStep::Stop {
                    recording = false;
                }
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
    let mut vm = Vm::new(program(n), config, false);
    let result = vm.run_main();
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
        let mut vm = Vm::new(loop_program(iters), config, false);
        let result = vm.run_main();
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

/// Runs `fib(18)` twice in every mode with named returns or not; returns, per mode, the calls and
/// the portal calls.
fn fib_portal_calls(named_returns: bool) -> Vec<(&'static str, u64, u64)> {
    let mut out = Vec::new();
    for (name, config) in configs().into_iter().skip(1) {
        let mut vm = Vm::new(program(18), config, named_returns);
        let result = vm.run_main();
        assert_eq!(result, 2 * fib(18), "mode {name}\n{}", vm.jit.stats);
        out.push((name, vm.calls, vm.portal_calls));
    }
    out
}

#[test]
fn call_assembler_normal_returns_take_the_result_without_the_portal() {
    // With named returns, a callee that returns normally (the function trace's end, or the base
    // case's bridge) hands its result back to compiled code: the portal only finishes the few
    // calls that left early before the bridge existed.
    for (name, calls, portal_calls) in fib_portal_calls(true) {
        assert!(
            portal_calls * 50 < calls,
            "mode {name}: {portal_calls} portal calls of {calls}"
        );
    }
    // Without, every call compiled code makes is finished by the portal.
    for (name, calls, portal_calls) in fib_portal_calls(false) {
        if name.ends_with("-1") {
            assert!(
                portal_calls * 2 > calls,
                "mode {name}: {portal_calls} portal calls of {calls}"
            );
        }
    }
}

/// down(n) = n < 1 ? 0 : down(n - 1) + 1; main returns down(n) + down(n) (the second call runs
/// compiled code even under threshold 1).
fn down_program(n: i64) -> Vec<Func> {
    vec![
        Func {
            nslots: 3,
            code: vec![
                Op::Const(1, n),
                Op::Call(0, FIB, 1),
                Op::Call(2, FIB, 1),
                Op::Add(0, 0, 2),
                Op::Ret(0),
            ],
        },
        Func {
            nslots: 4,
            code: vec![
                Op::Const(1, 1),
                Op::JumpIfNotLt(0, 1, 3),
                Op::Ret(2),       // r2 = 0: nothing has written it in this frame
                Op::Sub(2, 0, 1), // 3
                Op::Call(2, FIB, 2),
                Op::Add(2, 2, 1),
                Op::Ret(2),
            ],
        },
    ]
}

#[test]
fn call_assembler_past_the_stack_budget_finishes_in_the_portal() {
    let depth = 300;
    // Activations the interpreter ran, under cranelift-1, by budget.
    let mut interpreted = Vec::new();
    for budget in [0, 4096, JitConfig::default().max_call_stack] {
        for (name, config) in configs() {
            let config = JitConfig {
                max_call_stack: budget,
                ..config
            };
            let mut vm = Vm::new(down_program(depth), config, true);
            let result = vm.run_main();
            assert_eq!(
                result,
                2 * depth,
                "budget {budget}, mode {name}\n{}",
                vm.jit.stats
            );
            if name == "cranelift-1" {
                interpreted.push(vm.calls);
            }
        }
    }
    // The first call records (its callees run in the interpreter): 1 + 301 activations. Without a
    // budget, the second call's first `call_assembler` goes to the portal and the rest of the
    // recursion runs in the interpreter; with a small one, the calls below it do; with the
    // default, the whole second call runs compiled.
    let first = 1 + depth as u64 + 1;
    assert!(interpreted[0] >= first + depth as u64, "{interpreted:?}");
    assert!(interpreted[1] < interpreted[0], "{interpreted:?}");
    assert!(interpreted[1] > first + 1, "{interpreted:?}");
    assert!(interpreted[2] <= first + 1, "{interpreted:?}");
}

/// s = 0; for i in 0..iters { s += fib(10) }; return s, with fib's base-case bound read from the
/// quasi-immutable word.
fn quasi_loop_program(iters: i64) -> Vec<Func> {
    let mut funcs = loop_program(iters);
    funcs[MAIN].code[4] = Op::Const(4, 10);
    funcs[FIB].code[0] = Op::LoadQuasi(1);
    funcs
}

#[test]
fn call_assembler_of_an_invalidated_function_trace_goes_through_the_portal() {
    let iters = 200;
    for (name, config) in configs() {
        let mut vm = Vm::new(quasi_loop_program(iters), config, true);
        assert_eq!(vm.run_main(), iters * fib(10), "mode {name}");
        let before = vm.portal_calls;
        // Writing the word invalidates fib's traces; the loop's trace, which only calls fib's
        // function trace, stays valid and its `call_assembler` must notice.
        let word = &*vm.quasi as *const i64 as usize;
        let invalidated = metatrace::quasi::quasi_immutable_write(word, 0);
        assert_eq!(
            vm.run_main(),
            iters * fib(10),
            "mode {name}\n{}",
            vm.jit.stats
        );
        if name == "cranelift-1" || name == "interp-1" {
            assert!(invalidated > 0, "mode {name}\n{}", vm.jit.stats);
            assert!(
                vm.portal_calls - before >= iters as u64 / 2,
                "mode {name}: {} portal calls\n{}",
                vm.portal_calls - before,
                vm.jit.stats
            );
        }
    }
}

#[test]
fn call_assembler_an_error_raised_in_the_callee_reaches_the_top_from_every_level() {
    let depth = 200;
    // down_program, with the base case's result going through `MaybeRaise`.
    let mut funcs = down_program(depth);
    funcs[FIB].code = vec![
        Op::Const(1, 1),
        Op::JumpIfNotLt(0, 1, 4),
        Op::MaybeRaise(2, 2),
        Op::Ret(2),
        Op::Sub(2, 0, 1), // 4
        Op::Call(2, FIB, 2),
        Op::Add(2, 2, 1),
        Op::Ret(2),
    ];
    for (name, config) in configs() {
        let mut vm = Vm::new(funcs.clone(), config, true);
        assert_eq!(vm.run_main(), 2 * depth, "mode {name}\n{}", vm.jit.stats);
        if name.ends_with("-1") {
            // The base case (with the residual call) is a bridge of the function trace.
            assert!(
                vm.jit.stats.compiled.iter().any(|c| c.is_bridge),
                "mode {name}\n{}",
                vm.jit.stats
            );
        }
        // Now the deepest call raises: every compiled level above it leaves through its
        // `guard_no_exception`, and the portal and the interpreter unwind the rest.
        vm.raise = true;
        assert_eq!(vm.run_main(), 0, "mode {name}");
        assert_eq!(vm.header.exception, 1, "mode {name}");
        // The traces are still good for a run without the error.
        vm.raise = false;
        vm.header.exception = 0;
        assert_eq!(vm.run_main(), 2 * depth, "mode {name}\n{}", vm.jit.stats);
    }
}
