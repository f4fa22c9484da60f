//! Tests of the compiler: output shape, error messages, limits and robustness.

use expect_test::{Expect, expect};

use super::*;
use crate::disasm::disassemble;

#[track_caller]
fn check(source: &str, expected: Expect) {
    match compile(source.as_bytes(), "x.lua") {
        Ok(proto) => expected.assert_eq(&disassemble(&proto)),
        Err(err) => panic!("compile error: {err}"),
    }
}

/// `(source, what lua5.4's load(source, "=x.lua") returns as its error)`, recorded from Lua 5.4.4;
/// `None` where Lua compiles the chunk.
const LOAD_ERRORS: &[(&str, Option<&str>)] = &[
    ("x = = 1", Some("x.lua:1: unexpected symbol near '='")),
    (
        "local x = 1\ny = 2 +",
        Some("x.lua:2: unexpected symbol near <eof>"),
    ),
    (
        "function f()\n return 1",
        Some("x.lua:2: 'end' expected (to close 'function' at line 1) near <eof>"),
    ),
    ("local x y", Some("x.lua:1: syntax error near <eof>")),
    ("x = \"abc", Some("x.lua:1: unfinished string near <eof>")),
    ("x = 3x", Some("x.lua:1: malformed number near '3x'")),
    ("x = 0x", Some("x.lua:1: malformed number near '0x'")),
    ("x = 1e", Some("x.lua:1: malformed number near '1e'")),
    (
        "x = \"a\\qb\"",
        Some("x.lua:1: invalid escape sequence near '\"a\\q'"),
    ),
    ("f() = 1", Some("x.lua:1: syntax error near '='")),
    ("x.y", Some("x.lua:1: syntax error near <eof>")),
    (
        "local function f<const>() end",
        Some("x.lua:1: '(' expected near '<'"),
    ),
    (
        "x = [==[ abc ]=",
        Some("x.lua:1: unfinished long string (starting at line 1) near <eof>"),
    ),
    ("goto = 1", Some("x.lua:1: <name> expected near '='")),
    (
        "return return",
        Some("x.lua:1: unexpected symbol near 'return'"),
    ),
    (
        "local a <foo> = 1",
        Some("x.lua:1: unknown attribute 'foo'"),
    ),
    ("for i = 1 do end", Some("x.lua:1: ',' expected near 'do'")),
    (
        "if x then else elseif y then end",
        Some("x.lua:1: 'end' expected near 'elseif'"),
    ),
    (
        "::a:: ::a::",
        Some("x.lua:1: label 'a' already defined on line 1"),
    ),
    ("x = {1,2,,3}", Some("x.lua:1: unexpected symbol near ','")),
    (
        "x = a:b",
        Some("x.lua:1: function arguments expected near <eof>"),
    ),
    (
        "x = \"\\300\"",
        Some("x.lua:1: decimal escape too large near '\"\\300\"'"),
    ),
    (
        "x = \"\\u{110000000}\"",
        Some("x.lua:1: UTF-8 value too large near '\"\\u{110000000'"),
    ),
    ("x = 1 end", Some("x.lua:1: <eof> expected near 'end'")),
    (
        "goto foo",
        Some("x.lua:1: no visible label 'foo' for <goto> at line 1"),
    ),
    (
        "do goto l; local a; ::l:: print(a) end",
        Some("x.lua:1: <goto l> at line 1 jumps into the scope of local 'a'"),
    ),
    ("break", Some("x.lua:1: break outside loop at line 1")),
    (
        "local x <const> = 1; x = 2",
        Some("x.lua:1: attempt to assign to const variable 'x'"),
    ),
    (
        "function f() x = ... end",
        Some("x.lua:1: cannot use '...' outside a vararg function near '...'"),
    ),
    (
        "x = '\\xZZ'",
        Some("x.lua:1: hexadecimal digit expected near ''\\xZ'"),
    ),
    ("x = '\\u{12'", Some("x.lua:1: missing '}' near ''\\u{12''")),
    ("x = '\\u12'", Some("x.lua:1: missing '{' near ''\\u1'")),
    (
        "x = [=[",
        Some("x.lua:1: unfinished long string (starting at line 1) near <eof>"),
    ),
    (
        "--[[ ab",
        Some("x.lua:1: unfinished long comment (starting at line 1) near <eof>"),
    ),
    (
        "x = [=x",
        Some("x.lua:1: invalid long string delimiter near '[='"),
    ),
    ("x = \x01", Some("x.lua:1: unexpected symbol near '<\\1>'")),
    (
        "x = 'ab\ncd'",
        Some("x.lua:1: unfinished string near ''ab'"),
    ),
    (
        "a.b:c = 1",
        Some("x.lua:1: function arguments expected near '='"),
    ),
    ("(a) = 1", Some("x.lua:1: syntax error near '='")),
    ("a, b() = 1, 2", Some("x.lua:1: syntax error near '='")),
    (
        "local t <close> , u <close> = 1, 2",
        Some("x.lua:1: multiple to-be-closed variables in local list"),
    ),
    (
        "for a.b = 1, 2 do end",
        Some("x.lua:1: '=' or 'in' expected near '.'"),
    ),
    (
        "for i, 2 in x do end",
        Some("x.lua:1: <name> expected near '2'"),
    ),
    ("while true do", Some("x.lua:1: 'end' expected near <eof>")),
    ("repeat x = 1", Some("x.lua:1: 'until' expected near <eof>")),
    ("if x then", Some("x.lua:1: 'end' expected near <eof>")),
    ("f(", Some("x.lua:1: unexpected symbol near <eof>")),
    ("x = {", Some("x.lua:1: unexpected symbol near <eof>")),
    ("x = (1", Some("x.lua:1: ')' expected near <eof>")),
    (
        "local function 1() end",
        Some("x.lua:1: <name> expected near '1'"),
    ),
    (
        "function a.1() end",
        Some("x.lua:1: '(' expected near '.1'"),
    ),
    (
        "x = function(a, 1) end",
        Some("x.lua:1: <name> or '...' expected near '1'"),
    ),
    (
        "x = function(... , a) end",
        Some("x.lua:1: ')' expected near ','"),
    ),
    (
        "x = 1 .. 2 ..",
        Some("x.lua:1: unexpected symbol near <eof>"),
    ),
    ("x = not", Some("x.lua:1: unexpected symbol near <eof>")),
    ("::1::", Some("x.lua:1: <name> expected near '1'")),
    ("return 1,", Some("x.lua:1: unexpected symbol near <eof>")),
    (
        "local x = 1 = 2",
        Some("x.lua:1: unexpected symbol near '='"),
    ),
    ("x = 0x1p", Some("x.lua:1: malformed number near '0x1p'")),
    ("x = 1..2", Some("x.lua:1: malformed number near '1..2'")),
    ("x = 3.4.5", Some("x.lua:1: malformed number near '3.4.5'")),
    ("x = 0xg", Some("x.lua:1: malformed number near '0xg'")),
    ("x = 1e+", Some("x.lua:1: malformed number near '1e+'")),
    ("x = .5x", Some("x.lua:1: malformed number near '.5x'")),
    ("x = 'abc\\", Some("x.lua:1: unfinished string near <eof>")),
    (
        "x = \"\\z  \n  abc",
        Some("x.lua:2: unfinished string near <eof>"),
    ),
    (
        "x = \"\\9999\"",
        Some("x.lua:1: decimal escape too large near '\"\\9999'"),
    ),
    ("x = 2^^3", Some("x.lua:1: unexpected symbol near '^'")),
    ("local", Some("x.lua:1: <name> expected near <eof>")),
    (
        "local function",
        Some("x.lua:1: <name> expected near <eof>"),
    ),
    ("function", Some("x.lua:1: <name> expected near <eof>")),
    ("function f", Some("x.lua:1: '(' expected near <eof>")),
    (
        "function f(",
        Some("x.lua:1: <name> or '...' expected near <eof>"),
    ),
    ("x = y z", Some("x.lua:1: syntax error near <eof>")),
    ("x = #", Some("x.lua:1: unexpected symbol near <eof>")),
    ("t = {x=}", Some("x.lua:1: unexpected symbol near '}'")),
    ("t = {[1]}", Some("x.lua:1: '=' expected near '}'")),
    (
        "local x <const> = 1\nfunction f() x = 2 end",
        Some("x.lua:2: attempt to assign to const variable 'x'"),
    ),
    (
        "local x <close> = nil\nx = 1",
        Some("x.lua:2: attempt to assign to const variable 'x'"),
    ),
    (
        "while true do\n\n x = 1\n",
        Some("x.lua:4: 'end' expected (to close 'while' at line 1) near <eof>"),
    ),
    (
        "if a then\nelse\nx=1",
        Some("x.lua:3: 'end' expected (to close 'if' at line 1) near <eof>"),
    ),
    (
        "f(\n1,\n2",
        Some("x.lua:3: ')' expected (to close '(' at line 1) near <eof>"),
    ),
    (
        "local t = {\n1,\n2",
        Some("x.lua:3: '}' expected (to close '{' at line 1) near <eof>"),
    ),
    (
        "do\nlocal x\n",
        Some("x.lua:3: 'end' expected (to close 'do' at line 1) near <eof>"),
    ),
    (
        "repeat\n\nx = 1",
        Some("x.lua:3: 'until' expected (to close 'repeat' at line 1) near <eof>"),
    ),
    (
        "for i = 1, 2 do\n",
        Some("x.lua:2: 'end' expected (to close 'for' at line 1) near <eof>"),
    ),
    (
        "function f()\n\nreturn\n1 2",
        Some("x.lua:4: 'end' expected (to close 'function' at line 1) near '2'"),
    ),
    (
        "x = 'unfinished\\\n",
        Some("x.lua:2: unfinished string near <eof>"),
    ),
    ("x = y[1", Some("x.lua:1: ']' expected near <eof>")),
    ("x = y[1\n]", None),
    (
        "goto l1; local a; ::l1:: ::l2:: print(1)",
        Some("x.lua:1: <goto l1> at line 1 jumps into the scope of local 'a'"),
    ),
    ("do local a; goto l1; end ::l1::", None),
    (
        "repeat local x; goto l2; local y ::l2:: until true",
        Some("x.lua:1: <goto l2> at line 1 jumps into the scope of local 'y'"),
    ),
    (
        "while true do local a; goto cont; local b; ::cont:: end",
        None,
    ),
    (
        "::l:: do ::l:: end",
        Some("x.lua:1: label 'l' already defined on line 1"),
    ),
    ("function f() ::l:: end ::l::", None),
    (
        "goto l; do ::l:: end",
        Some("x.lua:1: no visible label 'l' for <goto> at line 1"),
    ),
    (
        "x = function() break end",
        Some("x.lua:1: break outside loop at line 1"),
    ),
    (
        "local a <const> = 1; local function g() a = 2 end",
        Some("x.lua:1: attempt to assign to const variable 'a'"),
    ),
    ("local a <const> = {}; a.x = 1", None),
    ("x = 1 x = 2 3", Some("x.lua:1: unexpected symbol near '3'")),
    (
        "x = '\\x'",
        Some("x.lua:1: hexadecimal digit expected near ''\\x''"),
    ),
    (
        "x = '\\x5'",
        Some("x.lua:1: hexadecimal digit expected near ''\\x5''"),
    ),
    (
        "x = '\\u{}'",
        Some("x.lua:1: hexadecimal digit expected near ''\\u{}'"),
    ),
    (
        "x = '\\u{zz}'",
        Some("x.lua:1: hexadecimal digit expected near ''\\u{z'"),
    ),
    (
        "x = '\\ka'",
        Some("x.lua:1: invalid escape sequence near ''\\k'"),
    ),
    (
        "x = '\\400'",
        Some("x.lua:1: decimal escape too large near ''\\400''"),
    ),
    (
        "x = '\\25a\\256'",
        Some("x.lua:1: decimal escape too large near ''\x19a\\256''"),
    ),
    ("x = 0x.p1", Some("x.lua:1: malformed number near '0x.p1'")),
    (
        "x = 0x1.8p+",
        Some("x.lua:1: malformed number near '0x1.8p+'"),
    ),
    ("x = 1e1e1", Some("x.lua:1: malformed number near '1e1e1'")),
    (
        "x = 9223372036854775808x",
        Some("x.lua:1: malformed number near '9223372036854775808x'"),
    ),
    (
        "x = 123abc",
        Some("x.lua:1: malformed number near '123abc'"),
    ),
    ("x = 1_000", Some("x.lua:1: malformed number near '1_'")),
    (
        "x = '\\u{7FFFFFFF}'  y = ",
        Some("x.lua:1: unexpected symbol near <eof>"),
    ),
    ("x = \"\\", Some("x.lua:1: unfinished string near <eof>")),
    (
        "x = a.b.c.d:e",
        Some("x.lua:1: function arguments expected near <eof>"),
    ),
    ("local a, b, c <close>, d <const> = 1", None),
    ("local x <const> = ...", None),
    ("x = ...", None),
    (
        "function f(...) return function() return ... end end",
        Some("x.lua:1: cannot use '...' outside a vararg function near '...'"),
    ),
    (
        "for i = 1, 10, 1, 5 do end",
        Some("x.lua:1: 'do' expected near ','"),
    ),
    ("for k, v in pairs(t), 1, 2, 3 do end", None),
    ("local function f(a, a) end", None),
    (
        "x = 1 --[==[ comment ]==] y",
        Some("x.lua:1: syntax error near <eof>"),
    ),
    (
        "x = [[\nabc",
        Some("x.lua:2: unfinished long string (starting at line 1) near <eof>"),
    ),
    (
        "--[==[\n\n",
        Some("x.lua:3: unfinished long comment (starting at line 1) near <eof>"),
    ),
    ("x = #{...}", None),
    ("return ...;", None),
    ("return;;", Some("x.lua:1: <eof> expected near ';'")),
    ("return 1; x = 2", Some("x.lua:1: <eof> expected near 'x'")),
    ("if x then return end y()", None),
    ("if x then return; else end", None),
    ("local t = {a = 1, b = 2,}", None),
    ("local t = {;}", Some("x.lua:1: unexpected symbol near ';'")),
    ("local t = {,}", Some("x.lua:1: unexpected symbol near ','")),
    ("f{}:g''.x = 1", None),
    ("a.b.c = f'x'{}", None),
    ("x = -nil", None),
    ("x = ~1.5", None),
];

#[test]
fn errors_match_lua_messages() {
    let mut failures = Vec::new();
    for &(source, expected) in LOAD_ERRORS {
        let got = compile_string(source.as_bytes(), "x.lua")
            .err()
            .map(|e| e.to_string());
        if got.as_deref() != expected {
            failures.push(format!(
                "{source:?}\n  expected {expected:?}\n       got {got:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn names(n: usize, prefix: &str) -> String {
    (1..=n)
        .map(|i| format!("{prefix}{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[track_caller]
fn check_error(source: &str, expected: Option<&str>) {
    let got = compile(source.as_bytes(), "x.lua")
        .err()
        .map(|e| e.to_string());
    assert_eq!(got.as_deref(), expected);
}

#[test]
fn limit_local_variables_is_200() {
    check_error(&format!("local {}", names(200, "a")), None);
    check_error(
        &format!("local {}", names(201, "a")),
        Some("x.lua:1: too many local variables (limit is 200) in main function near <eof>"),
    );
    check_error(
        &format!("local {}\nlocal {}", names(150, "a"), names(51, "b")),
        Some("x.lua:2: too many local variables (limit is 200) in main function near <eof>"),
    );
    check_error(
        &format!("local function f()\nlocal {}\nend", names(201, "a")),
        Some("x.lua:3: too many local variables (limit is 200) in function at line 1 near 'end'"),
    );
}

#[test]
fn limit_registers_is_255() {
    check_error(&format!("f({}1)", "1, ".repeat(252)), None);
    check_error(
        &format!("f({}1)", "1, ".repeat(253)),
        Some("x.lua:1: function or expression needs too many registers near <eof>"),
    );
    check_error(&format!("return {}1", "1, ".repeat(253)), None);
    check_error(
        &format!("f({})", names(300, "").replace(' ', "")),
        Some("x.lua:1: function or expression needs too many registers near '255'"),
    );
}

#[test]
fn limit_upvalues_is_255() {
    // 199 + 57 variables of two enclosing functions make 256 upvalues for the innermost one.
    let source = |inner: usize| {
        format!(
            "local {}\nlocal function f()\nlocal {}\nreturn function() local x = {}; local y = {} end\nend",
            names(199, "a"),
            names(inner, "b"),
            names(199, "a"),
            names(inner, "b")
        )
    };
    check_error(&source(56), None);
    check_error(
        &source(57),
        Some("x.lua:4: too many upvalues (limit is 255) in function at line 4 near 'end'"),
    );
}

#[test]
fn nesting_deeper_than_200_levels_is_c_stack_overflow() {
    let parens = |n: usize| format!("local x = {}1{}", "(".repeat(n), ")".repeat(n));
    check_error(&parens(150), None);
    check_error(&parens(300), Some("C stack overflow"));
    let blocks = |n: usize| format!("{}{}", "do ".repeat(n), " end".repeat(n));
    check_error(&blocks(150), None);
    check_error(&blocks(300), Some("C stack overflow"));
    check_error(
        &format!("x = {}a", "a .. ".repeat(300)),
        Some("C stack overflow"),
    );
    check_error(
        &format!("x = {}1", "- ".repeat(300)),
        Some("C stack overflow"),
    );
    check_error(
        &format!("{}a = 1", "a, ".repeat(250)),
        Some("C stack overflow"),
    );
    let functions = |n: usize| format!("{}{}", "return function() ".repeat(n), " end".repeat(n));
    check_error(&functions(60), None);
    check_error(&functions(300), Some("C stack overflow"));
}

#[test]
fn long_left_associative_chains_compile_without_deep_recursion() {
    // Lua parses these iteratively; so must we (no stack overflow, no level limit).
    check_error(&format!("x = {}a", "a + ".repeat(100_000)), None);
    // Jump lists are appended to at their end, as in Lua, so this one is quadratic (in Lua too).
    check_error(&format!("x = {}a", "a and ".repeat(5_000)), None);
    check_error(&format!("x = {}a", "a == ".repeat(10_000)), None);
    let statements = "x = x + 1\n".repeat(50_000);
    check_error(&statements, None);
}

/// A small deterministic generator (xorshift), so the tests need no dependency and replay
/// identically.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const FEATURES: &str = include_str!("../../tests/compile/programs/features.lua");

#[test]
fn compile_never_panics_on_prefixes() {
    assert!(compile(FEATURES.as_bytes(), "features.lua").is_ok());
    for source in [
        FEATURES,
        "local t = {f = function(a, ...) return a and ... or {[a] = #a} end}\nreturn t:f'x'",
    ] {
        let bytes = source.as_bytes();
        for end in 0..=bytes.len() {
            let _ = compile(&bytes[..end], "x.lua");
        }
    }
}

#[test]
fn compile_never_panics_on_garbage() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let len = rng.below(200);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let _ = compile(&bytes, "x.lua");
    }
}

#[test]
fn compile_never_panics_on_token_soup() {
    const WORDS: &[&str] = &[
        "local", "function", "end", "(", ")", "{", "}", "[", "]", "=", "==", "..", "...", "x", "y",
        "z", "1", "2.5", "'s'", "[[l]]", "if", "then", "else", "elseif", "for", "in", "do",
        "while", "repeat", "until", "return", "break", "goto", "::", "<const>", "<close>", ",",
        ";", ":", ".", "+", "-", "*", "/", "//", "^", "%", "#", "~", "<<", ">>", "&", "|", "<",
        "<=", ">", ">=", "~=", "and", "or", "not", "nil", "true", "false", "\n", "0x10", "1e300",
        "-1", "f(", "t.x", "t[1]", "a, b", "= 1", "::l::", "goto l", "break", "self",
    ];
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..20_000 {
        let len = 1 + rng.below(40);
        let source: Vec<&str> = (0..len).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        let _ = compile(source.join(" ").as_bytes(), "x.lua");
    }
}
