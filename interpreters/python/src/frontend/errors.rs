//! Ruff's parse errors, reworded and relocated as CPython 3.11 reports them.
//!
//! CPython's messages come from its PEG grammar's error rules and its tokenizer; Ruff's from a
//! hand-written recursive-descent parser. This module maps the common cases one by one (each arm
//! names the CPython message it produces) and falls back to CPython's generic `invalid syntax` at
//! Ruff's location. It does not try to reproduce every special message of CPython's grammar.

use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType};

use super::scan::scan;
use super::{SourceMap, SyntaxError};
use crate::ast::Span;

/// Converts a Ruff parse error into CPython's `SyntaxError`.
pub fn convert(map: &SourceMap<'_>, err: &ParseError) -> SyntaxError {
    let start = err.location.start().to_usize();
    // Tokenizer errors CPython reports before the parser's, if they come first.
    let scanned = scan(map.source);
    if let Some((offset, message)) = &scanned.bad_close
        && *offset <= start
    {
        return map.error_at_offset(*offset, message.clone());
    }
    // An unclosed bracket is what CPython reports when its parser ran on past the bracket's line
    // (it then reads to the end of the file); an error on the bracket's own line wins.
    if let Some(&(offset, bracket)) = scanned.unclosed.last()
        && !is_indentation_error(&err.error)
        && (map.position(start).0 > map.position(offset).0
            || map.source[start.min(map.source.len())..].trim().is_empty())
    {
        return map.error_at_offset(offset, format!("'{bracket}' was never closed"));
    }
    match &err.error {
        ParseErrorType::Lexical(lex) => lexical(map, err, lex),
        ParseErrorType::UnexpectedIndentation => {
            let (line, _) = map.position(start);
            let mut e = map.error_at_offset(start, "unexpected indent".to_string());
            e.kind = "IndentationError";
            e.line = line;
            e.col = 0;
            e.end_col = 0;
            e
        }
        ParseErrorType::ExpectedToken { expected, found } => {
            expected_token(map, err, *expected, *found)
        }
        ParseErrorType::OtherError(msg) => other(map, err, msg),
        ParseErrorType::InvalidArgumentUnpackingOrder => map.error_at(
            err.location,
            "iterable argument unpacking follows keyword argument unpacking".to_string(),
        ),
        ParseErrorType::PositionalAfterKeywordArgument => map.error_at(
            err.location,
            "positional argument follows keyword argument".to_string(),
        ),
        ParseErrorType::PositionalAfterKeywordUnpacking => map.error_at(
            err.location,
            "positional argument follows keyword argument unpacking".to_string(),
        ),
        ParseErrorType::NonDefaultParamAfterDefaultParam => map.error_at(
            err.location,
            "non-default argument follows default argument".to_string(),
        ),
        ParseErrorType::InvalidAssignmentTarget => {
            let what = describe_target(map.text(err.location));
            map.error_at(
                err.location,
                format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
            )
        }
        ParseErrorType::InvalidDeleteTarget => {
            let what = describe_target(map.text(err.location));
            map.error_at(err.location, format!("cannot delete {what}"))
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            let what = describe_target(map.text(err.location));
            map.error_at(
                err.location,
                format!("'{what}' is an illegal expression for augmented assignment"),
            )
        }
        ParseErrorType::InvalidNamedAssignmentTarget => {
            let what = describe_target(map.text(err.location));
            map.error_at(
                err.location,
                format!("cannot use assignment expressions with {what}"),
            )
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            map.error_at(err.location, "illegal target for annotation".to_string())
        }
        ParseErrorType::FStringError(e) => map.error_at_offset(start, format!("f-string: {e}")),
        _ => invalid_syntax_at(map, start),
    }
}

fn is_indentation_error(e: &ParseErrorType) -> bool {
    matches!(
        e,
        ParseErrorType::UnexpectedIndentation
            | ParseErrorType::Lexical(LexicalErrorType::IndentationError)
    )
}

/// `invalid syntax` with one caret at byte `offset`.
fn invalid_syntax_at(map: &SourceMap<'_>, offset: usize) -> SyntaxError {
    map.error_at_offset(offset, "invalid syntax".to_string())
}

fn lexical(map: &SourceMap<'_>, err: &ParseError, lex: &LexicalErrorType) -> SyntaxError {
    let start = err.location.start().to_usize();
    match lex {
        LexicalErrorType::IndentationError => {
            let (line, _) = map.position(start);
            let text = map.line_text(line).unwrap_or_default();
            let len = text.chars().count() as u32;
            let mut e = map.error_span(
                Span {
                    line,
                    col: len,
                    end_line: line,
                    end_col: len + 1,
                },
                "unindent does not match any outer indentation level".to_string(),
            );
            e.kind = "IndentationError";
            e
        }
        LexicalErrorType::UnclosedStringError => {
            let rest = map.source.get(start..).unwrap_or("");
            let body = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
            if body.starts_with("\"\"\"") || body.starts_with("'''") {
                // CPython detects it at the end of the file.
                let (last_line, _) = map.position(map.source.trim_end().len());
                map.error_at_offset(
                    start,
                    format!(
                        "unterminated triple-quoted string literal (detected at line {last_line})"
                    ),
                )
            } else {
                let (line, _) = map.position(start);
                map.error_at_offset(
                    start,
                    format!("unterminated string literal (detected at line {line})"),
                )
            }
        }
        LexicalErrorType::Eof => {
            let (line, _) = map.position(map.source.len());
            let mut e =
                map.error_at_offset(map.source.len(), "unexpected EOF while parsing".into());
            e.line = line;
            e
        }
        LexicalErrorType::UnrecognizedToken { tok } => {
            let message = if *tok == '$' || *tok == '?' || *tok == '!' || *tok == '`' {
                "invalid syntax".to_string()
            } else if tok.is_alphabetic() || !tok.is_ascii() {
                format!("invalid character '{tok}' (U+{:04X})", *tok as u32)
            } else {
                "invalid syntax".to_string()
            };
            map.error_at_offset(start, message)
        }
        LexicalErrorType::LineContinuationError => map.error_at_offset(
            start,
            "unexpected character after line continuation character".to_string(),
        ),
        LexicalErrorType::OtherError(msg) => other(map, err, msg),
        _ => invalid_syntax_at(map, start),
    }
}

fn other(map: &SourceMap<'_>, err: &ParseError, msg: &str) -> SyntaxError {
    let start = err.location.start().to_usize();
    if msg.contains("unterminated triple-quoted string") || msg.contains("Unterminated triple") {
        let (line, _) = map.position(map.source.len());
        return map.error_at_offset(
            start,
            format!("unterminated triple-quoted string literal (detected at line {line})"),
        );
    }
    if let Some(rest) = msg.strip_prefix("Expected an indented block after ") {
        return indented_block(map, err, rest);
    }
    invalid_syntax_at(map, start)
}

/// `expected an indented block after 'if' statement on line 1` (an IndentationError).
fn indented_block(map: &SourceMap<'_>, err: &ParseError, rest: &str) -> SyntaxError {
    let start = err.location.start().to_usize();
    let what = rest
        .trim_end_matches('.')
        .replace('`', "'")
        .replace(" statement", " statement");
    let (line, col) = map.position(start);
    let header_line = find_header_line(map, line);
    let mut e = map.error_span(
        Span {
            line,
            col,
            end_line: line,
            end_col: col + 1,
        },
        format!("expected an indented block after {what} on line {header_line}"),
    );
    e.kind = "IndentationError";
    e
}

/// The first line after `line` with code on it, and its first column.
fn next_code_line(map: &SourceMap<'_>, line: u32) -> (u32, u32) {
    let mut l = line + 1;
    while let Some(text) = map.line_text(l) {
        let trimmed = text.trim_start();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            return (l, (text.chars().count() - trimmed.chars().count()) as u32);
        }
        l += 1;
    }
    (line + 1, 0)
}

/// The nearest line before `line` that ends with `:` (the compound statement's header).
fn find_header_line(map: &SourceMap<'_>, line: u32) -> u32 {
    let mut l = line.saturating_sub(1);
    while l > 0 {
        if let Some(text) = map.line_text(l) {
            let code = text.split('#').next().unwrap_or("").trim_end();
            if code.ends_with(':') {
                return l;
            }
        }
        l -= 1;
    }
    line.saturating_sub(1).max(1)
}

fn expected_token(
    map: &SourceMap<'_>,
    err: &ParseError,
    expected: TokenKind,
    found: TokenKind,
) -> SyntaxError {
    let start = err.location.start().to_usize();
    match expected {
        TokenKind::Colon => map.error_at_offset(start, "expected ':'".to_string()),
        TokenKind::Indent => {
            let (line, _) = map.position(start);
            let header = find_header_line(map, line + 1);
            let text = map.line_text(header).unwrap_or_default();
            let keyword = text.split_whitespace().next().unwrap_or("");
            let keyword = keyword.split([':', '(']).next().unwrap_or("");
            let what = match keyword {
                "def" => "function definition".to_string(),
                "class" => "class definition".to_string(),
                "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally"
                | "with" | "match" | "case" => format!("'{keyword}' statement"),
                _ => "statement".to_string(),
            };
            // The caret goes under the first token of the line that should have been indented.
            let (bad_line, first_col) = next_code_line(map, line);
            let mut e = map.error_span(
                Span {
                    line: bad_line,
                    col: first_col,
                    end_line: bad_line,
                    end_col: first_col + 1,
                },
                format!("expected an indented block after {what} on line {header}"),
            );
            e.kind = "IndentationError";
            e
        }
        TokenKind::Comma if !matches!(found, TokenKind::Newline | TokenKind::EndOfFile) => map
            .error_at_offset(
                start,
                "invalid syntax. Perhaps you forgot a comma?".to_string(),
            ),
        _ => invalid_syntax_at(map, start),
    }
}

/// CPython's name for an expression that cannot be a target ("literal", "function call"...).
fn describe_target(text: &str) -> &'static str {
    let t = text.trim();
    let first = t.chars().next().unwrap_or(' ');
    if t.ends_with(')') && !t.starts_with('(') {
        "function call"
    } else if first.is_ascii_digit()
        || first == '"'
        || first == '\''
        || t.starts_with("b'")
        || t.starts_with("b\"")
        || t == "None"
        || t == "True"
        || t == "False"
        || t == "..."
    {
        if t == "None" || t == "True" || t == "False" {
            match t {
                "None" => "None",
                "True" => "True",
                _ => "False",
            }
        } else if t == "..." {
            "ellipsis"
        } else {
            "literal"
        }
    } else if t.starts_with("f'") || t.starts_with("f\"") {
        "f-string expression"
    } else if t.starts_with("lambda") {
        "lambda"
    } else if t.contains(" if ") {
        "conditional expression"
    } else if t.contains("==") || t.contains('<') || t.contains('>') || t.contains("!=") {
        "comparison"
    } else if t.contains(" and ") || t.contains(" or ") {
        "expression"
    } else if t.contains('+') || t.contains('-') || t.contains('*') || t.contains('/') {
        "expression"
    } else {
        "expression"
    }
}
