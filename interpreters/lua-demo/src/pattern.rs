//! Lua 5.4 patterns over byte strings: `string.find`, `match`, `gmatch` and `gsub` without the value model.
//!
//! The matcher is a backtracking recursive descent over the pattern bytes, with the same structure
//! as `match` in `lstrlib.c`: the same recursion points, so the same 200-level depth limit ("pattern
//! too complex") triggers on the same patterns, and the same order of checks, so malformed patterns
//! fail with the same message at the same moment (some errors only appear when the matcher reaches
//! the bad part). Where C reads the NUL that terminates every Lua string, we read a 0 byte past the
//! end. Character classes use the "C" locale, like `lua5.4` by default.
//!
//! Offsets: every function takes Lua's raw `init` argument (1-based, negative counts from the end,
//! pass 1 when it is absent) and returns 0-based byte offsets: `Match` is the half-open range
//! `start..end`, so Lua's `find` results are `start + 1` and `end`. `Capture::Position(off)` stands
//! for Lua's integer `off + 1`; `Capture::value` does that conversion.
//!
//! Deliberately not here: a step limit. Lua has none, and exponential patterns run as long in Lua;
//! only the recursion depth is bounded, which keeps the Rust stack safe.

use std::borrow::Cow;
use std::ops::Range;

#[cfg(test)]
mod tests;

/// `LUA_MAXCAPTURES`.
pub const MAX_CAPTURES: usize = 32;
/// `MAXCCALLS`: the maximum nesting of the matcher.
const MAX_DEPTH: usize = 200;
/// `SPECIALS`: a pattern without these bytes is searched for literally by `find`.
const SPECIALS: &[u8] = b"^$*+?.([%-";

/// A pattern error, with Lua 5.4.4's message as its `Display`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// "malformed pattern (ends with '%')"
    EndsWithPercent,
    /// "malformed pattern (missing ']')"
    MissingBracket,
    /// "malformed pattern (missing arguments to '%b')"
    MissingBalanceArguments,
    /// "missing '[' after '%f' in pattern"
    MissingFrontierBracket,
    /// "invalid capture index %N" (N as written, 0 to 9).
    InvalidCaptureIndex(u8),
    /// "invalid pattern capture": a ')' without an open capture.
    InvalidPatternCapture,
    /// "unfinished capture": a capture still open when its value is needed.
    UnfinishedCapture,
    /// "too many captures": more than `MAX_CAPTURES`.
    TooManyCaptures,
    /// "pattern too complex": the matcher nested more than 200 levels.
    TooComplex,
    /// "invalid use of '%' in replacement string"
    InvalidReplacementPercent,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PatternError::EndsWithPercent => f.write_str("malformed pattern (ends with '%')"),
            PatternError::MissingBracket => f.write_str("malformed pattern (missing ']')"),
            PatternError::MissingBalanceArguments => {
                f.write_str("malformed pattern (missing arguments to '%b')")
            }
            PatternError::MissingFrontierBracket => {
                f.write_str("missing '[' after '%f' in pattern")
            }
            PatternError::InvalidCaptureIndex(n) => write!(f, "invalid capture index %{n}"),
            PatternError::InvalidPatternCapture => f.write_str("invalid pattern capture"),
            PatternError::UnfinishedCapture => f.write_str("unfinished capture"),
            PatternError::TooManyCaptures => f.write_str("too many captures"),
            PatternError::TooComplex => f.write_str("pattern too complex"),
            PatternError::InvalidReplacementPercent => {
                f.write_str("invalid use of '%' in replacement string")
            }
        }
    }
}

impl std::error::Error for PatternError {}

/// One capture of a successful match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Capture {
    /// A substring: the 0-based byte range in the subject.
    Str(Range<usize>),
    /// A position capture `()`: the 0-based offset; Lua's value is `offset + 1`.
    Position(usize),
}

/// A capture as the Lua value the library functions return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptureValue<'s> {
    Str(&'s [u8]),
    Int(i64),
}

impl Capture {
    /// The Lua value of this capture of subject `s`.
    pub fn value<'s>(&self, s: &'s [u8]) -> CaptureValue<'s> {
        match self {
            Capture::Str(range) => CaptureValue::Str(&s[range.clone()]),
            Capture::Position(off) => CaptureValue::Int(*off as i64 + 1),
        }
    }
}

/// A successful `find`: the matched range (0-based, half-open) and the pattern's captures (empty if
/// it has none; `find` does not add the whole match).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub captures: Vec<Capture>,
}

/// `posrelatI(init, len) - 1`: Lua's `init` argument as a 0-based offset, or `None` when it starts
/// after the end of the subject (where nothing, not even the empty string, can match).
pub fn init_offset(init: i64, len: usize) -> Option<usize> {
    let pos = if init > 0 {
        init as u64
    } else if init == 0 || init.unsigned_abs() > len as u64 {
        1
    } else {
        len as u64 - init.unsigned_abs() + 1
    };
    let offset = pos - 1;
    if offset > len as u64 {
        None
    } else {
        Some(offset as usize)
    }
}

/// `string.find(s, pat, init, plain)`. A plain search is done when `plain` is set or the pattern has
/// no special characters.
pub fn find(s: &[u8], pat: &[u8], init: i64, plain: bool) -> Result<Option<Match>, PatternError> {
    let Some(init) = init_offset(init, s.len()) else {
        return Ok(None);
    };
    if plain || !pat.iter().any(|c| SPECIALS.contains(c)) {
        return Ok(find_plain(&s[init..], pat).map(|at| Match {
            start: init + at,
            end: init + at + pat.len(),
            captures: Vec::new(),
        }));
    }
    let mut matcher = Matcher::new(s, pat);
    let Some((start, end)) = matcher.search(init)? else {
        return Ok(None);
    };
    let captures = matcher.captures(None)?;
    Ok(Some(Match {
        start,
        end,
        captures,
    }))
}

/// `string.match(s, pat, init)`: the captures, or the whole match when the pattern has none.
pub fn match_(s: &[u8], pat: &[u8], init: i64) -> Result<Option<Vec<Capture>>, PatternError> {
    let Some(init) = init_offset(init, s.len()) else {
        return Ok(None);
    };
    let mut matcher = Matcher::new(s, pat);
    match matcher.search(init)? {
        Some((start, end)) => matcher.captures(Some(start..end)).map(Some),
        None => Ok(None),
    }
}

/// `lmemfind`: the first occurrence of `needle` in `haystack`; the empty string is found at 0.
fn find_plain(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    if needle.len() > haystack.len() {
        return None;
    }
    let last_start = haystack.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        let at = haystack[i..=last_start].iter().position(|&c| c == first)? + i;
        if &haystack[at + 1..at + needle.len()] == rest {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// The state of a `string.gmatch` iterator. The iterator closure keeps the subject and pattern and
/// passes the same ones to every `next` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gmatch {
    /// Where the next search starts.
    pos: usize,
    /// End of the previous match: an empty match there is skipped.
    last_match: Option<usize>,
}

impl Gmatch {
    /// `string.gmatch(s, pat, init)` for a subject of `len` bytes. An `init` past the end yields
    /// nothing. Unlike `find`, a leading '^' is an ordinary character here, as in Lua 5.4.
    pub fn new(len: usize, init: i64) -> Gmatch {
        Gmatch {
            pos: init_offset(init, len).unwrap_or(len + 1),
            last_match: None,
        }
    }

    /// The captures of the next match (the whole match when the pattern has none), or `None` when
    /// the iteration is over.
    pub fn next(&mut self, s: &[u8], pat: &[u8]) -> Result<Option<Vec<Capture>>, PatternError> {
        let mut matcher = Matcher::new(s, pat);
        let mut src = self.pos;
        while src <= s.len() {
            matcher.reset();
            if let Some(end) = matcher.do_match(src, 0)?
                && Some(end) != self.last_match
            {
                self.pos = end;
                self.last_match = Some(end);
                return matcher.captures(Some(src..end)).map(Some);
            }
            src += 1;
        }
        Ok(None)
    }
}

/// What a `gsub` replacement function returns: the replacement bytes, or `None` to keep the match.
pub type ReplResult<E> = Result<Option<Vec<u8>>, E>;

/// The replacement argument of `gsub`.
pub enum Repl<'r, E> {
    /// A string (or a number already converted to one), with `%0`-`%9` and `%%` escapes.
    Str(&'r [u8]),
    /// A function: called with all captures (or the whole match). It returns the replacement,
    /// or `None` for `false`/`nil`, which keeps the match unchanged. Converting the result to a string
    /// and raising "invalid replacement value (a table)" is the caller's job.
    Call(&'r mut dyn FnMut(&[Capture]) -> ReplResult<E>),
    /// A table: called with the first capture (or the whole match) only, which is the key Lua
    /// indexes the table with. Returns as for `Call`.
    Index(&'r mut dyn FnMut(&Capture) -> ReplResult<E>),
}

/// `string.gsub(s, pat, repl, max_n)`: the new string and the number of matches replaced.
/// `max_n` is Lua's 4th argument (`None` when absent, meaning no limit). The result borrows `s`
/// when nothing changed.
pub fn gsub<'s, E: From<PatternError>>(
    s: &'s [u8],
    pat: &[u8],
    mut repl: Repl<'_, E>,
    max_n: Option<i64>,
) -> Result<(Cow<'s, [u8]>, i64), E> {
    let max_n = max_n.unwrap_or(s.len() as i64 + 1);
    let (anchor, pat) = match pat.split_first() {
        Some((b'^', rest)) => (true, rest),
        _ => (false, pat),
    };
    let mut matcher = Matcher::new(s, pat);
    let mut out: Vec<u8> = Vec::new();
    let mut changed = false;
    let mut src = 0;
    let mut last_match = None;
    let mut n = 0;
    while n < max_n {
        matcher.reset();
        match matcher.do_match(src, 0)? {
            Some(end) if Some(end) != last_match => {
                n += 1;
                changed |= matcher.add_value(&mut out, src, end, &mut repl)?;
                src = end;
                last_match = Some(end);
            }
            _ if src < s.len() => {
                out.push(s[src]);
                src += 1;
            }
            _ => break,
        }
        if anchor {
            break;
        }
    }
    if !changed {
        return Ok((Cow::Borrowed(s), n));
    }
    out.extend_from_slice(&s[src..]);
    Ok((Cow::Owned(out), n))
}

/// Length of a capture still open (`CAP_UNFINISHED`).
const CAP_UNFINISHED: isize = -1;
/// Length marking a position capture (`CAP_POSITION`).
const CAP_POSITION: isize = -2;

/// `MatchState`: the subject, the pattern and the captures of the match in progress.
struct Matcher<'a> {
    src: &'a [u8],
    pat: &'a [u8],
    /// Remaining nesting budget (`matchdepth`).
    depth: usize,
    /// Number of captures, finished or not (`level`).
    level: usize,
    /// Start and length (or `CAP_*` marker) of each capture.
    capture: [(usize, isize); MAX_CAPTURES],
}

impl<'a> Matcher<'a> {
    fn new(src: &'a [u8], pat: &'a [u8]) -> Matcher<'a> {
        Matcher {
            src,
            pat,
            depth: MAX_DEPTH,
            level: 0,
            capture: [(0, 0); MAX_CAPTURES],
        }
    }

    /// `reprepstate`: forget the captures of a failed attempt.
    fn reset(&mut self) {
        self.level = 0;
        self.depth = MAX_DEPTH;
    }

    /// The pattern byte at `p`, or 0 past the end (C's terminating NUL).
    fn p_at(&self, p: usize) -> u8 {
        self.pat.get(p).copied().unwrap_or(0)
    }

    /// The subject byte at `s`, or 0 past the end (C's terminating NUL).
    fn s_at(&self, s: usize) -> u8 {
        self.src.get(s).copied().unwrap_or(0)
    }

    /// The search loop of `str_find_aux`: try each start from `init`, or only `init` if the
    /// pattern is anchored with '^'. Returns the matched range.
    fn search(&mut self, init: usize) -> Result<Option<(usize, usize)>, PatternError> {
        let anchor = self.pat.first() == Some(&b'^');
        let p = anchor as usize;
        let mut s1 = init;
        loop {
            self.reset();
            if let Some(end) = self.do_match(s1, p)? {
                return Ok(Some((s1, end)));
            }
            s1 += 1;
            if anchor || s1 > self.src.len() {
                return Ok(None);
            }
        }
    }

    /// `get_onecapture`: capture `i`, or the whole match `whole` when the pattern has no captures
    /// and `i` is 0.
    fn capture(&self, i: usize, whole: &Range<usize>) -> Result<Capture, PatternError> {
        if i >= self.level {
            if i != 0 {
                return Err(PatternError::InvalidCaptureIndex(i as u8 + 1));
            }
            return Ok(Capture::Str(whole.clone()));
        }
        let (init, len) = self.capture[i];
        match len {
            CAP_UNFINISHED => Err(PatternError::UnfinishedCapture),
            CAP_POSITION => Ok(Capture::Position(init)),
            _ => Ok(Capture::Str(init..init + len as usize)),
        }
    }

    /// `push_captures`: all captures; with `whole`, the whole match stands in for a pattern without
    /// captures.
    fn captures(&self, whole: Option<Range<usize>>) -> Result<Vec<Capture>, PatternError> {
        let n = if self.level == 0 && whole.is_some() {
            1
        } else {
            self.level
        };
        let whole = whole.unwrap_or(0..0);
        (0..n).map(|i| self.capture(i, &whole)).collect()
    }

    /// `add_value` for one match `s..e`: appends the replacement and says whether it changed the text.
    fn add_value<E: From<PatternError>>(
        &self,
        out: &mut Vec<u8>,
        s: usize,
        e: usize,
        repl: &mut Repl<'_, E>,
    ) -> Result<bool, E> {
        let whole = s..e;
        let value = match repl {
            Repl::Str(text) => {
                self.add_s(out, text, &whole)?;
                return Ok(true);
            }
            Repl::Call(f) => f(&self.captures(Some(whole.clone()))?)?,
            Repl::Index(f) => f(&self.capture(0, &whole)?)?,
        };
        match value {
            Some(bytes) => {
                out.extend_from_slice(&bytes);
                Ok(true)
            }
            None => {
                out.extend_from_slice(&self.src[whole]);
                Ok(false)
            }
        }
    }

    /// `add_s`: expands a replacement string for the match `whole`.
    fn add_s(
        &self,
        out: &mut Vec<u8>,
        text: &[u8],
        whole: &Range<usize>,
    ) -> Result<(), PatternError> {
        let mut i = 0;
        while let Some(at) = text[i..].iter().position(|&c| c == b'%') {
            out.extend_from_slice(&text[i..i + at]);
            let p = i + at + 1;
            match text.get(p).copied().unwrap_or(0) {
                b'%' => out.push(b'%'),
                b'0' => out.extend_from_slice(&self.src[whole.clone()]),
                d @ b'1'..=b'9' => match self.capture((d - b'1') as usize, whole)? {
                    Capture::Str(range) => out.extend_from_slice(&self.src[range]),
                    Capture::Position(off) => {
                        out.extend_from_slice((off as i64 + 1).to_string().as_bytes())
                    }
                },
                _ => return Err(PatternError::InvalidReplacementPercent),
            }
            i = p + 1;
        }
        out.extend_from_slice(&text[i..]);
        Ok(())
    }

    /// `classEnd`: the index just after the single-character class starting at `p`.
    fn class_end(&self, mut p: usize) -> Result<usize, PatternError> {
        let c = self.p_at(p);
        p += 1;
        match c {
            b'%' => {
                if p >= self.pat.len() {
                    return Err(PatternError::EndsWithPercent);
                }
                Ok(p + 1)
            }
            b'[' => {
                if self.p_at(p) == b'^' {
                    p += 1;
                }
                // The first byte of a set is always a member, so "[]]" is the set of ']'.
                loop {
                    if p >= self.pat.len() {
                        return Err(PatternError::MissingBracket);
                    }
                    let c = self.pat[p];
                    p += 1;
                    if c == b'%' && p < self.pat.len() {
                        p += 1;
                    }
                    if self.p_at(p) == b']' {
                        return Ok(p + 1);
                    }
                }
            }
            _ => Ok(p),
        }
    }

    /// `matchbracketclass`: whether `c` is in the set `[...]` from `p` (the '[') to `ec` (the ']').
    fn match_bracket_class(&self, c: u8, mut p: usize, ec: usize) -> bool {
        let mut sig = true;
        if self.p_at(p + 1) == b'^' {
            sig = false;
            p += 1;
        }
        loop {
            p += 1;
            if p >= ec {
                return !sig;
            }
            if self.pat[p] == b'%' {
                p += 1;
                if match_class(c, self.p_at(p)) {
                    return sig;
                }
            } else if self.p_at(p + 1) == b'-' && p + 2 < ec {
                p += 2;
                if self.pat[p - 2] <= c && c <= self.pat[p] {
                    return sig;
                }
            } else if self.pat[p] == c {
                return sig;
            }
        }
    }

    /// `singlematch`: whether the subject byte at `s` matches the class `p..ep`.
    fn single_match(&self, s: usize, p: usize, ep: usize) -> bool {
        let Some(&c) = self.src.get(s) else {
            return false;
        };
        match self.pat[p] {
            b'.' => true,
            b'%' => match_class(c, self.p_at(p + 1)),
            b'[' => self.match_bracket_class(c, p, ep - 1),
            pc => pc == c,
        }
    }

    /// `matchbalance` for `%bxy` with `p` at `x`: the end of the balanced run starting at `s`.
    fn match_balance(&self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        if p + 1 >= self.pat.len() {
            return Err(PatternError::MissingBalanceArguments);
        }
        if s >= self.src.len() || self.src[s] != self.pat[p] {
            return Ok(None);
        }
        let (open, close) = (self.pat[p], self.pat[p + 1]);
        let mut depth = 1;
        for (i, &c) in self.src.iter().enumerate().skip(s + 1) {
            if c == close {
                depth -= 1;
                if depth == 0 {
                    return Ok(Some(i + 1));
                }
            } else if c == open {
                depth += 1;
            }
        }
        Ok(None)
    }

    /// `match_capture` for a back-reference `%d`: the subject must repeat capture `d` at `s`.
    fn match_back_reference(&self, s: usize, d: u8) -> Result<Option<usize>, PatternError> {
        let l = d as isize - b'1' as isize;
        if l < 0 || l as usize >= self.level || self.capture[l as usize].1 == CAP_UNFINISHED {
            return Err(PatternError::InvalidCaptureIndex(d - b'0'));
        }
        let (init, len) = self.capture[l as usize];
        // A position capture has a negative length, which C compares as a huge unsigned size:
        // it never matches.
        if len < 0 {
            return Ok(None);
        }
        let len = len as usize;
        if self.src.len() - s >= len && self.src[init..init + len] == self.src[s..s + len] {
            Ok(Some(s + len))
        } else {
            Ok(None)
        }
    }

    /// `start_capture`: open capture number `level` at `s` and match the rest.
    fn start_capture(
        &mut self,
        s: usize,
        p: usize,
        what: isize,
    ) -> Result<Option<usize>, PatternError> {
        if self.level >= MAX_CAPTURES {
            return Err(PatternError::TooManyCaptures);
        }
        self.capture[self.level] = (s, what);
        self.level += 1;
        let res = self.do_match(s, p)?;
        if res.is_none() {
            self.level -= 1;
        }
        Ok(res)
    }

    /// `end_capture`: close the innermost open capture at `s` and match the rest.
    fn end_capture(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        let l = (0..self.level)
            .rev()
            .find(|&l| self.capture[l].1 == CAP_UNFINISHED)
            .ok_or(PatternError::InvalidPatternCapture)?;
        self.capture[l].1 = (s - self.capture[l].0) as isize;
        let res = self.do_match(s, p)?;
        if res.is_none() {
            self.capture[l].1 = CAP_UNFINISHED;
        }
        Ok(res)
    }

    /// `max_expand`: the longest run of the class `p..ep` from `s` after which the rest matches.
    fn max_expand(&mut self, s: usize, p: usize, ep: usize) -> Result<Option<usize>, PatternError> {
        let mut i = 0;
        while self.single_match(s + i, p, ep) {
            i += 1;
        }
        loop {
            if let Some(res) = self.do_match(s + i, ep + 1)? {
                return Ok(Some(res));
            }
            if i == 0 {
                return Ok(None);
            }
            i -= 1;
        }
    }

    /// `min_expand`: the shortest run of the class `p..ep` from `s` after which the rest matches.
    fn min_expand(
        &mut self,
        mut s: usize,
        p: usize,
        ep: usize,
    ) -> Result<Option<usize>, PatternError> {
        loop {
            if let Some(res) = self.do_match(s, ep + 1)? {
                return Ok(Some(res));
            }
            if self.single_match(s, p, ep) {
                s += 1;
            } else {
                return Ok(None);
            }
        }
    }

    /// `match`: matches the pattern from `p` against the subject from `s`; the end of the match.
    fn do_match(&mut self, s: usize, p: usize) -> Result<Option<usize>, PatternError> {
        if self.depth == 0 {
            return Err(PatternError::TooComplex);
        }
        self.depth -= 1;
        let res = self.match_body(s, p);
        self.depth += 1;
        res
    }

    fn match_body(&mut self, mut s: usize, mut p: usize) -> Result<Option<usize>, PatternError> {
        // Tail calls of the C version are iterations of this loop.
        loop {
            if p == self.pat.len() {
                return Ok(Some(s));
            }
            match self.pat[p] {
                b'(' => {
                    return if self.p_at(p + 1) == b')' {
                        self.start_capture(s, p + 2, CAP_POSITION)
                    } else {
                        self.start_capture(s, p + 1, CAP_UNFINISHED)
                    };
                }
                b')' => return self.end_capture(s, p + 1),
                b'$' if p + 1 == self.pat.len() => {
                    return Ok((s == self.src.len()).then_some(s));
                }
                b'%' if self.p_at(p + 1) == b'b' => match self.match_balance(s, p + 2)? {
                    Some(end) => {
                        s = end;
                        p += 4;
                        continue;
                    }
                    None => return Ok(None),
                },
                b'%' if self.p_at(p + 1) == b'f' => {
                    p += 2;
                    if self.p_at(p) != b'[' {
                        return Err(PatternError::MissingFrontierBracket);
                    }
                    let ep = self.class_end(p)?;
                    let previous = if s == 0 { 0 } else { self.src[s - 1] };
                    let current = self.s_at(s);
                    if !self.match_bracket_class(previous, p, ep - 1)
                        && self.match_bracket_class(current, p, ep - 1)
                    {
                        p = ep;
                        continue;
                    }
                    return Ok(None);
                }
                b'%' if self.p_at(p + 1).is_ascii_digit() => {
                    match self.match_back_reference(s, self.p_at(p + 1))? {
                        Some(end) => {
                            s = end;
                            p += 2;
                            continue;
                        }
                        None => return Ok(None),
                    }
                }
                _ => {
                    let ep = self.class_end(p)?;
                    let suffix = self.p_at(ep);
                    if !self.single_match(s, p, ep) {
                        if suffix == b'*' || suffix == b'?' || suffix == b'-' {
                            // Zero repetitions are acceptable.
                            p = ep + 1;
                            continue;
                        }
                        return Ok(None);
                    }
                    match suffix {
                        b'?' => {
                            if let Some(res) = self.do_match(s + 1, ep + 1)? {
                                return Ok(Some(res));
                            }
                            p = ep + 1;
                        }
                        b'+' => return self.max_expand(s + 1, p, ep),
                        b'*' => return self.max_expand(s, p, ep),
                        b'-' => return self.min_expand(s, p, ep),
                        _ => {
                            s += 1;
                            p = ep;
                        }
                    }
                }
            }
        }
    }
}

/// `match_class`: whether `c` belongs to the class `%cl` ("C" locale; an upper-case class letter is
/// the complement; any other `cl` stands for itself).
fn match_class(c: u8, cl: u8) -> bool {
    let res = match cl.to_ascii_lowercase() {
        b'a' => c.is_ascii_alphabetic(),
        b'c' => c < 0x20 || c == 0x7f,
        b'd' => c.is_ascii_digit(),
        b'g' => c.is_ascii_graphic(),
        b'l' => c.is_ascii_lowercase(),
        b'p' => c.is_ascii_punctuation(),
        b's' => matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
        b'u' => c.is_ascii_uppercase(),
        b'w' => c.is_ascii_alphanumeric(),
        b'x' => c.is_ascii_hexdigit(),
        // Deprecated since 5.2 but still accepted by 5.4.4: the NUL byte.
        b'z' => c == 0,
        _ => return cl == c,
    };
    if cl.is_ascii_uppercase() { !res } else { res }
}
