//! The backend boundary: compile an optimised trace into something that runs and returns an exit.
//!
//! **API boundary:** `wasm/` and `gpu/` implement [`Backend`]; nothing else here is public to them.
//!
//! Calling convention, shared by every backend:
//! - `run(ctx, buf)`: `buf[k]` holds input `k` (as a 64-bit word; floats as their bits) on entry.
//! - The result is the exit number: guards are numbered in op order, `finish` included.
//! - On exit, `buf` holds the exit's snapshot values in order (slots, then each virtual's fields).
//! - Calls pass `ctx` as the first argument. `guard_no_exception` fails when the `i64` at `ctx`
//!   (the language's exception flag, see [`JitCtxHeader`]) is nonzero.

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

/// Compiled code for one trace.
pub trait Compiled {
    /// Runs the trace.
    ///
    /// # Safety
    /// `ctx` must point to a live context starting with a [`JitCtxHeader`] and `buf` to at least
    /// [`exit_buffer_len`] words; every pointer the trace dereferences must be valid, as it was
    /// when the trace was recorded and its guards still check.
    unsafe fn run(&self, ctx: *mut u8, buf: *mut i64) -> u32;
    /// Size of the machine code in bytes (0 for interpreting backends).
    fn code_size(&self) -> usize;
    /// Address of the machine code, for perf maps (0 for interpreting backends).
    fn code_addr(&self) -> usize;
    /// Disassembly or IR dump, when the backend was asked to keep it.
    fn listing(&self) -> Option<&str> {
        None
    }
}

/// A code generator.
pub trait Backend {
    fn name(&self) -> &'static str;
    /// Compiles `trace` (already optimised and verified).
    fn compile(&mut self, trace: &Trace, name: &str) -> Result<Box<dyn Compiled>, String>;
    /// Gives the backend the collector's card layout, which `gc_wb` lowers from (see
    /// [`crate::gc`]). A backend without a layout refuses traces that contain `gc_wb`.
    fn set_gc_layout(&mut self, _layout: crate::gc::GcLayout) {}
}

/// How many words the exit buffer needs for `trace`: the inputs, or the largest exit.
pub fn exit_buffer_len(trace: &Trace) -> usize {
    let mut len = trace.inputs.len();
    for inst in &trace.ops {
        if let Some(s) = inst.snapshot {
            let snapshot = trace.snapshot(s);
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
