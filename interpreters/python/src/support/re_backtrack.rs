//! A backtracking matcher for the Python `re` patterns the `regex` crate cannot run: look-ahead,
//! look-behind and backreferences.
//!
//! `re_translate` validates every pattern (and reports CPython's syntax errors) first; only a
//! pattern it rejects as needing one of those constructs comes here. The parser covers Python's
//! syntax (groups, named groups, alternation, greedy and lazy quantifiers, classes, escapes,
//! anchors, global inline flags) and the matcher explores alternatives in Python's priority
//! order, so the first match found is the one CPython's `sre` returns. Deliberately not done:
//! scoped inline flags (`(?i:...)`), conditionals, atomic groups and possessive quantifiers
//! (reported as unsupported, never approximated), and full Unicode case folding (IGNORECASE
//! compares simple lowercase mappings). Recursion depth and steps are bounded: a pattern that
//! exceeds them raises an error instead of overflowing the stack or running for ever.

use super::re_translate::{ASCII, DOTALL, IGNORECASE, MULTILINE, VERBOSE};
use super::{Error, ErrorKind, Result};

#[derive(Debug, Clone)]
enum ClassItem {
    Range(char, char),
    Digit(bool),
    Word(bool),
    Space(bool),
}

#[derive(Debug, Clone)]
enum Node {
    Char(char),
    Any,
    Class(bool, Vec<ClassItem>),
    LineStart,
    LineEnd,
    TextStart,
    TextEnd,
    WordBoundary(bool),
    Group(Option<usize>, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, usize, Option<usize>, bool),
    Backref(usize),
    Look(bool, bool, Box<Node>),
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Program {
    node: Node,
    flags: u32,
    /// Number of capturing groups.
    pub groups: usize,
    /// Group names and numbers.
    pub names: Vec<(String, usize)>,
}

fn unsupported(what: &str) -> Error {
    Error::new(
        ErrorKind::NotSupported,
        format!("{what} are not supported by pyvgc's re module"),
    )
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    flags: u32,
    groups: usize,
    names: Vec<(String, usize)>,
    _src: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn error(&self, msg: &str) -> Error {
        Error::new(
            ErrorKind::ReError,
            format!("{msg} at position {}", self.pos),
        )
    }
    fn skip_verbose(&mut self) {
        if self.flags & VERBOSE == 0 {
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

    fn alternation(&mut self) -> Result<Node> {
        let mut alts = vec![self.concat()?];
        while self.eat('|') {
            alts.push(self.concat()?);
        }
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Concat(Vec::new()))
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self) -> Result<Node> {
        let mut items = Vec::new();
        loop {
            self.skip_verbose();
            match self.peek() {
                None | Some('|') | Some(')') => break,
                _ => {}
            }
            let atom = self.atom()?;
            let atom = self.quantifier(atom)?;
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn number(&mut self) -> Option<usize> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return None;
        }
        self.chars[start..self.pos]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    }

    fn quantifier(&mut self, atom: Node) -> Result<Node> {
        self.skip_verbose();
        let (min, max) = match self.peek() {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => {
                let save = self.pos;
                self.pos += 1;
                let lo = self.number();
                let (lo, hi) = if self.eat(',') {
                    (lo.unwrap_or(0), self.number())
                } else {
                    match lo {
                        Some(n) => (n, Some(n)),
                        None => {
                            self.pos = save;
                            return Ok(atom);
                        }
                    }
                };
                if !self.eat('}') {
                    // Not a repeat: `{` is a literal, as in Python.
                    self.pos = save;
                    return Ok(atom);
                }
                (lo, hi)
            }
            _ => return Ok(atom),
        };
        let greedy = !self.eat('?');
        if self.peek() == Some('+') {
            return Err(unsupported("possessive quantifiers"));
        }
        Ok(Node::Repeat(Box::new(atom), min, max, greedy))
    }

    fn atom(&mut self) -> Result<Node> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("unexpected end of pattern"))?;
        self.pos += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::LineStart,
            '$' => Node::LineEnd,
            '[' => self.class()?,
            '(' => self.group()?,
            '\\' => self.escape()?,
            c => Node::Char(c),
        })
    }

    fn group(&mut self) -> Result<Node> {
        if !self.eat('?') {
            self.groups += 1;
            let n = self.groups;
            let inner = self.alternation()?;
            self.close()?;
            return Ok(Node::Group(Some(n), Box::new(inner)));
        }
        let c = self
            .peek()
            .ok_or_else(|| self.error("unexpected end of pattern"))?;
        self.pos += 1;
        match c {
            ':' => {
                let inner = self.alternation()?;
                self.close()?;
                Ok(Node::Group(None, Box::new(inner)))
            }
            '=' | '!' => {
                let inner = self.alternation()?;
                self.close()?;
                Ok(Node::Look(true, c == '!', Box::new(inner)))
            }
            '<' if matches!(self.peek(), Some('=') | Some('!')) => {
                let negate = self.peek() == Some('!');
                self.pos += 1;
                let inner = self.alternation()?;
                self.close()?;
                if width(&inner).is_none() {
                    return Err(Error::new(
                        ErrorKind::ReError,
                        "look-behind requires fixed-width pattern",
                    ));
                }
                Ok(Node::Look(false, negate, Box::new(inner)))
            }
            'P' | '<' => {
                if c == 'P' && self.eat('=') {
                    let name = self.name(')')?;
                    let n = self
                        .names
                        .iter()
                        .find(|(k, _)| *k == name)
                        .map(|(_, n)| *n)
                        .ok_or_else(|| self.error(&format!("unknown group name '{name}'")))?;
                    return Ok(Node::Backref(n));
                }
                if c == 'P' && !self.eat('<') {
                    return Err(self.error("unknown extension ?P"));
                }
                let name = self.name('>')?;
                self.groups += 1;
                let n = self.groups;
                self.names.push((name, n));
                let inner = self.alternation()?;
                self.close()?;
                Ok(Node::Group(Some(n), Box::new(inner)))
            }
            '#' => {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == ')' {
                        return Ok(Node::Concat(Vec::new()));
                    }
                }
                Err(self.error("missing ), unterminated comment"))
            }
            '(' => Err(unsupported("conditional groups")),
            '>' => Err(unsupported("atomic groups")),
            _ => Err(unsupported("inline flags inside a pattern")),
        }
    }

    fn name(&mut self, end: char) -> Result<String> {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == end {
                return Ok(s);
            }
            s.push(c);
        }
        Err(self.error("missing group name"))
    }

    fn close(&mut self) -> Result<()> {
        if self.eat(')') {
            Ok(())
        } else {
            Err(self.error("missing ), unterminated subpattern"))
        }
    }

    fn hex(&mut self, n: usize) -> Result<char> {
        let start = self.pos;
        if start + n > self.chars.len() {
            return Err(self.error("incomplete escape"));
        }
        let text: String = self.chars[start..start + n].iter().collect();
        self.pos += n;
        u32::from_str_radix(&text, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| self.error("bad escape"))
    }

    /// An escape valid both outside and inside classes, as a character.
    fn char_escape(&mut self, c: char) -> Result<Option<char>> {
        Ok(Some(match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'f' => '\x0c',
            'v' => '\x0b',
            'a' => '\x07',
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match self.peek().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(v).unwrap_or('\0')
            }
            'x' => self.hex(2)?,
            'u' => self.hex(4)?,
            'U' => self.hex(8)?,
            c if c.is_ascii_alphanumeric() => return Ok(None),
            c => c,
        }))
    }

    fn escape(&mut self) -> Result<Node> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("bad escape (end of pattern)"))?;
        self.pos += 1;
        Ok(match c {
            'd' => Node::Class(false, vec![ClassItem::Digit(true)]),
            'D' => Node::Class(false, vec![ClassItem::Digit(false)]),
            'w' => Node::Class(false, vec![ClassItem::Word(true)]),
            'W' => Node::Class(false, vec![ClassItem::Word(false)]),
            's' => Node::Class(false, vec![ClassItem::Space(true)]),
            'S' => Node::Class(false, vec![ClassItem::Space(false)]),
            'b' => Node::WordBoundary(true),
            'B' => Node::WordBoundary(false),
            'A' => Node::TextStart,
            'Z' => Node::TextEnd,
            '1'..='9' => {
                let mut n = c.to_digit(10).unwrap_or(0) as usize;
                if let Some(d) = self.peek().and_then(|d| d.to_digit(10)) {
                    n = n * 10 + d as usize;
                    self.pos += 1;
                }
                if n > self.groups {
                    return Err(self.error(&format!("invalid group reference {n}")));
                }
                Node::Backref(n)
            }
            c => match self.char_escape(c)? {
                Some(ch) => Node::Char(ch),
                None => return Err(self.error(&format!("bad escape \\{c}"))),
            },
        })
    }

    fn class(&mut self) -> Result<Node> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let c = self
                .peek()
                .ok_or_else(|| self.error("unterminated character set"))?;
            self.pos += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let lo = if c == '\\' {
                let e = self.peek().ok_or_else(|| self.error("bad escape"))?;
                self.pos += 1;
                match e {
                    'd' => {
                        items.push(ClassItem::Digit(true));
                        continue;
                    }
                    'D' => {
                        items.push(ClassItem::Digit(false));
                        continue;
                    }
                    'w' => {
                        items.push(ClassItem::Word(true));
                        continue;
                    }
                    'W' => {
                        items.push(ClassItem::Word(false));
                        continue;
                    }
                    's' => {
                        items.push(ClassItem::Space(true));
                        continue;
                    }
                    'S' => {
                        items.push(ClassItem::Space(false));
                        continue;
                    }
                    'b' => '\x08',
                    e => self
                        .char_escape(e)?
                        .ok_or_else(|| self.error(&format!("bad escape \\{e}")))?,
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                self.pos += 1;
                let h = self
                    .peek()
                    .ok_or_else(|| self.error("unterminated character set"))?;
                self.pos += 1;
                let hi = if h == '\\' {
                    let e = self.peek().ok_or_else(|| self.error("bad escape"))?;
                    self.pos += 1;
                    self.char_escape(e)?
                        .ok_or_else(|| self.error("bad character range"))?
                } else {
                    h
                };
                if hi < lo {
                    return Err(self.error("bad character range"));
                }
                items.push(ClassItem::Range(lo, hi));
            } else {
                items.push(ClassItem::Range(lo, lo));
            }
        }
        Ok(Node::Class(negated, items))
    }
}

/// The fixed width in characters of a look-behind body, or None if it varies.
fn width(n: &Node) -> Option<usize> {
    match n {
        Node::Char(_) | Node::Any | Node::Class(..) => Some(1),
        Node::LineStart
        | Node::LineEnd
        | Node::TextStart
        | Node::TextEnd
        | Node::WordBoundary(_)
        | Node::Look(..) => Some(0),
        Node::Group(_, inner) => width(inner),
        Node::Concat(v) => v.iter().map(width).sum(),
        Node::Alt(v) => {
            let w = width(v.first()?)?;
            v.iter().all(|x| width(x) == Some(w)).then_some(w)
        }
        Node::Repeat(inner, min, max, _) => {
            (Some(*min) == *max).then(|| width(inner).map(|w| w * min))?
        }
        Node::Backref(_) => None,
    }
}

/// Parses `pattern` (already validated by `re_translate`) with `flags`.
pub fn compile(pattern: &str, flags: u32) -> Result<Program> {
    let mut p = Parser {
        chars: pattern.chars().collect(),
        pos: 0,
        flags,
        groups: 0,
        names: Vec::new(),
        _src: pattern,
    };
    // Global inline flags at the start: `(?imsx)`.
    while p.chars.get(p.pos) == Some(&'(') && p.chars.get(p.pos + 1) == Some(&'?') {
        let mut q = p.pos + 2;
        let mut f = 0;
        while let Some(&c) = p.chars.get(q) {
            let bit = match c {
                'i' => IGNORECASE,
                'm' => MULTILINE,
                's' => DOTALL,
                'x' => VERBOSE,
                'a' => ASCII,
                'u' | 'L' => 0,
                _ => break,
            };
            f |= bit;
            q += 1;
        }
        if q > p.pos + 2 && p.chars.get(q) == Some(&')') {
            p.flags |= f;
            p.pos = q + 1;
        } else {
            break;
        }
    }
    let node = p.alternation()?;
    if p.pos < p.chars.len() {
        return Err(p.error("unbalanced parenthesis"));
    }
    Ok(Program {
        node,
        flags: p.flags,
        groups: p.groups,
        names: p.names,
    })
}

/// Steps a match may take before it is abandoned with an error.
const MAX_STEPS: u64 = 20_000_000;
/// Nesting of the matcher's recursion before it is abandoned with an error.
const MAX_DEPTH: usize = 20_000;

struct State {
    caps: Vec<Option<(usize, usize)>>,
    steps: u64,
    depth: usize,
    failed: Option<Error>,
}

struct Matcher<'a> {
    text: &'a [char],
    flags: u32,
}

type Cont<'k> = &'k mut dyn FnMut(usize, &mut State) -> bool;

/// The character span of each group of a match (group 0 is the whole match).
pub type Spans = Vec<Option<(usize, usize)>>;

impl Matcher<'_> {
    fn is_word(&self, c: char) -> bool {
        if self.flags & ASCII != 0 {
            c.is_ascii_alphanumeric() || c == '_'
        } else {
            c.is_alphanumeric() || c == '_'
        }
    }
    fn class_item(&self, it: &ClassItem, c: char) -> bool {
        let ascii = self.flags & ASCII != 0;
        match *it {
            ClassItem::Range(lo, hi) => {
                if (lo..=hi).contains(&c) {
                    return true;
                }
                if self.flags & IGNORECASE != 0 {
                    let l = fold(c);
                    let u = c.to_uppercase().next().unwrap_or(c);
                    return (lo..=hi).contains(&l) || (lo..=hi).contains(&u);
                }
                false
            }
            ClassItem::Digit(yes) => {
                let d = c.is_ascii_digit() || (!ascii && !c.is_ascii() && c.is_numeric());
                d == yes
            }
            ClassItem::Word(yes) => self.is_word(c) == yes,
            ClassItem::Space(yes) => {
                let s = if ascii {
                    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
                } else {
                    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
                };
                s == yes
            }
        }
    }
    fn eq(&self, a: char, b: char) -> bool {
        a == b || (self.flags & IGNORECASE != 0 && fold(a) == fold(b))
    }

    fn m(&self, n: &Node, pos: usize, st: &mut State, k: Cont<'_>) -> bool {
        st.steps += 1;
        if st.failed.is_some() {
            return false;
        }
        if st.steps > MAX_STEPS || st.depth > MAX_DEPTH {
            st.failed = Some(Error::new(
                ErrorKind::ReError,
                "pattern too complex for pyvgc's backtracking matcher (look-around or \
                 backreference over a long subject)",
            ));
            return false;
        }
        st.depth += 1;
        let r = self.m_inner(n, pos, st, k);
        st.depth -= 1;
        r
    }

    fn m_inner(&self, n: &Node, pos: usize, st: &mut State, k: Cont<'_>) -> bool {
        let t = self.text;
        match n {
            Node::Char(c) => pos < t.len() && self.eq(t[pos], *c) && k(pos + 1, st),
            Node::Any => {
                pos < t.len() && (self.flags & DOTALL != 0 || t[pos] != '\n') && k(pos + 1, st)
            }
            Node::Class(neg, items) => {
                pos < t.len()
                    && items.iter().any(|it| self.class_item(it, t[pos])) != *neg
                    && k(pos + 1, st)
            }
            Node::LineStart => {
                (pos == 0 || (self.flags & MULTILINE != 0 && t[pos - 1] == '\n')) && k(pos, st)
            }
            Node::LineEnd => {
                let ok = pos == t.len()
                    || (pos + 1 == t.len() && t[pos] == '\n')
                    || (self.flags & MULTILINE != 0 && t[pos] == '\n');
                ok && k(pos, st)
            }
            Node::TextStart => pos == 0 && k(pos, st),
            Node::TextEnd => pos == t.len() && k(pos, st),
            Node::WordBoundary(yes) => {
                let before = pos > 0 && self.is_word(t[pos - 1]);
                let after = pos < t.len() && self.is_word(t[pos]);
                ((before != after) == *yes) && k(pos, st)
            }
            Node::Group(None, inner) => self.m(inner, pos, st, k),
            Node::Group(Some(i), inner) => {
                let i = *i;
                let old = st.caps[i];
                let start = pos;
                let ok = self.m(inner, pos, st, &mut |e, st: &mut State| {
                    let save = st.caps[i];
                    st.caps[i] = Some((start, e));
                    if k(e, st) {
                        true
                    } else {
                        st.caps[i] = save;
                        false
                    }
                });
                if !ok {
                    st.caps[i] = old;
                }
                ok
            }
            Node::Concat(v) => self.seq(v, 0, pos, st, k),
            Node::Alt(v) => {
                for alt in v {
                    if self.m(alt, pos, st, &mut *k) {
                        return true;
                    }
                }
                false
            }
            Node::Repeat(inner, min, max, greedy) => {
                self.rep(inner, *min, *max, *greedy, 0, pos, st, k)
            }
            Node::Backref(i) => {
                let Some((s, e)) = st.caps.get(*i).copied().flatten() else {
                    return false;
                };
                let len = e - s;
                if pos + len > t.len() {
                    return false;
                }
                (0..len).all(|j| self.eq(t[pos + j], t[s + j])) && k(pos + len, st)
            }
            Node::Look(ahead, negate, inner) => {
                let saved = st.caps.clone();
                let ok = if *ahead {
                    self.m(inner, pos, st, &mut |_, _| true)
                } else {
                    let w = width(inner).unwrap_or(0);
                    pos >= w && self.m(inner, pos - w, st, &mut |e, _| e == pos)
                };
                if ok == *negate {
                    st.caps = saved;
                    return false;
                }
                if *negate {
                    st.caps = saved.clone();
                }
                if k(pos, st) {
                    true
                } else {
                    st.caps = saved;
                    false
                }
            }
        }
    }

    fn seq(&self, v: &[Node], i: usize, pos: usize, st: &mut State, k: Cont<'_>) -> bool {
        if i == v.len() {
            return k(pos, st);
        }
        self.m(&v[i], pos, st, &mut |p, st: &mut State| {
            self.seq(v, i + 1, p, st, &mut *k)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn rep(
        &self,
        inner: &Node,
        min: usize,
        max: Option<usize>,
        greedy: bool,
        count: usize,
        pos: usize,
        st: &mut State,
        k: Cont<'_>,
    ) -> bool {
        let can_more = max.is_none_or(|m| count < m);
        if count < min {
            return self.m(inner, pos, st, &mut |p, st: &mut State| {
                self.rep(inner, min, max, greedy, count + 1, p, st, &mut *k)
            });
        }
        if greedy {
            if can_more
                && self.m(inner, pos, st, &mut |p, st: &mut State| {
                    // An iteration that consumed nothing ends the repetition (as sre does).
                    p != pos && self.rep(inner, min, max, greedy, count + 1, p, st, &mut *k)
                })
            {
                return true;
            }
            k(pos, st)
        } else {
            if k(pos, st) {
                return true;
            }
            can_more
                && self.m(inner, pos, st, &mut |p, st: &mut State| {
                    p != pos && self.rep(inner, min, max, greedy, count + 1, p, st, &mut *k)
                })
        }
    }
}

/// Simple case folding: the first character of the lowercase mapping.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

impl Program {
    /// The flags in effect: those passed plus global inline ones.
    pub fn flags(&self) -> u32 {
        self.flags
    }

    /// Runs the pattern over `text` (characters) from `pos`: mode 0 searches, 1 matches at `pos`,
    /// 2 matches `pos..end` entirely. Returns the character spans of all groups.
    pub fn run(&self, text: &[char], pos: usize, mode: i64) -> Result<Option<Spans>> {
        let m = Matcher {
            text,
            flags: self.flags,
        };
        let last = if mode == 0 { text.len() } else { pos };
        for start in pos..=last {
            let mut st = State {
                caps: vec![None; self.groups + 1],
                steps: 0,
                depth: 0,
                failed: None,
            };
            let mut end = None;
            let found = m.m(&self.node, start, &mut st, &mut |e, _| {
                if mode == 2 && e != text.len() {
                    return false;
                }
                end = Some(e);
                true
            });
            if let Some(err) = st.failed {
                return Err(err);
            }
            if found {
                let mut spans = st.caps;
                spans[0] = end.map(|e| (start, e));
                return Ok(Some(spans));
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(p: &str, s: &str) -> Option<(usize, usize)> {
        let prog = compile(p, 0).expect("compiles");
        let chars: Vec<char> = s.chars().collect();
        prog.run(&chars, 0, 0).expect("runs").and_then(|v| v[0])
    }

    // Expected spans from CPython 3.11's `re.search(p, s).span()`.
    #[test]
    fn lookaround_and_backreferences_match_where_cpython_does() {
        assert_eq!(find(r"(?<=\$)\d+", "cost: $42"), Some((7, 9)));
        assert_eq!(
            find(r"\d+(?= dollars)", "10 euros 20 dollars"),
            Some((9, 11))
        );
        assert_eq!(find(r"foo(?!bar)", "foobar foobaz"), Some((7, 10)));
        assert_eq!(find(r"(?<!-)\b\d+", "-12 34"), Some((4, 6)));
        assert_eq!(find(r"(\w)\1", "abccd"), Some((2, 4)));
        assert_eq!(
            find(r"(?P<q>['\x22]).*?(?P=q)", "say 'hi' now"),
            Some((4, 8))
        );
        assert_eq!(find(r"a*?b", "aaab"), Some((0, 4)));
        assert_eq!(find(r"(?<=a)(?=b)", "cab"), Some((2, 2)));
    }

    #[test]
    fn variable_width_lookbehind_is_rejected() {
        assert!(compile(r"(?<=a+)b", 0).is_err());
    }
}
