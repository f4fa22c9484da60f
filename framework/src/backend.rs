//! The backend boundary: compile an optimised trace into something that runs and returns an exit.
//!
//! **API boundary:** `wasm/` and `gpu/` implement [`Backend`]; nothing else here is public to them.
//!
//! Calling convention, shared by every backend:
//! - `run(ctx, frame)`: input 0 is `frame`; input `k > 0` is loaded from the frame, at slot
//!   [`CompileEnv::input_slots`]`[k - 1]` (8-byte words relative to `frame`).
//! - The result is the exit number: guards are numbered in op order, `finish` included. A `finish`
//!   with an operand (a function trace's normal return, see [`RETURN_EXIT`]) returns its number
//!   with [`RETURN_EXIT`] set and leaves the operand in [`JitCells::result`].
//! - On an exit whose snapshot has no removed allocations, compiled code writes the snapshot's
//!   slots into the frame itself (relative to `frame`); the driver has nothing to copy. Otherwise
//!   it writes the snapshot's values, in order (slots, then each virtual's fields), to the exit
//!   buffer at [`JitCells::buf`], read at the time of the exit, and the driver rebuilds the
//!   objects and writes the slots.
//! - A guard exit of the first kind whose word in [`CompileEnv::exit_table`] is nonzero continues
//!   in the bridge at that address: after writing the frame, it calls the bridge on
//!   `frame + base` and returns what the bridge returns (counting [`JitCells::bridge_entries`]).
//!   Every exit that returns without continuing stores its trace's id and its frame in
//!   [`JitCells::exit_trace`] and [`JitCells::exit_frame`], so the driver knows which trace of a
//!   chain left. A backend may leave following bridges to the driver (the interpreting one does).
//! - Calls pass `ctx` as the first argument. `guard_no_exception` fails when the `i64` at `ctx`
//!   (the language's exception flag, see [`JitCtxHeader`]) is nonzero.
//! - `call_assembler` follows the protocol of `driver::call_assembler_trampoline`: when the native
//!   stack pointer is at or below the limit at [`CompileEnv::stack_limit`] or the callee's
//!   invalidation flag is set, the trampoline does everything; otherwise the callee's code runs
//!   directly, and a [`RETURN_EXIT`] result is taken from [`JitCells::result`] while any other
//!   exit goes to `driver::call_assembler_exit`. Cranelift inlines the fast path; the
//!   interpreting backend calls the trampoline, which does the same in Rust.

#[cfg(feature = "cranelift")]
pub mod cranelift;
pub mod interp;

use crate::ir::{Opcode, Trace};

/// The first field of every language's JIT context: compiled code reads the exception flag here.
#[repr(C)]
#[derive(Debug, Default)]
pub struct JitCtxHeader {
    /// Nonzero when a residual call raised; the language keeps the exception itself elsewhere.
    pub exception: i64,
}

/// Set in the exit number a trace returns when it left through a `finish` that carries the
/// function's result (a function trace's normal return): the result is in [`JitCells::result`].
pub const RETURN_EXIT: u32 = 1 << 31;

/// Words the driver owns at a fixed address for the lifetime of its JIT, which compiled code reads
/// and writes directly (their addresses are constants in the code).
#[repr(C)]
#[derive(Debug)]
pub struct JitCells {
    /// The result of the last function trace that left through its normal return.
    pub result: i64,
    /// The exit buffer for exits that rebuild objects, at least as long as every compiled trace's
    /// [`exit_buffer_len`]. It may be replaced (grown) whenever a trace is compiled, so code
    /// loads this pointer at the exit, never earlier.
    pub buf: *mut i64,
    /// The id of the trace whose exit returned last.
    pub exit_trace: i64,
    /// The frame that trace ran on.
    pub exit_frame: *mut i64,
    /// Bridges entered by compiled code since the driver last collected the count.
    pub bridge_entries: i64,
}

/// Offsets of the fields of [`JitCells`], for code generators.
pub const CELLS_RESULT: i32 = std::mem::offset_of!(JitCells, result) as i32;
pub const CELLS_BUF: i32 = std::mem::offset_of!(JitCells, buf) as i32;
pub const CELLS_EXIT_TRACE: i32 = std::mem::offset_of!(JitCells, exit_trace) as i32;
pub const CELLS_EXIT_FRAME: i32 = std::mem::offset_of!(JitCells, exit_frame) as i32;
pub const CELLS_BRIDGE_ENTRIES: i32 = std::mem::offset_of!(JitCells, bridge_entries) as i32;

/// A `call_assembler` target other than the trace being compiled.
#[derive(Clone, Copy, Debug)]
pub struct Callee {
    /// The machine-code entry (`extern "C" fn(ctx, frame) -> u32`), 0 when the backend that
    /// compiled it has none.
    pub entry: usize,
    /// The address of its invalidation flag.
    pub flag: usize,
}

/// What a backend needs besides the trace.
pub struct CompileEnv<'a> {
    /// For each input after the frame (input 0), its slot relative to the frame.
    pub input_slots: &'a [i32],
    /// The id the trace gets: a `call_assembler` of it calls the trace itself.
    pub id: u32,
    /// The trace's own invalidation flag's address.
    pub flag: usize,
    /// The address of one word per exit (in exit order): the machine-code entry of the bridge
    /// attached to that exit, or 0. The driver fills it in as bridges are compiled. 0 (no table):
    /// bridges are the driver's business.
    pub exit_table: usize,
    /// The driver's cells (see [`JitCells`]).
    pub cells: *mut JitCells,
    /// The address of the word holding the lowest native stack address a `call_assembler` may
    /// call compiled code at (per thread: the driver's, on the thread that runs the code).
    pub stack_limit: usize,
    /// The other traces a `call_assembler` in this trace may name, by id.
    pub callees: &'a dyn Fn(u32) -> Option<Callee>,
}

/// Compiled code for one trace.
pub trait Compiled {
    /// Runs the trace on `frame` (see the calling convention above).
    ///
    /// # Safety
    /// `ctx` must point to a live context starting with a [`JitCtxHeader`] and `frame` to the
    /// frame the trace was compiled for, with every slot it reads and writes valid; the
    /// [`JitCells`] it was compiled with must be alive; every pointer the trace dereferences must
    /// be valid, as it was when the trace was recorded and its guards still check.
    unsafe fn run(&self, ctx: *mut u8, frame: *mut i64) -> u32;
    /// Size of the machine code in bytes (0 for interpreting backends).
    fn code_size(&self) -> usize;
    /// Address of the machine code, for perf maps and direct calls (0 for interpreting backends).
    fn code_addr(&self) -> usize;
    /// Disassembly or IR dump, when the backend was asked to keep it.
    fn listing(&self) -> Option<&str> {
        None
    }
}

/// A code generator.
pub trait Backend {
    fn name(&self) -> &'static str;
    /// Compiles `trace` (already optimised and verified) for the JIT that `env` describes.
    fn compile_in(
        &mut self,
        trace: &Trace,
        name: &str,
        env: &CompileEnv<'_>,
    ) -> Result<Box<dyn Compiled>, String>;
    /// Compiles `trace` outside a JIT (tests, micro benchmarks): input `k > 0` is loaded from
    /// frame slot `k - 1`, and the code gets cells of its own. A `call_assembler` is refused (it
    /// names the JIT's other traces).
    fn compile(&mut self, trace: &Trace, name: &str) -> Result<Box<dyn Compiled>, String> {
        if trace.ops.iter().any(|i| i.opcode == Opcode::CallAssembler) {
            return Err(format!("{}: call_assembler needs a JIT", self.name()));
        }
        let mut cells = Box::new(OwnCells {
            cells: JitCells {
                result: 0,
                buf: std::ptr::null_mut(),
                exit_trace: 0,
                exit_frame: std::ptr::null_mut(),
                bridge_entries: 0,
            },
            stack_limit: 0,
            buf: vec![0; exit_buffer_len(trace)],
        });
        cells.cells.buf = cells.buf.as_mut_ptr();
        let input_slots: Vec<i32> = (0..trace.inputs.len().saturating_sub(1) as i32).collect();
        let env = CompileEnv {
            input_slots: &input_slots,
            id: 0,
            flag: 0,
            exit_table: 0,
            cells: &raw mut cells.cells,
            stack_limit: &raw const cells.stack_limit as usize,
            callees: &|_| None,
        };
        let code = self.compile_in(trace, name, &env)?;
        Ok(Box::new(Standalone {
            code,
            _cells: cells,
        }))
    }
    /// Gives the backend the collector's card layout, which `gc_wb` lowers from (see
    /// [`crate::gc`]). A backend without a layout refuses traces that contain `gc_wb`.
    fn set_gc_layout(&mut self, _layout: crate::gc::GcLayout) {}
}

/// The words code compiled outside a JIT addresses (see [`Backend::compile`]).
struct OwnCells {
    cells: JitCells,
    /// Never read: such code has no `call_assembler`.
    stack_limit: usize,
    buf: Vec<i64>,
}

/// Code compiled outside a JIT, with its cells.
struct Standalone {
    code: Box<dyn Compiled>,
    _cells: Box<OwnCells>,
}

impl Compiled for Standalone {
    unsafe fn run(&self, ctx: *mut u8, frame: *mut i64) -> u32 {
        // SAFETY: forwarded; the cells live as long as `self`.
        unsafe { self.code.run(ctx, frame) }
    }
    fn code_size(&self) -> usize {
        self.code.code_size()
    }
    fn code_addr(&self) -> usize {
        self.code.code_addr()
    }
    fn listing(&self) -> Option<&str> {
        self.code.listing()
    }
}

/// How many words the exit buffer needs for `trace`: its largest exit that rebuilds objects (the
/// others write the frame directly).
pub fn exit_buffer_len(trace: &Trace) -> usize {
    let mut len = 0;
    for inst in &trace.ops {
        if let Some(s) = inst.snapshot {
            let snapshot = trace.snapshot(s);
            if snapshot.virtuals.is_empty() {
                continue;
            }
            let n = snapshot.slots.len()
                + snapshot
                    .virtuals
                    .iter()
                    .map(|v| v.fields.len())
                    .sum::<usize>();
            len = len.max(n);
        }
    }
    len
}

/// The ops of `trace` that are exits, in exit-number order.
pub fn exits(trace: &Trace) -> Vec<usize> {
    trace
        .ops
        .iter()
        .enumerate()
        .filter(|(_, i)| i.opcode.is_guard())
        .map(|(idx, _)| idx)
        .collect()
}

/// True for the ops every backend must support (all of them, today).
pub fn is_supported(op: Opcode) -> bool {
    Opcode::ALL.contains(&op)
}
