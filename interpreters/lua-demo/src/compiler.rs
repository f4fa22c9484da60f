//! The Lua 5.4 front end: source bytes to `Proto` in one pass, with Lua's own error messages.
//!
//! The structure is Lua's: a lexer (`lexer`, after `llex.c`) feeding a recursive-descent parser
//! (`parser`, after `lparser.c`) that emits code as it parses through expression descriptors and
//! jump lists (`code`, after `lcode.c`; `fold` does `lcode.c`'s constant folding). Following Lua's
//! design rather than building a syntax tree first is deliberate: error messages, the order in
//! which errors are found, register allocation, line numbers and nesting limits then match
//! `lua5.4` by construction, and no recursion is deeper than Lua's own ("C stack overflow" at 200
//! levels), so no input can overflow the Rust stack.
//!
//! We do not use `full_moon`, although the project's dependency notes recommend it for the demo:
//! it aborts the process with a stack overflow on inputs Lua accepts (`x = 1 + 1 + ... + 1` with
//! 200,000 terms), accepts invalid programs (`return return`), needs UTF-8 input (Lua sources are
//! bytes), and its error messages cannot be mapped onto Lua's reliably.
//!
//! Not supported: binary chunks (precompiled bytecode) are rejected with Lua's message for a
//! text-only `load`.

use std::fmt;
use std::rc::Rc;

use crate::bytecode::Proto;

mod code;
mod fold;
mod lexer;
mod numeral;
mod parser;
#[cfg(test)]
mod tests;

/// A compile error, carrying exactly the message `lua5.4` produces for the same source
/// (`x.lua:3: unexpected symbol near '='`). `lua5.4` prints it after `"lua5.4: "`; `load` returns
/// it as its second result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    message: Vec<u8>,
    line: Option<u32>,
}

impl CompileError {
    /// The complete message as bytes (it may quote non-UTF-8 source text, as Lua's does).
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    /// The line the message names, if it names one ("C stack overflow" does not).
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    fn new(message: Vec<u8>, line: Option<u32>) -> CompileError {
        CompileError { message, line }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.message))
    }
}

impl std::error::Error for CompileError {}

/// Compiles a Lua source file. As `luaL_loadfile` does, a leading UTF-8 byte-order mark and a
/// first line starting with `#` (`#!/usr/bin/lua`) are skipped (the line still counts).
/// `chunkname` is the name as messages print it, e.g. `"x.lua"` for a file `x.lua`.
pub fn compile(source: &[u8], chunkname: &str) -> Result<Rc<Proto>, CompileError> {
    let mut src = source.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(source);
    if src.first() == Some(&b'#') {
        // Keep the newline so that line numbers stay right.
        let newline = src.iter().position(|&c| c == b'\n').unwrap_or(src.len());
        src = &src[newline..];
    }
    compile_string(src, chunkname)
}

/// Compiles a chunk given as a string, as Lua's `load` does: nothing is skipped.
/// `chunkname` is the name as messages print it (for `load(s)` Lua prints `[string "..."]`).
pub fn compile_string(source: &[u8], chunkname: &str) -> Result<Rc<Proto>, CompileError> {
    if source.first() == Some(&0x1b) {
        return Err(CompileError::new(
            b"attempt to load a binary chunk (mode is 't')".to_vec(),
            None,
        ));
    }
    parser::parse_chunk(source, Rc::from(chunkname))
}
