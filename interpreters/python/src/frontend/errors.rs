//! Ruff's parse errors, reworded and relocated as CPython 3.11 reports them.
//!
//! CPython's messages come from its PEG grammar's error rules and its tokenizer; Ruff's from a
//! hand-written recursive-descent parser. This module maps the common cases one by one (each arm
//! names the CPython message it produces) and falls back to CPython's generic `invalid syntax` at
//! Ruff's location. It does not try to reproduce every special message of CPython's grammar.

use ruff_python_ast::token::TokenKind;
use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType};
use ruff_text_size::{Ranged, TextSize};

use super::scan::scan;
use super::{SourceMap, SyntaxError};
use crate::ast::Span;

/// Converts a Ruff parse error into CPython's `SyntaxError`.
pub fn convert(map: &SourceMap<'_>, err: &ParseError) -> SyntaxError {
    let start = err.location.start().to_usize();
    // Tokenizer errors CPython reports before the parser's, if they come first.
    let scanned = scan(map.source);
    if let Some(offset) = scanned.tab_error
        && map.position(offset).0 <= map.position(start).0
    {
        let (line, _) = map.position(offset);
        let mut e = map.error_at_offset(
            offset,
            "inconsistent use of tabs and spaces in indentation".to_string(),
        );
        e.kind = "TabError";
        e.line = line;
        e.col = 0;
        e.end_col = 0;
        return e;
    }
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
    if let Some(e) = bad_number(map, start) {
        return e;
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
        ParseErrorType::InvalidArgumentUnpackingOrder => map.error_at_offset(
            start,
            "iterable argument unpacking follows keyword argument unpacking".to_string(),
        ),
        // CPython reports these at the last token it read: the call's closing parenthesis.
        ParseErrorType::PositionalAfterKeywordArgument => map.error_at_offset(
            closing_paren(map, err.location.end().to_usize()),
            "positional argument follows keyword argument".to_string(),
        ),
        ParseErrorType::PositionalAfterKeywordUnpacking => map.error_at_offset(
            closing_paren(map, err.location.end().to_usize()),
            "positional argument follows keyword argument unpacking".to_string(),
        ),
        ParseErrorType::NonDefaultParamAfterDefaultParam => map.error_at(
            err.location,
            "non-default argument follows default argument".to_string(),
        ),
        ParseErrorType::ExpectedKeywordParam => {
            map.error_at_offset(start, "named arguments must follow bare *".to_string())
        }
        ParseErrorType::ParamAfterVarKeywordParam => map.error_at_offset(
            start,
            "arguments cannot follow var-keyword argument".to_string(),
        ),
        ParseErrorType::InvalidAssignmentTarget => {
            let what = describe_target(map.text(err.location));
            // CPython adds its `==` hint only when the whole target of an assignment statement
            // is invalid (not an element of a tuple/list target) and is not a keyword constant.
            let after = map
                .source
                .get(err.location.end().to_usize()..)
                .unwrap_or("")
                .trim_start_matches([' ', '\t']);
            let before = map
                .source
                .get(..start)
                .unwrap_or("")
                .trim_end_matches([' ', '\t']);
            // A later target of a chained assignment, or an element of a tuple/list target.
            let nested = before.ends_with([',', '[', '='])
                || after.starts_with([',', ']'])
                || (before.ends_with('(') && !after.starts_with(')'));
            let keyword = matches!(what, "None" | "True" | "False");
            let after_parens = after.trim_start_matches([')', ' ', '\t']);
            let assignment = after_parens.starts_with('=') && !after_parens.starts_with("==");
            if nested || keyword || !assignment {
                return map.error_at(err.location, format!("cannot assign to {what}"));
            }
            if what == "yield expression" {
                return map.error_at(
                    err.location,
                    "assignment to yield expression not possible".to_string(),
                );
            }
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
        ParseErrorType::UnparenthesizedGeneratorExpression => map.error_at(
            err.location,
            "Generator expression must be parenthesized".to_string(),
        ),
        ParseErrorType::FStringError(e) => {
            let text = e.to_string();
            let message = if text == "invalid conversion character" {
                "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_string()
            } else {
                // Ruff quotes with backticks (`expecting `}``), CPython with apostrophes.
                format!("f-string: {}", text.replace('`', "'"))
            };
            match after_string_sequence(map, start) {
                Some((from, to)) => error_range(map, from, to, &message),
                None => map.error_at_offset(start, message),
            }
        }
        _ => invalid_syntax_at(map, start),
    }
}

/// Where CPython 3.11 reports an error inside an f-string: its parser reads the whole implicit
/// concatenation of string literals and one more token before the f-strings are parsed, and the
/// error takes the range of that next token (the `)` of `print(f"{x!z}")`, the end of the line,
/// or a comment ending the line). `offset` is a position inside the f-string; None if the tokens
/// do not show the string.
fn after_string_sequence(map: &SourceMap<'_>, offset: usize) -> Option<(usize, usize)> {
    let parsed = ruff_python_parser::parse_unchecked_source(
        map.source,
        ruff_python_ast::PySourceType::Python,
    );
    let tokens: &[ruff_python_ast::token::Token] = parsed.tokens();
    let at = TextSize::from(u32::try_from(offset).ok()?);
    let first = tokens.iter().position(|t| t.range().end() > at)?;
    // The f-string nesting at the error: starts minus ends before it.
    let mut depth: i64 = tokens[..first]
        .iter()
        .map(|t| match t.kind() {
            TokenKind::FStringStart => 1,
            TokenKind::FStringEnd => -1,
            _ => 0,
        })
        .sum();
    let range = |t: &ruff_python_ast::token::Token| {
        let r = t.range();
        let to = if t.kind() == TokenKind::Newline {
            usize::from(r.start()) + 1
        } else {
            usize::from(r.end())
        };
        Some((usize::from(r.start()), to))
    };
    for (i, t) in tokens.iter().enumerate().skip(first) {
        match t.kind() {
            TokenKind::FStringStart => depth += 1,
            TokenKind::FStringEnd => depth -= 1,
            _ if depth > 0 => {}
            // A comment before the end of the logical line is part of CPython's NEWLINE token.
            TokenKind::Comment
                if tokens.get(i + 1).map(|n| n.kind()) == Some(TokenKind::Newline) =>
            {
                return range(t);
            }
            TokenKind::String | TokenKind::Comment | TokenKind::NonLogicalNewline => {}
            _ => return range(t),
        }
    }
    None
}

/// CPython's tokenizer errors for malformed number literals, if the error is at or just after
/// one: leading zeros, digits invalid for the base, a prefix without digits, a trailing `_`,
/// letters glued to a decimal number.
fn bad_number(map: &SourceMap<'_>, offset: usize) -> Option<SyntaxError> {
    let bytes = map.source.as_bytes();
    let is_part = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'.';
    // The number-like token containing `offset` or ending just before it.
    let mut start = offset.min(bytes.len());
    while start > 0 && is_part(bytes[start - 1]) {
        start -= 1;
    }
    if start > 0 && bytes[start - 1] >= 0x80 {
        return None;
    }
    if start >= bytes.len() || !bytes[start].is_ascii_digit() {
        return None;
    }
    let mut end = start;
    while end < bytes.len() && is_part(bytes[end]) {
        end += 1;
    }
    let tok = &map.source[start..end];
    let lower = tok.to_ascii_lowercase();
    let err = |at: usize, msg: &str| Some(map.error_at_offset(at, msg.to_string()));
    for (prefix, name, valid) in [
        ("0x", "hexadecimal", "0123456789abcdef_"),
        ("0o", "octal", "01234567_"),
        ("0b", "binary", "01_"),
    ] {
        if let Some(digits) = lower.strip_prefix(prefix) {
            if digits.is_empty() {
                return err(start + 2, &format!("invalid {name} literal"));
            }
            if let Some(pos) = digits.find(|c: char| !valid.contains(c)) {
                let c = digits[pos..].chars().next().unwrap_or('?');
                if c.is_ascii_digit() {
                    return err(
                        start + 2 + pos,
                        &format!("invalid digit '{c}' in {name} literal"),
                    );
                }
                return err(start, &format!("invalid {name} literal"));
            }
            if digits.ends_with('_') {
                return err(start + tok.len() - 1, &format!("invalid {name} literal"));
            }
            return None;
        }
    }
    let int_part: String = tok
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '_')
        .collect();
    if int_part.len() > 1
        && int_part.starts_with('0')
        && int_part.chars().any(|c| c != '0' && c != '_')
        && !tok[int_part.len()..].starts_with(['.', 'e', 'E', 'j', 'J'])
    {
        return err(
            start,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        );
    }
    if int_part.ends_with('_') {
        return err(start + int_part.len() - 1, "invalid decimal literal");
    }
    // Letters glued to a decimal literal (other than an exponent, `j` or a valid float).
    let rest = &tok[int_part.len()..];
    let rest_ok = rest.is_empty()
        || rest.parse::<f64>().is_ok()
        || format!("0{rest}").parse::<f64>().is_ok()
        || rest.eq_ignore_ascii_case("j")
        || rest
            .strip_suffix(['j', 'J'])
            .is_some_and(|r| format!("0{r}").parse::<f64>().is_ok());
    if !rest_ok {
        return err(start, "invalid decimal literal");
    }
    None
}

/// The offset of the `)` closing the bracket that `offset` is inside (or `offset` if none).
fn closing_paren(map: &SourceMap<'_>, offset: usize) -> usize {
    let bytes = map.source.as_bytes();
    let mut level = 0i32;
    let mut i = offset;
    while i < bytes.len() {
        match bytes[i] {
            b'(' | b'[' | b'{' => level += 1,
            b')' | b']' | b'}' => {
                if level == 0 {
                    return i;
                }
                level -= 1;
            }
            _ => {}
        }
        i += 1;
    }
    offset
}

fn is_indentation_error(e: &ParseErrorType) -> bool {
    matches!(
        e,
        ParseErrorType::UnexpectedIndentation
            | ParseErrorType::Lexical(LexicalErrorType::IndentationError)
    )
}

/// The byte offset one past the token starting at `offset` (a word, a number, or one character).
fn token_end(map: &SourceMap<'_>, offset: usize) -> usize {
    let rest = map.source.get(offset..).unwrap_or("");
    let word: usize = rest
        .char_indices()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .map(|(i, c)| i + c.len_utf8())
        .last()
        .unwrap_or(0);
    if word > 0 {
        offset + word
    } else {
        offset + rest.chars().next().map_or(1, |c| c.len_utf8())
    }
}

/// The byte offset where the operand ending just before `offset` starts: a dotted name, number
/// or string, possibly followed by bracketed calls/subscripts (skipping whitespace first).
fn previous_operand_start(map: &SourceMap<'_>, offset: usize) -> usize {
    let bytes = map.source.as_bytes();
    let mut i = offset.min(bytes.len());
    while i > 0 && (bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
        i -= 1;
    }
    loop {
        if i > 0 && matches!(bytes[i - 1], b')' | b']' | b'}') {
            let mut level = 0i32;
            while i > 0 {
                i -= 1;
                match bytes[i] {
                    b')' | b']' | b'}' => level += 1,
                    b'(' | b'[' | b'{' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
        } else if i > 0 && (bytes[i - 1] == b'"' || bytes[i - 1] == b'\'') {
            let quote = bytes[i - 1];
            i -= 1;
            while i > 0 && bytes[i - 1] != quote {
                i -= 1;
            }
            i = i.saturating_sub(1);
            break;
        }
        let before = i;
        while i > 0
            && (bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b'.'
                || bytes[i - 1] >= 0x80)
        {
            i -= 1;
        }
        if i == before || !(i > 0 && matches!(bytes[i - 1], b')' | b']' | b'}')) {
            break;
        }
    }
    // Never split a UTF-8 sequence.
    while i < bytes.len() && !map.source.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A `SyntaxError` with carets from byte `from` to byte `to`.
fn error_range(map: &SourceMap<'_>, from: usize, to: usize, message: &str) -> SyntaxError {
    let (line, col) = map.position(from);
    let (end_line, end_col) = map.position(to.max(from));
    map.error_span(
        Span {
            line,
            col,
            end_line,
            end_col,
        },
        message.to_string(),
    )
}

/// `invalid syntax` with carets under the token at byte `offset` (CPython's generic error), or
/// CPython's special message for a Python 2 `print`/`exec` statement.
fn invalid_syntax_at(map: &SourceMap<'_>, offset: usize) -> SyntaxError {
    let (line, col) = map.position(offset);
    if let Some(text) = map.line_text(line) {
        let code = text.trim_start();
        let line_start = map.source.get(..offset).map_or(0, |before| {
            before.len()
                - before
                    .chars()
                    .rev()
                    .take(col as usize)
                    .map(char::len_utf8)
                    .sum::<usize>()
        });
        for kw in ["print", "exec"] {
            if let Some(rest) = code.strip_prefix(kw)
                && rest.starts_with(' ')
                && rest
                    .trim_start()
                    .starts_with(|c: char| c.is_alphanumeric() || c == '"' || c == '\'' || c == '_')
            {
                let from = line_start + (text.len() - code.len());
                let to = line_start + text.trim_end().len();
                if offset > from && offset <= to {
                    return error_range(
                        map,
                        from,
                        to,
                        &format!("Missing parentheses in call to '{kw}'. Did you mean {kw}(...)?"),
                    );
                }
            }
        }
    }
    let end = if map
        .source
        .get(offset..)
        .is_none_or(|r| r.is_empty() || r.starts_with(['\n', '\r']))
    {
        offset + 1
    } else {
        token_end(map, offset)
    };
    error_range(map, offset, end, "invalid syntax")
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
    if msg.starts_with("Expected `except` or `finally`") {
        return error_range(
            map,
            start,
            token_end(map, start),
            "expected 'except' or 'finally' block",
        );
    }
    invalid_syntax_at(map, start)
}

/// `expected an indented block after 'if' statement on line 1` (an IndentationError).
fn indented_block(map: &SourceMap<'_>, err: &ParseError, rest: &str) -> SyntaxError {
    let start = err.location.start().to_usize();
    let what = rest.trim_end_matches('.').replace('`', "'");
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
        TokenKind::Colon if matches!(found, TokenKind::Rbrace | TokenKind::Comma) => {
            // A dict display item without its value.
            let from = previous_operand_start(map, start);
            let key = map.source.get(from..start).unwrap_or("").trim_end();
            error_range(
                map,
                from,
                from + key.len(),
                "':' expected after dictionary key",
            )
        }
        TokenKind::Colon if found == TokenKind::Equal => {
            // `if x = 1:`
            let from = previous_operand_start(map, start);
            let rest = map.source.get(start + 1..).unwrap_or("");
            let value_at = start + 1 + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
            error_range(
                map,
                from,
                token_end(map, value_at),
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            )
        }
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
        TokenKind::Comma if !matches!(found, TokenKind::Newline | TokenKind::EndOfFile) => {
            let from = previous_operand_start(map, start);
            error_range(
                map,
                from,
                token_end(map, start),
                "invalid syntax. Perhaps you forgot a comma?",
            )
        }
        TokenKind::Else => {
            // `x if cond` without `else`: the range covers the conditional expression.
            let (_, col) = map.position(start);
            let before_all = map.source.get(..start).unwrap_or("");
            let line_start = before_all.len()
                - before_all
                    .chars()
                    .rev()
                    .take(col as usize)
                    .map(char::len_utf8)
                    .sum::<usize>();
            let before = &map.source[line_start..start];
            match before.rfind(" if ") {
                Some(pos) => {
                    let from = previous_operand_start(map, line_start + pos);
                    let to = line_start + before.trim_end().len();
                    error_range(map, from, to, "expected 'else' after 'if' expression")
                }
                None => invalid_syntax_at(map, start),
            }
        }
        _ => invalid_syntax_at(map, start),
    }
}

/// CPython's name for an expression that cannot be a target ("literal", "function call"...).
fn describe_target(text: &str) -> &'static str {
    let t = text.trim();
    let first = t.chars().next().unwrap_or(' ');
    if t.starts_with("yield") {
        "yield expression"
    } else if t.starts_with('(') && t.ends_with(')') && t.contains(',') {
        "tuple"
    } else if t.starts_with('[') && t.ends_with(']') {
        "list"
    } else if t.ends_with(')') && !t.starts_with('(') {
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
    } else {
        "expression"
    }
}
