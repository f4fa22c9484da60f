//! A tiny lexer that tells, for each byte of a Rust file, whether it is code, comment or string.
//!
//! Tidy checks need only that much: a tab inside a string literal is data (an expected listing),
//! and `dbg!(` inside a string is text, not a call. It recognises line and nested block comments,
//! string and byte-string literals with escapes, raw strings with any number of `#`, and char
//! literals as opposed to lifetimes. It does not tokenise further and never fails: malformed input
//! (an unclosed string) simply runs to the end of the file.

/// What a byte of source is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Code,
    Comment,
    Str,
}

/// The kind of every byte of `src`.
pub fn classify(src: &str) -> Vec<Kind> {
    let bytes = src.as_bytes();
    let n = bytes.len();
    let mut kinds = vec![Kind::Code; n];
    let mut i = 0;
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < n {
        let prev_ident = i > 0 && is_ident(bytes[i - 1]);
        let start = i;
        let kind;
        if bytes[i..].starts_with(b"//") {
            while i < n && bytes[i] != b'\n' {
                i += 1;
            }
            kind = Kind::Comment;
        } else if bytes[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < n {
                if bytes[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if bytes[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            kind = Kind::Comment;
        } else if let Some(len) = (!prev_ident).then(|| raw_string_len(&bytes[i..])).flatten() {
            i += len;
            kind = Kind::Str;
        } else if bytes[i] == b'"' || (!prev_ident && bytes[i..].starts_with(b"b\"")) {
            i += if bytes[i] == b'"' { 1 } else { 2 };
            while i < n && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(n);
            kind = Kind::Str;
        } else if bytes[i] == b'\'' {
            match char_literal_len(&src[i..]) {
                Some(len) => {
                    i += len;
                    kind = Kind::Str;
                }
                None => {
                    i += 1;
                    kind = Kind::Code;
                }
            }
        } else {
            i += 1;
            kind = Kind::Code;
        }
        kinds[start..i.min(n)].fill(kind);
    }
    kinds
}

/// The length of a raw (byte) string starting at `s[0]`, if one starts there.
fn raw_string_len(s: &[u8]) -> Option<usize> {
    let after_prefix = if s.starts_with(b"br") {
        2
    } else if s.starts_with(b"r") {
        1
    } else {
        return None;
    };
    let hashes = s[after_prefix..].iter().take_while(|&&b| b == b'#').count();
    let open = after_prefix + hashes;
    if s.get(open) != Some(&b'"') {
        return None;
    }
    let mut i = open + 1;
    while i < s.len() {
        if s[i] == b'"'
            && s[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(s.len())
}

/// The length of a char literal starting at `s`'s leading `'`, or `None` for a lifetime or label.
fn char_literal_len(s: &str) -> Option<usize> {
    let rest = &s[1..];
    if let Some(escaped) = rest.strip_prefix('\\') {
        // An escape: `'\n'`, `'\''`, `'\u{1F600}'`; the first `'` after the escaped char closes it.
        let skip = escaped.chars().next()?.len_utf8();
        let close = escaped[skip..].find('\'')?;
        return Some(2 + skip + close + 1);
    }
    let c = rest.chars().next()?;
    rest[c.len_utf8()..]
        .starts_with('\'')
        .then(|| 1 + c.len_utf8() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(src: &str) -> String {
        classify(src)
            .iter()
            .map(|k| match k {
                Kind::Code => 'c',
                Kind::Comment => '/',
                Kind::Str => 's',
            })
            .collect()
    }

    #[test]
    fn scan_line_and_nested_block_comments() {
        assert_eq!(kinds_of("a // b\nc"), "cc////cc");
        assert_eq!(kinds_of("a/* /* */ */b"), "c///////////c");
    }

    #[test]
    fn scan_strings_with_escapes_and_byte_strings() {
        assert_eq!(kinds_of(r#"x "a\"b" y"#), "ccsssssscc");
        assert_eq!(kinds_of(r#"b"\t""#), "sssss");
    }

    #[test]
    fn scan_raw_strings_end_only_at_matching_hashes() {
        let src = "r#\"a\"b\"#;";
        assert_eq!(kinds_of(src), "ssssssssc");
        assert_eq!(kinds_of("br\"x\" "), "sssssc");
    }

    #[test]
    fn scan_identifier_ending_in_r_is_not_a_raw_string() {
        assert_eq!(kinds_of("for\"x\""), "cccsss");
    }

    #[test]
    fn scan_char_literals_but_not_lifetimes() {
        assert_eq!(kinds_of("'a' 'b"), "sssccc");
        assert_eq!(kinds_of(r"'\'' &'a x"), "sssscccccc");
        assert_eq!(kinds_of("'\"' \"'\""), "ssscsss");
    }
}
