//! Python `str` methods over `&str`, with CPython 3.11's Unicode semantics and edge cases.
//!
//! Character properties come from tables generated out of CPython's own unicode database
//! (`unicode_tables`), because Python's definitions differ from Rust's `char` methods (`isalpha`
//! is the letter categories, `isspace` includes U+001C..U+001F, `isprintable` has no Rust
//! counterpart). Case mappings are CPython's full mappings including the final-sigma rule.
//! Indices taken and returned by the search functions are code-point indices, as Python sees
//! them; the runtime is free to use faster byte-index paths for ASCII strings. `str.format`,
//! `%` and `format()` live in their own modules.

use super::unicode_tables as t;
use super::{Error, Result};

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn lookup_map(table: &'static [(u32, &'static str)], c: char) -> Option<&'static str> {
    table
        .binary_search_by_key(&(c as u32), |&(k, _)| k)
        .ok()
        .map(|i| table[i].1)
}

/// `c.isspace()`.
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t'..='\r' | '\x1c'..='\x1f')
    } else {
        in_ranges(t::SPACE, c)
    }
}
/// `c.isalpha()`.
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(t::ALPHA, c)
    }
}
/// The decimal digit value (`unicodedata.decimal`), used by `int()` and `float()`.
pub fn decimal_value(c: char) -> Option<u32> {
    let c = c as u32;
    if c < 0x80 {
        return (0x30..=0x39).contains(&c).then(|| c - 0x30);
    }
    let i = t::DECIMAL_ZEROS.partition_point(|&z| z <= c);
    if i == 0 {
        return None;
    }
    let zero = t::DECIMAL_ZEROS[i - 1];
    (c - zero < 10).then_some(c - zero)
}
/// `c.isdecimal()`.
pub fn is_decimal(c: char) -> bool {
    decimal_value(c).is_some()
}
/// `c.isdigit()`.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(t::DIGIT, c)
    }
}
/// `c.isnumeric()`.
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(t::NUMERIC, c)
    }
}
/// `c.isalnum()`.
pub fn is_alnum(c: char) -> bool {
    is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
}
/// `c.isprintable()` (what `repr` leaves unescaped).
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        (' '..='~').contains(&c)
    } else {
        in_ranges(t::PRINTABLE, c)
    }
}
/// Lowercase property.
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_ranges(t::LOWER, c)
    }
}
/// Uppercase property.
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(t::UPPER, c)
    }
}
/// Titlecase letter (category Lt).
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(t::TITLE, c)
}
/// Cased property.
pub fn is_cased(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(t::CASED, c)
    }
}
fn is_case_ignorable(c: char) -> bool {
    in_ranges(t::CASE_IGNORABLE, c)
}
/// May start an identifier.
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic() || c == '_'
    } else {
        in_ranges(t::XID_START, c)
    }
}
/// May continue an identifier.
pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(t::XID_CONTINUE, c)
    }
}

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

/// `s.isspace()`.
pub fn isspace(s: &str) -> bool {
    all_nonempty(s, is_space)
}
/// `s.isalpha()`.
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, is_alpha)
}
/// `s.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, is_decimal)
}
/// `s.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, is_digit)
}
/// `s.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, is_numeric)
}
/// `s.isalnum()`.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, is_alnum)
}
/// `s.isprintable()` (true for the empty string).
pub fn isprintable(s: &str) -> bool {
    s.chars().all(is_printable)
}
/// `s.isascii()`.
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}
/// `s.isidentifier()`.
pub fn isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if is_xid_start(c) => it.all(is_xid_continue),
        _ => false,
    }
}
/// `s.islower()`: at least one cased character and no uppercase or titlecase ones.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            return false;
        }
        if !cased && is_lower(c) {
            cased = true;
        }
    }
    cased
}
/// `s.isupper()`.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if is_lower(c) || is_title(c) {
            return false;
        }
        if !cased && is_upper(c) {
            cased = true;
        }
    }
    cased
}
/// `s.istitle()`: uppercase/titlecase characters only after uncased ones, lowercase only after
/// cased ones, and at least one cased character.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_cased = false;
    for c in s.chars() {
        if is_upper(c) || is_title(c) {
            if previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else if is_lower(c) {
            if !previous_cased {
                return false;
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    cased
}

fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        match lookup_map(t::LOWER_MAP, c) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
}
fn push_upper(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_uppercase());
    } else {
        match lookup_map(t::UPPER_MAP, c) {
            Some(m) => out.push_str(m),
            None => out.push(c),
        }
    }
}
fn push_title(out: &mut String, c: char) {
    match lookup_map(t::TITLE_MAP, c) {
        Some(m) => out.push_str(m),
        None => push_upper(out, c),
    }
}

/// The final-sigma rule: capital sigma at index `i` lowercases to `ς` when preceded by a cased
/// letter and not followed by one (case-ignorable characters skipped on both sides).
fn final_sigma(chars: &[char], i: usize) -> bool {
    let before = chars[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    let after = chars[i + 1..].iter().find(|&&c| !is_case_ignorable(c));
    matches!(before, Some(&c) if is_cased(c)) && !matches!(after, Some(&c) if is_cased(c))
}

fn lower_into(out: &mut String, chars: &[char], i: usize) {
    if chars[i] == '\u{3a3}' {
        out.push(if final_sigma(chars, i) {
            '\u{3c2}'
        } else {
            '\u{3c3}'
        });
    } else {
        push_lower(out, chars[i]);
    }
}

/// `s.lower()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        lower_into(&mut out, &chars, i);
    }
    out
}
/// `s.upper()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_upper(&mut out, c);
    }
    out
}
/// `s.casefold()`.
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match lookup_map(t::CASEFOLD_MAP, c) {
            Some(m) => out.push_str(m),
            None => push_lower(&mut out, c),
        }
    }
    out
}
/// `s.swapcase()`.
pub fn swapcase(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if is_upper(c) {
            lower_into(&mut out, &chars, i);
        } else if is_lower(c) {
            push_upper(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}
/// `s.title()`: titlecase after an uncased character, lowercase after a cased one.
pub fn title(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut previous_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_cased {
            lower_into(&mut out, &chars, i);
        } else {
            push_title(&mut out, c);
        }
        previous_cased = is_cased(c);
    }
    out
}
/// `s.capitalize()`: first character titlecased, the rest lowercased (Python 3.8+).
pub fn capitalize(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for i in 0..chars.len() {
        if i == 0 {
            push_title(&mut out, chars[0]);
        } else {
            lower_into(&mut out, &chars, i);
        }
    }
    out
}

fn empty_separator() -> Error {
    Error::value("empty separator")
}

/// `s.split(sep, maxsplit)`; `maxsplit < 0` means no limit.
pub fn split<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<&'a str>> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    match sep {
        Some("") => return Err(empty_separator()),
        Some(sep) => {
            let mut rest = s;
            while out.len() < limit {
                match rest.find(sep) {
                    Some(i) => {
                        out.push(&rest[..i]);
                        rest = &rest[i + sep.len()..];
                    }
                    None => break,
                }
            }
            out.push(rest);
        }
        None => {
            let mut rest = s.trim_start_matches(is_space);
            while !rest.is_empty() {
                if out.len() >= limit {
                    out.push(rest);
                    break;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                out.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(is_space);
            }
        }
    }
    Ok(out)
}

/// `s.rsplit(sep, maxsplit)`.
pub fn rsplit<'a>(s: &'a str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<&'a str>> {
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    match sep {
        Some("") => return Err(empty_separator()),
        Some(sep) => {
            let mut rest = s;
            while out.len() < limit {
                match rest.rfind(sep) {
                    Some(i) => {
                        out.push(&rest[i + sep.len()..]);
                        rest = &rest[..i];
                    }
                    None => break,
                }
            }
            out.push(rest);
        }
        None => {
            let mut rest = s.trim_end_matches(is_space);
            while !rest.is_empty() {
                if out.len() >= limit {
                    out.push(rest);
                    break;
                }
                let start = rest
                    .rfind(is_space)
                    .map(|i| i + rest[i..].chars().next().map_or(1, char::len_utf8))
                    .unwrap_or(0);
                out.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(is_space);
            }
        }
    }
    out.reverse();
    Ok(out)
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s.splitlines(keepends)` with Python's line boundaries (`\r\n` counts as one).
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r'
            && let Some(&(_, '\n')) = it.peek()
        {
            it.next();
            end += 1;
        }
        out.push(if keepends {
            &s[start..end]
        } else {
            &s[start..i]
        });
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `s.strip(chars)`; `None` strips Python whitespace.
pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    rstrip(lstrip(s, chars), chars)
}
/// `s.lstrip(chars)`.
pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_start_matches(is_space),
        Some(set) => s.trim_start_matches(|c| set.contains(c)),
    }
}
/// `s.rstrip(chars)`.
pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_end_matches(is_space),
        Some(set) => s.trim_end_matches(|c| set.contains(c)),
    }
}

/// `s.partition(sep)`.
pub fn partition<'a>(s: &'a str, sep: &str) -> Result<(&'a str, &'a str, &'a str)> {
    if sep.is_empty() {
        return Err(empty_separator());
    }
    Ok(match s.find(sep) {
        Some(i) => (&s[..i], &s[i..i + sep.len()], &s[i + sep.len()..]),
        None => (s, "", ""),
    })
}
/// `s.rpartition(sep)`.
pub fn rpartition<'a>(s: &'a str, sep: &str) -> Result<(&'a str, &'a str, &'a str)> {
    if sep.is_empty() {
        return Err(empty_separator());
    }
    Ok(match s.rfind(sep) {
        Some(i) => (&s[..i], &s[i..i + sep.len()], &s[i + sep.len()..]),
        None => ("", "", s),
    })
}

fn pad(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// `s.center(width, fill)`; the odd extra space goes left only when both the margin and the width
/// are odd, as CPython's `pad` does.
pub fn center(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    pad(s, left as usize, (marg - left) as usize, fill)
}
/// `s.ljust(width, fill)`.
pub fn ljust(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        s.to_string()
    } else {
        pad(s, 0, (width - len) as usize, fill)
    }
}
/// `s.rjust(width, fill)`.
pub fn rjust(s: &str, width: i64, fill: char) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        s.to_string()
    } else {
        pad(s, (width - len) as usize, 0, fill)
    }
}
/// `s.zfill(width)`: zeros after a leading sign.
pub fn zfill(s: &str, width: i64) -> String {
    let len = s.chars().count() as i64;
    if width <= len {
        return s.to_string();
    }
    let zeros = "0".repeat((width - len) as usize);
    match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &s[1..]),
        _ => zeros + s,
    }
}
/// `s.expandtabs(tabsize)`: the column restarts after `\n` and `\r`; a non-positive tab size
/// removes tabs.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut column: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - column % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    column += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// Normalises Python slice bounds `start`/`end` (possibly negative or out of range) against a
/// length, as `ADJUST_INDICES`.
pub fn adjust_indices(len: usize, start: Option<i64>, end: Option<i64>) -> (usize, usize) {
    let len = len as i64;
    let fix = |v: i64| if v < 0 { (v + len).max(0) } else { v.min(len) };
    let start = start.map_or(0, |v| if v < 0 { (v + len).max(0) } else { v });
    let end = end.map_or(len, fix);
    (start as usize, end as usize)
}

/// Byte offset of code-point index `i` (or the end).
fn byte_at(s: &str, i: usize) -> usize {
    if s.is_ascii() {
        return i.min(s.len());
    }
    s.char_indices().nth(i).map_or(s.len(), |(b, _)| b)
}

fn char_index(s: &str, byte: usize) -> usize {
    if s.is_ascii() {
        byte
    } else {
        s[..byte].chars().count()
    }
}

/// The window `s[start:end]` of a search, or `None` when `start > len` or `end < start` (CPython
/// then finds nothing, not even the empty string).
fn window(s: &str, start: Option<i64>, end: Option<i64>) -> Option<(usize, usize)> {
    let len = if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    };
    let (start, end) = adjust_indices(len, start, end);
    if start > len || end < start {
        return None;
    }
    Some((start, end))
}

/// `s.find(sub, start, end)` in code points; -1 when absent.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    search(s, sub, start, end, |hay, sub| hay.find(sub))
}
/// `s.rfind(sub, start, end)`.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    search(s, sub, start, end, |hay, sub| hay.rfind(sub))
}
/// `find`/`rfind` over the window `start..end`: `locate` returns a byte offset in the window.
fn search(
    s: &str,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
    locate: fn(&str, &str) -> Option<usize>,
) -> i64 {
    let Some((a, b)) = window(s, start, end) else {
        return -1;
    };
    if b - a < sub.chars().count() {
        return -1;
    }
    let (ba, bb) = (byte_at(s, a), byte_at(s, b));
    match locate(&s[ba..bb], sub) {
        Some(i) => char_index(s, ba + i) as i64,
        None => -1,
    }
}
/// `s.count(sub, start, end)`: non-overlapping; the empty string occurs `len + 1` times.
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> usize {
    let Some((a, b)) = window(s, start, end) else {
        return 0;
    };
    if sub.is_empty() {
        return b - a + 1;
    }
    let (ba, bb) = (byte_at(s, a), byte_at(s, b));
    s[ba..bb].matches(sub).count()
}
/// `s.replace(old, new, count)`; `count < 0` replaces all. An empty `old` inserts `new` before
/// every character and at the end.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    let limit = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    if old.is_empty() {
        let mut out = String::with_capacity(s.len());
        let mut done = 0;
        for c in s.chars() {
            if done < limit {
                out.push_str(new);
                done += 1;
            }
            out.push(c);
        }
        if done < limit {
            out.push_str(new);
        }
        return out;
    }
    if limit == usize::MAX {
        return s.replace(old, new);
    }
    s.replacen(old, new, limit)
}
/// `s.startswith(prefix, start, end)` for one prefix.
pub fn startswith(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    let Some((a, b)) = window(s, start, end) else {
        return false;
    };
    let (ba, bb) = (byte_at(s, a), byte_at(s, b));
    s[ba..bb].starts_with(prefix)
}
/// `s.endswith(suffix, start, end)` for one suffix.
pub fn endswith(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    let Some((a, b)) = window(s, start, end) else {
        return false;
    };
    let (ba, bb) = (byte_at(s, a), byte_at(s, b));
    s[ba..bb].ends_with(suffix)
}

fn push_escape(out: &mut String, c: char) {
    let code = c as u32;
    if code <= 0xff {
        out.push_str(&format!("\\x{code:02x}"));
    } else if code <= 0xffff {
        out.push_str(&format!("\\u{code:04x}"));
    } else {
        out.push_str(&format!("\\U{code:08x}"));
    }
}

fn quote(s: &str, ascii_only: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => push_escape(&mut out, c),
            c if c.is_ascii() => out.push(c),
            c if ascii_only || !is_printable(c) => push_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `repr(s)`: single quotes unless the string has `'` and no `"`; escapes `\\`, the quote, `\t`,
/// `\n`, `\r`, other control characters as `\xNN`, non-printable characters as `\xNN`, `\uNNNN`
/// or `\UNNNNNNNN`.
pub fn repr(s: &str) -> String {
    quote(s, false)
}
/// `ascii(s)`: `repr` with every non-ASCII character escaped.
pub fn ascii(s: &str) -> String {
    quote(s, true)
}
/// `ascii()` applied to an already computed `repr` text (what `ascii(obj)` does for any object).
pub fn ascii_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c)
        } else {
            push_escape(&mut out, c)
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_on_whitespace_runs_and_maxsplit() {
        assert_eq!(split("  a  b  c  ", None, -1).unwrap(), ["a", "b", "c"]);
        assert_eq!(split("  a  b  c  ", None, 1).unwrap(), ["a", "b  c  "]);
        assert_eq!(rsplit("  a  b  c  ", None, 1).unwrap(), ["  a  b", "c"]);
        assert_eq!(split("", None, -1).unwrap(), Vec::<&str>::new());
        assert_eq!(split("a,,b", Some(","), -1).unwrap(), ["a", "", "b"]);
        assert_eq!(split("", Some(","), -1).unwrap(), [""]);
        assert_eq!(rsplit("a,b,c", Some(","), 1).unwrap(), ["a,b", "c"]);
        assert_eq!(
            split("a\u{1c}b\u{3000}c", None, -1).unwrap(),
            ["a", "b", "c"]
        );
        assert_eq!(
            split("a", Some(""), -1).unwrap_err().message,
            "empty separator"
        );
    }

    #[test]
    fn splitlines_uses_python_boundaries() {
        assert_eq!(
            splitlines("a\r\nb\rc\x0bd\u{2028}e\n", false),
            ["a", "b", "c", "d", "e"]
        );
        assert_eq!(splitlines("a\r\nb\n\n", true), ["a\r\n", "b\n", "\n"]);
        assert_eq!(splitlines("", false), Vec::<&str>::new());
    }

    #[test]
    fn center_puts_odd_space_as_cpython() {
        assert_eq!(center("ab", 5, '*'), "**ab*");
        assert_eq!(center("abc", 6, '*'), "*abc**");
        assert_eq!(center("a", 4, '*'), "*a**");
        assert_eq!(zfill("-42", 6), "-00042");
        assert_eq!(zfill("+", 3), "+00");
        assert_eq!(expandtabs("a\tbc\td\n\tx", 4), "a   bc  d\n    x");
    }

    #[test]
    fn search_edge_cases_match_cpython() {
        assert_eq!(find("abc", "", Some(3), None), 3);
        assert_eq!(find("abc", "", Some(4), None), -1);
        assert_eq!(count("abc", "", None, None), 4);
        assert_eq!(count("aaaa", "aa", None, None), 2);
        assert_eq!(count("abc", "", Some(5), None), 0);
        assert_eq!(rfind("héllo héllo", "é", None, None), 7);
        assert_eq!(find("héllo", "l", Some(-2), None), 3);
        assert_eq!(replace("abc", "", "-", -1), "-a-b-c-");
        assert_eq!(replace("abc", "", "-", 2), "-a-bc");
        assert_eq!(replace("aaa", "a", "b", 2), "bba");
        assert!(startswith("hello", "ell", Some(1), None));
        assert!(!startswith("hello", "", Some(6), None));
    }

    #[test]
    fn case_mappings_follow_cpython() {
        assert_eq!(upper("straße"), "STRASSE");
        assert_eq!(lower("ΟΔΟΣ ΟΔΟΣ."), "οδος οδος.");
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(title("hello wORLD 3rd ǆx"), "Hello World 3Rd ǅx");
        assert_eq!(capitalize("ǆUNGLE"), "ǅungle");
        assert_eq!(swapcase("Hello ß"), "hELLO SS");
        assert!(istitle("Hello World") && !istitle("Hello world") && !istitle("123"));
        assert!(islower("abc1") && !islower("1") && isupper("ABC1"));
    }

    #[test]
    fn predicates_use_python_categories() {
        assert!(isdigit("²") && !isdecimal("²") && isnumeric("½一"));
        assert!(isdecimal("١٢٣") && isalpha("é") && !isalpha("Ⅷ"));
        assert!(isspace("\u{1c}\u{85}") && !isspace(""));
        assert!(isidentifier("_x1") && !isidentifier("1x") && isidentifier("été"));
        assert!(isprintable("") && !isprintable("\u{7f}") && !isprintable("\u{a0}"));
    }

    #[test]
    fn repr_chooses_quotes_and_escapes() {
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("'\""), "'\\'\"'");
        assert_eq!(
            repr("a\tb\n\x00\x7f\u{a0}é\u{200b}😀\u{e0001}"),
            "'a\\tb\\n\\x00\\x7f\\xa0é\\u200b😀\\U000e0001'"
        );
        assert_eq!(ascii("é😀"), "'\\xe9\\U0001f600'");
    }

    #[test]
    fn table_generated_by_cpython_matches() {
        use super::super::int_parse::ParsedInt;
        use super::super::json::{JsonValue, loads};
        fn text(v: &JsonValue) -> Option<&str> {
            match v {
                JsonValue::Str(s) => Some(s),
                _ => None,
            }
        }
        fn int(v: &JsonValue) -> Option<i64> {
            match v {
                JsonValue::Int(ParsedInt::Small(i)) => Some(*i),
                _ => None,
            }
        }
        fn show(v: Vec<&str>) -> String {
            format!("{v:?}")
        }
        let data = include_str!("testdata/strings.txt");
        let mut checked = 0;
        for line in data.lines() {
            let mut parts = line.split('\t');
            let (method, args, want) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            let JsonValue::Array(args) = loads(args).unwrap() else {
                panic!()
            };
            let want = loads(want).unwrap();
            let want_text = match &want {
                JsonValue::Str(s) => format!("{s:?}"),
                JsonValue::Int(ParsedInt::Small(i)) => i.to_string(),
                JsonValue::Bool(b) => b.to_string(),
                JsonValue::Array(items) => {
                    if items.iter().all(|i| matches!(i, JsonValue::Bool(_))) {
                        format!(
                            "{:?}",
                            items
                                .iter()
                                .map(|i| matches!(i, JsonValue::Bool(true)))
                                .collect::<Vec<_>>()
                        )
                    } else {
                        show(items.iter().map(|i| text(i).unwrap()).collect())
                    }
                }
                other => panic!("{other:?}"),
            };
            let s = text(&args[0]).unwrap();
            let err = |e: Error| format!("{:?}", format!("!{}", e.message));
            let got = match method {
                "split" | "rsplit" => {
                    let f = if method == "split" { split } else { rsplit };
                    f(s, text(&args[1]), int(&args[2]).unwrap())
                        .map(show)
                        .unwrap_or_else(err)
                }
                "strip" => format!("{:?}", strip(s, text(&args[1]))),
                "lstrip" => format!("{:?}", lstrip(s, text(&args[1]))),
                "rstrip" => format!("{:?}", rstrip(s, text(&args[1]))),
                "splitlines" => show(splitlines(s, matches!(args[1], JsonValue::Bool(true)))),
                "partition" | "rpartition" => {
                    let f = if method == "partition" {
                        partition
                    } else {
                        rpartition
                    };
                    f(s, text(&args[1]).unwrap())
                        .map(|(a, b, c)| show(vec![a, b, c]))
                        .unwrap_or_else(err)
                }
                "center" | "ljust" | "rjust" => {
                    let f = match method {
                        "center" => center,
                        "ljust" => ljust,
                        _ => rjust,
                    };
                    let fill = text(&args[2]).unwrap().chars().next().unwrap();
                    format!("{:?}", f(s, int(&args[1]).unwrap(), fill))
                }
                "zfill" => format!("{:?}", zfill(s, int(&args[1]).unwrap())),
                "expandtabs" => format!("{:?}", expandtabs(s, int(&args[1]).unwrap())),
                "find" | "rfind" | "count" | "startswith" | "endswith" => {
                    let sub = text(&args[1]).unwrap();
                    let (a, b) = (int(&args[2]), int(&args[3]));
                    match method {
                        "find" => find(s, sub, a, b).to_string(),
                        "rfind" => rfind(s, sub, a, b).to_string(),
                        "count" => count(s, sub, a, b).to_string(),
                        "startswith" => startswith(s, sub, a, b).to_string(),
                        _ => endswith(s, sub, a, b).to_string(),
                    }
                }
                "replace" => format!(
                    "{:?}",
                    replace(
                        s,
                        text(&args[1]).unwrap(),
                        text(&args[2]).unwrap(),
                        int(&args[3]).unwrap()
                    )
                ),
                "repr" => format!("{:?}", repr(s)),
                "ascii" => format!("{:?}", ascii(s)),
                "preds" => format!(
                    "{:?}",
                    [
                        isspace(s),
                        isalpha(s),
                        isdecimal(s),
                        isdigit(s),
                        isnumeric(s),
                        isalnum(s),
                        isprintable(s),
                        isascii(s),
                        isidentifier(s),
                        islower(s),
                        isupper(s),
                        istitle(s)
                    ]
                ),
                "title" => format!("{:?}", title(s)),
                "capitalize" => format!("{:?}", capitalize(s)),
                "swapcase" => format!("{:?}", swapcase(s)),
                "lower" => format!("{:?}", lower(s)),
                "upper" => format!("{:?}", upper(s)),
                "casefold" => format!("{:?}", casefold(s)),
                other => panic!("unknown method {other}"),
            };
            assert_eq!(got, want_text, "{line}");
            checked += 1;
        }
        assert!(checked >= 2500);
    }
}
