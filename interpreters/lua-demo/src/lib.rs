//! lua-demo: a Lua 5.4 interpreter whose JIT is derived by metatrace from its opcode handlers.
//!
//! The front end (`compiler`) turns source into register bytecode (`bytecode`); `interp` runs it,
//! its handlers written once for metatrace's Concrete and Recording modes; `state` holds the
//! stack, heap and the generic operations; `stdlib` the standard library.
//! See `COMPATIBILITY.md` for what is and is not supported.

pub mod bytecode;
pub mod cli;
pub mod compiler;
pub mod disasm;
pub mod format;
pub mod helpers;
pub mod interp;
pub mod number;
pub mod pattern;
pub mod runtime;
pub mod state;
pub mod stdlib;
pub mod value;
