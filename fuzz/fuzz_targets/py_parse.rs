//! Fuzz target: pyvgc's front end and compiler must never panic, whatever the bytes.
//!
//! Bytes that are not UTF-8 are decoded lossily (a Python source file is text). Compilation errors
//! are expected and ignored; only a panic or a crash is a finding. The disassembler runs on every
//! successful compilation too, since `--dis` prints whatever the compiler produced.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    if let Ok(code) = pyvgc::compiler::compile_module(&source, "fuzz.py") {
        let _ = pyvgc::compiler::disassemble(&code);
    }
    let _ = pyvgc::compiler::compile_eval(&source, "<string>");
});
