//! metatrace: turns an annotated bytecode interpreter into a runtime with a meta-tracing JIT.
//!
//! A language writes its opcode handlers once, generic over a [`Mode`]. In [`Concrete`] mode they
//! are a plain interpreter; in [`Recording`] mode every operation also appends to a trace. Hot loops
//! are recorded, optimised (`opt`) and compiled with Cranelift (`backend`); guards that fail rebuild
//! the interpreter frame from a snapshot (`driver`) and the interpreter resumes.
//!
//! The public API is this file's `pub use` block; modules are public for tests and tools.

pub mod backend;
pub mod dialect;
pub mod driver;
pub mod gc;
pub mod interpreter;
pub mod ir;
pub mod opt;
pub mod quasi;
pub mod recorder;

pub use backend::JitCtxHeader;
pub use dialect::call_assembler;
pub use dialect::{
    Bool, Concrete, Cond, Float, Frame, Int, Mode, Recording, Ref, new_object, residual_call,
    residual_call_f,
};
pub use driver::{
    Backedge, BackendKind, GreenKey, Jit, JitConfig, Liveness, Portal, RecordStep, Resume,
};
pub use interpreter::{Dispatch, Flow, Interpreter, we_are_jitted};
pub use ir::TraceId;
pub use ir::{CallDescr, Effect, Type};
pub use metatrace_macros::{elidable, interpreter, residual};
pub use quasi::quasi_immutable_write;
pub use recorder::AbortReason;
