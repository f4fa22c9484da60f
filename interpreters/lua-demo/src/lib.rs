//! lua-demo: a Lua 5.4 interpreter whose JIT is derived by metatrace from its opcode handlers.
//!
//! The front end (`compiler`) turns source into register bytecode (`bytecode`); the interpreter runs it.
//! See `COMPATIBILITY.md` for what is and is not supported.

pub mod bytecode;
pub mod cli;
pub mod compiler;
pub mod disasm;
pub mod format;
pub mod number;
pub mod pattern;
