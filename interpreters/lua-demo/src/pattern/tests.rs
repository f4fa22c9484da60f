//! Tests for Lua patterns: named rules plus a table of cases whose expected results were produced by
//! `lua5.4` (see `gen_cases.lua`), compared in a canonical text form.

use super::*;

/// The extra arguments of a generated case.
enum Call {
    /// `find(s, p, init, plain)`.
    Find(Option<i64>, bool),
    /// `match(s, p, init)`.
    Match(Option<i64>),
    /// `gmatch(s, p, init)`, iterated to the end.
    GmatchAll(Option<i64>),
    /// `gsub(s, p, repl_string, max_n)`.
    Gsub(&'static [u8], Option<i64>),
    /// `gsub(s, p, <named function or table>, max_n)`, as defined in `gen_cases.lua`.
    GsubWith(&'static str, Option<i64>),
}
use Call::{Find, GmatchAll, Gsub, GsubWith, Match};

/// The test's error: the message Lua would show.
#[derive(Debug)]
struct Failure(String);

impl From<PatternError> for Failure {
    fn from(e: PatternError) -> Failure {
        Failure(e.to_string())
    }
}

fn escape(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes {
        if !(32..=126).contains(&b) || b == b'"' || b == b'\\' {
            out.push_str(&format!("\\x{b:02x}"));
        } else {
            out.push(b as char);
        }
    }
    out
}

/// `render` of `gen_cases.lua`: one Lua value.
fn render_value(v: CaptureValue<'_>) -> String {
    match v {
        CaptureValue::Str(s) => format!("\"{}\"", escape(s)),
        CaptureValue::Int(i) => i.to_string(),
    }
}

fn render_captures(s: &[u8], captures: &[Capture]) -> String {
    let parts: Vec<String> = captures.iter().map(|c| render_value(c.value(s))).collect();
    parts.join(", ")
}

/// `tostring` of a capture value, as the Lua replacement functions use it.
fn capture_text(s: &[u8], c: &Capture) -> Vec<u8> {
    match c.value(s) {
        CaptureValue::Str(t) => t.to_vec(),
        CaptureValue::Int(i) => i.to_string().into_bytes(),
    }
}

/// Runs one call and renders its results the way `gen_cases.lua` does.
fn run(s: &'static [u8], p: &[u8], call: &Call) -> String {
    let result: Result<String, Failure> = match call {
        Find(init, plain) => find(s, p, init.unwrap_or(1), *plain)
            .map(|m| match m {
                None => "nil".to_string(),
                Some(m) => {
                    let mut text = format!("{}, {}", m.start + 1, m.end);
                    if !m.captures.is_empty() {
                        text.push_str(", ");
                        text.push_str(&render_captures(s, &m.captures));
                    }
                    text
                }
            })
            .map_err(Failure::from),
        Match(init) => match_(s, p, init.unwrap_or(1))
            .map(|m| m.map_or("nil".to_string(), |caps| render_captures(s, &caps)))
            .map_err(Failure::from),
        GmatchAll(init) => {
            let mut iter = Gmatch::new(s.len(), init.unwrap_or(1));
            let mut items = Vec::new();
            let mut error = None;
            loop {
                match iter.next(s, p) {
                    Ok(Some(caps)) => {
                        items.push(format!("({})", render_captures(s, &caps)));
                        if items.len() > 40 {
                            break;
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        error = Some(e);
                        break;
                    }
                }
            }
            let mut text = items.join(" ");
            if let Some(e) = error {
                text.push_str(&format!(" error: {e}"));
            }
            Ok(text)
        }
        Gsub(repl, max_n) => gsub::<Failure>(s, p, Repl::Str(repl), *max_n).map(render_gsub),
        GsubWith(name, max_n) => run_gsub_with(s, p, name, *max_n).map(render_gsub),
    };
    match result {
        Ok(text) => text,
        Err(Failure(msg)) => format!("error: {msg}"),
    }
}

fn render_gsub((text, n): (Cow<'_, [u8]>, i64)) -> String {
    format!("\"{}\", {n}", escape(&text))
}

/// The replacement functions and table of `gen_cases.lua`.
fn run_gsub_with(
    s: &'static [u8],
    p: &[u8],
    name: &str,
    max_n: Option<i64>,
) -> Result<(Cow<'static, [u8]>, i64), Failure> {
    match name {
        "concat" => {
            let mut f = |caps: &[Capture]| -> Result<Option<Vec<u8>>, Failure> {
                let parts: Vec<Vec<u8>> = caps.iter().map(|c| capture_text(s, c)).collect();
                Ok(Some(
                    [b"<".to_vec(), parts.join(&b","[..]), b">".to_vec()].concat(),
                ))
            };
            gsub(s, p, Repl::Call(&mut f), max_n)
        }
        "keep" => {
            let mut f = |_: &[Capture]| -> Result<Option<Vec<u8>>, Failure> { Ok(None) };
            gsub(s, p, Repl::Call(&mut f), max_n)
        }
        "skip_b" => {
            let mut f = |caps: &[Capture]| -> Result<Option<Vec<u8>>, Failure> {
                let first = capture_text(s, &caps[0]);
                if first == b"b" {
                    return Ok(None);
                }
                Ok(Some([b"[".to_vec(), first, b"]".to_vec()].concat()))
            };
            gsub(s, p, Repl::Call(&mut f), max_n)
        }
        "tbl" => {
            let mut f = |cap: &Capture| -> Result<Option<Vec<u8>>, Failure> {
                let value: Option<&[u8]> = match cap.value(s) {
                    CaptureValue::Str(b"a") => Some(b"A"),
                    CaptureValue::Str(b"b") => Some(b"BB"),
                    CaptureValue::Str(b"1") => Some(b"one"),
                    CaptureValue::Int(1) => Some(b"pos1"),
                    CaptureValue::Int(3) => Some(b"pos3"),
                    _ => None,
                };
                Ok(value.map(<[u8]>::to_vec))
            };
            gsub(s, p, Repl::Index(&mut f), max_n)
        }
        _ => panic!("unknown replacement {name}"),
    }
}

#[test]
fn pattern_matches_lua_5_4_4_on_generated_cases() {
    /// Subject, pattern, call and expected rendering.
    type GenCase = (&'static [u8], &'static [u8], Call, &'static [u8]);
    const CASES: &[GenCase] = include!("lua_cases.in");
    let mut failures = Vec::new();
    for (s, p, call, expected) in CASES {
        let got = run(s, p, call);
        let expected = String::from_utf8_lossy(expected);
        if got != expected {
            failures.push(format!(
                "s={:?} p={:?}: got {got}, want {expected}",
                escape(s),
                escape(p)
            ));
        }
    }
    assert!(CASES.len() > 1500);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[track_caller]
fn check(s: &'static [u8], p: &[u8], call: Call, expected: &str) {
    assert_eq!(run(s, p, &call), expected);
}

#[test]
fn pattern_find_without_specials_is_plain() {
    // ')' is not special, so this is a literal search and not an "invalid pattern capture".
    check(b"a)b", b")", Find(None, false), "2, 2");
    check(b"a)b", b")", Match(None), "error: invalid pattern capture");
    check(b"a.b", b".", Find(None, true), "2, 2");
}

#[test]
fn pattern_init_follows_lua_index_rules() {
    check(b"hello", b"l", Find(Some(-2), false), "4, 4");
    check(b"hello", b"h", Find(Some(-100), false), "1, 1");
    check(b"hello", b"", Find(Some(6), false), "6, 5");
    check(b"hello", b"", Find(Some(7), false), "nil");
    assert_eq!(init_offset(0, 5), Some(0));
    assert_eq!(init_offset(i64::MIN, 5), Some(0));
    assert_eq!(init_offset(i64::MAX, 5), None);
}

#[test]
fn pattern_match_returns_whole_match_without_captures() {
    check(b"abc123", b"%d+", Match(None), "\"123\"");
    check(
        b"key = val",
        b"(%w+)%s*=%s*(%w+)",
        Match(None),
        "\"key\", \"val\"",
    );
}

#[test]
fn pattern_position_captures_are_one_based() {
    check(b"hello", b"()ll()", Match(None), "3, 5");
    check(b"abc", b"()b()", Gsub(b"%1%2", None), "\"a23c\", 1");
}

#[test]
fn pattern_anchors_only_at_the_ends() {
    check(b"a^b", b"a^b", Match(None), "\"a^b\"");
    check(b"a$b", b"$b", Match(None), "\"$b\"");
    check(b"hello", b"o$", Match(None), "\"o\"");
    check(b"^a^a", b"^a", GmatchAll(None), "(\"^a\") (\"^a\")");
}

#[test]
fn pattern_sets_ranges_and_classes() {
    check(b"]", b"[]]", Match(None), "\"]\"");
    check(b"-", b"[a-]", Match(None), "\"-\"");
    check(b"-", b"[%a-z]", Match(None), "\"-\"");
    check(b"x\0y", b"%z", Find(None, false), "2, 2");
    check(b"\x80\xff", b"[\x80-\xff]+", Match(None), "\"\\x80\\xff\"");
}

#[test]
fn pattern_quantifiers_backtrack() {
    check(b"<a><b>", b"<(.-)>", Match(None), "\"a\"");
    check(b"<a><b>", b"<(.*)>", Match(None), "\"a><b\"");
    check(b"b", b"a?b", Match(None), "\"b\"");
}

#[test]
fn pattern_balance_frontier_and_back_references() {
    check(b"f(a(b)c)d", b"%b()", Match(None), "\"(a(b)c)\"");
    check(
        b"THE (quick) fox",
        b"%f[%a]%a+",
        GmatchAll(None),
        "(\"THE\") (\"quick\") (\"fox\")",
    );
    check(
        b"x = 'a' \"b\"",
        b"(['\"])(.-)%1",
        Match(None),
        "\"'\", \"a\"",
    );
    // A back-reference to a position capture never matches.
    check(b"abab", b"()%1", Match(None), "nil");
}

#[test]
fn pattern_malformed_errors() {
    check(
        b"abc",
        b"%",
        Find(None, false),
        "error: malformed pattern (ends with '%')",
    );
    check(
        b"abc",
        b"[a",
        Find(None, false),
        "error: malformed pattern (missing ']')",
    );
    check(
        b"abc",
        b"%b",
        Find(None, false),
        "error: malformed pattern (missing arguments to '%b')",
    );
    check(
        b"abc",
        b"%fa",
        Find(None, false),
        "error: missing '[' after '%f' in pattern",
    );
    check(
        b"abc",
        b"(a%1)",
        Find(None, false),
        "error: invalid capture index %1",
    );
    check(
        b"abc",
        b"%0",
        Find(None, false),
        "error: invalid capture index %0",
    );
}

#[test]
fn pattern_errors_appear_only_when_reached() {
    // The matcher fails on 'z' before it ever looks at the bad '%'.
    check(b"abc", b"z%", Match(None), "nil");
    check(
        b"abc",
        b"a%",
        Match(None),
        "error: malformed pattern (ends with '%')",
    );
}

#[test]
fn pattern_unfinished_capture_fails_when_its_value_is_needed() {
    check(b"abc", b"(a", Match(None), "error: unfinished capture");
    // A replacement string that does not use the capture never asks for it.
    check(b"abc", b"(a", Gsub(b"x", None), "\"xbc\", 1");
    check(
        b"abc",
        b"(a",
        Gsub(b"%1", None),
        "error: unfinished capture",
    );
}

#[test]
fn pattern_depth_and_capture_limits() {
    let subject: &'static [u8] =
        b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    // Each matched "a?" nests one level; once the subject runs out the rest do not nest.
    check(
        subject,
        &b"a?".repeat(200),
        Match(None),
        &format!("\"{}\"", "a".repeat(66)),
    );
    let long: &'static [u8] = &[b'a'; 300];
    check(
        long,
        &b"a?".repeat(199),
        Match(None),
        &format!("\"{}\"", "a".repeat(199)),
    );
    check(
        long,
        &b"a?".repeat(200),
        Match(None),
        "error: pattern too complex",
    );
    check(
        subject,
        &b"(a)".repeat(33),
        Match(None),
        "error: too many captures",
    );
    let ok = run(subject, &b"a?".repeat(60), &Match(None));
    assert_eq!(ok, format!("\"{}\"", "a".repeat(60)));
}

#[test]
fn pattern_gmatch_skips_empty_match_at_previous_end() {
    // After "b" matched up to offset 2, the empty match at 2 is skipped; the one at the end is not.
    check(b"abc", b"b*", GmatchAll(None), "(\"\") (\"b\") (\"\")");
    check(b"abc", b".", GmatchAll(Some(-1)), "(\"c\")");
    check(b"abc", b".", GmatchAll(Some(10)), "");
}

#[test]
fn pattern_gsub_counts_and_limits() {
    check(b"hello world", b"o", Gsub(b"0", None), "\"hell0 w0rld\", 2");
    check(
        b"hello world",
        b"o",
        Gsub(b"0", Some(1)),
        "\"hell0 world\", 1",
    );
    check(b"abc", b"", Gsub(b"-", None), "\"-a-b-c-\", 4");
    check(b"abc", b"^", Gsub(b"-", None), "\"-abc\", 1");
    check(b"abc", b"b*", Gsub(b"-", None), "\"-a-c-\", 3");
}

#[test]
fn pattern_gsub_replacement_string_escapes() {
    check(
        b"hello world",
        b"(%w+) (%w+)",
        Gsub(b"%2 %1", None),
        "\"world hello\", 1",
    );
    check(b"abc", b"%w", Gsub(b"%%%0", None), "\"%a%b%c\", 3");
    // "%1" means the whole match when the pattern has no captures, but "%2" is an error.
    check(b"abc", b"a", Gsub(b"%1", None), "\"abc\", 1");
    check(
        b"abc",
        b"a",
        Gsub(b"%2", None),
        "error: invalid capture index %2",
    );
    check(
        b"abc",
        b"a",
        Gsub(b"%x", None),
        "error: invalid use of '%' in replacement string",
    );
    check(
        b"abc",
        b"a",
        Gsub(b"x%", None),
        "error: invalid use of '%' in replacement string",
    );
}

#[test]
fn pattern_gsub_false_or_nil_keeps_the_match() {
    check(b"abc", b"%w", GsubWith("skip_b", None), "\"[a]b[c]\", 3");
    let (text, n) =
        gsub::<PatternError>(b"abc", b"%w", Repl::Call(&mut |_| Ok(None)), None).unwrap();
    assert!(
        matches!(text, Cow::Borrowed(_)),
        "unchanged text is not copied"
    );
    assert_eq!((&*text, n), (&b"abc"[..], 3));
}

#[test]
fn pattern_gsub_table_gets_first_capture_only() {
    check(b"abc", b"(%w)(%w)", GsubWith("tbl", None), "\"Ac\", 1");
    // Position 2 is not in the table, so that match stays "1".
    check(b"a1c", b"()%w", GsubWith("tbl", None), "\"pos11pos3\", 3");
}

#[test]
fn pattern_gsub_callback_errors_propagate() {
    #[derive(Debug, PartialEq)]
    enum E {
        Pattern(PatternError),
        Callback,
    }
    impl From<PatternError> for E {
        fn from(e: PatternError) -> E {
            E::Pattern(e)
        }
    }
    let mut calls = 0;
    let mut f = |_: &[Capture]| {
        calls += 1;
        if calls == 2 {
            Err(E::Callback)
        } else {
            Ok(Some(b"x".to_vec()))
        }
    };
    assert_eq!(
        gsub(b"abc", b"%w", Repl::Call(&mut f), None),
        Err(E::Callback)
    );
    let mut g = |_: &[Capture]| Ok(None);
    assert_eq!(
        gsub(b"abc", b"(", Repl::Call(&mut g), None),
        Err(E::Pattern(PatternError::UnfinishedCapture))
    );
}
