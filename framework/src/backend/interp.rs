//! A backend that interprets optimised traces: for fast tests and differential checks.
//!
//! It runs the same IR the Cranelift backend compiles, with the same calling convention and the
//! same pure-op semantics (`ir::eval`), so a difference between the two is a bug in one of them.
//! Calls go through function pointers of the shapes languages use (up to six word arguments, or
//! one or two doubles); a descriptor of another shape is refused at compile time.

use std::rc::Rc;

use super::{Backend, CompileEnv, Compiled, JitCells, RETURN_EXIT};
use crate::gc::GcLayout;
use crate::ir::eval::eval_pure;
use crate::ir::{CallDescr, Const, OpRef, Opcode, Trace, Type};

/// The interpreting backend.
#[derive(Default)]
pub struct InterpBackend {
    /// The collector's card layout: `gc_wb` calls its barrier function.
    gc_layout: Option<GcLayout>,
}

struct Interpreted {
    trace: Rc<Trace>,
    gc_layout: Option<GcLayout>,
    input_slots: Vec<i32>,
    cells: *mut JitCells,
    id: u32,
}

impl Backend for InterpBackend {
    fn name(&self) -> &'static str {
        "interp"
    }

    fn compile_in(
        &mut self,
        trace: &Trace,
        _name: &str,
        env: &CompileEnv<'_>,
    ) -> Result<Box<dyn Compiled>, String> {
        if trace.inputs.len() != env.input_slots.len() + 1 {
            return Err(format!(
                "interp backend: {} inputs but {} input slots",
                trace.inputs.len(),
                env.input_slots.len()
            ));
        }
        for descr in &trace.descrs {
            if descr.addr != 0 && call_shape(descr).is_none() {
                return Err(format!(
                    "interp backend: unsupported call shape for `{}`",
                    descr.name
                ));
            }
        }
        if let Some(op) = trace.ops.iter().find(|i| !super::is_supported(i.opcode)) {
            return Err(format!(
                "interp backend: unsupported op `{}`",
                op.opcode.name()
            ));
        }
        if self.gc_layout.is_none() && trace.ops.iter().any(|i| i.opcode == Opcode::GcWb) {
            return Err("interp backend: `gc_wb` needs `Jit::set_gc_layout`".to_string());
        }
        Ok(Box::new(Interpreted {
            trace: Rc::new(trace.clone()),
            gc_layout: self.gc_layout,
            input_slots: env.input_slots.to_vec(),
            cells: env.cells,
            id: env.id,
        }))
    }

    fn set_gc_layout(&mut self, layout: GcLayout) {
        self.gc_layout = Some(layout);
    }
}

#[derive(Clone, Copy)]
enum Shape {
    Words(usize),
    Float1,
    Float2,
}

fn call_shape(descr: &CallDescr) -> Option<Shape> {
    let floats = descr.args.iter().filter(|t| **t == Type::Float).count();
    if floats == 0 && descr.args.len() <= 6 && descr.ret != Type::Float {
        return Some(Shape::Words(descr.args.len()));
    }
    if floats == descr.args.len() && descr.ret == Type::Float {
        return match floats {
            1 => Some(Shape::Float1),
            2 => Some(Shape::Float2),
            _ => None,
        };
    }
    None
}

/// Calls `descr` with word arguments.
///
/// # Safety
/// `descr.addr` must be an `extern "C"` function of the shape the descriptor says.
unsafe fn call(descr: &CallDescr, ctx: *mut u8, args: &[i64]) -> i64 {
    type C = *mut u8;
    let a = |k: usize| args[k];
    let f = |k: usize| f64::from_bits(args[k] as u64);
    let addr = descr.addr;
    // SAFETY: the caller guarantees `addr` has the shape `call_shape` computed from the descriptor.
    unsafe {
        match call_shape(descr).expect("checked at compile time") {
            Shape::Words(0) => std::mem::transmute::<usize, extern "C" fn(C) -> i64>(addr)(ctx),
            Shape::Words(1) => {
                std::mem::transmute::<usize, extern "C" fn(C, i64) -> i64>(addr)(ctx, a(0))
            }
            Shape::Words(2) => std::mem::transmute::<usize, extern "C" fn(C, i64, i64) -> i64>(
                addr,
            )(ctx, a(0), a(1)),
            Shape::Words(3) => {
                std::mem::transmute::<usize, extern "C" fn(C, i64, i64, i64) -> i64>(addr)(
                    ctx,
                    a(0),
                    a(1),
                    a(2),
                )
            }
            Shape::Words(4) => std::mem::transmute::<
                usize,
                extern "C" fn(C, i64, i64, i64, i64) -> i64,
            >(addr)(ctx, a(0), a(1), a(2), a(3)),
            Shape::Words(5) => std::mem::transmute::<
                usize,
                extern "C" fn(C, i64, i64, i64, i64, i64) -> i64,
            >(addr)(ctx, a(0), a(1), a(2), a(3), a(4)),
            Shape::Words(_) => std::mem::transmute::<
                usize,
                extern "C" fn(C, i64, i64, i64, i64, i64, i64) -> i64,
            >(addr)(ctx, a(0), a(1), a(2), a(3), a(4), a(5)),
            Shape::Float1 => {
                std::mem::transmute::<usize, extern "C" fn(C, f64) -> f64>(addr)(ctx, f(0))
                    .to_bits() as i64
            }
            Shape::Float2 => std::mem::transmute::<usize, extern "C" fn(C, f64, f64) -> f64>(addr)(
                ctx,
                f(0),
                f(1),
            )
            .to_bits() as i64,
        }
    }
}

impl Compiled for Interpreted {
    unsafe fn run(&self, ctx: *mut u8, frame: *mut i64) -> u32 {
        let trace = &*self.trace;
        let mut values = vec![0i64; trace.types.len()];
        values[trace.inputs[0].index()] = frame as i64;
        for (input, &slot) in trace.inputs.iter().skip(1).zip(&self.input_slots) {
            // SAFETY: the input slots are valid (the `run` contract).
            values[input.index()] = unsafe { frame.offset(slot as isize).read() };
        }
        let get = |values: &Vec<i64>, r: OpRef| match trace.as_const(r) {
            Some(c) => c.bits(),
            None => values[r.index()],
        };
        let label = trace.label_index();
        let exits = super::exits(trace);
        let mut pc = 0;
        let mut ovf_failed = false;
        loop {
            let inst = &trace.ops[pc];
            let args: Vec<i64> = inst.args.iter().map(|&a| get(&values, a)).collect();
            let mut exit = false;
            match inst.opcode {
                Opcode::Label => {}
                Opcode::Jump => {
                    let targets: &[OpRef] = match label {
                        Some(l) => &trace.ops[l].args,
                        None => &trace.inputs,
                    };
                    for (t, v) in targets.iter().zip(args) {
                        values[t.index()] = v;
                    }
                    pc = label.map_or(0, |l| l + 1);
                    continue;
                }
                Opcode::Finish => {
                    if let Some(&result) = args.first() {
                        // SAFETY: the cells outlive the compiled trace (the `run` contract).
                        unsafe { (*self.cells).result = result };
                    }
                    exit = true;
                }
                Opcode::GuardTrue => exit = args[0] == 0,
                Opcode::GuardFalse => exit = args[0] != 0,
                Opcode::GuardValue => exit = args[0] != args[1],
                Opcode::GuardNonnull => exit = args[0] == 0,
                Opcode::GuardNoOverflow => exit = ovf_failed,
                // SAFETY: `ctx` starts with a `JitCtxHeader` (the `run` contract).
                Opcode::GuardNoException => exit = unsafe { (ctx as *const i64).read() } != 0,
                // SAFETY: the operand is the address of the trace's invalidation flag, which lives
                // as long as the compiled trace.
                Opcode::GuardNotInvalidated => {
                    exit = unsafe { (args[0] as usize as *const i64).read() } != 0
                }
                Opcode::GetfieldI
                | Opcode::GetfieldF
                | Opcode::GetfieldR
                | Opcode::GetfieldPureI
                | Opcode::GetfieldPureF
                | Opcode::GetfieldPureR => {
                    // SAFETY: the trace only loads from objects its guards checked (the `run` contract).
                    let v = unsafe {
                        ((args[0] as usize as *const u8).offset(inst.imm as isize) as *const i64)
                            .read()
                    };
                    values[inst.res.expect("load result").index()] = v;
                }
                Opcode::Setfield => {
                    // SAFETY: as for loads.
                    unsafe {
                        ((args[0] as usize as *mut u8).offset(inst.imm as isize) as *mut i64)
                            .write(args[1])
                    };
                }
                Opcode::GcWb => {
                    let layout = self.gc_layout.expect("checked at compile time");
                    // SAFETY: the operand is the value address of a live object of the heap the
                    // layout describes (the `write_barrier` contract the recording relied on).
                    unsafe { (layout.barrier)(args[0] as usize as *const u8) };
                }
                Opcode::Call | Opcode::CallPure | Opcode::New => {
                    let descr = trace.descr(inst.descr.expect("call descriptor"));
                    let call_args = if inst.opcode == Opcode::New {
                        vec![inst.imm]
                    } else {
                        args
                    };
                    // SAFETY: the descriptor's shape was checked at compile time.
                    let v = unsafe { call(descr, ctx, &call_args) };
                    if let Some(res) = inst.res {
                        values[res.index()] = v;
                    }
                }
                Opcode::CallAssembler => {
                    // SAFETY: the trampoline's contract is this backend's `run` contract.
                    let v = unsafe {
                        crate::driver::call_assembler_trampoline(
                            ctx,
                            args[0] as usize as *mut i64,
                            inst.imm,
                        )
                    };
                    values[inst.res.expect("call_assembler result").index()] = v;
                }
                Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf => {
                    let consts = [Const::Int(args[0]), Const::Int(args[1])];
                    let (v, failed) = match eval_pure(inst.opcode, &consts) {
                        Some(c) => (c.bits(), false),
                        None => (0, true),
                    };
                    ovf_failed = failed;
                    values[inst.res.expect("ovf result").index()] = v;
                }
                op => {
                    let consts: Vec<Const> = inst
                        .args
                        .iter()
                        .zip(&args)
                        .map(|(&a, &v)| Const::from_bits(trace.type_of(a), v))
                        .collect();
                    // Division by zero cannot reach here: the recorder guards divisors, so 0 stands in.
                    let v = eval_pure(op, &consts).map_or(0, |c| c.bits());
                    values[inst.res.expect("pure op result").index()] = v;
                }
            }
            if exit {
                let snapshot = trace.snapshot(inst.snapshot.expect("guards carry snapshots"));
                let mut code = exits.iter().position(|&e| e == pc).expect("exit numbered") as u32;
                if inst.opcode == Opcode::Finish && !inst.args.is_empty() {
                    code |= RETURN_EXIT;
                }
                // This backend leaves bridges to the driver: every exit returns.
                // SAFETY: as above.
                unsafe {
                    (*self.cells).exit_trace = self.id as i64;
                    (*self.cells).exit_frame = frame;
                }
                if snapshot.virtuals.is_empty() {
                    for &(slot, value) in &snapshot.slots {
                        // SAFETY: exits only name slots of the frame (the `run` contract).
                        unsafe { frame.offset(slot as isize).write(get(&values, value)) };
                    }
                    return code;
                }
                // SAFETY: the cells are alive and their buffer holds `exit_buffer_len` words.
                let buf = unsafe { (*self.cells).buf };
                let mut k = 0;
                let is_virtual = |r: OpRef| snapshot.virtuals.iter().any(|v| v.id == r);
                // A removed allocation has no value here: the driver allocates it and fills the slot.
                let get =
                    |values: &Vec<i64>, r: OpRef| if is_virtual(r) { 0 } else { get(values, r) };
                let mut out = |v: i64| {
                    // SAFETY: as above.
                    unsafe { buf.add(k).write(v) };
                    k += 1;
                };
                for &(_, value) in &snapshot.slots {
                    out(get(&values, value));
                }
                for v in &snapshot.virtuals {
                    for &(_, value) in &v.fields {
                        out(get(&values, value));
                    }
                }
                return code;
            }
            pc += 1;
        }
    }

    fn code_size(&self) -> usize {
        0
    }

    fn code_addr(&self) -> usize {
        0
    }
}
