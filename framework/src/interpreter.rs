//! The dispatch loops `#[interpreter]` generates handlers for: the JIT driver protocol, written once.
//!
//! A language describes its interpreter's state to the loop by implementing [`Interpreter`] (the
//! greens: code object and pc; the reds: the frame; where the [`Jit`] lives) and writes its opcode
//! handlers in an `impl` block marked `#[metatrace::interpreter(insn = Insn)]`. The macro
//! generates [`Dispatch`] for the type: the opcode table ([`Dispatch::OPCODES`], a disassembler)
//! and [`Dispatch::step`], one `match` over the instruction that calls the handler of its variant.
//! [`run`] is the loop around `step`: it is generic over the mode, so the compiler produces two
//! dispatch loops from the one handler set, `run_mode::<Concrete>` (the plain interpreter) and
//! `run_mode::<Recording>` (the recorder), and `run` switches between them as the driver says:
//! it counts back-edges of opcodes marked `#[backedge]`, starts and closes recordings, calls
//! `record_insn` before every recorded instruction, enters compiled traces and resumes at the pc
//! the exit's snapshot names, and continues a hot exit in Recording mode to grow a bridge.
//!
//! Deliberately not here: the loop does not own the pc, the frame or the JIT (the language's state
//! does, so handlers can switch frames for calls and returns), it does not inline or limit calls
//! (a language that pushes frames tracks its own depth and aborts with [`AbortReason::TooDeep`]),
//! and it does not catch errors: a handler error ends `run` after abandoning the recording.

use crate::backend::JitCtxHeader;
use crate::dialect::{Concrete, Frame, Mode, Recording};
use crate::driver::{Backedge, GreenKey, Jit, RecordStep};
use crate::recorder::AbortReason;

/// True while the code runs to record a trace, false in the plain interpreter (RPython's
/// `we_are_jitted`). It is a constant of the mode, so each dispatch loop keeps only one side of an
/// `if we_are_jitted::<M>()`. Because a trace is a recording of what the handler did, compiled
/// code does what the `true` side did: use it to pick a variant that traces better (a loop the
/// optimiser can see through instead of a call), never one with a different result.
#[inline(always)]
pub const fn we_are_jitted<M: Mode>() -> bool {
    M::RECORDING
}

/// What a handler tells the loop to do next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Continue with the instruction after this one (pc + 1 in the frame the handler ran in).
    Next,
    /// Continue at this pc (of the frame that is current after the handler, so a call or a
    /// return sets the new frame and then says where to go in it). A handler marked
    /// `#[backedge]` that goes to a pc at or before its own closes a loop.
    Goto(usize),
    /// Leave [`run`]: the program (or this activation of the interpreter) is done.
    Halt,
}

/// What a handler may return: a [`Flow`], or `Result<Flow, E>` for a language with errors.
pub trait IntoFlow<E> {
    fn into_flow(self) -> Result<Flow, E>;
}

impl<E> IntoFlow<E> for Flow {
    #[inline(always)]
    fn into_flow(self) -> Result<Flow, E> {
        Ok(self)
    }
}

impl<E> IntoFlow<E> for Result<Flow, E> {
    #[inline(always)]
    fn into_flow(self) -> Result<Flow, E> {
        self
    }
}

/// What one step did, as the generated `step` reports it to the loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Next,
    Goto(usize),
    /// A `#[backedge]` opcode jumped to this pc, at or before its own: a loop closed here.
    Backedge(usize),
    Halt,
    /// Recording reached an opcode marked `#[not_traceable]`; its handler has not run.
    NotTraceable,
}

impl Step {
    /// The step of a handler's flow; `backedge` says whether the opcode is marked `#[backedge]`.
    #[inline(always)]
    pub fn from_flow(flow: Flow, pc: usize, backedge: bool) -> Step {
        match flow {
            Flow::Next => Step::Next,
            Flow::Goto(target) if backedge && target <= pc => Step::Backedge(target),
            Flow::Goto(target) => Step::Goto(target),
            Flow::Halt => Step::Halt,
        }
    }
}

/// One operand of an opcode, as its handler declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operand {
    pub name: &'static str,
    /// The Rust type, as written in the handler.
    pub ty: &'static str,
}

/// One row of the opcode table `#[interpreter]` generates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpcodeInfo {
    /// The instruction variant.
    pub name: &'static str,
    /// The handler method.
    pub handler: &'static str,
    pub operands: &'static [Operand],
    /// Marked `#[backedge]`: a jump back from it counts toward compiling the loop.
    pub backedge: bool,
    /// Not marked `#[not_traceable]`: recording may run through it.
    pub traceable: bool,
}

/// The state the dispatch loop works on, provided by the language.
///
/// # Safety
/// [`run`] enters compiled code on the frame [`Interpreter::frame`] returns and the context
/// [`Interpreter::jit_ctx`] returns (see [`Jit::enter`]): the frame's slots must stay valid and
/// unaliased while the loop runs, every slot a trace touches relative to it must be inside the
/// slot stack, the context must start with a [`JitCtxHeader`] and be what the language's residual
/// calls expect, and [`Interpreter::frame_base`] / [`Interpreter::rebase`] must describe the same
/// frame positions the trace's snapshots do.
pub unsafe trait Interpreter {
    /// The instruction type; its variants are the opcodes.
    type Insn: Copy;
    /// What handlers raise (use [`std::convert::Infallible`] if they cannot fail).
    type Error;

    /// Green: a number that identifies the running code object (with the pc, a loop header).
    fn code_id(&self) -> usize;
    /// Green: the pc of the next instruction, in the running code object.
    fn pc(&self) -> usize;
    fn set_pc(&mut self, pc: usize);
    /// The instruction at `pc` of the running code object. Called once before each instruction
    /// runs, so a language may also note the position here (for its error messages).
    fn fetch(&mut self, pc: usize) -> Self::Insn;
    /// Red: the running frame, as a view for mode `M`; `rel` is its position above the frame the
    /// recording started in, in slots (0 when not recording), to pass to [`Frame::new`].
    fn frame<M: Mode>(&mut self, rel: i32) -> Frame<M>;
    /// The JIT driver of this interpreter instance.
    fn jit(&mut self) -> &mut Jit;
    /// The context compiled code and residual calls receive.
    fn jit_ctx(&mut self) -> *mut JitCtxHeader;

    /// The running frame's position in the slot stack, in slots. Interpreters with one frame
    /// keep the default; interpreters that push frames override it and [`Interpreter::rebase`].
    #[inline(always)]
    fn frame_base(&self) -> isize {
        0
    }
    /// Moves the running frame by `delta` slots: compiled code left in an inlined frame.
    /// The default is for interpreters with one frame, whose traces can only exit in it.
    #[inline(always)]
    fn rebase(&mut self, delta: isize) {
        debug_assert_eq!(
            delta, 0,
            "a trace exited in another frame: override Interpreter::frame_base and rebase"
        );
    }
    /// Called when a recording starts (with the position of the frame it starts in, as
    /// [`Interpreter::frame_base`] says) and when it ends (`None`): a language that tracks its
    /// own recording state (inlining depth, the entry frame its helpers need) resets it here.
    #[inline(always)]
    fn recording_changed(&mut self, entry: Option<isize>) {
        let _ = entry;
    }
    /// Called after compiled code returned to the interpreter (the frame is written back and the
    /// pc set): a language raises here an error a residual call left pending in the context.
    #[inline(always)]
    fn after_exit(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// What `#[interpreter]` generates for a type: the opcode table and the dispatch `match`.
pub trait Dispatch: Interpreter {
    /// One row per handler, in the order they are written.
    const OPCODES: &'static [OpcodeInfo];
    /// The row of [`Dispatch::OPCODES`] that handles `insn`.
    fn opcode(insn: &Self::Insn) -> usize;
    /// The instruction as text: the variant's name and its operands.
    fn describe(insn: &Self::Insn) -> String;
    /// Runs the handler of `insn`, the instruction at `pc`, on `frame`.
    fn step<M: Mode>(
        &mut self,
        frame: &mut Frame<M>,
        insn: Self::Insn,
        pc: usize,
    ) -> Result<Step, Self::Error>;
}

/// How a mode's loop ended.
enum Exit {
    /// Continue in the other mode.
    Switch,
    Halt,
}

/// Runs the interpreter from its current pc until a handler returns [`Flow::Halt`] or an error,
/// compiling and running hot loops as its JIT is configured.
pub fn run<T: Dispatch>(t: &mut T) -> Result<(), T::Error> {
    // While recording: the position of the frame the recording started in.
    let mut rec: Option<isize> = None;
    let mut told: Option<isize> = None;
    let result = loop {
        if rec != told {
            t.recording_changed(rec);
            told = rec;
        }
        let out = if rec.is_some() {
            run_mode::<Recording, T>(t, &mut rec)
        } else {
            run_mode::<Concrete, T>(t, &mut rec)
        };
        match out {
            Ok(Exit::Switch) => {}
            Ok(Exit::Halt) => {
                if rec.is_some() {
                    t.jit().abort_recording(AbortReason::LeftFrame);
                }
                break Ok(());
            }
            Err(e) => {
                if rec.is_some() {
                    t.jit().abort_recording(AbortReason::Error);
                }
                break Err(e);
            }
        }
    };
    if told.is_some() {
        t.recording_changed(None);
    }
    result
}

/// The slot distance from the recording's entry frame to the running frame.
#[inline(always)]
fn rel_of<M: Mode, T: Interpreter>(t: &T, rec: &Option<isize>) -> i32 {
    match *rec {
        Some(entry) if M::RECORDING => (t.frame_base() - entry) as i32,
        _ => 0,
    }
}

// ANCHOR: run_mode
/// The dispatch loop of one mode: returns to [`run`] to switch modes.
fn run_mode<M: Mode, T: Dispatch>(t: &mut T, rec: &mut Option<isize>) -> Result<Exit, T::Error> {
    loop {
        let pc = t.pc();
        let insn = t.fetch(pc);
        let rel = rel_of::<M, T>(t, rec);
        // The recorder takes the snapshot for this instruction's guards here.
        if M::RECORDING && !t.jit().record_insn(pc as u32, rel) {
            // The recording was abandoned: this instruction runs in Concrete mode.
            *rec = None;
            return Ok(Exit::Switch);
        }
        let mut frame = t.frame::<M>(rel);
        match t.step::<M>(&mut frame, insn, pc)? {
            Step::Next => t.set_pc(pc + 1),
            Step::Goto(target) => t.set_pc(target),
            Step::Halt => return Ok(Exit::Halt),
            Step::NotTraceable => {
                // Nothing of the instruction has run: run it again in Concrete mode.
                t.jit().abort_recording(AbortReason::NotTraceable);
                *rec = None;
                return Ok(Exit::Switch);
            }
            Step::Backedge(target) => {
                t.set_pc(target);
                let key = GreenKey {
                    code: t.code_id(),
                    pc: target as u32,
                };
                if M::RECORDING {
                    if t.jit().record_backedge(key, rel) == RecordStep::Stop {
                        *rec = None;
                        return Ok(Exit::Switch);
                    }
                    continue;
                }
                match t.jit().backedge(key) {
                    Backedge::Interpret => {}
                    Backedge::Record => {
                        *rec = Some(t.frame_base());
                        return Ok(Exit::Switch);
                    }
                    Backedge::Enter(id) => {
                        let frame_ptr = t.frame::<Concrete>(0).base();
                        let ctx = t.jit_ctx();
                        let jit: *mut Jit = t.jit();
                        // SAFETY: `Interpreter`'s contract: the frame and the context are what
                        // compiled code may use; the JIT lives as long as `t`.
                        let resume = unsafe { Jit::enter(jit, id, frame_ptr, ctx) };
                        t.rebase(resume.base_rel as isize);
                        t.set_pc(resume.pc as usize);
                        t.after_exit()?;
                        if resume.record_bridge {
                            *rec = Some(t.frame_base());
                            return Ok(Exit::Switch);
                        }
                    }
                }
            }
        }
    }
}
// ANCHOR_END: run_mode

/// A program listing: one line per instruction, `pc: text`, from the opcode table's disassembler.
pub fn disassemble<T: Dispatch>(code: &[T::Insn]) -> String {
    let mut out = String::new();
    for (pc, insn) in code.iter().enumerate() {
        out.push_str(&format!("{pc:4}: {}\n", T::describe(insn)));
    }
    out
}
