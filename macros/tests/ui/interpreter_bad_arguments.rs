#![allow(dead_code)]

use metatrace::{Flow, Frame, Mode};

#[derive(Clone, Copy)]
enum Insn {
    Jump(usize),
}

struct A;
struct B;
struct C;

#[metatrace::interpreter(insn = Insn, greens = pc)]
impl A {
    #[opcode(Jump)]
    #[backedge]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }
}

#[metatrace::interpreter]
impl B {
    #[opcode(Jump)]
    #[backedge]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }
}

#[metatrace::interpreter(insn = "Insn")]
impl C {
    #[opcode(Jump)]
    #[backedge]
    fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow {
        Flow::Goto(target)
    }
}

fn main() {}
