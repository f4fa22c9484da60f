#![allow(dead_code)]

use metatrace::{Flow, Frame, Mode};

#[derive(Clone, Copy)]
enum Insn {
    Jump(usize),
    Add(usize, usize),
    Load(usize),
    Halt,
}

struct Machine;

#[metatrace::interpreter(insn = Insn)]
impl Machine {
    // Not generic over the mode.
    #[opcode(Jump)]
    #[backedge]
    fn jump(&mut self, target: usize) -> Flow {
        Flow::Goto(target)
    }

    // `&self` instead of `&mut self`, and no frame.
    #[opcode(Add)]
    fn add<M: Mode>(&self, a: usize, b: usize) -> Flow {
        let _ = (a, b);
        Flow::Next
    }

    // Returns nothing.
    #[opcode(Load)]
    fn load<M: Mode>(&mut self, _f: &mut Frame<M>, a: usize) {
        let _ = a;
    }

    // An operand that is a pattern, not a name; `unsafe`.
    #[opcode(Halt)]
    unsafe fn halt<M: Mode>(&mut self, _f: &mut Frame<M>, (x, y): (u8, u8)) -> Flow {
        let _ = (x, y);
        Flow::Halt
    }
}

fn main() {}
