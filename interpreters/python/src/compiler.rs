//! pyvgc's compiler: Python source → [`CodeObject`] (the entry points the runtime calls).
//!
//! The pipeline is `frontend` (Ruff's parser lowered to our `ast`), `symtable` (scope analysis)
//! and `codegen` (bytecode); `dis` prints the result for `pyvgc --dis`. Every entry point runs on
//! a thread with a large stack (see `frontend::with_big_stack`) so that deeply nested input ends in
//! a clean error rather than a native stack overflow. Nothing here executes code or knows the
//! runtime's value type.

mod codegen;
mod dis;
mod symtable;

pub use crate::frontend::{SyntaxError, input_is_incomplete};
pub use dis::disassemble;

use crate::bytecode::CodeObject;
use crate::frontend::{self, SourceMap};

/// Compiles a module (a script file or an imported module).
pub fn compile_module(source: &str, filename: &str) -> Result<CodeObject, SyntaxError> {
    compile_statements(source, filename, false)
}

/// Compiles the source of `exec(source)`: statements run against a locals mapping, like a module.
pub fn compile_exec(source: &str, filename: &str) -> Result<CodeObject, SyntaxError> {
    compile_statements(source, filename, false)
}

/// Compiles one REPL entry: like `compile_exec`, but top-level expression statements print
/// their value (`PrintExpr`), as CPython's `single` mode does.
pub fn compile_interactive(source: &str, filename: &str) -> Result<CodeObject, SyntaxError> {
    compile_statements(source, filename, true)
}

/// Compiles the source of `eval(source)`: one expression whose code returns its value.
pub fn compile_eval(source: &str, filename: &str) -> Result<CodeObject, SyntaxError> {
    frontend::with_big_stack(source.len(), || {
        let expr = frontend::parse_expression(source, filename)?;
        let map = SourceMap::new(source, filename);
        let table = symtable::analyze_expression(&map, &expr)?;
        codegen::Codegen::new(&map, &table).expression(&expr)
    })
}

fn compile_statements(
    source: &str,
    filename: &str,
    interactive: bool,
) -> Result<CodeObject, SyntaxError> {
    frontend::with_big_stack(source.len(), || {
        let body = frontend::parse_module(source, filename)?;
        let map = SourceMap::new(source, filename);
        let table = symtable::analyze_module(&map, &body)?;
        codegen::Codegen::new(&map, &table).module(&body, interactive)
    })
}
