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

/// Disassembles only the code lines of every function, for compact snapshots.
#[track_caller]
fn check_code(source: &str, expected: Expect) {
    let proto =
        compile(source.as_bytes(), "x.lua").unwrap_or_else(|e| panic!("compile error: {e}"));
    let listing = disassemble(&proto);
    let code: Vec<&str> = listing
        .lines()
        .filter(|line| {
            line.starts_with('\t')
                && line[1..].starts_with(|c: char| c.is_ascii_digit())
                && line.contains('[')
        })
        .map(|line| line.trim_start())
        .collect();
    expected.assert_eq(&(code.join("\n") + "\n"));
}

#[test]
fn globals_are_fields_of_the_env_upvalue() {
    check(
        "x = y",
        expect![[r#"
            main <x.lua:0,0> (4 instructions)
            0+ params, 2 slots, 1 upvalue, 0 locals, 2 constants, 0 functions
            	0	[1]	VARARGPREP	0
            	1	[1]	GETTABUP  	0 0 1	; _ENV "y"
            	2	[1]	SETTABUP  	0 0 0	; _ENV "x"
            	3	[1]	RETURN    	0 0 0
            constants (2):
            	0	S	"x"
            	1	S	"y"
            locals (0):
            upvalues (1):
            	0	_ENV	1	0
        "#]],
    );
}

#[test]
fn comparisons_are_fused_with_their_jump() {
    check_code(
        "local a, b\nif a < b then a = 1 elseif a <= b then a = 2 end",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	LOADNIL   	0 2	; 2 out
        2	[2]	LT        	0 1 0	; to 5
        3	[2]	LOADI     	0 1
        4	[2]	JMP       	7	; to 7
        5	[2]	LE        	0 1 0	; to 7
        6	[2]	LOADI     	0 2
        7	[2]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn constant_operands_use_immediate_and_constant_forms() {
    check_code(
        "local x\nreturn x + 1, x * 2.5, 2 - x, 1.5 / x, x << 70000, x == 1, x ~= 'k', x < 5, 1 < x, x >= 1.5",
        expect![[r#"
            0	[1]	VARARGPREP	0
            1	[1]	LOADNIL   	0 1	; 1 out
            2	[2]	ADDI      	1 0 1
            3	[2]	MULK      	2 0 0	; 2.5
            4	[2]	SUBI      	3 0 2	; left operand
            5	[2]	DIVK      	4 0 1	; 1.5 (left operand)
            6	[2]	SHLK      	5 0 2	; 70000
            7	[2]	EQI       	0 1 1	; to 9
            8	[2]	LFALSESKIP	6
            9	[2]	LOADTRUE  	6
            10	[2]	EQK       	0 3 0	; "k" to 12
            11	[2]	LFALSESKIP	7
            12	[2]	LOADTRUE  	7
            13	[2]	LTI       	0 5 1	; to 15
            14	[2]	LFALSESKIP	8
            15	[2]	LOADTRUE  	8
            16	[2]	GTI       	0 1 1	; to 18
            17	[2]	LFALSESKIP	9
            18	[2]	LOADTRUE  	9
            19	[2]	LOADK     	10 1	; 1.5
            20	[2]	LE        	10 0 1	; to 22
            21	[2]	LFALSESKIP	10
            22	[2]	LOADTRUE  	10
            23	[2]	RETURN    	1 10 0
            24	[2]	RETURN    	0 0 0
        "#]],
    );
}

#[test]
fn constant_folding_follows_lua_rules() {
    // Folded: integer and float arithmetic. Not folded: division by zero, results 0.0 or NaN,
    // bitwise on a float without integer value.
    check_code(
        "return 1 + 2, 7 // 2, 2^10, -(-3), ~5, 1 // 0, 1 % 0, 0.0 * -1, 1.5 | 1, 3 & 2.0",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	LOADI     	0 3
        2	[1]	LOADI     	1 3
        3	[1]	LOADF     	2 1024
        4	[1]	LOADI     	3 3
        5	[1]	LOADI     	4 -6
        6	[1]	LOADI     	5 1
        7	[1]	IDIVI     	5 5 0
        8	[1]	LOADI     	6 1
        9	[1]	MODI      	6 6 0
        10	[1]	LOADF     	7 0
        11	[1]	MULI      	7 7 -1
        12	[1]	LOADK     	8 0	; 1.5
        13	[1]	BORI      	8 8 1
        14	[1]	LOADI     	9 2
        15	[1]	RETURN    	0 10 0
        16	[1]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn numeric_for_jumps_past_its_forloop_and_back() {
    check_code(
        "local s = 0\nfor i = 1, 10, 2 do s = s + i end\nreturn s",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	LOADI     	0 0
        2	[2]	LOADI     	1 1
        3	[2]	LOADI     	2 10
        4	[2]	LOADI     	3 2
        5	[2]	FORPREP   	1 8	; exit to 8
        6	[2]	ADD       	0 0 4
        7	[2]	FORLOOP   	1 6	; to 6
        8	[3]	RETURN    	0 1 0
        9	[3]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn generic_for_calls_its_iterator_at_the_end() {
    check_code(
        "for k, v in next, t do print(k, v) end",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	GETTABUP  	0 0 0	; _ENV "next"
        2	[1]	GETTABUP  	1 0 1	; _ENV "t"
        3	[1]	LOADNIL   	2 2	; 2 out
        4	[1]	TFORPREP  	0 9	; to 9
        5	[1]	GETTABUP  	6 0 2	; _ENV "print"
        6	[1]	MOVE      	7 4
        7	[1]	MOVE      	8 5
        8	[1]	CALL      	6 2 0	; 2 in 0 out
        9	[1]	TFORCALL  	0 2
        10	[1]	TFORLOOP  	0 5	; to 5
        11	[1]	CLOSE     	0
        12	[1]	RETURN    	0 0 1
    "#]],
    );
}

#[test]
fn while_loop_closes_with_one_backward_jump() {
    check_code(
        "local i = 0\nwhile i < 10 do i = i + 1 end",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	LOADI     	0 0
        2	[2]	LTI       	0 10 0	; to 5
        3	[2]	ADDI      	0 0 1
        4	[2]	JMP       	2	; to 2
        5	[2]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn repeat_condition_sees_body_locals_and_jumps_back() {
    check_code(
        "repeat local x = f() until x",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	GETTABUP  	0 0 0	; _ENV "f"
        2	[1]	CALL      	0 0 1	; 0 in 1 out
        3	[1]	TEST      	0 0	; to 1
        4	[1]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn loop_locals_captured_by_closures_are_closed_each_iteration() {
    check_code(
        "for i = 1, 3 do local j = i\nfs[i] = function() return j end end",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	LOADI     	0 1
        2	[1]	LOADI     	1 3
        3	[1]	LOADI     	2 1
        4	[1]	FORPREP   	0 11	; exit to 11
        5	[1]	MOVE      	4 3
        6	[2]	GETTABUP  	5 0 0	; _ENV "fs"
        7	[2]	CLOSURE   	6 0	; function <x.lua:2,2>
        8	[2]	SETTABLE  	5 3 6
        9	[2]	CLOSE     	4
        10	[1]	FORLOOP   	0 5	; to 5
        11	[2]	RETURN    	0 0 1
        0	[2]	GETUPVAL  	0 0	; j
        1	[2]	RETURN1   	0
        2	[2]	RETURN0   	
    "#]],
    );
}

#[test]
fn return_of_a_call_is_a_tail_call_except_under_close() {
    check_code(
        "local function f(...) return g(...) end\nlocal function h() local x <close> = nil\nreturn g() end",
        expect![[r#"
            0	[1]	VARARGPREP	0
            1	[1]	CLOSURE   	0 0	; function <x.lua:1,1>
            2	[3]	CLOSURE   	1 1	; function <x.lua:2,3>
            3	[3]	RETURN    	0 0 0
            0	[1]	VARARGPREP	0
            1	[1]	GETTABUP  	0 0 0	; _ENV "g"
            2	[1]	VARARG    	1 *
            3	[1]	TAILCALL  	0 * 0
            4	[1]	RETURN    	0 * 0
            5	[1]	RETURN    	0 0 0
            0	[2]	LOADNIL   	0 1	; 1 out
            1	[2]	TBC       	0
            2	[3]	GETTABUP  	1 0 0	; _ENV "g"
            3	[3]	CALL      	1 0 *	; 0 in * out
            4	[3]	RETURN    	1 * 1
            5	[3]	RETURN    	0 0 1
        "#]],
    );
}

#[test]
fn method_call_uses_self() {
    check_code(
        "local o\no:m(1)\no.a.b:c'x'",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	LOADNIL   	0 1	; 1 out
        2	[2]	SELF      	1 0 0	; "m"
        3	[2]	LOADI     	3 1
        4	[2]	CALL      	1 2 0	; 2 in 0 out
        5	[3]	GETFIELD  	1 0 1	; "a"
        6	[3]	GETFIELD  	1 1 2	; "b"
        7	[3]	SELF      	1 1 3	; "c"
        8	[3]	LOADK     	3 4	; "x"
        9	[3]	CALL      	1 2 0	; 2 in 0 out
        10	[3]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn table_constructor_flushes_list_items_every_50() {
    let items: Vec<String> = (1..=51).map(|i| i.to_string()).collect();
    check_code(
        &format!("return {{{}, f()}}", items.join(",")),
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	NEWTABLE  	0 0 51
        2	[1]	LOADI     	1 1
        3	[1]	LOADI     	2 2
        4	[1]	LOADI     	3 3
        5	[1]	LOADI     	4 4
        6	[1]	LOADI     	5 5
        7	[1]	LOADI     	6 6
        8	[1]	LOADI     	7 7
        9	[1]	LOADI     	8 8
        10	[1]	LOADI     	9 9
        11	[1]	LOADI     	10 10
        12	[1]	LOADI     	11 11
        13	[1]	LOADI     	12 12
        14	[1]	LOADI     	13 13
        15	[1]	LOADI     	14 14
        16	[1]	LOADI     	15 15
        17	[1]	LOADI     	16 16
        18	[1]	LOADI     	17 17
        19	[1]	LOADI     	18 18
        20	[1]	LOADI     	19 19
        21	[1]	LOADI     	20 20
        22	[1]	LOADI     	21 21
        23	[1]	LOADI     	22 22
        24	[1]	LOADI     	23 23
        25	[1]	LOADI     	24 24
        26	[1]	LOADI     	25 25
        27	[1]	LOADI     	26 26
        28	[1]	LOADI     	27 27
        29	[1]	LOADI     	28 28
        30	[1]	LOADI     	29 29
        31	[1]	LOADI     	30 30
        32	[1]	LOADI     	31 31
        33	[1]	LOADI     	32 32
        34	[1]	LOADI     	33 33
        35	[1]	LOADI     	34 34
        36	[1]	LOADI     	35 35
        37	[1]	LOADI     	36 36
        38	[1]	LOADI     	37 37
        39	[1]	LOADI     	38 38
        40	[1]	LOADI     	39 39
        41	[1]	LOADI     	40 40
        42	[1]	LOADI     	41 41
        43	[1]	LOADI     	42 42
        44	[1]	LOADI     	43 43
        45	[1]	LOADI     	44 44
        46	[1]	LOADI     	45 45
        47	[1]	LOADI     	46 46
        48	[1]	LOADI     	47 47
        49	[1]	LOADI     	48 48
        50	[1]	LOADI     	49 49
        51	[1]	LOADI     	50 50
        52	[1]	SETLIST   	0 50 1
        53	[1]	LOADI     	1 51
        54	[1]	GETTABUP  	2 0 0	; _ENV "f"
        55	[1]	CALL      	2 0 *	; 0 in * out
        56	[1]	SETLIST   	0 * 51
        57	[1]	RETURN    	0 1 0
        58	[1]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn multiple_assignment_keeps_old_table_register() {
    // `i` and `a` are assigned after `a[i]` and `a.x` are stored, so those stores use copies of
    // the old `i` and `a`.
    check_code(
        "local a, i = {}, 1\na[i], i = 20, i + 1\na.x, a = 1, {}",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	NEWTABLE  	0 0 0
        2	[1]	LOADI     	1 1
        3	[2]	MOVE      	2 1
        4	[2]	LOADI     	3 20
        5	[2]	ADDI      	1 1 1
        6	[2]	SETTABLE  	0 2 3
        7	[3]	MOVE      	2 0
        8	[3]	LOADI     	3 1
        9	[3]	NEWTABLE  	4 0 0
        10	[3]	MOVE      	0 4
        11	[3]	SETFIELD  	2 0 3	; "x"
        12	[3]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn and_or_values_use_testset() {
    check_code(
        "local a, b, c\nlocal x = a and b or c\nlocal y = not a\nlocal z = a == b",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[1]	LOADNIL   	0 3	; 3 out
        2	[2]	TEST      	0 0	; to 4
        3	[2]	TESTSET   	3 1 1	; to 5
        4	[2]	MOVE      	3 2
        5	[3]	NOT       	4 0
        6	[4]	EQ        	0 1 1	; to 8
        7	[4]	LFALSESKIP	5
        8	[4]	LOADTRUE  	5
        9	[4]	RETURN    	0 0 0
    "#]],
    );
}

#[test]
fn const_locals_are_compile_time_constants() {
    check_code(
        "local K <const> = 10\nlocal S <const> = 'str'\nreturn K * 2, S, function() return K + 1 end",
        expect![[r#"
        0	[1]	VARARGPREP	0
        1	[3]	LOADI     	0 20
        2	[3]	LOADK     	1 0	; "str"
        3	[3]	CLOSURE   	2 0	; function <x.lua:3,3>
        4	[3]	RETURN    	0 3 0
        5	[3]	RETURN    	0 0 0
        0	[3]	LOADI     	0 11
        1	[3]	RETURN1   	0
        2	[3]	RETURN0   	
    "#]],
    );
}

#[test]
fn goto_out_of_a_block_with_captured_locals_closes_them() {
    check_code(
        "do local x; local f = function() return x end\ngoto out end\n::out::\nwhile true do local y\ng = function() return y end\nbreak end",
        expect![[r#"
            0	[1]	VARARGPREP	0
            1	[1]	LOADNIL   	0 1	; 1 out
            2	[1]	CLOSURE   	1 0	; function <x.lua:1,1>
            3	[2]	JMP       	5	; to 5
            4	[2]	CLOSE     	0
            5	[3]	CLOSE     	0
            6	[4]	LOADNIL   	0 1	; 1 out
            7	[5]	CLOSURE   	1 1	; function <x.lua:5,5>
            8	[5]	SETTABUP  	0 0 1	; _ENV "g"
            9	[6]	JMP       	12	; to 12
            10	[6]	CLOSE     	0
            11	[6]	JMP       	6	; to 6
            12	[6]	CLOSE     	0
            13	[6]	RETURN    	0 0 1
            0	[1]	GETUPVAL  	0 0	; x
            1	[1]	RETURN1   	0
            2	[1]	RETURN0   	
            0	[5]	GETUPVAL  	0 0	; y
            1	[5]	RETURN1   	0
            2	[5]	RETURN0   	
        "#]],
    );
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
fn limit_registers_applies_to_nil_padding() {
    let targets: Vec<String> = (1..=150).map(|i| format!("t[x+{i}]")).collect();
    check_error(
        &format!("local t, x = {{}}, 1\n{} = 1", targets.join(", ")),
        Some("x.lua:2: function or expression needs too many registers near <eof>"),
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

#[test]
fn source_bytes_need_not_be_utf8() {
    let proto = compile(b"return '\xff\xfe', #'\xc3\xa9' -- comment \xff\n", "x.lua").unwrap();
    assert_eq!(
        proto.constants[0],
        crate::bytecode::Constant::Str(Rc::from(&b"\xff\xfe"[..]))
    );
    let err = compile(b"x = 1\n\xffy = 2\n", "nonutf.lua").unwrap_err();
    assert_eq!(
        err.message(),
        b"nonutf.lua:2: unexpected symbol near '<\\255>'"
    );
    assert_eq!(err.line(), Some(2));
}

#[test]
fn files_skip_a_byte_order_mark_and_a_first_line_starting_with_hash() {
    assert!(compile(b"\xef\xbb\xbf#!/usr/bin/lua\nprint('bom ok')\n", "bom.lua").is_ok());
    let err = compile(b"#!/usr/bin/lua\nx = =\n", "sheb.lua").unwrap_err();
    assert_eq!(err.to_string(), "sheb.lua:2: unexpected symbol near '='");
    // `load` skips nothing.
    let err = compile_string(b"#!/usr/bin/lua\nx = 1\n", "s").unwrap_err();
    assert_eq!(err.to_string(), "s:1: unexpected symbol near '#'");
}

#[test]
fn binary_chunks_are_rejected() {
    let err = compile(b"\x1bLua\x54\x00", "b.luac").unwrap_err();
    assert_eq!(
        err.to_string(),
        "attempt to load a binary chunk (mode is 't')"
    );
}

#[test]
fn numerals_convert_as_lua_does() {
    use super::numeral::{Number, str2number};
    let cases: &[(&str, Option<Number>)] = &[
        ("10", Some(Number::Int(10))),
        ("0x10", Some(Number::Int(16))),
        ("0xffffffffffffffff", Some(Number::Int(-1))),
        ("0x1p4", Some(Number::Float(16.0))),
        ("0x.8", Some(Number::Float(0.5))),
        ("0xA.8p1", Some(Number::Float(21.0))),
        ("9223372036854775807", Some(Number::Int(i64::MAX))),
        (
            "9223372036854775808",
            Some(Number::Float(9223372036854775808.0)),
        ),
        ("-9223372036854775808", Some(Number::Int(i64::MIN))),
        ("1e2", Some(Number::Float(100.0))),
        ("1.", Some(Number::Float(1.0))),
        (".5", Some(Number::Float(0.5))),
        ("  7  ", Some(Number::Int(7))),
        ("1e", None),
        ("0x", None),
        ("0x1p", None),
        ("1..2", None),
        ("inf", None),
        ("nan", None),
        ("1e500", Some(Number::Float(f64::INFINITY))),
        // 2^-1074 and rounding to the nearest subnormal.
        ("0x1p-1074", Some(Number::Float(f64::from_bits(1)))),
        ("0x1.8p-1074", Some(Number::Float(f64::from_bits(2)))),
        ("0x1p-1075", Some(Number::Float(0.0))),
        (
            "0x1.0000000000000800000000001p0",
            Some(Number::Float(f64::from_bits(0x3ff0_0000_0000_0001))),
        ),
        ("0x1.00000000000008p0", Some(Number::Float(1.0))),
        ("0x1p1024", Some(Number::Float(f64::INFINITY))),
    ];
    for (text, expected) in cases {
        assert_eq!(str2number(text.as_bytes()), *expected, "{text}");
    }
}
