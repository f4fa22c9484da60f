//! pyvgc's front end: source text → [`crate::ast`], and the `SyntaxError` type.
//!
//! Parsing is Ruff's (`ruff_python_parser` 0.0.10), confined to this module and `frontend/`: an
//! upgrade of Ruff is a change here only. `lower` walks Ruff's tree into ours; `errors` turns Ruff's
//! messages into CPython 3.11's (CPython's wording is what users see and what tests compare),
//! helped by `scan`, a small bracket/indentation scanner that finds the tokenizer-level errors
//! CPython reports first ("'(' was never closed", "unmatched ')'", "too many nested
//! parentheses"). [`SyntaxError::render`] prints an error exactly as CPython 3.11 prints it.
//!
//! Deep input must not overflow the native stack: Ruff's parser is recursive, so callers run the
//! whole pipeline through [`with_big_stack`], and the lowering bounds its own depth.

use ruff_python_parser as rp;
use ruff_text_size::{TextRange, TextSize};

use crate::ast::{Expr, Span, Stmt};

mod errors;
mod lower;
mod scan;

/// A compile-time error, as CPython's `SyntaxError` (or `IndentationError`/`TabError`, or the
/// `RecursionError` CPython raises for over-deep code) describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// "SyntaxError", "IndentationError", "TabError" or "RecursionError".
    pub kind: &'static str,
    /// The message (`invalid syntax`, `'(' was never closed`, ...).
    pub message: String,
    /// The file name as given to the compiler.
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters) of the first caret, as CPython's `offset`; 0 for none.
    pub col: u32,
    /// 1-based last line.
    pub end_line: u32,
    /// 1-based column one past the last caret, as CPython's `end_offset`; 0 for none.
    pub end_col: u32,
    /// The offending source line (without its newline), if known.
    pub source_line: Option<String>,
}

impl SyntaxError {
    /// The error exactly as CPython 3.11 prints it to stderr for an uncaught error in a file
    /// (`File` line, the source line indented by 4, the caret line, `Kind: message`), ending in
    /// a newline.
    pub fn render(&self) -> String {
        if self.kind == "RecursionError" {
            return format!("{}: {}\n", self.kind, self.message);
        }
        let mut out = format!("  File \"{}\", line {}\n", self.filename, self.line);
        if let Some(text) = &self.source_line {
            let trimmed_end = text.trim_end_matches(['\n', '\r']);
            let stripped = trimmed_end.trim_start_matches([' ', '\t', '\x0c']);
            let removed = (trimmed_end.chars().count() - stripped.chars().count()) as i64;
            out.push_str("    ");
            out.push_str(stripped);
            out.push('\n');
            if self.col > 0 {
                let offset = (self.col as i64 - removed).max(1);
                let mut end = if self.end_line > self.line && self.end_col > 0 {
                    stripped.chars().count() as i64 + 1
                } else if self.end_col > 0 {
                    self.end_col as i64 - removed
                } else {
                    offset + 1
                };
                if end <= offset {
                    end = offset + 1;
                }
                out.push_str("    ");
                out.push_str(&" ".repeat((offset - 1) as usize));
                out.push_str(&"^".repeat((end - offset) as usize));
                out.push('\n');
            }
        }
        out.push_str(self.kind);
        out.push_str(": ");
        out.push_str(&self.message);
        out.push('\n');
        out
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} ({}, line {})",
            self.kind, self.message, self.filename, self.line
        )
    }
}

impl std::error::Error for SyntaxError {}

/// Byte offsets → lines and character columns, and errors located in the source.
pub struct SourceMap<'a> {
    /// The source.
    pub source: &'a str,
    /// The file name for errors.
    pub filename: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    /// Indexes `source`'s lines.
    pub fn new(source: &'a str, filename: &'a str) -> Self {
        let mut line_starts = vec![0];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        SourceMap {
            source,
            filename,
            line_starts,
        }
    }

    /// The 1-based line and 0-based character column of byte `offset`.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.source.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let col = self
            .source
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32 + 1, col as u32)
    }

    /// The span of a byte range.
    pub fn span(&self, range: TextRange) -> Span {
        let (line, col) = self.position(range.start().to_usize());
        let (end_line, end_col) = self.position(range.end().to_usize());
        Span {
            line,
            col,
            end_line,
            end_col,
        }
    }

    /// The text of 1-based line `line`, without its line break.
    pub fn line_text(&self, line: u32) -> Option<String> {
        let idx = line.checked_sub(1)? as usize;
        let start = *self.line_starts.get(idx)?;
        let end = self
            .line_starts
            .get(idx + 1)
            .copied()
            .unwrap_or(self.source.len());
        let text = self.source.get(start..end)?;
        Some(text.trim_end_matches(['\n', '\r']).to_string())
    }

    /// The source text covered by `span` (character columns), lines joined as written.
    pub fn span_text(&self, span: Span) -> String {
        let mut out = String::new();
        for line in span.line..=span.end_line {
            let text = self.line_text(line).unwrap_or_default();
            let start = if line == span.line {
                span.col as usize
            } else {
                0
            };
            let end = if line == span.end_line {
                span.end_col as usize
            } else {
                usize::MAX
            };
            if line > span.line {
                out.push('\n');
            }
            out.extend(text.chars().skip(start).take(end.saturating_sub(start)));
        }
        out
    }

    /// The source text of a byte range.
    pub fn text(&self, range: TextRange) -> &str {
        self.source
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or("")
    }

    /// A `SyntaxError` covering `range`.
    pub fn error_at(&self, range: TextRange, message: String) -> SyntaxError {
        self.error_span(self.span(range), message)
    }

    /// A `SyntaxError` covering `span` (0-based columns, converted to CPython's 1-based ones).
    pub fn error_span(&self, span: Span, message: String) -> SyntaxError {
        SyntaxError {
            kind: "SyntaxError",
            message,
            filename: self.filename.to_string(),
            line: span.line,
            col: span.col + 1,
            end_line: span.end_line,
            end_col: span.end_col + 1,
            source_line: self.line_text(span.line),
        }
    }

    /// A `SyntaxError` at byte `offset` with a single caret.
    pub fn error_at_offset(&self, offset: usize, message: String) -> SyntaxError {
        let (line, col) = self.position(offset);
        self.error_span(
            Span {
                line,
                col,
                end_line: line,
                end_col: col + 1,
            },
            message,
        )
    }
}

pub use scan::input_is_incomplete;

/// CPython refuses source with NUL bytes before tokenizing it.
fn check_nul(map: &SourceMap<'_>) -> Result<(), SyntaxError> {
    match map.source.find('\0') {
        None => Ok(()),
        Some(offset) => {
            let (line, _) = map.position(offset);
            let mut e =
                map.error_at_offset(offset, "source code cannot contain null bytes".to_string());
            e.line = line;
            e.col = 0;
            e.end_col = 0;
            e.source_line = e
                .source_line
                .map(|t| t.split('\0').next().unwrap_or("").to_string());
            Err(e)
        }
    }
}

/// Parses a module (a file, `exec` source or a REPL entry) into statements.
pub fn parse_module(source: &str, filename: &str) -> Result<Vec<Stmt>, SyntaxError> {
    let map = SourceMap::new(source, filename);
    check_nul(&map)?;
    if let Some(err) = scan::prescan(&map) {
        return Err(err);
    }
    match rp::parse(source, options(rp::Mode::Module)) {
        Ok(parsed) => {
            check_version(&map, parsed.unsupported_syntax_errors())?;
            match parsed.into_syntax() {
                ruff_python_ast::Mod::Module(module) => {
                    let mut lowerer = lower::Lowerer::new(&map);
                    lowerer.stmts(&module.body)
                }
                ruff_python_ast::Mod::Expression(e) => Err(map.error_at(
                    ruff_text_size::Ranged::range(&*e.body),
                    "invalid syntax".to_string(),
                )),
            }
        }
        Err(err) => Err(errors::convert(&map, &err)),
    }
}

/// Parses a single expression (the source of `eval`), surrounding whitespace allowed.
pub fn parse_expression(source: &str, filename: &str) -> Result<Expr, SyntaxError> {
    let map = SourceMap::new(source, filename);
    check_nul(&map)?;
    if let Some(err) = scan::prescan(&map) {
        return Err(err);
    }
    // CPython's eval() strips leading spaces and tabs before parsing.
    let trimmed = source.trim_start_matches([' ', '\t']);
    let skipped = source.len() - trimmed.len();
    match rp::parse(trimmed, options(rp::Mode::Expression)) {
        Ok(parsed) => {
            let shifted = SourceMap::new(trimmed, filename);
            check_version(&shifted, parsed.unsupported_syntax_errors())?;
            match parsed.into_syntax() {
                ruff_python_ast::Mod::Expression(e) => {
                    let mut lowerer = lower::Lowerer::new(&shifted);
                    lowerer.expr(&e.body)
                }
                ruff_python_ast::Mod::Module(_) => {
                    Err(shifted.error_at_offset(0, "invalid syntax".to_string()))
                }
            }
        }
        Err(err) => {
            let mut err = err;
            err.location = TextRange::new(
                err.location.start() + TextSize::from(skipped as u32),
                err.location.end() + TextSize::from(skipped as u32),
            );
            Err(errors::convert(&map, &err))
        }
    }
}

/// Ruff's options for parsing Python 3.11 source.
fn options(mode: rp::Mode) -> rp::ParseOptions {
    rp::ParseOptions::from(mode).with_target_version(ruff_python_ast::PythonVersion::PY311)
}

/// Syntax Ruff accepts but Python 3.11 does not (PEP 695 type parameters, PEP 701 f-strings,
/// ...) is an error, as it is for CPython 3.11; Ruff's message says which feature and version.
fn check_version(
    map: &SourceMap<'_>,
    errors: &[rp::UnsupportedSyntaxError],
) -> Result<(), SyntaxError> {
    match errors.first() {
        Some(e) => Err(map.error_at(e.range, format!("invalid syntax: {e}"))),
        None => Ok(()),
    }
}

/// Wraps a value so it can leave the worker thread of [`with_big_stack`].
struct SendBox<T>(T);

// SAFETY: `SendBox` only carries the result of the closure run by `with_big_stack` out of its
// thread after that thread has finished. The values inside (`Rc`s in code objects) were created
// on that thread and every clone of them is inside the value itself: the thread dropped all its
// other state before returning, and `join` orders those drops before any use on the receiving
// thread, so no reference count is ever touched by two threads.
unsafe impl<T> Send for SendBox<T> {}

/// The stack size of the thread [`with_big_stack`] runs the front end and compiler on.
const BIG_STACK: usize = 512 << 20;

/// Runs `f` on a thread with a large stack (Ruff's parser recurses once per nesting level), or
/// directly for short sources, which cannot nest deeply enough to matter.
pub fn with_big_stack<T>(source_len: usize, f: impl FnOnce() -> T + Send) -> T {
    if source_len < 256 {
        return f();
    }
    let slot = std::sync::Mutex::new(Some(f));
    let spawned = std::thread::scope(|scope| {
        let handle = std::thread::Builder::new()
            .name("pyvgc-compile".to_string())
            .stack_size(BIG_STACK)
            .spawn_scoped(scope, || {
                let f = slot.lock().ok().and_then(|mut g| g.take());
                f.map(|f| SendBox(f()))
            });
        match handle {
            Ok(handle) => match handle.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        }
    });
    match spawned {
        Some(result) => result.0,
        // No thread could be created (resource limits): run on this stack, still bounded by
        // the scanner's nesting limit and the lowering's depth limit.
        None => match slot.into_inner().ok().flatten() {
            Some(f) => f(),
            None => unreachable!("the closure ran but produced no result"),
        },
    }
}
