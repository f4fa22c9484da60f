#![allow(dead_code)]

use metatrace::{Flow, Frame, Mode};

#[derive(Clone, Copy)]
enum Insn {
    Jump(usize),
    Halt,
}

struct Machine;

#[metatrace::interpreter(insn = Insn)]
impl Machine {
    // A flag on a helper that is not a handler.
    #[backedge]
    fn helper(&self) {}

    #[opcode(Jump)]
    #[backedge(loop)]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }

    #[opcode(Halt, Stop)]
    fn halt<M: Mode>(&mut self, _f: &mut Frame<M>) -> Flow {
        Flow::Halt
    }
}

fn main() {}
