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
    #[opcode(Jump)]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }

    #[opcode(Halt)]
    fn halt<M: Mode>(&mut self, _f: &mut Frame<M>) -> Flow {
        Flow::Halt
    }
}

fn main() {}
