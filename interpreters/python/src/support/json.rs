//! JSON as CPython 3.11's `json` module with its C accelerator: the scanner behind `json.loads`
//! and the string/float encoding behind `json.dumps`.
//!
//! The scanner follows `Modules/_json.c` (`scan_once_unicode`, `_parse_object_unicode`,
//! `_match_number_unicode`, `scanstring_unicode`) so that every malformed document fails with
//! the same message at the same position ("Expecting value: line 1 column 1 (char 0)"); positions
//! are code-point offsets, as Python reports them. It produces a neutral [`JsonValue`] tree; the
//! runtime turns it into Python objects and applies `object_hook`, `parse_float` and friends.
//! Strings holding a lone surrogate (`"\ud800"`) cannot be represented in Rust and are rejected
//! with a clear error rather than altered. Walking Python objects for `dumps` (key coercion,
//! `default`, circular checks, indentation) is the runtime's; this module encodes the leaves.

use super::int_parse::ParsedInt;
use super::{Error, ErrorKind, Result};
use num_bigint::BigInt;

/// A decoded JSON document.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    Int(ParsedInt),
    Float(f64),
    Str(String),
    Array(Vec<JsonValue>),
    /// Members in document order; later duplicates win when the runtime builds a dict.
    Object(Vec<(String, JsonValue)>),
}

/// A `JSONDecodeError`: the message without position, and the position as CPython computes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub msg: &'static str,
    /// Code-point offset into the document.
    pub pos: usize,
    pub lineno: usize,
    pub colno: usize,
}

impl DecodeError {
    /// The exception's text: `"<msg>: line L column C (char P)"`.
    pub fn message(&self) -> String {
        format!(
            "{}: line {} column {} (char {})",
            self.msg, self.lineno, self.colno, self.pos
        )
    }
}

impl From<DecodeError> for Error {
    fn from(e: DecodeError) -> Error {
        Error::new(ErrorKind::JsonDecodeError, e.message())
    }
}

enum Fail {
    /// CPython's StopIteration: no value starts here ("Expecting value" at this position).
    NoValue(usize),
    Error(&'static str, usize),
    Unsupported(&'static str),
}

struct Scanner<'a> {
    s: &'a [char],
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Scanner<'_> {
    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && is_ws(self.s[i]) {
            i += 1;
        }
        i
    }

    fn starts(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, c)| self.s.get(i + k) == Some(&c))
    }

    fn scan_once(&self, i: usize) -> std::result::Result<(JsonValue, usize), Fail> {
        let Some(&c) = self.s.get(i) else {
            return Err(Fail::NoValue(i));
        };
        match c {
            '"' => {
                let (s, end) = self.scan_string(i + 1)?;
                Ok((JsonValue::Str(s), end))
            }
            '{' => self.parse_object(i + 1),
            '[' => self.parse_array(i + 1),
            'n' if self.starts(i, "null") => Ok((JsonValue::Null, i + 4)),
            't' if self.starts(i, "true") => Ok((JsonValue::Bool(true), i + 4)),
            'f' if self.starts(i, "false") => Ok((JsonValue::Bool(false), i + 5)),
            'N' if self.starts(i, "NaN") => Ok((JsonValue::Float(f64::NAN), i + 3)),
            'I' if self.starts(i, "Infinity") => Ok((JsonValue::Float(f64::INFINITY), i + 8)),
            '-' if self.starts(i, "-Infinity") => Ok((JsonValue::Float(f64::NEG_INFINITY), i + 9)),
            _ => self.match_number(i),
        }
    }

    fn match_number(&self, start: usize) -> std::result::Result<(JsonValue, usize), Fail> {
        let s = self.s;
        let digit = |i: usize| s.get(i).is_some_and(|c| c.is_ascii_digit());
        let mut i = start;
        if s.get(i) == Some(&'-') {
            i += 1;
            if i >= s.len() {
                return Err(Fail::NoValue(start));
            }
        }
        match s.get(i) {
            Some('1'..='9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some('0') => i += 1,
            _ => return Err(Fail::NoValue(start)),
        }
        let mut is_float = false;
        if s.get(i) == Some(&'.') && digit(i + 1) {
            is_float = true;
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if matches!(s.get(i), Some('e' | 'E')) {
            let e_start = i;
            i += 1;
            if matches!(s.get(i), Some('-' | '+')) {
                i += 1;
            }
            while digit(i) {
                i += 1;
            }
            if digit(i - 1) {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text: String = s[start..i].iter().collect();
        if is_float {
            // The text matches JSON's number grammar, which Rust's parser accepts.
            let v = text.parse::<f64>().unwrap_or(f64::NAN);
            Ok((JsonValue::Float(v), i))
        } else {
            let v = match text.parse::<i64>() {
                Ok(v) => ParsedInt::Small(v),
                Err(_) => ParsedInt::Big(text.parse::<BigInt>().unwrap_or_default()),
            };
            Ok((JsonValue::Int(v), i))
        }
    }

    fn hex4(&self, at: usize, err_pos: usize) -> std::result::Result<u32, Fail> {
        let mut v = 0;
        for k in 0..4 {
            let d = self.s[at + k]
                .to_digit(16)
                .ok_or(Fail::Error("Invalid \\uXXXX escape", err_pos))?;
            v = v * 16 + d;
        }
        Ok(v)
    }

    /// Scans a string whose opening quote is at `end - 1`; returns it and the index after the
    /// closing quote.
    fn scan_string(&self, mut end: usize) -> std::result::Result<(String, usize), Fail> {
        let s = self.s;
        let len = s.len();
        let begin = end - 1;
        let mut out = String::new();
        loop {
            let mut next = end;
            let mut c = '\0';
            while next < len {
                c = s[next];
                if c == '"' || c == '\\' {
                    break;
                }
                if (c as u32) <= 0x1f {
                    return Err(Fail::Error("Invalid control character at", next));
                }
                next += 1;
            }
            if next >= len {
                return Err(Fail::Error("Unterminated string starting at", begin));
            }
            out.extend(&s[end..next]);
            if c == '"' {
                return Ok((out, next + 1));
            }
            next += 1;
            if next == len {
                return Err(Fail::Error("Unterminated string starting at", begin));
            }
            let e = s[next];
            if e != 'u' {
                end = next + 1;
                let ch = match e {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return Err(Fail::Error("Invalid \\escape", end - 2)),
                };
                out.push(ch);
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(Fail::Error("Invalid \\uXXXX escape", next - 1));
            }
            let mut code = self.hex4(next, end - 5)?;
            if (0xd800..0xdc00).contains(&code)
                && end + 6 < len
                && s[end] == '\\'
                && s[end + 1] == 'u'
            {
                let low = self.hex4(end + 2, end + 1)?;
                if (0xdc00..0xe000).contains(&low) {
                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    end += 6;
                }
            }
            match char::from_u32(code) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(Fail::Unsupported(
                        "a JSON string holding a lone surrogate escape is not supported by pyvgc",
                    ));
                }
            }
        }
    }

    fn parse_object(&self, start: usize) -> std::result::Result<(JsonValue, usize), Fail> {
        let s = self.s;
        let mut members = Vec::new();
        let mut i = self.skip_ws(start);
        if s.get(i) != Some(&'}') {
            loop {
                if s.get(i) != Some(&'"') {
                    return Err(Fail::Error(
                        "Expecting property name enclosed in double quotes",
                        i,
                    ));
                }
                let (key, next) = self.scan_string(i + 1)?;
                i = self.skip_ws(next);
                if s.get(i) != Some(&':') {
                    return Err(Fail::Error("Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                let (value, next) = self.scan_once(i)?;
                members.push((key, value));
                i = self.skip_ws(next);
                if s.get(i) == Some(&'}') {
                    break;
                }
                if s.get(i) != Some(&',') {
                    return Err(Fail::Error("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((JsonValue::Object(members), i + 1))
    }

    fn parse_array(&self, start: usize) -> std::result::Result<(JsonValue, usize), Fail> {
        let s = self.s;
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if s.get(i) != Some(&']') {
            loop {
                let (value, next) = self.scan_once(i)?;
                items.push(value);
                i = self.skip_ws(next);
                if s.get(i) == Some(&']') {
                    break;
                }
                if s.get(i) != Some(&',') {
                    return Err(Fail::Error("Expecting ',' delimiter", i));
                }
                i = self.skip_ws(i + 1);
            }
        }
        Ok((JsonValue::Array(items), i + 1))
    }
}

fn decode_error(s: &[char], msg: &'static str, pos: usize) -> Error {
    let lineno = s[..pos.min(s.len())].iter().filter(|&&c| c == '\n').count() + 1;
    let colno = match s[..pos.min(s.len())].iter().rposition(|&c| c == '\n') {
        Some(nl) => pos - nl,
        None => pos + 1,
    };
    Error::from(DecodeError {
        msg,
        pos,
        lineno,
        colno,
    })
}

/// `json.loads(text)` (without hooks): the document's value, or the JSONDecodeError (kind
/// [`ErrorKind::JsonDecodeError`], message with line, column and char position).
pub fn loads(text: &str) -> Result<JsonValue> {
    let s: Vec<char> = text.chars().collect();
    let scanner = Scanner { s: &s };
    let start = scanner.skip_ws(0);
    match scanner.scan_once(start) {
        Ok((value, end)) => {
            let end = scanner.skip_ws(end);
            if end != s.len() {
                return Err(decode_error(&s, "Extra data", end));
            }
            Ok(value)
        }
        Err(Fail::NoValue(pos)) => Err(decode_error(&s, "Expecting value", pos)),
        Err(Fail::Error(msg, pos)) => Err(decode_error(&s, msg, pos)),
        Err(Fail::Unsupported(msg)) => Err(Error::new(ErrorKind::NotSupported, msg)),
    }
}

/// `json.dumps` of a str: quoted, escaping `"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f` and other
/// control characters as `\u00XX`; with `ensure_ascii` (the default) every character outside
/// `' '..='~'` is escaped as `\uXXXX`, astral ones as a surrogate pair.
pub fn encode_string(s: &str, ensure_ascii: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if !ensure_ascii || (' '..='~').contains(&c) => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
        }
    }
    out.push('"');
    out
}

/// `json.dumps` of a float: `repr`, or `NaN`/`Infinity`/`-Infinity`; with `allow_nan=False` the
/// latter raise ValueError as CPython's encoder does.
pub fn encode_float(x: f64, allow_nan: bool) -> Result<String> {
    if x.is_finite() {
        return Ok(super::float_repr(x));
    }
    if !allow_nan {
        return Err(Error::value(
            "Out of range float values are not JSON compliant",
        ));
    }
    Ok(if x.is_nan() {
        "NaN".into()
    } else if x > 0.0 {
        "Infinity".into()
    } else {
        "-Infinity".into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> String {
        loads(s).unwrap_err().message
    }

    // Messages printed by CPython 3.11's json.loads.
    #[test]
    fn malformed_documents_fail_like_cpython() {
        let cases = [
            ("", "Expecting value: line 1 column 1 (char 0)"),
            ("[1,]", "Expecting value: line 1 column 4 (char 3)"),
            (
                "{",
                "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
            ),
            (
                "{\"a\" 1}",
                "Expecting ':' delimiter: line 1 column 6 (char 5)",
            ),
            (
                "{\"a\":1,}",
                "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)",
            ),
            (
                "\"abc",
                "Unterminated string starting at: line 1 column 1 (char 0)",
            ),
            ("\"a\\x\"", "Invalid \\escape: line 1 column 3 (char 2)"),
            (
                "\"\\u12\"",
                "Invalid \\uXXXX escape: line 1 column 3 (char 2)",
            ),
            (
                "\"\\u12zz\"",
                "Invalid \\uXXXX escape: line 1 column 3 (char 2)",
            ),
            ("[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"),
            ("1.", "Extra data: line 1 column 2 (char 1)"),
            ("01", "Extra data: line 1 column 2 (char 1)"),
            ("-", "Expecting value: line 1 column 1 (char 0)"),
            ("nul", "Expecting value: line 1 column 1 (char 0)"),
            (
                "\"a\nb\"",
                "Invalid control character at: line 1 column 3 (char 2)",
            ),
            ("[1]x", "Extra data: line 1 column 4 (char 3)"),
            (
                "  \n [\n 1,\n x]",
                "Expecting value: line 4 column 2 (char 11)",
            ),
            ("{\"a\":}", "Expecting value: line 1 column 6 (char 5)"),
            ("[", "Expecting value: line 1 column 2 (char 1)"),
            (
                "\"\\",
                "Unterminated string starting at: line 1 column 1 (char 0)",
            ),
            ("1e", "Extra data: line 1 column 2 (char 1)"),
            (
                "{\"a\":1 \"b\":2}",
                "Expecting ',' delimiter: line 1 column 8 (char 7)",
            ),
        ];
        for (doc, want) in cases {
            assert_eq!(err(doc), want, "{doc:?}");
        }
    }

    #[test]
    fn values_decode_like_cpython() {
        use JsonValue::*;
        assert_eq!(
            loads(" {\"a\": [1, -0, 2.5, 1E+2, true, null], \"\\ud83d\\ude00\": \"\\n\"} ")
                .unwrap(),
            Object(vec![
                (
                    "a".into(),
                    Array(vec![
                        Int(ParsedInt::Small(1)),
                        Int(ParsedInt::Small(0)),
                        Float(2.5),
                        Float(100.0),
                        Bool(true),
                        Null
                    ])
                ),
                ("😀".into(), Str("\n".into())),
            ])
        );
        assert!(matches!(
            loads("123456789012345678901234567890").unwrap(),
            Int(ParsedInt::Big(_))
        ));
        assert_eq!(loads("-Infinity").unwrap(), Float(f64::NEG_INFINITY));
        assert_eq!(
            loads("\"\\ud800\"").unwrap_err().kind,
            ErrorKind::NotSupported
        );
    }

    #[test]
    fn strings_and_floats_encode_like_cpython() {
        assert_eq!(
            encode_string("a\"\\\n\u{1}\u{7f}é😀\u{2028}/", true),
            "\"a\\\"\\\\\\n\\u0001\\u007f\\u00e9\\ud83d\\ude00\\u2028/\""
        );
        assert_eq!(
            encode_string("é😀\u{1f}\u{7f}", false),
            "\"é😀\\u001f\u{7f}\""
        );
        assert_eq!(encode_float(1e16, true).unwrap(), "1e+16");
        assert_eq!(encode_float(f64::NEG_INFINITY, true).unwrap(), "-Infinity");
        assert_eq!(
            encode_float(f64::NAN, false).unwrap_err().message,
            "Out of range float values are not JSON compliant"
        );
    }
}
