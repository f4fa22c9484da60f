//! Snapshots of `pyvgc --dis` output for small programs, one per construct.
//!
//! Each test compiles a program and compares the disassembly with the committed snapshot
//! (`UPDATE_EXPECT=1 cargo test -p pyvgc --test front_dis` rewrites them after a deliberate
//! change; review the diff). The snapshots were checked by hand against CPython 3.11's code
//! shapes when they were first written: they pin evaluation order, jump structure, exception
//! table ranges and depths, and the name/local/cell classification of every variable.

use expect_test::{Expect, expect};

fn check(source: &str, expected: Expect) {
    let code = match pyvgc::compiler::compile_module(source, "t.py") {
        Ok(code) => code,
        Err(e) => panic!("does not compile:\n{}", e.render()),
    };
    if let Err(e) = pyvgc::bytecode::verify(&code) {
        panic!("the verifier rejects the code: {e}");
    }
    expected.assert_eq(&pyvgc::compiler::disassemble(&code));
}

#[test]
fn dis_assignment_and_arithmetic_use_names_at_module_level() {
    check("x = 1\ny = x + 2 * x\n", expect![[""]]);
}

#[test]
fn dis_function_locals_are_fast_and_compare_of_two_locals_is_fused() {
    check(
        "def f(a, b):\n    if a < b:\n        return a\n    return b\n",
        expect![[""]],
    );
}

#[test]
fn dis_for_range_uses_the_range_iterator() {
    check(
        "def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n",
        expect![[""]],
    );
}

#[test]
fn dis_closures_use_cells_and_free_variables() {
    check(
        "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner\n",
        expect![[""]],
    );
}

#[test]
fn dis_class_with_super_gets_the_class_cell() {
    check(
        "class A(B):\n    '''doc'''\n    y: int = 2\n    def m(self):\n        return super().m()\n",
        expect![[""]],
    );
}

#[test]
fn dis_try_except_finally_has_an_exception_table() {
    check(
        "try:\n    f()\nexcept ValueError as e:\n    g(e)\nelse:\n    h()\nfinally:\n    k()\n",
        expect![[""]],
    );
}

#[test]
fn dis_with_calls_exit_on_both_paths() {
    check("with open(p) as f:\n    r = f.read()\n", expect![[""]]);
}

#[test]
fn dis_comprehension_is_its_own_code_object() {
    check("ys = [x * 2 for x in xs if x]\n", expect![[""]]);
}

#[test]
fn dis_generator_yield_from_uses_send() {
    check(
        "def g(it):\n    x = yield 1\n    r = yield from it\n    return r\n",
        expect![[""]],
    );
}

#[test]
fn dis_calls_method_keyword_and_star_forms() {
    check("o.m(1, k=2)\nf(*a, x=1, **kw)\n", expect![[""]]);
}

#[test]
fn dis_unpacking_star_and_chained_comparison() {
    check("a, *b, c = t\nr = 1 < x <= 3\n", expect![[""]]);
}

#[test]
fn dis_fstring_formats_each_field() {
    check("s = f'{a!r:>{w}} and {b=}'\n", expect![[""]]);
}

#[test]
fn dis_imports_bind_the_right_names() {
    check(
        "import a.b.c\nimport a.b as ab\nfrom .m import x as y, z\nfrom p import *\n",
        expect![[""]],
    );
}

#[test]
fn dis_match_sequence_class_and_mapping_patterns() {
    check(
        "match p:\n    case [x, *rest]:\n        pass\n    case Point(x=0) | None:\n        pass\n    case {'k': v, **kw} if v:\n        pass\n    case _:\n        pass\n",
        expect![[""]],
    );
}

#[test]
fn dis_break_in_try_finally_inlines_the_final_body() {
    check(
        "def f():\n    for x in y:\n        try:\n            break\n        finally:\n            g()\n",
        expect![[""]],
    );
}

#[test]
fn dis_lambda_defaults_and_decorators() {
    check(
        "@d\ndef f(a, b=1, *, c=2, **kw):\n    return lambda q=a: q\n",
        expect![[""]],
    );
}
