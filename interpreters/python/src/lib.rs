//! pyvgc, a Python 3 interpreter on metatrace and VGC (issue 4).
//!
//! The pipeline is source → `frontend` (Ruff's parser, lowered to our own `ast`) → `compiler` →
//! `bytecode` → `runtime` (objects on VGC, the interpreter loop written once in the metatrace dialect
//! so the same handlers run plainly and while recording traces). `support` holds the pure algorithms
//! CPython's behaviour is defined by (float repr, format specs, the Mersenne Twister, ...), kept free of
//! the object model so they can be tested on their own.

pub mod ast;
pub mod bytecode;
pub mod cli;
pub mod compiler;
pub mod frontend;
pub mod runtime;
pub mod support;
