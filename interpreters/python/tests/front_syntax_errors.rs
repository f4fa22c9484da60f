//! Syntax errors rendered exactly as CPython 3.11 prints them.
//!
//! Each case is a program and the stderr `python3 x.py` printed for it (generated once with CPython
//! 3.11 and committed; the absolute path CPython prints for a script is replaced by `x.py`). The
//! test compiles the program and compares `SyntaxError::render()` with it. Cases where pyvgc only
//! matches the error's type and line are in `KNOWN_DIFFERENCES` below, checked to that extent.

/// (source, what CPython 3.11 prints to stderr).
const CASES: &[(&str, &str)] = &[
    (
        "x = (1,\n",
        "  File \"x.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "if x\n  pass\n",
        "  File \"x.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n",
    ),
    (
        "x = 1\n  y = 2\n",
        "  File \"x.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n",
    ),
    (
        "if x:\npass\n",
        "  File \"x.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n",
    ),
    (
        "return 1\n",
        "  File \"x.py\", line 1\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n",
    ),
    (
        "break\n",
        "  File \"x.py\", line 1\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n",
    ),
    (
        "nonlocal x\n",
        "  File \"x.py\", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level\n",
    ),
    (
        "def f():\n    nonlocal x\n",
        "  File \"x.py\", line 2\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'x' found\n",
    ),
    (
        "def f():\n    x = 1\n    global x\n",
        "  File \"x.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n",
    ),
    (
        "def f():\n    print(x)\n    global x\n",
        "  File \"x.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is used prior to global declaration\n",
    ),
    (
        "a = 1)\n",
        "  File \"x.py\", line 1\n    a = 1)\n         ^\nSyntaxError: unmatched ')'\n",
    ),
    (
        "for x in y:\n    continue\ncontinue\n",
        "  File \"x.py\", line 3\n    continue\n    ^^^^^^^^\nSyntaxError: 'continue' not properly in loop\n",
    ),
    (
        "def f(x, x): pass\n",
        "  File \"x.py\", line 1\n    def f(x, x): pass\n             ^\nSyntaxError: duplicate argument 'x' in function definition\n",
    ),
    (
        "x = [1, 2\ny = 3\n",
        "  File \"x.py\", line 1\n    x = [1, 2\n        ^\nSyntaxError: '[' was never closed\n",
    ),
    (
        "print(\"abc)\n",
        "  File \"x.py\", line 1\n    print(\"abc)\n          ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "if 1:\n        x = 1\n    y = 2\n",
        "  File \"x.py\", line 3\n    y = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "def f():\n    x = 1\n    print(a b)\n",
        "  File \"x.py\", line 3\n    print(a b)\n          ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "1 = x\n",
        "  File \"x.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "f() = 1\n",
        "  File \"x.py\", line 1\n    f() = 1\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "x = (1, 2]\n",
        "  File \"x.py\", line 1\n    x = (1, 2]\n             ^\nSyntaxError: closing parenthesis ']' does not match opening parenthesis '('\n",
    ),
    (
        "yield 1\n",
        "  File \"x.py\", line 1\n    yield 1\n    ^^^^^^^\nSyntaxError: 'yield' outside function\n",
    ),
    (
        "def f():\n    x = [(yield) for i in y]\n",
        "  File \"x.py\", line 2\n    x = [(yield) for i in y]\n          ^^^^^\nSyntaxError: 'yield' inside list comprehension\n",
    ),
    (
        "class C:\n    return 1\n",
        "  File \"x.py\", line 2\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n",
    ),
    (
        "x = 1 +\n",
        "  File \"x.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "else:\n    pass\n",
        "  File \"x.py\", line 1\n    else:\n    ^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "def f(a=1, b): pass\n",
        "  File \"x.py\", line 1\n    def f(a=1, b): pass\n               ^\nSyntaxError: non-default argument follows default argument\n",
    ),
    (
        "f(**a, *b)\n",
        "  File \"x.py\", line 1\n    f(**a, *b)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking\n",
    ),
    (
        "f(a=1, b)\n",
        "  File \"x.py\", line 1\n    f(a=1, b)\n            ^\nSyntaxError: positional argument follows keyword argument\n",
    ),
    (
        "match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
        "  File \"x.py\", line 2\n    case y:\n         ^\nSyntaxError: name capture 'y' makes remaining patterns unreachable\n",
    ),
    (
        "def f():\n    from m import *\n",
        "  File \"x.py\", line 2\n    from m import *\n                  ^\nSyntaxError: import * only allowed at module level\n",
    ),
    (
        "def f():\n    x = 1\n    def g():\n        nonlocal y\n",
        "  File \"x.py\", line 4\n    nonlocal y\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'y' found\n",
    ),
    (
        "while True:\n    def f():\n        break\n",
        "  File \"x.py\", line 3\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n",
    ),
    (
        "x = {1: 2, 3}\n",
        "  File \"x.py\", line 1\n    x = {1: 2, 3}\n               ^\nSyntaxError: ':' expected after dictionary key\n",
    ),
    (
        "def f(:\n    pass\n",
        "  File \"x.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "for x in range(3)\n    pass\n",
        "  File \"x.py\", line 1\n    for x in range(3)\n                     ^\nSyntaxError: expected ':'\n",
    ),
    (
        "class C\n    pass\n",
        "  File \"x.py\", line 1\n    class C\n           ^\nSyntaxError: expected ':'\n",
    ),
    (
        "x = \"\"\"abc\n",
        "  File \"x.py\", line 1\n    x = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 1)\n",
    ),
    (
        "print 'hello'\n",
        "  File \"x.py\", line 1\n    print 'hello'\n    ^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n",
    ),
    (
        "x += 1 = 2\n",
        "  File \"x.py\", line 1\n    x += 1 = 2\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "del f()\n",
        "  File \"x.py\", line 1\n    del f()\n        ^^^\nSyntaxError: cannot delete function call\n",
    ),
    (
        "(a, b) += 1\n",
        "  File \"x.py\", line 1\n    (a, b) += 1\n    ^^^^^^\nSyntaxError: 'tuple' is an illegal expression for augmented assignment\n",
    ),
    (
        "f(x for x in y, 1)\n",
        "  File \"x.py\", line 1\n    f(x for x in y, 1)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n",
    ),
    (
        "x = 5 if True\n",
        "  File \"x.py\", line 1\n    x = 5 if True\n        ^^^^^^^^^\nSyntaxError: expected 'else' after 'if' expression\n",
    ),
    (
        "try:\n    pass\nprint(1)\n",
        "  File \"x.py\", line 3\n    print(1)\n    ^^^^^\nSyntaxError: expected 'except' or 'finally' block\n",
    ),
    (
        "def f():\n    yield = 3\n",
        "  File \"x.py\", line 2\n    yield = 3\n    ^^^^^\nSyntaxError: assignment to yield expression not possible\n",
    ),
    (
        "a, *b, *c = d\n",
        "  File \"x.py\", line 1\n    a, *b, *c = d\n    ^^^^^^^^^\nSyntaxError: multiple starred expressions in assignment\n",
    ),
    (
        "*a = b\n",
        "  File \"x.py\", line 1\n    *a = b\n    ^^\nSyntaxError: starred assignment target must be in a list or tuple\n",
    ),
    (
        "x = 1\n\tif x:\n",
        "  File \"x.py\", line 2\n    if x:\nIndentationError: unexpected indent\n",
    ),
    (
        "def f(x):\n    global x\n",
        "  File \"x.py\", line 2\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is parameter and global\n",
    ),
    ("lambda: (yield)\n", ""),
    (
        "[x async for x in y]\n",
        "  File \"x.py\", line 1\n    [x async for x in y]\n    ^^^^^^^^^^^^^^^^^^^^\nSyntaxError: asynchronous comprehension outside of an asynchronous function\n",
    ),
    (
        "f(a=1, a=2)\n",
        "  File \"x.py\", line 1\n    f(a=1, a=2)\n           ^^^\nSyntaxError: keyword argument repeated: a\n",
    ),
    (
        "def f():\n    x = 1\n    class C:\n        nonlocal x\n        x = 2\n",
        "",
    ),
    ("class C:\n    def f(self):\n        super().f()\n", ""),
    ("def f(a, /, b, *, c): pass\n", ""),
    ("x = [i for i in range(3) if (j := i)]\n", ""),
    (
        "[(j := 1) for j in range(3)]\n",
        "  File \"x.py\", line 1\n    [(j := 1) for j in range(3)]\n      ^\nSyntaxError: assignment expression cannot rebind comprehension iteration variable 'j'\n",
    ),
    (
        "class C:\n    [(y := 1) for x in range(3)]\n",
        "  File \"x.py\", line 2\n    [(y := 1) for x in range(3)]\n      ^\nSyntaxError: assignment expression within a comprehension cannot be used in a class body\n",
    ),
    (
        "match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
        "  File \"x.py\", line 2\n    case _:\n         ^\nSyntaxError: wildcard makes remaining patterns unreachable\n",
    ),
    (
        "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
        "  File \"x.py\", line 3\n    except:\n    ^^^^^^^\nSyntaxError: default 'except:' must be last\n",
    ),
    (
        "def f():\n    global x\n    x: int = 1\n",
        "  File \"x.py\", line 3\n    x: int = 1\n    ^^^^^^^^^^\nSyntaxError: annotated name 'x' can't be global\n",
    ),
    ("del (a, b), [c]\n", ""),
    (
        "f(**a, b)\n",
        "  File \"x.py\", line 1\n    f(**a, b)\n            ^\nSyntaxError: positional argument follows keyword argument unpacking\n",
    ),
    (
        "x = 1 if 2 else\n",
        "  File \"x.py\", line 1\n    x = 1 if 2 else\n                   ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "def f(*): pass\n",
        "  File \"x.py\", line 1\n    def f(*): pass\n          ^\nSyntaxError: named arguments must follow bare *\n",
    ),
    (
        "a + 1 = 2\n",
        "  File \"x.py\", line 1\n    a + 1 = 2\n    ^^^^^\nSyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "for 1 in x: pass\n",
        "  File \"x.py\", line 1\n    for 1 in x: pass\n        ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "import a.b as\n",
        "  File \"x.py\", line 1\n    import a.b as\n                 ^\nSyntaxError: invalid syntax\n",
    ),
    ("def f():\n    return\n    yield\n", ""),
    (
        "print(f'{x!z}')\n",
        "  File \"x.py\", line 1\n    print(f'{x!z}')\n                  ^\nSyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'\n",
    ),
    (
        "x = 0777\n",
        "  File \"x.py\", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n",
    ),
    (
        "x = 1_\n",
        "  File \"x.py\", line 1\n    x = 1_\n         ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "if x = 1:\n    pass\n",
        "  File \"x.py\", line 1\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n",
    ),
    (
        "x = (yield)\n",
        "  File \"x.py\", line 1\n    x = (yield)\n         ^^^^^\nSyntaxError: 'yield' outside function\n",
    ),
    (
        "def f():\n    def g():\n        nonlocal x\n    x = 1\n",
        "",
    ),
    (
        "lambda x, x: 1\n",
        "  File \"x.py\", line 1\n    lambda x, x: 1\n              ^\nSyntaxError: duplicate argument 'x' in function definition\n",
    ),
    (
        "class C(x for x in y): pass\n",
        "  File \"x.py\", line 1\n    class C(x for x in y): pass\n              ^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "def f(**k, a): pass\n",
        "  File \"x.py\", line 1\n    def f(**k, a): pass\n               ^\nSyntaxError: arguments cannot follow var-keyword argument\n",
    ),
    (
        "x = {**a: 1}\n",
        "  File \"x.py\", line 1\n    x = {**a: 1}\n            ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "@\ndef f(): pass\n",
        "  File \"x.py\", line 1\n    @\n     ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = 1 2\n",
        "  File \"x.py\", line 1\n    x = 1 2\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "while x\n    pass\n",
        "  File \"x.py\", line 1\n    while x\n           ^\nSyntaxError: expected ':'\n",
    ),
    (
        "def f():\n    x = 1\n    del x\n    def g():\n        return x\n",
        "",
    ),
    (
        "if x:\n\ty = 1\n        z = 2\n",
        "  File \"x.py\", line 3\n    z = 2\nTabError: inconsistent use of tabs and spaces in indentation\n",
    ),
    (
        "import os\nfrom __future__ import annotations\n",
        "  File \"x.py\", line 2\n    from __future__ import annotations\n    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: from __future__ imports must occur at the beginning of the file\n",
    ),
    (
        "from __future__ import braces\n",
        "  File \"x.py\", line 1\n    from __future__ import braces\n    ^\nSyntaxError: not a chance\n",
    ),
    (
        "None = 1\n",
        "  File \"x.py\", line 1\n    None = 1\n    ^^^^\nSyntaxError: cannot assign to None\n",
    ),
    (
        "x, None = 1, 2\n",
        "  File \"x.py\", line 1\n    x, None = 1, 2\n       ^^^^\nSyntaxError: cannot assign to None\n",
    ),
    (
        "x = None = 2\n",
        "  File \"x.py\", line 1\n    x = None = 2\n        ^^^^\nSyntaxError: cannot assign to None\n",
    ),
    (
        "[1] = x\n",
        "  File \"x.py\", line 1\n    [1] = x\n     ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "(a, 1) = x\n",
        "  File \"x.py\", line 1\n    (a, 1) = x\n        ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "x.y() = 3\n",
        "  File \"x.py\", line 1\n    x.y() = 3\n    ^^^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "with a as 1: pass\n",
        "  File \"x.py\", line 1\n    with a as 1: pass\n              ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "x = 1 = 2\n",
        "  File \"x.py\", line 1\n    x = 1 = 2\n        ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "(1) = 2\n",
        "  File \"x.py\", line 1\n    (1) = 2\n     ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "a, (1) = 2\n",
        "  File \"x.py\", line 1\n    a, (1) = 2\n        ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "None += 1\n",
        "  File \"x.py\", line 1\n    None += 1\n    ^^^^\nSyntaxError: 'None' is an illegal expression for augmented assignment\n",
    ),
    (
        "del None\n",
        "  File \"x.py\", line 1\n    del None\n        ^^^^\nSyntaxError: cannot delete None\n",
    ),
    (
        "x = 1\u{0000}\ny = 2\n",
        "  File \"x.py\", line 1\n    x = 1\nSyntaxError: source code cannot contain null bytes\n",
    ),
    (
        "from __future__ import nope\n",
        "  File \"x.py\", line 1\n    from __future__ import nope\n    ^\nSyntaxError: future feature nope is not defined\n",
    ),
    (
        "\"\"\"doc\"\"\"\nfrom __future__ import annotations\ndef f(x: Foo) -> List[int]: pass\n",
        "",
    ),
    (
        "if x:\n        y = 1\n\tz = 2\n",
        "  File \"x.py\", line 3\n    z = 2\nTabError: inconsistent use of tabs and spaces in indentation\n",
    ),
    ("if x:\n\ty = 1\n\tif y:\n\t\tz = 2\n", ""),
];

/// Sources whose message or caret differ from CPython's; the kind and line must still match.
const KNOWN_DIFFERENCES: &[&str] = &[
    // CPython 3.11 places f-string errors relative to the replacement field's own text.
    "print(f'{x!z}')\n",
    // CPython reports the `for` token; Ruff reports the whole generator expression.
    "class C(x for x in y): pass\n",
    // CPython points at the `:`, we at the `**`.
    "x = {**a: 1}\n",
];

/// The `Kind: message` line and the `line N` of a rendered error.
fn kind_and_line(rendered: &str) -> (String, String) {
    let last = rendered.lines().last().unwrap_or("").to_string();
    let kind = last.split(':').next().unwrap_or("").to_string();
    let line = rendered
        .lines()
        .next()
        .and_then(|l| l.rsplit_once("line "))
        .map_or(String::new(), |(_, n)| n.to_string());
    (kind, line)
}

#[test]
fn front_syntax_errors_render_as_cpython_prints_them() {
    let mut failures = Vec::new();
    for (source, expected) in CASES {
        if expected.is_empty() {
            // CPython accepts this program.
            if let Err(e) = pyvgc::compiler::compile_module(source, "x.py") {
                failures.push(format!(
                    "{source:?}: CPython accepts it, we said\n{}",
                    e.render()
                ));
            }
            continue;
        }
        let got = match pyvgc::compiler::compile_module(source, "x.py") {
            Ok(_) => {
                failures.push(format!("{source:?}: compiled, expected\n{expected}"));
                continue;
            }
            Err(e) => e.render(),
        };
        if KNOWN_DIFFERENCES.contains(source) {
            if kind_and_line(&got) != kind_and_line(expected) {
                failures.push(format!(
                    "{source:?}:\nexpected (kind and line)\n{expected}got\n{got}"
                ));
            }
        } else if got != *expected {
            failures.push(format!("{source:?}:\nexpected\n{expected}got\n{got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn front_syntax_errors_name_unsupported_features() {
    for (source, feature) in [
        ("async def f():\n    pass\n", "'async def'"),
        (
            "try:\n    pass\nexcept* ValueError:\n    pass\n",
            "'except*'",
        ),
    ] {
        let err = pyvgc::compiler::compile_module(source, "x.py").unwrap_err();
        assert!(
            err.message.contains("pyvgc does not support") && err.message.contains(feature),
            "{source:?}: {}",
            err.message
        );
        assert!(err.line >= 1);
    }
}
