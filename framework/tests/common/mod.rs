//! The driver loop the small test interpreters share: interpret, record, enter compiled code.
//!
//! A toy is a `step` function over one frame of word slots, generic over the mode; [`drive`]
//! runs it from pc 0 with the whole JIT driver protocol (hot back-edges, recording, entering
//! compiled traces and resuming after their exits, bridge recording). A back-edge is any jump to
//! a pc not after the current one, and every loop has the green key `(code 1, pc)`. It does not
//! do calls or function traces (see `tests/recursion.rs` for those), nor use the opcode table
//! (`metatrace::interpreter::run` does, for interpreters written with `#[interpreter]`).

use metatrace::{
    AbortReason, Backedge, Concrete, Frame, GreenKey, Jit, JitCtxHeader, Mode, RecordStep,
    Recording,
};

/// A small interpreter: one opcode at `pc` on `frame`, returning the next pc, or `None` to halt.
pub trait Toy {
    fn step<M: Mode>(&mut self, pc: usize, frame: &mut Frame<M>) -> Option<usize>;
}

/// Runs `toy` from pc 0 on `slots` until it halts, with `jit` deciding what to record and
/// compile; a recording still open at the halt is aborted.
///
/// # Safety
/// `ctx` must point to a live context that starts with a [`JitCtxHeader`] and is what the toy's
/// residual calls expect, and stay valid (and not be otherwise borrowed) while this runs.
pub unsafe fn drive(toy: &mut impl Toy, jit: &mut Jit, slots: &mut [i64], ctx: *mut JitCtxHeader) {
    let base = slots.as_mut_ptr();
    let len = slots.len();
    let mut pc = 0;
    let mut recording = false;
    loop {
        let next = if recording {
            if !jit.record_insn(pc as u32, 0) {
                recording = false;
                continue;
            }
            // SAFETY: `slots` outlives the frame and nothing else touches it meanwhile.
            let mut frame = unsafe { Frame::<Recording>::new(base, len, 0) };
            toy.step(pc, &mut frame)
        } else {
            // SAFETY: as above.
            let mut frame = unsafe { Frame::<Concrete>::new(base, len, 0) };
            toy.step(pc, &mut frame)
        };
        let Some(target) = next else {
            if recording {
                jit.abort_recording(AbortReason::LeftFrame);
            }
            return;
        };
        if target <= pc {
            let key = GreenKey {
                code: 1,
                pc: target as u32,
            };
            if recording {
                if jit.record_backedge(key, 0) == RecordStep::Stop {
                    recording = false;
                }
            } else {
                match jit.backedge(key) {
                    Backedge::Interpret => {}
                    Backedge::Record => recording = true,
                    Backedge::Enter(id) => {
                        // SAFETY: the frame is `slots`; `ctx` is valid by this fn's contract.
                        let resume = unsafe { Jit::enter(jit, id, base, ctx) };
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
