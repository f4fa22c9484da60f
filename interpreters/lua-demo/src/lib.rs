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

/// What an in-process run produced. Two runs are equal when their output and error are: the
/// traces differ between JIT settings by design.
#[derive(Debug)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    /// The error message (as lua5.4 prints it after `lua5.4: `), if the chunk failed.
    pub error: Option<String>,
    /// Each compiled trace's name and op counts (`metatrace::CompileRecord`), for trace-shape
    /// tests.
    pub traces: Vec<(String, String)>,
}

impl PartialEq for RunOutput {
    fn eq(&self, other: &RunOutput) -> bool {
        self.stdout == other.stdout && self.error == other.error
    }
}

/// Runs `source` as a chunk named `chunkname` in a fresh interpreter configured by `jit`,
/// capturing its output. For tests, fuzzing and embedding; the CLI is `cli::main`.
pub fn run_source(source: &[u8], chunkname: &str, jit: metatrace::JitConfig) -> RunOutput {
    use std::cell::RefCell;
    use std::io::Write;
    use std::rc::Rc;

    #[derive(Clone, Default)]
    struct Shared(Rc<RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let sink = Shared::default();
    let mut st = state::State::with_output(jit, Box::new(sink.clone()));
    let error = match interp::load(&mut st, source, chunkname) {
        Err(msg) => Some(msg),
        Ok(f) => match st.call_root(f, &[]) {
            Ok(_) => None,
            Err(e) => Some(cli::error_message(&mut st, &e)),
        },
    };
    st.flush_output();
    let traces = st
        .jit
        .stats
        .compiled
        .iter()
        .map(|c| (c.name.clone(), c.op_counts.clone()))
        .collect();
    drop(st);
    let stdout = sink.0.borrow().clone();
    RunOutput {
        stdout,
        error,
        traces,
    }
}
