//! The Lua 5.4 lexer, after `llex.c`: bytes in, tokens out, with Lua's lexical error messages.
//!
//! Like Lua's, it reads one byte at a time with a `current` byte, counts lines (`\n`, `\r`,
//! `\r\n` and `\n\r` are one line break each) and keeps a `buffer` of the text read for the
//! current token, which is what error messages quote after "near" (for strings that is the text
//! read so far, with escapes already decoded, exactly as Lua shows it). Source bytes are not
//! required to be UTF-8: bytes outside ASCII are single-character tokens, as in Lua built
//! without `LUA_UCID`, and may appear freely inside strings and comments.

use std::collections::HashMap;
use std::rc::Rc;

use super::CompileError;
use super::numeral::{Number, str2number};

/// A token kind with its semantic value.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// A single-byte token such as `+` or `{` (any byte that starts no other token).
    Char(u8),
    And,
    Break,
    Do,
    Else,
    Elseif,
    End,
    False,
    For,
    Function,
    Goto,
    If,
    In,
    Local,
    Nil,
    Not,
    Or,
    Repeat,
    Return,
    Then,
    True,
    Until,
    While,
    /// `//`
    IDiv,
    /// `..`
    Concat,
    /// `...`
    Dots,
    /// `==`
    Eq,
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `~=`
    Ne,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `::`
    DbColon,
    Eos,
    Flt(f64),
    Int(i64),
    Name(Rc<str>),
    Str(Rc<[u8]>),
}

/// A token with the text Lua would quote for it in an error message (for names, strings and
/// numerals; empty for the others).
#[derive(Clone, Debug)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) text: Rc<[u8]>,
}

const RESERVED: [(&str, Tok); 22] = [
    ("and", Tok::And),
    ("break", Tok::Break),
    ("do", Tok::Do),
    ("else", Tok::Else),
    ("elseif", Tok::Elseif),
    ("end", Tok::End),
    ("false", Tok::False),
    ("for", Tok::For),
    ("function", Tok::Function),
    ("goto", Tok::Goto),
    ("if", Tok::If),
    ("in", Tok::In),
    ("local", Tok::Local),
    ("nil", Tok::Nil),
    ("not", Tok::Not),
    ("or", Tok::Or),
    ("repeat", Tok::Repeat),
    ("return", Tok::Return),
    ("then", Tok::Then),
    ("true", Tok::True),
    ("until", Tok::Until),
    ("while", Tok::While),
];

/// Lua's `luaX_token2str`: how a token kind is named in "'x' expected" messages.
pub(super) fn token_to_str(tok: &Tok) -> String {
    let fixed = match tok {
        Tok::Char(c) => {
            return if (0x20..0x7f).contains(c) {
                format!("'{}'", *c as char)
            } else {
                format!("'<\\{c}>'")
            };
        }
        Tok::IDiv => "//",
        Tok::Concat => "..",
        Tok::Dots => "...",
        Tok::Eq => "==",
        Tok::Ge => ">=",
        Tok::Le => "<=",
        Tok::Ne => "~=",
        Tok::Shl => "<<",
        Tok::Shr => ">>",
        Tok::DbColon => "::",
        // Names, strings, numerals and the end of the stream are named without quotes.
        Tok::Eos => return "<eof>".to_string(),
        Tok::Flt(_) => return "<number>".to_string(),
        Tok::Int(_) => return "<integer>".to_string(),
        Tok::Name(_) => return "<name>".to_string(),
        Tok::Str(_) => return "<string>".to_string(),
        reserved => RESERVED
            .iter()
            .find(|(_, t)| t == reserved)
            .map_or("?", |(name, _)| name),
    };
    format!("'{fixed}'")
}

/// What an error message says after "near": a token kind, or the buffer text for names,
/// strings and numerals (Lua's `txtToken`).
pub(super) enum Near<'a> {
    Tok(&'a Tok),
    Text(&'a [u8]),
}

/// Builds `chunkname:line: msg near 'token'` (Lua's `lexerror`); `near: None` omits the
/// "near" part, as `luaK_semerror` does.
pub(super) fn error_at(
    chunkname: &str,
    line: u32,
    msg: &str,
    near: Option<Near<'_>>,
) -> CompileError {
    let mut message = format!("{chunkname}:{line}: {msg}").into_bytes();
    match near {
        None => {}
        Some(Near::Text(text)) => {
            message.extend_from_slice(b" near '");
            message.extend_from_slice(text);
            message.push(b'\'');
        }
        Some(Near::Tok(tok)) => {
            message.extend_from_slice(b" near ");
            message.extend_from_slice(token_to_str(tok).as_bytes());
        }
    }
    CompileError::new(message, Some(line))
}

pub(super) struct Lexer<'a> {
    src: &'a [u8],
    /// Index of `current` in `src`.
    pos: usize,
    /// The line of `current` (Lua's `linenumber`).
    pub(super) line: u32,
    buffer: Vec<u8>,
    chunkname: Rc<str>,
    /// The text of tokens that have none, shared to avoid an allocation per token.
    no_text: Rc<[u8]>,
    /// Names and reserved words seen so far, so that each name is allocated once.
    words: HashMap<Box<[u8]>, Token>,
}

type LexResult<T> = Result<T, CompileError>;

fn is_alpha(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn is_newline(c: Option<u8>) -> bool {
    matches!(c, Some(b'\n' | b'\r'))
}

impl<'a> Lexer<'a> {
    pub(super) fn new(src: &'a [u8], chunkname: Rc<str>) -> Lexer<'a> {
        let words = RESERVED
            .iter()
            .map(|(word, tok)| {
                let token = Token {
                    tok: tok.clone(),
                    text: Rc::from(word.as_bytes()),
                };
                (Box::from(word.as_bytes()), token)
            })
            .collect();
        Lexer {
            src,
            pos: 0,
            line: 1,
            buffer: Vec::new(),
            chunkname,
            no_text: Rc::from(&[][..]),
            words,
        }
    }

    fn current(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn advance(&mut self) {
        if self.pos < self.src.len() {
            self.pos += 1;
        }
    }

    fn save(&mut self, c: u8) {
        self.buffer.push(c);
    }

    fn save_and_next(&mut self) {
        if let Some(c) = self.current() {
            self.save(c);
        }
        self.advance();
    }

    /// Consumes `c` if it is the current byte.
    fn check_next1(&mut self, c: u8) -> bool {
        if self.current() == Some(c) {
            self.advance();
            true
        } else {
            false
        }
    }

    /// Saves and consumes the current byte if it is one of the two in `set`.
    fn check_next2(&mut self, set: &[u8; 2]) -> bool {
        match self.current() {
            Some(c) if c == set[0] || c == set[1] => {
                self.save_and_next();
                true
            }
            _ => false,
        }
    }

    fn inc_line(&mut self) -> LexResult<()> {
        let old = self.current();
        self.advance();
        if is_newline(self.current()) && self.current() != old {
            self.advance();
        }
        self.line += 1;
        if self.line >= i32::MAX as u32 {
            return Err(self.error("chunk has too many lines", None));
        }
        Ok(())
    }

    fn error(&self, msg: &str, near: Option<Near<'_>>) -> CompileError {
        error_at(&self.chunkname, self.line, msg, near)
    }

    /// An error quoting the buffer (the token read so far).
    fn error_near_buffer(&self, msg: &str) -> CompileError {
        self.error(msg, Some(Near::Text(&self.buffer)))
    }

    fn error_near_eof(&self, msg: &str) -> CompileError {
        self.error(msg, Some(Near::Tok(&Tok::Eos)))
    }

    fn token(&self, tok: Tok) -> Token {
        Token {
            tok,
            text: self.no_text.clone(),
        }
    }

    fn token_with_text(&self, tok: Tok) -> Token {
        Token {
            tok,
            text: Rc::from(&self.buffer[..]),
        }
    }

    /// Reads the next token (Lua's `llex`).
    pub(super) fn next_token(&mut self) -> LexResult<Token> {
        self.buffer.clear();
        loop {
            let Some(c) = self.current() else {
                return Ok(self.token(Tok::Eos));
            };
            match c {
                b'\n' | b'\r' => self.inc_line()?,
                b' ' | b'\x0c' | b'\t' | b'\x0b' => self.advance(),
                b'-' => {
                    self.advance();
                    if self.current() != Some(b'-') {
                        return Ok(self.token(Tok::Char(b'-')));
                    }
                    self.advance();
                    if self.current() == Some(b'[') {
                        let sep = self.skip_sep();
                        self.buffer.clear();
                        if sep >= 2 {
                            self.read_long_string(sep, false)?;
                            self.buffer.clear();
                            continue;
                        }
                    }
                    while !is_newline(self.current()) && self.current().is_some() {
                        self.advance();
                    }
                }
                b'[' => {
                    let sep = self.skip_sep();
                    if sep >= 2 {
                        let value = self.read_long_string(sep, true)?;
                        return Ok(self.token_with_text(Tok::Str(value)));
                    } else if sep == 0 {
                        return Err(self.error_near_buffer("invalid long string delimiter"));
                    }
                    return Ok(self.token(Tok::Char(b'[')));
                }
                b'=' => {
                    self.advance();
                    let tok = if self.check_next1(b'=') {
                        Tok::Eq
                    } else {
                        Tok::Char(b'=')
                    };
                    return Ok(self.token(tok));
                }
                b'<' => {
                    self.advance();
                    let tok = if self.check_next1(b'=') {
                        Tok::Le
                    } else if self.check_next1(b'<') {
                        Tok::Shl
                    } else {
                        Tok::Char(b'<')
                    };
                    return Ok(self.token(tok));
                }
                b'>' => {
                    self.advance();
                    let tok = if self.check_next1(b'=') {
                        Tok::Ge
                    } else if self.check_next1(b'>') {
                        Tok::Shr
                    } else {
                        Tok::Char(b'>')
                    };
                    return Ok(self.token(tok));
                }
                b'/' => {
                    self.advance();
                    let tok = if self.check_next1(b'/') {
                        Tok::IDiv
                    } else {
                        Tok::Char(b'/')
                    };
                    return Ok(self.token(tok));
                }
                b'~' => {
                    self.advance();
                    let tok = if self.check_next1(b'=') {
                        Tok::Ne
                    } else {
                        Tok::Char(b'~')
                    };
                    return Ok(self.token(tok));
                }
                b':' => {
                    self.advance();
                    let tok = if self.check_next1(b':') {
                        Tok::DbColon
                    } else {
                        Tok::Char(b':')
                    };
                    return Ok(self.token(tok));
                }
                b'"' | b'\'' => {
                    let value = self.read_string(c)?;
                    return Ok(self.token_with_text(Tok::Str(value)));
                }
                b'.' => {
                    self.save_and_next();
                    if self.check_next1(b'.') {
                        let tok = if self.check_next1(b'.') {
                            Tok::Dots
                        } else {
                            Tok::Concat
                        };
                        return Ok(self.token(tok));
                    }
                    if !self.current().is_some_and(|c| c.is_ascii_digit()) {
                        return Ok(self.token(Tok::Char(b'.')));
                    }
                    return self.read_numeral();
                }
                b'0'..=b'9' => return self.read_numeral(),
                _ if is_alpha(c) => {
                    while self.current().is_some_and(is_alnum) {
                        self.save_and_next();
                    }
                    if let Some(token) = self.words.get(&self.buffer[..]) {
                        return Ok(token.clone());
                    }
                    // Names are ASCII letters, digits and underscores, so always valid UTF-8.
                    let name: Rc<str> = Rc::from(String::from_utf8_lossy(&self.buffer).as_ref());
                    let token = self.token_with_text(Tok::Name(name));
                    self.words
                        .insert(Box::from(&self.buffer[..]), token.clone());
                    return Ok(token);
                }
                _ => {
                    self.advance();
                    return Ok(self.token(Tok::Char(c)));
                }
            }
        }
    }

    /// Lua's `read_numeral`: reads greedily, then converts; a letter right after the numeral
    /// is taken in so that `3x` is reported as a malformed number.
    fn read_numeral(&mut self) -> LexResult<Token> {
        let first = self.current();
        self.save_and_next();
        let mut exponent = b"Ee";
        if first == Some(b'0') && self.check_next2(b"xX") {
            exponent = b"Pp";
        }
        loop {
            if self.check_next2(exponent) {
                self.check_next2(b"-+");
            } else if self
                .current()
                .is_some_and(|c| c.is_ascii_hexdigit() || c == b'.')
            {
                self.save_and_next();
            } else {
                break;
            }
        }
        if self.current().is_some_and(is_alpha) {
            self.save_and_next();
        }
        match str2number(&self.buffer) {
            Some(Number::Int(i)) => Ok(self.token_with_text(Tok::Int(i))),
            Some(Number::Float(f)) => Ok(self.token_with_text(Tok::Flt(f))),
            None => Err(self.error_near_buffer("malformed number")),
        }
    }

    /// Lua's `skip_sep`: after `[` or `]`, counts `=` signs. Returns the count + 2 for a
    /// well-formed bracket, 1 for a lone bracket, 0 for `[=` (or `]=`) without a second bracket.
    fn skip_sep(&mut self) -> usize {
        let bracket = self.current();
        let mut count = 0;
        self.save_and_next();
        while self.current() == Some(b'=') {
            self.save_and_next();
            count += 1;
        }
        if self.current() == bracket {
            count + 2
        } else if count == 0 {
            1
        } else {
            0
        }
    }

    /// Reads a long string or, when `keep` is false, a long comment; the opening brackets
    /// (`sep` = level + 2) are already in the buffer.
    fn read_long_string(&mut self, sep: usize, keep: bool) -> LexResult<Rc<[u8]>> {
        let start_line = self.line;
        self.save_and_next();
        if is_newline(self.current()) {
            self.inc_line()?;
        }
        loop {
            match self.current() {
                None => {
                    let what = if keep { "string" } else { "comment" };
                    let msg = format!("unfinished long {what} (starting at line {start_line})");
                    return Err(self.error_near_eof(&msg));
                }
                Some(b']') => {
                    if self.skip_sep() == sep {
                        self.save_and_next();
                        break;
                    }
                }
                Some(b'\n' | b'\r') => {
                    self.save(b'\n');
                    self.inc_line()?;
                    if !keep {
                        self.buffer.clear();
                    }
                }
                Some(_) => {
                    if keep {
                        self.save_and_next();
                    } else {
                        self.advance();
                    }
                }
            }
        }
        if keep {
            Ok(Rc::from(&self.buffer[sep..self.buffer.len() - sep]))
        } else {
            Ok(Rc::from(&[][..]))
        }
    }

    /// Lua's `esccheck`: on failure, the offending byte joins the buffer for the message.
    fn escape_check(&mut self, ok: bool, msg: &str) -> LexResult<()> {
        if ok {
            return Ok(());
        }
        if self.current().is_some() {
            self.save_and_next();
        }
        Err(self.error_near_buffer(msg))
    }

    fn get_hex(&mut self) -> LexResult<u32> {
        self.save_and_next();
        let digit = self.current().and_then(|c| (c as char).to_digit(16));
        self.escape_check(digit.is_some(), "hexadecimal digit expected")?;
        Ok(digit.unwrap_or(0))
    }

    fn read_hex_escape(&mut self) -> LexResult<u8> {
        let high = self.get_hex()?;
        let low = self.get_hex()?;
        // Drop the saved 'x' and first digit; the caller drops the backslash.
        self.buffer.truncate(self.buffer.len() - 2);
        Ok((high * 16 + low) as u8)
    }

    fn read_utf8_escape(&mut self) -> LexResult<u32> {
        // Bytes to drop at the end: the backslash is dropped by the caller; 'u', '{' and the
        // digits saved so far are dropped here.
        let mut saved = 3;
        self.save_and_next();
        self.escape_check(self.current() == Some(b'{'), "missing '{'")?;
        let mut value = self.get_hex()?;
        loop {
            self.save_and_next();
            let Some(digit) = self.current().and_then(|c| (c as char).to_digit(16)) else {
                break;
            };
            saved += 1;
            self.escape_check(value <= (0x7FFF_FFFF >> 4), "UTF-8 value too large")?;
            value = value * 16 + digit;
        }
        self.escape_check(self.current() == Some(b'}'), "missing '}'")?;
        self.advance();
        self.buffer.truncate(self.buffer.len() - saved);
        Ok(value)
    }

    fn read_decimal_escape(&mut self) -> LexResult<u8> {
        let mut value: u32 = 0;
        let mut digits = 0;
        while digits < 3 {
            match self.current() {
                Some(c) if c.is_ascii_digit() => {
                    value = 10 * value + u32::from(c - b'0');
                    self.save_and_next();
                    digits += 1;
                }
                _ => break,
            }
        }
        self.escape_check(value <= 255, "decimal escape too large")?;
        self.buffer.truncate(self.buffer.len() - digits);
        Ok(value as u8)
    }

    /// Reads a short string delimited by `delimiter`, decoding escapes (Lua's `read_string`).
    fn read_string(&mut self, delimiter: u8) -> LexResult<Rc<[u8]>> {
        self.save_and_next();
        while self.current() != Some(delimiter) {
            match self.current() {
                None => return Err(self.error_near_eof("unfinished string")),
                Some(b'\n' | b'\r') => return Err(self.error_near_buffer("unfinished string")),
                Some(b'\\') => {
                    self.save_and_next();
                    let decoded: Option<u8> = match self.current() {
                        Some(b'a') => Some(0x07),
                        Some(b'b') => Some(0x08),
                        Some(b'f') => Some(0x0c),
                        Some(b'n') => Some(b'\n'),
                        Some(b'r') => Some(b'\r'),
                        Some(b't') => Some(b'\t'),
                        Some(b'v') => Some(0x0b),
                        Some(b'x') => Some(self.read_hex_escape()?),
                        Some(b'u') => {
                            let value = self.read_utf8_escape()?;
                            self.buffer.pop();
                            push_utf8(&mut self.buffer, value);
                            continue;
                        }
                        Some(b'\n' | b'\r') => {
                            self.inc_line()?;
                            self.buffer.pop();
                            self.save(b'\n');
                            continue;
                        }
                        Some(c @ (b'\\' | b'"' | b'\'')) => Some(c),
                        // The missing delimiter is reported on the next round.
                        None => continue,
                        Some(b'z') => {
                            self.buffer.pop();
                            self.advance();
                            while let Some(c) = self.current() {
                                if is_newline(Some(c)) {
                                    self.inc_line()?;
                                } else if matches!(c, b' ' | b'\t' | 0x0b | 0x0c) {
                                    self.advance();
                                } else {
                                    break;
                                }
                            }
                            continue;
                        }
                        Some(c) => {
                            self.escape_check(c.is_ascii_digit(), "invalid escape sequence")?;
                            let value = self.read_decimal_escape()?;
                            self.buffer.pop();
                            self.save(value);
                            continue;
                        }
                    };
                    // A simple escape: consume its letter, replace the backslash by the value.
                    if let Some(value) = decoded {
                        if !matches!(self.buffer.last(), Some(b'\\')) {
                            // `\x` already consumed its digits; only the backslash is left.
                        }
                        self.advance();
                        self.buffer.pop();
                        self.save(value);
                    }
                }
                Some(_) => self.save_and_next(),
            }
        }
        self.save_and_next();
        Ok(Rc::from(&self.buffer[1..self.buffer.len() - 1]))
    }
}

/// Lua's `luaO_utf8esc`: UTF-8 extended to 31 bits (up to six bytes).
fn push_utf8(out: &mut Vec<u8>, value: u32) {
    if value < 0x80 {
        out.push(value as u8);
        return;
    }
    let mut bytes = [0u8; 6];
    let mut n = 0;
    let mut x = value;
    // Largest value that fits in the first byte, shrinking as continuation bytes are added.
    let mut first_max: u32 = 0x3f;
    while x > first_max {
        bytes[5 - n] = 0x80 | (x & 0x3f) as u8;
        n += 1;
        x >>= 6;
        first_max >>= 1;
    }
    bytes[5 - n] = ((!first_max << 1) | x) as u8;
    n += 1;
    out.extend_from_slice(&bytes[6 - n..]);
}
