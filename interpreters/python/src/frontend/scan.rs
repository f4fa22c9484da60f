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

/// What the scan found.
#[derive(Debug, Default)]
pub struct ScanResult {
    /// An unmatched or mismatched closing bracket: (byte offset, message).
    pub bad_close: Option<(usize, String)>,
    /// Brackets still open at the end of the source: (byte offset, the bracket).
    pub unclosed: Vec<(usize, char)>,
    /// Byte offset of a bracket past the nesting limit.
    pub too_deep: Option<usize>,
}

/// Scans `source` for bracket structure.
pub fn scan(source: &str) -> ScanResult {
    let bytes = source.as_bytes();
    let mut result = ScanResult::default();
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'\'' | b'"' => {
                i = skip_string(bytes, i);
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
    result
        .too_deep
        .map(|offset| map.error_at_offset(offset, "too many nested parentheses".to_string()))
}
