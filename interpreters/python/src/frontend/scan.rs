//! A bracket scanner: the tokenizer-level errors CPython reports before its parser runs.
//!
//! It skips comments and string literals (3.11 f-strings cannot reuse their quote inside, so a
//! string is opaque to it) and tracks `()[]{}` nesting. It does not tokenize anything else; Ruff
//! does the real work. Its findings are used in two ways: nesting deeper than CPython's limit (200)
//! is reported before Ruff runs (which would otherwise recurse without bound), and an unmatched or
//! unclosed bracket replaces Ruff's less precise message when parsing fails.

use super::{SourceMap, SyntaxError};

/// CPython's `MAXLEVEL`: how deeply brackets may nest.
const MAX_LEVEL: usize = 200;

/// CPython's `MAXINDENT`: how many indentation levels a file may use.
const MAX_INDENT: usize = 100;

/// What the scan found.
#[derive(Debug, Default)]
pub struct ScanResult {
    /// An unmatched or mismatched closing bracket: (byte offset, message).
    pub bad_close: Option<(usize, String)>,
    /// Brackets still open at the end of the source: (byte offset, the bracket).
    pub unclosed: Vec<(usize, char)>,
    /// Byte offset of a bracket past the nesting limit.
    pub too_deep: Option<usize>,
    /// Byte offset of the first line whose indentation compares differently with tabs counted
    /// as 8 columns and as 1 (CPython's `TabError`).
    pub tab_error: Option<usize>,
    /// Byte offset of the first line indented more than [`MAX_INDENT`] levels deep.
    pub too_many_indents: Option<usize>,
    /// The source ends inside a triple-quoted string.
    pub open_triple_quote: bool,
}

/// Scans `source` for bracket structure.
pub fn scan(source: &str) -> ScanResult {
    let bytes = source.as_bytes();
    let mut result = ScanResult::default();
    let mut stack: Vec<(usize, char)> = Vec::new();
    // Indentation levels as (columns with tabs to multiples of 8, columns with tabs as 1).
    let mut indents: Vec<(usize, usize)> = vec![(0, 0)];
    let mut line_start = true;
    let mut continuation = false;
    let mut i = 0;
    while i < bytes.len() {
        if line_start {
            line_start = false;
            if stack.is_empty() && !continuation && result.tab_error.is_none() {
                let (col, alt, end) = measure_indent(bytes, i);
                let blank = end >= bytes.len() || matches!(bytes[end], b'#' | b'\n' | b'\r');
                if !blank && !check_indent(&mut indents, col, alt) {
                    result.tab_error = Some(i);
                }
                if indents.len() > MAX_INDENT + 1 && result.too_many_indents.is_none() {
                    result.too_many_indents = Some(i);
                }
            }
            continuation = false;
        }
        let c = bytes[i];
        match c {
            b'\n' => line_start = true,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_start = true,
            b'\\' if matches!(bytes.get(i + 1), Some(b'\n' | b'\r')) => continuation = true,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' => {
                let triple = bytes.get(i + 1) == Some(&c) && bytes.get(i + 2) == Some(&c);
                let end = skip_string(bytes, i);
                if triple
                    && end >= bytes.len()
                    && !(end >= i + 6 && bytes[end - 3..end].iter().all(|b| *b == c))
                {
                    result.open_triple_quote = true;
                }
                i = end;
                continue;
            }
            b'(' | b'[' | b'{' => {
                stack.push((i, c as char));
                if stack.len() > MAX_LEVEL && result.too_deep.is_none() {
                    result.too_deep = Some(i);
                }
            }
            b')' | b']' | b'}' => {
                let close = c as char;
                match stack.pop() {
                    None => {
                        if result.bad_close.is_none() {
                            result.bad_close = Some((i, format!("unmatched '{close}'")));
                        }
                    }
                    Some((open_at, open)) => {
                        let expected = match open {
                            '(' => ')',
                            '[' => ']',
                            _ => '}',
                        };
                        if expected != close && result.bad_close.is_none() {
                            let line_of = |off: usize| {
                                source[..off].bytes().filter(|b| *b == b'\n').count() + 1
                            };
                            let message = if line_of(open_at) != line_of(i) {
                                format!(
                                    "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {}",
                                    line_of(open_at)
                                )
                            } else {
                                format!(
                                    "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
                                )
                            };
                            result.bad_close = Some((i, message));
                        }
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    result.unclosed = stack;
    result
}

/// The indentation at `start`: (columns with tabs to multiples of 8, columns with tabs as 1,
/// offset of the first non-blank byte).
fn measure_indent(bytes: &[u8], start: usize) -> (usize, usize, usize) {
    let (mut col, mut alt, mut i) = (0, 0, start);
    while i < bytes.len() {
        match bytes[i] {
            b' ' => {
                col += 1;
                alt += 1;
            }
            b'\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            b'\x0c' => {
                col = 0;
                alt = 0;
            }
            _ => break,
        }
        i += 1;
    }
    (col, alt, i)
}

/// Applies one line's indentation to the stack of levels; false if the two ways of counting
/// tabs disagree about it (as CPython's tokenizer checks).
fn check_indent(indents: &mut Vec<(usize, usize)>, col: usize, alt: usize) -> bool {
    let &(top_col, top_alt) = indents.last().unwrap_or(&(0, 0));
    if col == top_col {
        return alt == top_alt;
    }
    if col > top_col {
        if alt <= top_alt {
            return false;
        }
        indents.push((col, alt));
        return true;
    }
    while indents.len() > 1 && indents.last().is_some_and(|&(c, _)| col < c) {
        indents.pop();
    }
    let &(top_col, top_alt) = indents.last().unwrap_or(&(0, 0));
    col != top_col || alt == top_alt
}

/// Skips a string literal starting at the quote at `start`; returns the offset after it (or
/// the end of the line for an unterminated single-quoted string).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start + 1) == Some(&quote) && bytes.get(start + 2) == Some(&quote);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\\' {
            i += 2;
            continue;
        }
        if triple {
            if c == quote && bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                return i + 3;
            }
        } else if c == quote {
            return i + 1;
        } else if c == b'\n' || c == b'\r' {
            return i;
        }
        i += 1;
    }
    i
}

/// The errors reported before parsing: nesting past CPython's limit.
pub fn prescan(map: &SourceMap<'_>) -> Option<SyntaxError> {
    let result = scan(map.source);
    if let Some(offset) = result.too_many_indents {
        let mut e = map.error_at_offset(offset, "too many levels of indentation".to_string());
        e.kind = "IndentationError";
        e.col = 0;
        e.end_col = 0;
        return Some(e);
    }
    result
        .too_deep
        .map(|offset| map.error_at_offset(offset, "too many nested parentheses".to_string()))
}

/// Whether an interactive entry needs more lines before it can be compiled, as CPython's REPL
/// decides: an open bracket or triple-quoted string, a trailing backslash, or a compound
/// statement not yet ended by an empty line.
pub fn input_is_incomplete(source: &str) -> bool {
    let result = scan(source);
    if !result.unclosed.is_empty() || result.open_triple_quote {
        return true;
    }
    let trimmed = source.trim_end_matches(['\n', '\r']);
    if trimmed.ends_with('\\') {
        return true;
    }
    let first = source.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let code = first.split('#').next().unwrap_or("").trim_end();
    let compound = code.ends_with(':');
    // A compound statement ends with an empty line (the REPL passes it on as a final "\n").
    compound && !source.ends_with("\n\n")
}
