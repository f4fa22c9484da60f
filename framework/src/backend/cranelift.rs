//! The Cranelift backend: one native function per trace.
//!
//! Lowering is a single walk over the ops. Inputs are loaded from the frame in the entry block;
//! the loop header is a block whose parameters are the label's operands (or the inputs, for an
//! unpeeled loop), so loop-carried values live in registers. Every guard branches to its own cold
//! exit block that stores the snapshot's values into the frame (or, when the exit rebuilds removed
//! objects, into the driver's exit buffer) and returns the exit number; the work only exits need
//! is emitted there, not in the loop. A slot whose snapshot value is still the input loaded from
//! it is not stored again (until an op that may write memory runs), and what follows the stores
//! (following a bridge from the exit table, or leaving) is one block shared by all guard exits,
//! which takes the exit number as a parameter: exits are most of a trace's code, and Cranelift's
//! time grows with the code, so this keeps compile time per trace down. A comparison feeding a guard is branched on directly.
//! `call_assembler` calls the callee trace's machine code directly (a trace calling itself calls
//! its own function) and only goes through the driver when the callee leaves other than through
//! its normal return, when the native stack budget for compiled recursion is used up, or once the
//! callee is invalidated.
//!
//! Each trace gets its own `JITModule`, kept alive by the returned code object, so code memory is
//! owned per trace (Cranelift's `JITModule` never frees single functions).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use cranelift_codegen::ir::condcodes::{FloatCC, IntCC};
use cranelift_codegen::ir::{
    AbiParam, Block, BlockArg, FuncRef, InstBuilder, MemFlagsData, Signature, UserFuncName, Value,
    types,
};
use cranelift_codegen::isa::{CallConv, TargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{Linkage, Module, default_libcall_names};

use super::{
    Backend, CELLS_BRIDGE_ENTRIES, CELLS_BUF, CELLS_EXIT_FRAME, CELLS_EXIT_TRACE, CELLS_RESULT,
    Callee, CompileEnv, Compiled, RETURN_EXIT,
};
use crate::gc::GcLayout;
use crate::ir::{Const, OpRef, Opcode, Trace, Type};

/// The Cranelift backend. Build once; it keeps the target ISA.
pub struct CraneliftBackend {
    isa: Arc<dyn TargetIsa>,
    /// Keep Cranelift's disassembly of each trace (for `METATRACE_LOG=asm`).
    pub keep_listing: bool,
    /// The collector's card layout, for `gc_wb` (see `crate::gc`).
    pub gc_layout: Option<GcLayout>,
}

struct CraneliftCode {
    // Owns the code memory; dropped with the trace.
    _module: JITModule,
    entry: unsafe extern "C" fn(*mut u8, *mut i64) -> u32,
    size: usize,
    listing: Option<String>,
}

impl Compiled for CraneliftCode {
    unsafe fn run(&self, ctx: *mut u8, frame: *mut i64) -> u32 {
        // SAFETY: the caller upholds `Compiled::run`'s contract, which is the generated code's.
        unsafe { (self.entry)(ctx, frame) }
    }
    fn code_size(&self) -> usize {
        self.size
    }
    fn code_addr(&self) -> usize {
        self.entry as usize
    }
    fn listing(&self) -> Option<&str> {
        self.listing.as_deref()
    }
}

impl CraneliftBackend {
    /// A backend for the host machine.
    pub fn new() -> Result<CraneliftBackend, String> {
        let mut flags = settings::builder();
        let set = |flags: &mut settings::Builder, k: &str, v: &str| {
            flags.set(k, v).map_err(|e| format!("{k}: {e}"))
        };
        set(&mut flags, "opt_level", "speed")?;
        set(&mut flags, "is_pic", "false")?;
        set(&mut flags, "use_colocated_libcalls", "false")?;
        set(
            &mut flags,
            "enable_verifier",
            if cfg!(debug_assertions) {
                "true"
            } else {
                "false"
            },
        )?;
        let isa_builder = cranelift_native::builder().map_err(|e| format!("host ISA: {e}"))?;
        let isa = isa_builder
            .finish(settings::Flags::new(flags))
            .map_err(|e| format!("host ISA: {e}"))?;
        Ok(CraneliftBackend {
            isa,
            keep_listing: false,
            gc_layout: None,
        })
    }
}

/// Whether an op may write memory (so possibly the frame): stores, allocations, write
/// barriers and calls that are not pure.
fn may_write(op: Opcode) -> bool {
    op.has_side_effect() && !op.is_guard() && !op.is_control()
}

fn cl_type(ty: Type) -> types::Type {
    match ty {
        Type::Float => types::F64,
        _ => types::I64,
    }
}

impl Backend for CraneliftBackend {
    fn name(&self) -> &'static str {
        "cranelift"
    }

    fn set_gc_layout(&mut self, layout: GcLayout) {
        self.gc_layout = Some(layout);
    }

    fn compile_in(
        &mut self,
        trace: &Trace,
        name: &str,
        env: &CompileEnv<'_>,
    ) -> Result<Box<dyn Compiled>, String> {
        if let Some(op) = trace.ops.iter().find(|i| !super::is_supported(i.opcode)) {
            return Err(format!(
                "cranelift backend: unsupported op `{}`",
                op.opcode.name()
            ));
        }
        if self.gc_layout.is_none() && trace.ops.iter().any(|i| i.opcode == Opcode::GcWb) {
            return Err("cranelift backend: `gc_wb` needs `Jit::set_gc_layout`".to_string());
        }
        let mut module = JITModule::new(JITBuilder::with_isa(
            self.isa.clone(),
            default_libcall_names(),
        ));
        let mut sig = Signature::new(CallConv::SystemV);
        if self.isa.default_call_conv() != CallConv::SystemV {
            sig = Signature::new(self.isa.default_call_conv());
        }
        sig.params.push(AbiParam::new(types::I64));
        sig.params.push(AbiParam::new(types::I64));
        sig.returns.push(AbiParam::new(types::I32));
        let func_id = module
            .declare_function(name, Linkage::Local, &sig)
            .map_err(|e| e.to_string())?;
        let mut ctx = module.make_context();
        ctx.func.signature = sig.clone();
        ctx.func.name = UserFuncName::user(0, func_id.as_u32());
        let self_ref = module.declare_func_in_func(func_id, &mut ctx.func);
        ctx.set_disasm(self.keep_listing);
        let mut fctx = FunctionBuilderContext::new();
        {
            let builder = FunctionBuilder::new(&mut ctx.func, &mut fctx);
            let mut lower = Lower {
                trace,
                b: builder,
                values: HashMap::new(),
                conds: HashMap::new(),
                ovf: None,
                ctx_ptr: None,
                frame: None,
                call_conv: self.isa.default_call_conv(),
                gc_layout: self.gc_layout,
                env,
                self_ref,
                trace_sig: sig,
                unchanged: HashSet::new(),
                guard_tail: None,
            };
            lower.run()?;
            lower.b.finalize(module.target_config());
        }
        module
            .define_function(func_id, &mut ctx)
            .map_err(|e| format!("cranelift: {e:?}"))?;
        let size = ctx
            .compiled_code()
            .map_or(0, |c| c.code_info().total_size as usize);
        let listing = if self.keep_listing {
            ctx.compiled_code().and_then(|c| c.vcode.clone())
        } else {
            None
        };
        module.clear_context(&mut ctx);
        module.finalize_definitions().map_err(|e| e.to_string())?;
        let ptr = module.get_finalized_function(func_id);
        // SAFETY: the function was built with exactly this signature (two i64 params, i32 return,
        // the platform's default calling convention, which `extern "C"` is).
        let entry = unsafe {
            std::mem::transmute::<*const u8, unsafe extern "C" fn(*mut u8, *mut i64) -> u32>(ptr)
        };
        Ok(Box::new(CraneliftCode {
            _module: module,
            entry,
            size,
            listing,
        }))
    }
}

struct Lower<'a> {
    trace: &'a Trace,
    b: FunctionBuilder<'a>,
    values: HashMap<OpRef, Value>,
    /// The `i8` condition behind a comparison's result, for branching directly.
    conds: HashMap<OpRef, Value>,
    /// The overflow flag of the last `*_ovf` op.
    ovf: Option<Value>,
    ctx_ptr: Option<Value>,
    /// The frame the trace runs on (input 0).
    frame: Option<Value>,
    call_conv: CallConv,
    gc_layout: Option<GcLayout>,
    env: &'a CompileEnv<'a>,
    /// The function being defined, for a `call_assembler` of the trace itself.
    self_ref: FuncRef,
    /// The signature of every trace's function.
    trace_sig: Signature,
    /// (input, slot) pairs where the input is still the value loaded from that frame slot at
    /// entry. Compiled code writes the frame only at exits, so an exit whose snapshot maps the
    /// slot to that input would store the value the slot already holds: it skips the store
    /// (most of a snapshot, typically, and most of the code and compile time of an exit).
    unchanged: HashSet<(OpRef, i32)>,
    /// The shared tail of guard exits (`guard_tail`).
    guard_tail: Option<Block>,
}

impl Lower<'_> {
    fn val(&mut self, r: OpRef) -> Value {
        match self.trace.as_const(r) {
            Some(Const::Float(f)) => self.b.ins().f64const(f),
            Some(c) => self.b.ins().iconst(types::I64, c.bits()),
            None => *self
                .values
                .get(&r)
                .unwrap_or_else(|| panic!("cranelift lowering: {r:?} has no value")),
        }
    }

    fn run(&mut self) -> Result<(), String> {
        let trace = self.trace;
        let entry = self.b.create_block();
        self.b.append_block_params_for_function_params(entry);
        self.b.switch_to_block(entry);
        let ctx_ptr = self.b.block_params(entry)[0];
        let frame = self.b.block_params(entry)[1];
        self.ctx_ptr = Some(ctx_ptr);
        self.frame = Some(frame);
        let flags = MemFlagsData::trusted();
        if trace.inputs.len() != self.env.input_slots.len() + 1 {
            return Err(format!(
                "cranelift backend: {} inputs but {} input slots",
                trace.inputs.len(),
                self.env.input_slots.len()
            ));
        }
        let mut inputs = vec![frame];
        for (&input, &slot) in trace.inputs.iter().skip(1).zip(self.env.input_slots) {
            let v = self
                .b
                .ins()
                .load(cl_type(trace.type_of(input)), flags, frame, slot * 8);
            inputs.push(v);
        }
        // The loop header: the label, or (unpeeled) a block taking the inputs.
        let mut header = None;
        if trace.label_index().is_none() && trace.ops.last().map(|i| i.opcode) == Some(Opcode::Jump)
        {
            let block = self.b.create_block();
            for &input in &trace.inputs {
                self.b
                    .append_block_param(block, cl_type(trace.type_of(input)));
            }
            let args: Vec<BlockArg> = inputs.iter().map(|&v| BlockArg::Value(v)).collect();
            self.b.ins().jump(block, &args);
            self.b.switch_to_block(block);
            for (k, &input) in trace.inputs.iter().enumerate() {
                let p = self.b.block_params(block)[k];
                self.values.insert(input, p);
            }
            header = Some(block);
        } else {
            // Inputs keep the value loaded at entry (no unpeeled header rebinds them), so an exit
            // need not store one back into the slot it came from.
            for (&input, &slot) in trace.inputs.iter().skip(1).zip(self.env.input_slots) {
                self.unchanged.insert((input, slot));
            }
            for (&input, v) in trace.inputs.iter().zip(inputs) {
                self.values.insert(input, v);
            }
        }
        let mut exit_no = 0u32;
        let body_writes = trace
            .label_index()
            .is_some_and(|l| trace.ops[l + 1..].iter().any(|i| may_write(i.opcode)));
        for inst in &trace.ops {
            let op = inst.opcode;
            if may_write(op) {
                // The op may write the frame (a store through a pointer into it, a call that
                // writes it): from here on a slot may no longer hold its entry value.
                self.unchanged.clear();
            }
            match op {
                Opcode::Label => {
                    let block = self.b.create_block();
                    let mut args = Vec::new();
                    for &a in &inst.args {
                        self.b.append_block_param(block, cl_type(trace.type_of(a)));
                        args.push(BlockArg::Value(self.val(a)));
                    }
                    self.b.ins().jump(block, &args);
                    self.b.switch_to_block(block);
                    for (k, &a) in inst.args.iter().enumerate() {
                        let p = self.b.block_params(block)[k];
                        self.values.insert(a, p);
                        self.conds.remove(&a);
                        // A label operand changes every iteration: no longer the entry value.
                        self.unchanged.retain(|&(r, _)| r != a);
                    }
                    // From the second iteration on, the body's own writes precede every exit.
                    if body_writes {
                        self.unchanged.clear();
                    }
                    header = Some(block);
                }
                Opcode::Jump => {
                    let target = header.ok_or("jump without a loop header")?;
                    let args: Vec<BlockArg> = inst
                        .args
                        .iter()
                        .map(|&a| BlockArg::Value(self.val(a)))
                        .collect();
                    self.b.ins().jump(target, &args);
                }
                Opcode::Finish => {
                    let result = inst.args.first().map(|&a| self.val(a));
                    self.emit_exit(
                        inst.snapshot.expect("finish snapshot"),
                        exit_no,
                        result,
                        false,
                    );
                    exit_no += 1;
                }
                _ if op.is_guard() => {
                    let fail_if_nonzero = self.guard_condition(inst.opcode, &inst.args)?;
                    let (cond, exit_when_true) = fail_if_nonzero;
                    let exit_block = self.b.create_block();
                    let cont = self.b.create_block();
                    self.b.set_cold_block(exit_block);
                    if exit_when_true {
                        self.b.ins().brif(cond, exit_block, &[], cont, &[]);
                    } else {
                        self.b.ins().brif(cond, cont, &[], exit_block, &[]);
                    }
                    self.b.switch_to_block(exit_block);
                    self.emit_exit(inst.snapshot.expect("guard snapshot"), exit_no, None, true);
                    exit_no += 1;
                    self.b.switch_to_block(cont);
                }
                _ => self.lower_value_op(inst)?,
            }
        }
        if let Some(tail) = self.guard_tail {
            self.fill_guard_tail(tail);
        }
        self.b.seal_all_blocks();
        Ok(())
    }

    /// Returns `(cond, exit_when_cond_true)`.
    fn guard_condition(&mut self, op: Opcode, args: &[OpRef]) -> Result<(Value, bool), String> {
        Ok(match op {
            Opcode::GuardTrue | Opcode::GuardFalse => {
                let cond = match self.conds.get(&args[0]) {
                    Some(&c) => c,
                    None => self.val(args[0]),
                };
                (cond, op == Opcode::GuardFalse)
            }
            Opcode::GuardValue => {
                let (a, b) = (self.val(args[0]), self.val(args[1]));
                let (a, b) = if self.trace.type_of(args[0]) == Type::Float {
                    let flags = MemFlagsData::new();
                    (
                        self.b.ins().bitcast(types::I64, flags, a),
                        self.b.ins().bitcast(types::I64, flags, b),
                    )
                } else {
                    (a, b)
                };
                (self.b.ins().icmp(IntCC::NotEqual, a, b), true)
            }
            Opcode::GuardNonnull => {
                let a = self.val(args[0]);
                (self.b.ins().icmp_imm_s(IntCC::Equal, a, 0), true)
            }
            Opcode::GuardNoOverflow => (
                self.ovf.ok_or("guard_no_overflow without an _ovf op")?,
                true,
            ),
            Opcode::GuardNoException => {
                let ctx_ptr = self.ctx_ptr.expect("ctx");
                let flag = self
                    .b
                    .ins()
                    .load(types::I64, MemFlagsData::trusted(), ctx_ptr, 0);
                (flag, true)
            }
            Opcode::GuardNotInvalidated => {
                // The flag may change while the trace runs (a residual call wrote a
                // quasi-immutable field), so this load must not be hoisted or merged.
                let addr = self.val(args[0]);
                let flag = self.b.ins().load(types::I64, MemFlagsData::new(), addr, 0);
                (flag, true)
            }
            other => {
                return Err(format!(
                    "cranelift backend: unsupported guard `{}`",
                    other.name()
                ));
            }
        })
    }

    /// An exit: writes the snapshot back and returns `exit_no`; `result` is a function trace's
    /// result (its normal return), left in the cells. A guard's exit continues in the bridge the
    /// exit table names, if any.
    fn emit_exit(
        &mut self,
        snapshot: crate::ir::SnapshotId,
        exit_no: u32,
        result: Option<Value>,
        is_guard: bool,
    ) {
        let snapshot = self.trace.snapshot(snapshot);
        let flags = MemFlagsData::trusted();
        let cells = self.env.cells as i64;
        let mut code = exit_no as i64;
        if let Some(v) = result {
            let cells = self.b.ins().iconst(types::I64, cells);
            self.b.ins().store(flags, v, cells, CELLS_RESULT);
            code |= RETURN_EXIT as i64;
        }
        if snapshot.virtuals.is_empty() {
            let frame = self.frame.expect("frame");
            for &(slot, r) in &snapshot.slots {
                if self.unchanged.contains(&(r, slot)) {
                    continue;
                }
                let v = self.val(r);
                self.b.ins().store(flags, v, frame, slot * 8);
            }
            if is_guard && self.env.exit_table != 0 && result.is_none() {
                // The rest (follow a bridge or leave) is the same code for every guard: one
                // shared block, so each exit costs only its stores.
                let tail = self.guard_tail();
                let no = self.b.ins().iconst(types::I64, exit_no as i64);
                let offset = self.b.ins().iconst(types::I64, snapshot.base as i64 * 8);
                self.b
                    .ins()
                    .jump(tail, &[BlockArg::Value(no), BlockArg::Value(offset)]);
                return;
            }
            if is_guard && self.env.exit_table != 0 {
                self.follow_bridge(exit_no, snapshot.base);
            }
            self.leave(code);
            return;
        }
        let cells = self.b.ins().iconst(types::I64, cells);
        let buf = self.b.ins().load(types::I64, flags, cells, CELLS_BUF);
        let values: Vec<OpRef> = snapshot
            .slots
            .iter()
            .map(|&(_, v)| v)
            .chain(
                snapshot
                    .virtuals
                    .iter()
                    .flat_map(|v| v.fields.iter().map(|&(_, f)| f)),
            )
            .collect();
        for (k, r) in values.into_iter().enumerate() {
            // A removed allocation has no value here: the driver allocates it and fills the slot.
            let v = if snapshot.virtuals.iter().any(|v| v.id == r) {
                self.b.ins().iconst(types::I64, 0)
            } else {
                self.val(r)
            };
            self.b.ins().store(flags, v, buf, k as i32 * 8);
        }
        self.leave(code);
    }

    /// The block every guard exit without removed objects ends in, created on first use; its
    /// parameters are the exit number and the byte offset of the exit's frame. `run` fills it in
    /// (`fill_guard_tail`) once all ops are lowered.
    fn guard_tail(&mut self) -> Block {
        if let Some(tail) = self.guard_tail {
            return tail;
        }
        let tail = self.b.create_block();
        self.b.set_cold_block(tail);
        self.b.append_block_param(tail, types::I64);
        self.b.append_block_param(tail, types::I64);
        self.guard_tail = Some(tail);
        tail
    }

    /// The shared guard exit tail: calls the bridge the exit table names for the exit, if any,
    /// on the exit's frame and returns what it returns; otherwise returns the exit number. The
    /// same as `follow_bridge` then `leave`, with the exit number and frame offset as values.
    fn fill_guard_tail(&mut self, tail: Block) {
        self.b.switch_to_block(tail);
        let exit_no = self.b.block_params(tail)[0];
        let offset = self.b.block_params(tail)[1];
        // The driver writes the table while this code is suspended further up the stack: plain
        // loads and stores.
        let mutable = MemFlagsData::new();
        let table = self.b.ins().iconst(types::I64, self.env.exit_table as i64);
        let index = self.b.ins().ishl_imm_u(exit_no, 3);
        let entry = self.b.ins().iadd(table, index);
        let bridge = self.b.ins().load(types::I64, mutable, entry, 0);
        let call_block = self.b.create_block();
        let rest = self.b.create_block();
        self.b.set_cold_block(call_block);
        self.b.set_cold_block(rest);
        self.b.ins().brif(bridge, call_block, &[], rest, &[]);
        self.b.switch_to_block(call_block);
        let cells = self.b.ins().iconst(types::I64, self.env.cells as i64);
        let n = self
            .b
            .ins()
            .load(types::I64, mutable, cells, CELLS_BRIDGE_ENTRIES);
        let n = self.b.ins().iadd_imm_s(n, 1);
        self.b.ins().store(mutable, n, cells, CELLS_BRIDGE_ENTRIES);
        let frame = self.frame.expect("frame");
        let bridge_frame = self.b.ins().iadd(frame, offset);
        let ctx = self.ctx_ptr.expect("ctx");
        let sig_ref = self.b.import_signature(self.trace_sig.clone());
        let call = self
            .b
            .ins()
            .call_indirect(sig_ref, bridge, &[ctx, bridge_frame]);
        let code = self.b.inst_results(call)[0];
        self.b.ins().return_(&[code]);
        self.b.switch_to_block(rest);
        let code = self.b.ins().ireduce(types::I32, exit_no);
        self.leave_with(code);
    }

    /// Returns exit code `code`, telling the driver which trace left and on which frame.
    fn leave(&mut self, code: i64) {
        let code = self.b.ins().iconst(types::I32, code);
        self.leave_with(code);
    }

    /// `leave` with the exit code as a value.
    fn leave_with(&mut self, code: Value) {
        let flags = MemFlagsData::trusted();
        let cells = self.b.ins().iconst(types::I64, self.env.cells as i64);
        let id = self.b.ins().iconst(types::I64, self.env.id as i64);
        self.b.ins().store(flags, id, cells, CELLS_EXIT_TRACE);
        let frame = self.frame.expect("frame");
        self.b.ins().store(flags, frame, cells, CELLS_EXIT_FRAME);
        self.b.ins().return_(&[code]);
    }

    /// In an exit block, after the frame is written: if the exit table has a bridge for exit
    /// `exit_no`, calls it on the exit's frame (`base` slots up) and returns what it returns;
    /// otherwise goes on (in a new block) with the rest of the exit.
    fn follow_bridge(&mut self, exit_no: u32, base: i32) {
        // The driver writes the table while this code is suspended further up the stack: plain
        // loads and stores.
        let mutable = MemFlagsData::new();
        let table = self.b.ins().iconst(types::I64, self.env.exit_table as i64);
        let bridge = self
            .b
            .ins()
            .load(types::I64, mutable, table, exit_no as i32 * 8);
        let call_block = self.b.create_block();
        let rest = self.b.create_block();
        self.b.set_cold_block(call_block);
        self.b.set_cold_block(rest);
        self.b.ins().brif(bridge, call_block, &[], rest, &[]);
        self.b.switch_to_block(call_block);
        let cells = self.b.ins().iconst(types::I64, self.env.cells as i64);
        let n = self
            .b
            .ins()
            .load(types::I64, mutable, cells, CELLS_BRIDGE_ENTRIES);
        let n = self.b.ins().iadd_imm_s(n, 1);
        self.b.ins().store(mutable, n, cells, CELLS_BRIDGE_ENTRIES);
        let frame = self.frame.expect("frame");
        let bridge_frame = self.b.ins().iadd_imm_s(frame, base as i64 * 8);
        let ctx = self.ctx_ptr.expect("ctx");
        let sig_ref = self.b.import_signature(self.trace_sig.clone());
        let call = self
            .b
            .ins()
            .call_indirect(sig_ref, bridge, &[ctx, bridge_frame]);
        let code = self.b.inst_results(call)[0];
        self.b.ins().return_(&[code]);
        self.b.switch_to_block(rest);
    }

    fn lower_value_op(&mut self, inst: &crate::ir::Inst) -> Result<(), String> {
        use Opcode::*;
        let op = inst.opcode;
        let args: Vec<Value> = inst.args.iter().map(|&a| self.val(a)).collect();
        let a = |k: usize| args[k];
        let flags = MemFlagsData::trusted();
        let res: Option<Value> = match op {
            IntAdd | PtrAdd => Some(self.b.ins().iadd(a(0), a(1))),
            IntSub => Some(self.b.ins().isub(a(0), a(1))),
            IntMul => Some(self.b.ins().imul(a(0), a(1))),
            IntAnd => Some(self.b.ins().band(a(0), a(1))),
            IntOr => Some(self.b.ins().bor(a(0), a(1))),
            IntXor => Some(self.b.ins().bxor(a(0), a(1))),
            IntShl => Some(self.b.ins().ishl(a(0), a(1))),
            IntShr => Some(self.b.ins().sshr(a(0), a(1))),
            UintShr => Some(self.b.ins().ushr(a(0), a(1))),
            IntNeg => Some(self.b.ins().ineg(a(0))),
            IntInvert => Some(self.b.ins().bnot(a(0))),
            UintMulhi => Some(self.b.ins().umulhi(a(0), a(1))),
            IntFloorDiv | IntMod => Some(self.floor_div_mod(op == IntFloorDiv, a(0), a(1))),
            IntLt | IntLe | IntGt | IntGe | IntEq | IntNe | UintLt | UintLe | PtrEq | PtrNe => {
                let cc = match op {
                    IntLt => IntCC::SignedLessThan,
                    IntLe => IntCC::SignedLessThanOrEqual,
                    IntGt => IntCC::SignedGreaterThan,
                    IntGe => IntCC::SignedGreaterThanOrEqual,
                    IntEq | PtrEq => IntCC::Equal,
                    IntNe | PtrNe => IntCC::NotEqual,
                    UintLt => IntCC::UnsignedLessThan,
                    _ => IntCC::UnsignedLessThanOrEqual,
                };
                let c = self.b.ins().icmp(cc, a(0), a(1));
                self.conds.insert(inst.res.expect("cmp result"), c);
                Some(self.b.ins().uextend(types::I64, c))
            }
            FloatLt | FloatLe | FloatGt | FloatGe | FloatEq | FloatNe => {
                let cc = match op {
                    FloatLt => FloatCC::LessThan,
                    FloatLe => FloatCC::LessThanOrEqual,
                    FloatGt => FloatCC::GreaterThan,
                    FloatGe => FloatCC::GreaterThanOrEqual,
                    FloatEq => FloatCC::Equal,
                    _ => FloatCC::NotEqual,
                };
                let c = self.b.ins().fcmp(cc, a(0), a(1));
                self.conds.insert(inst.res.expect("cmp result"), c);
                Some(self.b.ins().uextend(types::I64, c))
            }
            IntAddOvf | IntSubOvf | IntMulOvf => {
                let (v, of) = match op {
                    IntAddOvf => self.b.ins().sadd_overflow(a(0), a(1)),
                    IntSubOvf => self.b.ins().ssub_overflow(a(0), a(1)),
                    _ => self.b.ins().smul_overflow(a(0), a(1)),
                };
                self.ovf = Some(of);
                Some(v)
            }
            FloatAdd => Some(self.b.ins().fadd(a(0), a(1))),
            FloatSub => Some(self.b.ins().fsub(a(0), a(1))),
            FloatMul => Some(self.b.ins().fmul(a(0), a(1))),
            FloatTrueDiv => Some(self.b.ins().fdiv(a(0), a(1))),
            FloatNeg => Some(self.b.ins().fneg(a(0))),
            FloatAbs => Some(self.b.ins().fabs(a(0))),
            FloatFloor => Some(self.b.ins().floor(a(0))),
            FloatCeil => Some(self.b.ins().ceil(a(0))),
            FloatSqrt => Some(self.b.ins().sqrt(a(0))),
            CastIntToFloat => Some(self.b.ins().fcvt_from_sint(types::F64, a(0))),
            CastFloatToInt => Some(self.b.ins().fcvt_to_sint_sat(types::I64, a(0))),
            FloatToBits => Some(self.b.ins().bitcast(types::I64, MemFlagsData::new(), a(0))),
            FloatFromBits => Some(self.b.ins().bitcast(types::F64, MemFlagsData::new(), a(0))),
            CastPtrToInt | CastIntToPtr | SameAsI | SameAsF | SameAsR => Some(a(0)),
            GetfieldI | GetfieldR | GetfieldPureI | GetfieldPureR => {
                Some(self.b.ins().load(types::I64, flags, a(0), inst.imm as i32))
            }
            GetfieldF | GetfieldPureF => {
                Some(self.b.ins().load(types::F64, flags, a(0), inst.imm as i32))
            }
            Setfield => {
                self.b.ins().store(flags, a(1), a(0), inst.imm as i32);
                None
            }
            GcWb => {
                self.write_barrier(a(0));
                None
            }
            Call | CallPure | New => {
                let descr = self.trace.descr(inst.descr.expect("descriptor"));
                let mut sig = Signature::new(self.call_conv);
                sig.params.push(AbiParam::new(types::I64));
                let mut call_args = vec![self.ctx_ptr.expect("ctx")];
                if op == New {
                    sig.params.push(AbiParam::new(types::I64));
                    call_args.push(self.b.ins().iconst(types::I64, inst.imm));
                } else {
                    for ty in descr.args.iter() {
                        sig.params.push(AbiParam::new(cl_type(*ty)));
                    }
                    call_args.extend(args.iter().copied());
                }
                if descr.ret != Type::Void {
                    sig.returns.push(AbiParam::new(cl_type(descr.ret)));
                }
                let sig_ref = self.b.import_signature(sig);
                let callee = self.b.ins().iconst(types::I64, descr.addr as i64);
                let call = self.b.ins().call_indirect(sig_ref, callee, &call_args);
                self.b.inst_results(call).first().copied()
            }
            CallAssembler => Some(self.call_assembler(inst.imm, a(0))?),
            other => {
                return Err(format!(
                    "cranelift backend: unsupported op `{}`",
                    other.name()
                ));
            }
        };
        if let (Some(r), Some(v)) = (inst.res, res) {
            self.values.insert(r, v);
        }
        Ok(())
    }

    /// `call_assembler(frame) #id`, the protocol of `driver::call_assembler_trampoline` with its
    /// common path inline: when the stack pointer is above the limit and the callee is valid,
    /// call the callee's code and take the result from the cells if it returned normally; every
    /// other case calls into the driver.
    fn call_assembler(&mut self, id: i64, frame: Value) -> Result<Value, String> {
        let flags = MemFlagsData::trusted();
        // The flag and the limit may change during any call: plain loads, so nothing merges
        // them across calls.
        let mutable = MemFlagsData::new();
        let ctx = self.ctx_ptr.expect("ctx");
        let callee = if id as u32 == self.env.id {
            Callee {
                entry: 0,
                flag: self.env.flag,
            }
        } else {
            (self.env.callees)(id as u32)
                .filter(|c| c.entry != 0)
                .ok_or_else(|| format!("cranelift backend: call_assembler of #{id}: no code"))?
        };
        let cells = self.b.ins().iconst(types::I64, self.env.cells as i64);
        let limit_addr = self.b.ins().iconst(types::I64, self.env.stack_limit as i64);
        let limit = self.b.ins().load(types::I64, mutable, limit_addr, 0);
        let sp = self.b.ins().get_stack_pointer(types::I64);
        let too_deep = self.b.ins().icmp(IntCC::UnsignedLessThanOrEqual, sp, limit);
        let flag_addr = self.b.ins().iconst(types::I64, callee.flag as i64);
        let flag = self.b.ins().load(types::I64, mutable, flag_addr, 0);
        let invalid = self.b.ins().icmp_imm_s(IntCC::NotEqual, flag, 0);
        let slow = self.b.ins().bor(too_deep, invalid);
        let slow_block = self.b.create_block();
        let fast_block = self.b.create_block();
        let exit_block = self.b.create_block();
        let returned_block = self.b.create_block();
        let merge = self.b.create_block();
        self.b.append_block_param(merge, types::I64);
        self.b.set_cold_block(slow_block);
        self.b.set_cold_block(exit_block);
        self.b.ins().brif(slow, slow_block, &[], fast_block, &[]);

        // Out of stack budget or invalidated: the trampoline lets the portal run the call.
        self.b.switch_to_block(slow_block);
        let id_v = self.b.ins().iconst(types::I64, id);
        let v = self.call_rust(
            crate::driver::call_assembler_trampoline as *const () as usize,
            &[ctx, frame, id_v],
        );
        self.b.ins().jump(merge, &[BlockArg::Value(v)]);

        self.b.switch_to_block(fast_block);
        let call = if callee.entry == 0 {
            self.b.ins().call(self.self_ref, &[ctx, frame])
        } else {
            let sig_ref = self.b.import_signature(self.trace_sig.clone());
            let entry = self.b.ins().iconst(types::I64, callee.entry as i64);
            self.b.ins().call_indirect(sig_ref, entry, &[ctx, frame])
        };
        let exit = self.b.inst_results(call)[0];
        let returned = self
            .b
            .ins()
            .ushr_imm_u(exit, RETURN_EXIT.trailing_zeros() as i64);
        self.b
            .ins()
            .brif(returned, returned_block, &[], exit_block, &[]);

        self.b.switch_to_block(returned_block);
        let v = self.b.ins().load(types::I64, flags, cells, CELLS_RESULT);
        self.b.ins().jump(merge, &[BlockArg::Value(v)]);

        // Any other exit: the driver follows bridges and lets the portal finish the call.
        self.b.switch_to_block(exit_block);
        let id_v = self.b.ins().iconst(types::I64, id);
        let exit = self.b.ins().uextend(types::I64, exit);
        let v = self.call_rust(
            crate::driver::call_assembler_exit as *const () as usize,
            &[ctx, frame, id_v, exit],
        );
        self.b.ins().jump(merge, &[BlockArg::Value(v)]);

        self.b.switch_to_block(merge);
        Ok(self.b.block_params(merge)[0])
    }

    /// Calls the Rust function at `addr` with word arguments and one word result.
    fn call_rust(&mut self, addr: usize, args: &[Value]) -> Value {
        let mut sig = Signature::new(self.call_conv);
        for _ in args {
            sig.params.push(AbiParam::new(types::I64));
        }
        sig.returns.push(AbiParam::new(types::I64));
        let sig_ref = self.b.import_signature(sig);
        let callee = self.b.ins().iconst(types::I64, addr as i64);
        let call = self.b.ins().call_indirect(sig_ref, callee, args);
        self.b.inst_results(call)[0]
    }

    // ANCHOR: gc_wb
    /// `gc_wb(v)`: sets the card bit of the object whose value is at `v` and its page's summary
    /// byte, inline (the layout's formula, see `crate::gc::GcLayout`): a dozen ALU instructions
    /// and four memory accesses, with no branch and no call.
    fn write_barrier(&mut self, v: Value) {
        let l = self.gc_layout.expect("checked in compile");
        let flags = MemFlagsData::trusted();
        let header = self.b.ins().iadd_imm_s(v, -(l.header_size as i64));
        let base = self.b.ins().band_imm_s(header, l.page_mask as i64);
        let offset = self.b.ins().isub(header, base);
        let slot = self.b.ins().ushr_imm_u(offset, l.slot_shift as i64);
        let byte_index = self.b.ins().ushr_imm_u(slot, 3);
        let card = self.b.ins().iadd(base, byte_index);
        let bit_index = self.b.ins().band_imm_u(slot, 7);
        let one = self.b.ins().iconst(types::I32, 1);
        let bit = self.b.ins().ishl(one, bit_index);
        let old = self
            .b
            .ins()
            .uload8(types::I32, flags, card, l.card_offset as i32);
        let new = self.b.ins().bor(old, bit);
        self.b.ins().istore8(flags, new, card, l.card_offset as i32);
        let summary = self
            .b
            .ins()
            .load(types::I64, flags, base, l.summary_ptr_offset as i32);
        self.b.ins().istore8(flags, one, summary, 0);
    }
    // ANCHOR_END: gc_wb

    /// Floor division or modulo by a nonzero divisor; `MIN // -1` wraps instead of trapping.
    fn floor_div_mod(&mut self, div: bool, x: Value, y: Value) -> Value {
        let minus_one = self.b.ins().icmp_imm_s(IntCC::Equal, y, -1);
        let one = self.b.ins().iconst(types::I64, 1);
        let safe_y = self.b.ins().select(minus_one, one, y);
        let q = self.b.ins().sdiv(x, safe_y);
        let neg_x = self.b.ins().ineg(x);
        let q = self.b.ins().select(minus_one, neg_x, q);
        let r = self.b.ins().srem(x, safe_y);
        // The remainder is nonzero and has the opposite sign of the divisor: adjust toward -inf.
        let r_nonzero = self.b.ins().icmp_imm_s(IntCC::NotEqual, r, 0);
        let sign = self.b.ins().bxor(r, y);
        let signs_differ = self.b.ins().icmp_imm_s(IntCC::SignedLessThan, sign, 0);
        let adjust = self.b.ins().band(r_nonzero, signs_differ);
        if div {
            let q1 = self.b.ins().iadd_imm_s(q, -1);
            self.b.ins().select(adjust, q1, q)
        } else {
            let r1 = self.b.ins().iadd(r, y);
            self.b.ins().select(adjust, r1, r)
        }
    }
}
