//! Python `re` pattern syntax translated to the `regex` crate's, and `re.sub` replacement templates.
//!
//! The translator is a small recursive-descent parser over Python's grammar (`sre_parse`) that
//! re-emits each construct in the `regex` crate's spelling: literals are escaped so that nothing
//! Python reads literally becomes syntax for `regex` (`\<`, `[` inside a class, `&&`, `--`, `~~`),
//! `\Z` becomes `\z`, `{,n}` becomes `{0,n}`, VERBOSE whitespace and comments are stripped here
//! (the crate's `x` flag would also strip whitespace inside classes), ASCII mode rewrites `\d`,
//! `\w`, `\s`, `\b` as ASCII sets. Python errors are reported with CPython's messages and
//! positions ("nothing to repeat at position 0"). Constructs a finite automaton cannot run —
//! backreferences, look-ahead and look-behind, conditionals, atomic groups and possessive
//! quantifiers — are rejected with an error naming the construct, never approximated.
//!
//! One Python rule has no `regex` equivalent: without MULTILINE, `$` also matches just before a
//! final `\n`. It is emitted as `\z` and [`Translated::dollar_before_final_newline`] tells the
//! runtime to also try the subject without its final newline (see that field).

use super::{Error, ErrorKind, Result};

pub const IGNORECASE: u32 = 2;
pub const LOCALE: u32 = 4;
pub const MULTILINE: u32 = 8;
pub const DOTALL: u32 = 16;
pub const UNICODE: u32 = 32;
pub const VERBOSE: u32 = 64;
pub const ASCII: u32 = 256;

/// A translated pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translated {
    /// Source for `regex::Regex::new`; capturing groups are numbered as in Python.
    pub pattern: String,
    /// Number of capturing groups (`Pattern.groups`).
    pub groups: usize,
    /// `Pattern.groupindex`, in order of appearance.
    pub group_names: Vec<(String, usize)>,
    /// `Pattern.flags`: the flags passed plus inline ones, with UNICODE added unless ASCII.
    pub flags: u32,
    /// The pattern uses `$` outside MULTILINE mode. Python's `$` matches at the end and before a
    /// final `\n`; the translation matches only at the end, so when the subject ends with `\n`
    /// the runtime must also search the subject minus that newline and keep the leftmost match
    /// (on equal starts, the longer one).
    pub dollar_before_final_newline: bool,
}

fn re_error(msg: impl Into<String>, pos: usize) -> Error {
    Error::new(
        ErrorKind::ReError,
        format!("{} at position {}", msg.into(), pos),
    )
}

fn unsupported(what: &str, pos: usize) -> Error {
    Error::new(
        ErrorKind::NotSupported,
        format!(
            "{what} (at position {pos}) are not supported by pyvgc's re module (regex crate engine)"
        ),
    )
}

/// Appends `c` so that the `regex` crate reads it as that literal character.
fn push_literal(out: &mut String, c: char) {
    if "\\.+*?()|[]{}^$#&-~".contains(c) {
        out.push('\\');
        out.push(c);
    } else if c == '\n' {
        out.push_str("\\n");
    } else if (c as u32) < 0x20 || c as u32 == 0x7f {
        out.push_str(&format!("\\x{{{:x}}}", c as u32));
    } else {
        out.push(c);
    }
}

struct Parser<'a> {
    s: &'a [char],
    pos: usize,
    out: String,
    flags: u32,
    groups: usize,
    names: Vec<(String, usize)>,
    open_groups: Vec<usize>,
    dollar: bool,
}

/// What the item just emitted was, for quantifier checks.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Last {
    Nothing,
    Repeatable,
    Repeat,
    Assertion,
}

enum ClassItem {
    Char(char),
    /// Already-translated text of a class escape like `\d` (cannot be a range end).
    Set(String),
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.pos).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.s.get(self.pos + k).copied()
    }
    fn verbose(&self) -> bool {
        self.flags & VERBOSE != 0
    }
    fn ascii(&self) -> bool {
        self.flags & ASCII != 0
    }

    fn skip_verbose(&mut self) {
        if !self.verbose() {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_whitespace() {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    fn category(&self, c: char) -> Option<String> {
        let ascii = self.ascii();
        Some(
            match c {
                'd' if ascii => "[0-9]",
                'D' if ascii => "[^0-9]",
                'w' if ascii => "[0-9A-Za-z_]",
                'W' if ascii => "[^0-9A-Za-z_]",
                's' if ascii => "[ \\t\\n\\r\\x0B\\x0C]",
                'S' if ascii => "[^ \\t\\n\\r\\x0B\\x0C]",
                'd' => "\\d",
                'D' => "\\D",
                'w' => "\\w",
                'W' => "\\W",
                's' => "[\\s\\x1C-\\x1F]",
                'S' => "[^\\s\\x1C-\\x1F]",
                _ => return None,
            }
            .to_string(),
        )
    }

    fn hex_escape(&mut self, start: usize, n: usize) -> Result<char> {
        let mut v: u32 = 0;
        for _ in 0..n {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d;
                    self.pos += 1;
                }
                None => {
                    let text: String = self.s[start..self.pos].iter().collect();
                    return Err(re_error(format!("incomplete escape {text}"), start));
                }
            }
        }
        if v > 0x10ffff {
            let text: String = self.s[start..self.pos].iter().collect();
            return Err(re_error(format!("bad escape {text}"), start));
        }
        char::from_u32(v).ok_or_else(|| unsupported("lone surrogate escapes", start))
    }

    /// Parses the escape after a backslash at `start` (the backslash already consumed); returns
    /// either a literal char or translated text.
    fn escape(&mut self, start: usize, in_class: bool) -> Result<ClassItem> {
        let Some(c) = self.peek() else {
            return Err(re_error("bad escape (end of pattern)", start));
        };
        self.pos += 1;
        let bad = |p: &Parser| {
            let text: String = p.s[start..p.pos].iter().collect();
            re_error(format!("bad escape {text}"), start)
        };
        match c {
            'a' => Ok(ClassItem::Char('\u{7}')),
            'f' => Ok(ClassItem::Char('\u{c}')),
            'n' => Ok(ClassItem::Char('\n')),
            'r' => Ok(ClassItem::Char('\r')),
            't' => Ok(ClassItem::Char('\t')),
            'v' => Ok(ClassItem::Char('\u{b}')),
            '\\' => Ok(ClassItem::Char('\\')),
            'x' => Ok(ClassItem::Char(self.hex_escape(start, 2)?)),
            'u' => Ok(ClassItem::Char(self.hex_escape(start, 4)?)),
            'U' => Ok(ClassItem::Char(self.hex_escape(start, 8)?)),
            'N' => Err(unsupported("named Unicode escapes \\N{...}", start)),
            'b' if in_class => Ok(ClassItem::Char('\u{8}')),
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => {
                Ok(ClassItem::Set(self.category(c).unwrap_or_default()))
            }
            'A' | 'Z' | 'b' | 'B' if !in_class => Ok(ClassItem::Set(
                match c {
                    'A' => "\\A",
                    'Z' => "\\z",
                    'b' if self.ascii() => "(?-u:\\b)",
                    'b' => "\\b",
                    _ if self.ascii() => "(?-u:\\B)",
                    _ => "\\B",
                }
                .to_string(),
            )),
            '0' => {
                let mut v = 0;
                for _ in 0..2 {
                    match self.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                Ok(ClassItem::Char(char::from_u32(v).unwrap_or('\0')))
            }
            '1'..='9' => {
                let d1 = c.to_digit(8);
                let d2 = self.peek().and_then(|c| c.to_digit(8));
                let d3 = self.peek_at(1).and_then(|c| c.to_digit(8));
                if let (Some(a), Some(b), Some(c3)) = (d1, d2, d3) {
                    self.pos += 2;
                    let v = a * 64 + b * 8 + c3;
                    if v > 0o377 {
                        let text: String = self.s[start..self.pos].iter().collect();
                        return Err(re_error(
                            format!("octal escape value {text} outside of range 0-0o377"),
                            start,
                        ));
                    }
                    return Ok(ClassItem::Char(char::from_u32(v).unwrap_or('\0')));
                }
                if in_class {
                    return Err(bad(self));
                }
                let mut group = c.to_digit(10).unwrap_or(0) as usize;
                if let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
                    group = group * 10 + d as usize;
                    self.pos += 1;
                }
                if group > self.groups {
                    return Err(re_error(
                        format!("invalid group reference {group}"),
                        start + 1,
                    ));
                }
                Err(unsupported("backreferences (\\1, (?P=name))", start))
            }
            c if c.is_ascii_alphabetic() => Err(bad(self)),
            c => Ok(ClassItem::Char(c)),
        }
    }

    fn parse_class(&mut self) -> Result<()> {
        let start = self.pos - 1;
        let mut out = String::from("[");
        if self.peek() == Some('^') {
            self.pos += 1;
            out.push('^');
        }
        let mut first = true;
        let mut items = 0;
        loop {
            let Some(c) = self.peek() else {
                return Err(re_error("unterminated character set", start));
            };
            if c == ']' && !first {
                self.pos += 1;
                break;
            }
            first = false;
            let item_start = self.pos;
            self.pos += 1;
            let item = if c == '\\' {
                self.escape(item_start, true)?
            } else {
                ClassItem::Char(c)
            };
            // A range `lo-hi` unless the `-` is last.
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.pos += 1;
                let hi_start = self.pos;
                let hc = self.peek().unwrap_or(']');
                self.pos += 1;
                let hi = if hc == '\\' {
                    self.escape(hi_start, true)?
                } else {
                    ClassItem::Char(hc)
                };
                match (item, hi) {
                    (ClassItem::Char(lo), ClassItem::Char(hi)) => {
                        if hi < lo {
                            let text: String = self.s[item_start..self.pos].iter().collect();
                            return Err(re_error(
                                format!("bad character range {text}"),
                                item_start,
                            ));
                        }
                        push_literal(&mut out, lo);
                        out.push('-');
                        push_literal(&mut out, hi);
                    }
                    _ => {
                        let text: String = self.s[item_start..self.pos].iter().collect();
                        return Err(re_error(format!("bad character range {text}"), item_start));
                    }
                }
            } else {
                match item {
                    ClassItem::Char(ch) => push_literal(&mut out, ch),
                    ClassItem::Set(text) => {
                        // Negated shorthand sets nest as classes, which `regex` accepts.
                        out.push_str(&text);
                    }
                }
            }
            items += 1;
        }
        out.push(']');
        if items == 0 {
            return Err(re_error("unterminated character set", start));
        }
        self.out.push_str(&out);
        Ok(())
    }

    fn parse_name(&mut self, terminator: char, start: usize) -> Result<String> {
        let mut name = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(if name.is_empty() {
                        re_error("missing group name", self.pos)
                    } else {
                        re_error(format!("missing {terminator}, unterminated name"), start)
                    });
                }
                Some(c) if c == terminator => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        if name.is_empty() {
            return Err(re_error("missing group name", self.pos - 1));
        }
        if !super::strings::isidentifier(&name) {
            return Err(re_error(
                format!("bad character in group name '{name}'"),
                start,
            ));
        }
        Ok(name)
    }

    fn flag_bit(c: char) -> Option<u32> {
        Some(match c {
            'a' => ASCII,
            'i' => IGNORECASE,
            'L' => LOCALE,
            'm' => MULTILINE,
            's' => DOTALL,
            'u' => UNICODE,
            'x' => VERBOSE,
            _ => return None,
        })
    }

    fn flags_prefix(flags: u32) -> String {
        let mut s = String::new();
        for (bit, c) in [(IGNORECASE, 'i'), (MULTILINE, 'm'), (DOTALL, 's')] {
            if flags & bit != 0 {
                s.push(c);
            }
        }
        s
    }

    /// Parses a group after `(`; returns whether it produced something repeatable.
    fn parse_group(&mut self, open: usize) -> Result<Last> {
        if self.peek() != Some('?') {
            self.groups += 1;
            self.open_groups.push(self.groups);
            self.out.push('(');
            self.parse_alternation()?;
            self.close_group(open)?;
            self.open_groups.pop();
            return Ok(Last::Repeatable);
        }
        self.pos += 1;
        let Some(c) = self.peek() else {
            return Err(re_error("unexpected end of pattern", self.pos));
        };
        self.pos += 1;
        match c {
            ':' => {
                self.out.push_str("(?:");
                self.parse_alternation()?;
                self.close_group(open)?;
                Ok(Last::Repeatable)
            }
            'P' => match self.peek() {
                Some('<') => {
                    self.pos += 1;
                    let name_start = self.pos;
                    let name = self.parse_name('>', name_start)?;
                    if self.names.iter().any(|(n, _)| *n == name) {
                        return Err(re_error(
                            format!(
                                "redefinition of group name '{name}' as group {}; was group {}",
                                self.groups + 1,
                                self.names
                                    .iter()
                                    .find(|(n, _)| *n == name)
                                    .map_or(0, |x| x.1)
                            ),
                            name_start,
                        ));
                    }
                    self.groups += 1;
                    self.names.push((name.clone(), self.groups));
                    self.open_groups.push(self.groups);
                    self.out.push_str(&format!("(?P<{name}>"));
                    self.parse_alternation()?;
                    self.close_group(open)?;
                    self.open_groups.pop();
                    Ok(Last::Repeatable)
                }
                Some('=') => Err(unsupported("backreferences (\\1, (?P=name))", open)),
                Some(other) => Err(re_error(format!("unknown extension ?P{other}"), open + 1)),
                None => Err(re_error("unexpected end of pattern", self.pos)),
            },
            '#' => {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == ')' {
                        return Ok(Last::Nothing);
                    }
                }
                Err(re_error("missing ), unterminated comment", open))
            }
            '=' | '!' => Err(unsupported(
                "look-ahead assertions (?=...) and (?!...)",
                open,
            )),
            '<' => match self.peek() {
                Some('=' | '!') => Err(unsupported(
                    "look-behind assertions (?<=...) and (?<!...)",
                    open,
                )),
                Some(other) => Err(re_error(format!("unknown extension ?<{other}"), open + 1)),
                None => Err(re_error("unexpected end of pattern", self.pos)),
            },
            '(' => Err(unsupported("conditional groups (?(id)yes|no)", open)),
            '>' => Err(unsupported("atomic groups (?>...)", open)),
            c if Self::flag_bit(c).is_some() || c == '-' => {
                self.pos -= 1;
                self.parse_inline_flags(open)
            }
            other => Err(re_error(format!("unknown extension ?{other}"), open + 1)),
        }
    }

    fn parse_inline_flags(&mut self, open: usize) -> Result<Last> {
        let mut add = 0;
        while let Some(bit) = self.peek().and_then(Self::flag_bit) {
            add |= bit;
            self.pos += 1;
        }
        let mut remove = 0;
        if self.peek() == Some('-') {
            self.pos += 1;
            while let Some(bit) = self.peek().and_then(Self::flag_bit) {
                remove |= bit;
                self.pos += 1;
            }
            if remove == 0 {
                return Err(re_error("missing flag", self.pos));
            }
        }
        match self.peek() {
            Some(')') if remove == 0 => {
                self.pos += 1;
                if open != 0 {
                    return Err(re_error(
                        "global flags not at the start of the expression",
                        open,
                    ));
                }
                // Global flags were collected before parsing started (see `translate`).
                Ok(Last::Nothing)
            }
            Some(':') => {
                self.pos += 1;
                let saved = self.flags;
                self.flags = (self.flags | add) & !remove;
                let on = Self::flags_prefix(add);
                let off = Self::flags_prefix(remove);
                self.out.push_str("(?");
                self.out.push_str(&on);
                if !off.is_empty() {
                    self.out.push('-');
                    self.out.push_str(&off);
                }
                self.out.push(':');
                let result = self.parse_alternation();
                self.flags = saved;
                result?;
                self.close_group(open)?;
                Ok(Last::Repeatable)
            }
            Some(_) => Err(re_error("missing -, : or )", self.pos)),
            None => Err(re_error("missing -, : or )", self.pos)),
        }
    }

    fn close_group(&mut self, open: usize) -> Result<()> {
        if self.peek() != Some(')') {
            return Err(re_error("missing ), unterminated subpattern", open));
        }
        self.pos += 1;
        self.out.push(')');
        Ok(())
    }

    /// Tries to read `{m,n}` at the current `{`; `None` means the brace is a literal.
    fn parse_braces(&mut self) -> Result<Option<String>> {
        let here = self.pos;
        self.pos += 1;
        if self.peek() == Some('}') {
            self.pos = here;
            return Ok(None);
        }
        let mut lo = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_digit) {
            lo.push(c);
            self.pos += 1;
        }
        let comma = self.peek() == Some(',');
        let hi = if comma {
            self.pos += 1;
            let mut h = String::new();
            while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                h.push(c);
                self.pos += 1;
            }
            h
        } else {
            lo.clone()
        };
        if self.peek() != Some('}') {
            self.pos = here;
            return Ok(None);
        }
        self.pos += 1;
        let too_large = || Error::overflow("the repetition number is too large");
        let min: u64 = if lo.is_empty() {
            0
        } else {
            lo.parse().map_err(|_| too_large())?
        };
        if min >= u32::MAX as u64 {
            return Err(too_large());
        }
        if hi.is_empty() {
            return Ok(Some(format!("{{{min},}}")));
        }
        let max: u64 = hi.parse().map_err(|_| too_large())?;
        if max >= u32::MAX as u64 {
            return Err(too_large());
        }
        if max < min {
            return Err(re_error("min repeat greater than max repeat", here + 1));
        }
        Ok(Some(if comma {
            format!("{{{min},{max}}}")
        } else {
            format!("{{{min}}}")
        }))
    }

    fn parse_alternation(&mut self) -> Result<()> {
        let mut last = Last::Nothing;
        loop {
            self.skip_verbose();
            let Some(c) = self.peek() else { return Ok(()) };
            let at = self.pos;
            match c {
                ')' => return Ok(()),
                '|' => {
                    self.pos += 1;
                    self.out.push('|');
                    last = Last::Nothing;
                }
                '*' | '+' | '?' | '{' => {
                    let quant = if c == '{' {
                        match self.parse_braces()? {
                            Some(q) => q,
                            None => {
                                self.pos += 1;
                                push_literal(&mut self.out, '{');
                                last = Last::Repeatable;
                                continue;
                            }
                        }
                    } else {
                        self.pos += 1;
                        c.to_string()
                    };
                    match last {
                        Last::Nothing | Last::Assertion => {
                            return Err(re_error("nothing to repeat", at));
                        }
                        Last::Repeat => return Err(re_error("multiple repeat", at)),
                        Last::Repeatable => {}
                    }
                    self.out.push_str(&quant);
                    if self.peek() == Some('?') {
                        self.pos += 1;
                        self.out.push('?');
                    } else if self.peek() == Some('+') {
                        return Err(unsupported(
                            "possessive quantifiers (*+, ++, ?+, {m,n}+)",
                            self.pos,
                        ));
                    }
                    last = Last::Repeat;
                }
                '(' => {
                    self.pos += 1;
                    // A comment leaves the previous item repeatable, as in sre_parse.
                    let got = self.parse_group(at)?;
                    if got != Last::Nothing {
                        last = got;
                    }
                }
                '[' => {
                    self.pos += 1;
                    self.parse_class()?;
                    last = Last::Repeatable;
                }
                '.' => {
                    self.pos += 1;
                    self.out.push('.');
                    last = Last::Repeatable;
                }
                '^' => {
                    self.pos += 1;
                    self.out.push_str(if self.flags & MULTILINE != 0 {
                        "(?m:^)"
                    } else {
                        "\\A"
                    });
                    last = Last::Assertion;
                }
                '$' => {
                    self.pos += 1;
                    if self.flags & MULTILINE != 0 {
                        self.out.push_str("(?m:$)");
                    } else {
                        self.out.push_str("\\z");
                        self.dollar = true;
                    }
                    last = Last::Assertion;
                }
                '\\' => {
                    self.pos += 1;
                    match self.escape(at, false)? {
                        ClassItem::Char(ch) => {
                            push_literal(&mut self.out, ch);
                            last = Last::Repeatable;
                        }
                        ClassItem::Set(text) => {
                            last = if text.starts_with('[')
                                || text.starts_with("\\d")
                                || text.starts_with("\\D")
                                || text.starts_with("\\w")
                                || text.starts_with("\\W")
                            {
                                Last::Repeatable
                            } else {
                                Last::Assertion
                            };
                            self.out.push_str(&text);
                        }
                    }
                }
                _ => {
                    self.pos += 1;
                    push_literal(&mut self.out, c);
                    last = Last::Repeatable;
                }
            }
        }
    }
}

/// Translates a Python str pattern compiled with `flags` (the `re.I | re.M ...` bits).
pub fn translate(pattern: &str, flags: u32) -> Result<Translated> {
    let chars: Vec<char> = pattern.chars().collect();
    // Global inline flags must come first; gather them before parsing so VERBOSE applies.
    let mut flags = flags;
    let mut p = 0;
    while p + 2 < chars.len() && chars[p] == '(' && chars[p + 1] == '?' {
        let mut q = p + 2;
        let mut add = 0;
        while let Some(bit) = chars.get(q).and_then(|&c| Parser::flag_bit(c)) {
            add |= bit;
            q += 1;
        }
        if add == 0 || chars.get(q) != Some(&')') {
            break;
        }
        flags |= add;
        p = q + 1;
    }
    if flags & ASCII != 0 && flags & UNICODE != 0 {
        return Err(Error::value("ASCII and UNICODE flags are incompatible"));
    }
    if flags & LOCALE != 0 {
        return Err(Error::value("cannot use LOCALE flag with a str pattern"));
    }
    if flags & ASCII == 0 {
        flags |= UNICODE;
    }
    let mut parser = Parser {
        s: &chars,
        pos: 0,
        out: String::new(),
        flags,
        groups: 0,
        names: Vec::new(),
        open_groups: Vec::new(),
        dollar: false,
    };
    let prefix = Parser::flags_prefix(flags);
    if !prefix.is_empty() {
        parser.out.push_str(&format!("(?{prefix})"));
    }
    // Skip the global flag groups already applied.
    parser.pos = p;
    parser.parse_alternation()?;
    if parser.pos < chars.len() {
        // Only a `)` stops the top-level alternation early.
        return Err(re_error("unbalanced parenthesis", parser.pos));
    }
    Ok(Translated {
        pattern: parser.out,
        groups: parser.groups,
        group_names: parser.names,
        flags,
        dollar_before_final_newline: parser.dollar,
    })
}

/// A piece of a parsed `re.sub` replacement template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePiece {
    Literal(String),
    /// A group reference; an unmatched group substitutes the empty string.
    Group(usize),
}

/// Parses a `re.sub`/`Match.expand` template for a pattern with `groups` groups and the given
/// named groups (`sre_parse.parse_template`).
pub fn parse_template(
    template: &str,
    groups: usize,
    names: &[(String, usize)],
) -> Result<Vec<TemplatePiece>> {
    let s: Vec<char> = template.chars().collect();
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut i = 0;
    let flush = |literal: &mut String, pieces: &mut Vec<TemplatePiece>| {
        if !literal.is_empty() {
            pieces.push(TemplatePiece::Literal(std::mem::take(literal)));
        }
    };
    while i < s.len() {
        let c = s[i];
        if c != '\\' {
            literal.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = s.get(i) else {
            return Err(re_error("bad escape (end of pattern)", start));
        };
        i += 1;
        match e {
            'g' => {
                if s.get(i) != Some(&'<') {
                    return Err(re_error("missing <", i));
                }
                i += 1;
                let name_start = i;
                let mut name = String::new();
                loop {
                    match s.get(i) {
                        None => {
                            return Err(if name.is_empty() {
                                re_error("missing group name", i)
                            } else {
                                re_error("missing >, unterminated name", name_start)
                            });
                        }
                        Some('>') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            name.push(ch);
                            i += 1;
                        }
                    }
                }
                if name.is_empty() {
                    return Err(re_error("missing group name", i - 1));
                }
                let index = if super::strings::isidentifier(&name) {
                    match names.iter().find(|(n, _)| *n == name) {
                        Some(&(_, idx)) => idx,
                        None => {
                            return Err(Error::new(
                                ErrorKind::IndexError,
                                format!("unknown group name '{name}'"),
                            ));
                        }
                    }
                } else {
                    match name.parse::<usize>() {
                        Ok(v) if name.bytes().all(|b| b.is_ascii_digit()) => v,
                        _ => {
                            return Err(re_error(
                                format!("bad character in group name '{name}'"),
                                name_start,
                            ));
                        }
                    }
                };
                if index > groups {
                    return Err(re_error(
                        format!("invalid group reference {index}"),
                        name_start,
                    ));
                }
                flush(&mut literal, &mut pieces);
                pieces.push(TemplatePiece::Group(index));
            }
            '0' => {
                let mut v = 0;
                for _ in 0..2 {
                    match s.get(i).and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                        }
                        None => break,
                    }
                }
                literal.push(char::from_u32(v & 0xff).unwrap_or('\0'));
            }
            '1'..='9' => {
                let mut text = e.to_string();
                let mut octal = false;
                if let Some(&d2) = s.get(i).filter(|c| c.is_ascii_digit()) {
                    text.push(d2);
                    i += 1;
                    if e <= '7' && d2 <= '7' && s.get(i).is_some_and(|c| ('0'..='7').contains(c)) {
                        text.push(s[i]);
                        i += 1;
                        octal = true;
                        let v = u32::from_str_radix(&text, 8).unwrap_or(0);
                        if v > 0o377 {
                            return Err(re_error(
                                format!("octal escape value \\{text} outside of range 0-0o377"),
                                start,
                            ));
                        }
                        literal.push(char::from_u32(v).unwrap_or('\0'));
                    }
                }
                if !octal {
                    let index: usize = text.parse().unwrap_or(0);
                    if index > groups {
                        return Err(re_error(
                            format!("invalid group reference {index}"),
                            start + 1,
                        ));
                    }
                    flush(&mut literal, &mut pieces);
                    pieces.push(TemplatePiece::Group(index));
                }
            }
            'a' => literal.push('\u{7}'),
            'b' => literal.push('\u{8}'),
            'f' => literal.push('\u{c}'),
            'n' => literal.push('\n'),
            'r' => literal.push('\r'),
            't' => literal.push('\t'),
            'v' => literal.push('\u{b}'),
            '\\' => literal.push('\\'),
            e if e.is_ascii_alphabetic() => {
                return Err(re_error(format!("bad escape \\{e}"), start));
            }
            e => {
                literal.push('\\');
                literal.push(e);
            }
        }
    }
    flush(&mut literal, &mut pieces);
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tr(p: &str) -> String {
        match translate(p, 0) {
            Ok(t) => t.pattern,
            Err(e) => format!("!{}", e.message),
        }
    }

    fn matches(p: &str, flags: u32, text: &str) -> Option<String> {
        let t = translate(p, flags).unwrap();
        let re = regex::Regex::new(&t.pattern).unwrap();
        re.find(text).map(|m| m.as_str().to_string())
    }

    #[test]
    fn python_only_syntax_is_rewritten() {
        assert_eq!(tr(r"a\Z"), r"a\z");
        assert_eq!(tr(r"x{,3}"), "x{0,3}");
        assert_eq!(tr(r"x{}"), r"x\{\}");
        assert_eq!(tr(r"x{a}"), r"x\{a\}");
        assert_eq!(tr(r"[[&&~~]"), r"[\[\&\&\~\~]");
        assert_eq!(tr(r"\<a\>"), "<a>");
        assert_eq!(tr(r"(?P<word>\w+)"), r"(?P<word>\w+)");
        assert_eq!(tr(r"a(?#comment)b"), "ab");
        assert_eq!(tr(r"\x41\u00e9\101\0"), "AéA\\x{0}");
        assert_eq!(tr(r"\8"), "!invalid group reference 8 at position 1");
    }

    #[test]
    fn flags_and_modes_match_python_behaviour() {
        assert_eq!(matches(r"(?i)abc", 0, "xABC").as_deref(), Some("ABC"));
        assert_eq!(matches(r"^b", MULTILINE, "a\nb").as_deref(), Some("b"));
        assert_eq!(matches(r"^b", 0, "a\nb"), None);
        assert_eq!(matches(r"a.b", DOTALL, "a\nb").as_deref(), Some("a\nb"));
        assert_eq!(
            matches("a b # comment\n c [ ]", VERBOSE, "abc ").as_deref(),
            Some("abc ")
        );
        assert_eq!(matches(r"\d+", ASCII, "٣3").as_deref(), Some("3"));
        assert_eq!(matches(r"\d+", 0, "٣3").as_deref(), Some("٣3"));
        assert_eq!(matches(r"\s", 0, "a\u{1c}").as_deref(), Some("\u{1c}"));
        assert_eq!(translate("a", 0).unwrap().flags, UNICODE);
        assert_eq!(
            translate("(?x)a", IGNORECASE).unwrap().flags,
            UNICODE | IGNORECASE | VERBOSE
        );
    }

    // Messages printed by CPython 3.11's re.compile.
    #[test]
    fn python_errors_keep_cpython_messages() {
        assert_eq!(tr("*a"), "!nothing to repeat at position 0");
        assert_eq!(tr("a**"), "!multiple repeat at position 2");
        assert_eq!(
            tr("(a"),
            "!missing ), unterminated subpattern at position 0"
        );
        assert_eq!(tr("a)"), "!unbalanced parenthesis at position 1");
        assert_eq!(tr("[a"), "!unterminated character set at position 0");
        assert_eq!(tr(r"\q"), "!bad escape \\q at position 0");
        assert_eq!(tr("[z-a]"), "!bad character range z-a at position 1");
        assert_eq!(
            tr("a{3,1}"),
            "!min repeat greater than max repeat at position 2"
        );
        assert_eq!(
            tr("a(?i)b"),
            "!global flags not at the start of the expression at position 1"
        );
    }

    #[test]
    fn unsupported_constructs_are_named() {
        for (p, what) in [
            (r"(a)\1", "backreferences"),
            (r"(?P<x>a)(?P=x)", "backreferences"),
            (r"a(?=b)", "look-ahead"),
            (r"(?<!a)b", "look-behind"),
            (r"(?>a)", "atomic groups"),
            (r"a*+", "possessive"),
        ] {
            let e = translate(p, 0).unwrap_err();
            assert_eq!(e.kind, ErrorKind::NotSupported);
            assert!(e.message.contains(what), "{p}: {}", e.message);
        }
    }

    #[test]
    fn dollar_is_flagged_outside_multiline() {
        assert!(translate("a$", 0).unwrap().dollar_before_final_newline);
        assert!(
            !translate("a$", MULTILINE)
                .unwrap()
                .dollar_before_final_newline
        );
    }

    #[test]
    fn templates_parse_like_sre_parse() {
        use TemplatePiece::*;
        let names = vec![("w".to_string(), 1)];
        assert_eq!(
            parse_template(r"<\1|\g<w>|\g<0>\n\.>", 1, &names).unwrap(),
            vec![
                Literal("<".into()),
                Group(1),
                Literal("|".into()),
                Group(1),
                Literal("|".into()),
                Group(0),
                Literal("\n\\.>".into())
            ]
        );
        assert_eq!(
            parse_template(r"\2", 1, &names).unwrap_err().message,
            "invalid group reference 2 at position 1"
        );
        assert_eq!(
            parse_template(r"\g<x>", 1, &names).unwrap_err().message,
            "unknown group name 'x'"
        );
        assert_eq!(
            parse_template(r"\q", 1, &names).unwrap_err().message,
            "bad escape \\q at position 0"
        );
        assert_eq!(
            parse_template(r"\g<1", 1, &names).unwrap_err().message,
            "missing >, unterminated name at position 3"
        );
        assert_eq!(
            parse_template(r"\101", 1, &names).unwrap(),
            vec![Literal("A".into())]
        );
    }
}
