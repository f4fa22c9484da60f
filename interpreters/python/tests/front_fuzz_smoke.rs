//! A short run of the `py_parse` fuzz target's check inside `cargo test`: the front end and the
//! compiler must return `Ok` or `Err` on any input, never panic or overflow the stack.
//!
//! The fuzz crate (`fuzz/`, target `py_parse`) explores for as long as it is given; this file runs
//! the same check on a fixed set of inputs so every test run exercises it: every prefix of a few
//! valid programs covering most of the syntax, random mutations of them, token soup, random bytes,
//! and deeply nested input. It does not run libFuzzer or measure coverage.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// A small xorshift generator so the inputs are the same on every run.
struct XorShift(u64);

impl XorShift {
    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

const SEEDS: &[&str] = &[
    r#"import os.path as p, sys
from . import x as y
from ..m import (a, b as c)
def f(a, /, b=1, *args, c, d=2, **kw) -> int:
    """doc"""
    global g
    nonlocal_free = 1
    def inner():
        nonlocal nonlocal_free
        nonlocal_free += 1
        return [i * j for i in range(3) for j in range(i) if i != j]
    x = {k: v for k, v in kw.items()}
    s = {*args, 1}
    t = (*args, 2)
    a, *rest, z = t
    lam = lambda q, *r, **s: q + len(r)
    return f"{a!r:>{b}} {x=}" + str(lam(1))
@decorator(1)
class C(Base, metaclass=M):
    attr: int = 3
    def m(self):
        return super().m() + __class__.attr
try:
    with open("f") as fh, other() as (u, v):
        ys = [(y) for _ in ()] if False else 0
except (ValueError, TypeError) as e:
    raise RuntimeError("x") from e
except Exception:
    pass
else:
    assert x, "msg"
finally:
    del x, y[0], z.w
"#,
    r#"def gen(n):
    total = yield 1
    yield from range(n)
    return total
while True:
    for i in range(10):
        if i < 3 and not i or i >= 8:
            continue
        elif (j := i * 2) > 10:
            break
    else:
        pass
    break
match point:
    case Point(x=0, y=0) | [0, 0]:
        print("origin")
    case [x, *others] if x > 0:
        print(x, others)
    case {"k": v, **rest}:
        print(v, rest)
    case 1 | 2 | "s" | None | True:
        pass
    case _:
        pass
x = a if b else c
y = a < b < c != d
z = x[1:2, ::3]
w = b"bytes\x00" + 0x1F + 1_000_000 + 1e10 + 2j + 123456789012345678901234567890
"#,
];

/// Compiles `input` as a module and as an expression; a panic or a code object that fails the
/// bytecode verifier is an error showing the input.
fn compile_without_panic(input: &[u8]) -> Result<(), String> {
    let source = String::from_utf8_lossy(input);
    let verified = catch_unwind(AssertUnwindSafe(|| {
        if let Ok(code) = pyvgc::compiler::compile_module(&source, "fuzz.py") {
            let _ = pyvgc::compiler::disassemble(&code);
            pyvgc::bytecode::verify(&code)?;
        }
        if let Ok(code) = pyvgc::compiler::compile_eval(&source, "<string>") {
            pyvgc::bytecode::verify(&code)?;
        }
        Ok::<(), String>(())
    }))
    .map_err(|_| format!("the compiler panicked on {source:?}"))?;
    verified.map_err(|e| format!("invalid code for {source:?}: {e}"))
}

#[test]
fn front_fuzz_smoke_seed_programs_compile() {
    for seed in SEEDS {
        match pyvgc::compiler::compile_module(seed, "seed.py") {
            Ok(code) => pyvgc::bytecode::verify(&code).unwrap(),
            Err(e) => panic!("seed program does not compile:\n{}", e.render()),
        }
    }
}

#[test]
fn front_fuzz_smoke_survives_prefixes_of_valid_programs() {
    for seed in SEEDS {
        let bytes = seed.as_bytes();
        for end in (0..=bytes.len()).step_by(3) {
            compile_without_panic(&bytes[..end]).unwrap();
        }
    }
}

#[test]
fn front_fuzz_smoke_survives_mutated_programs() {
    let mut rng = XorShift(0x5eed_1001);
    for round in 0..600 {
        let mut input = SEEDS[round % SEEDS.len()].as_bytes().to_vec();
        for _ in 0..1 + rng.next_u64() % 4 {
            let at = (rng.next_u64() as usize) % (input.len() + 1);
            match rng.next_u64() % 3 {
                0 if at < input.len() => input[at] = rng.next_u64() as u8,
                1 if at < input.len() => {
                    input.remove(at);
                }
                _ => input.insert(
                    at,
                    b"()[]{}=.\"'\\-~<>#:;,\n\t *@"[rng.next_u64() as usize % 24],
                ),
            }
        }
        compile_without_panic(&input).unwrap();
    }
}

#[test]
fn front_fuzz_smoke_survives_token_soup_and_garbage() {
    const TOKENS: &[&str] = &[
        "def", "class", "return", "yield", "from", "import", "as", "if", "elif", "else", "while",
        "for", "in", "try", "except", "finally", "with", "raise", "del", "pass", "break",
        "continue", "global", "nonlocal", "lambda", "match", "case", "_", "and", "or", "not", "is",
        "None", "True", "False", "x", "y", "(", ")", "[", "]", "{", "}", "=", "==", ":=", "+=",
        "<", "**", "*", "/", "//", "@", ".", ",", ":", ";", "->", "0", "1.5", "1j", "0x", "'s'",
        "f'{x}'", "b'\\x'", "\"\"\"", "\\", "#", "\n", "    ", "async", "await",
    ];
    let mut rng = XorShift(0x5eed_1002);
    for _ in 0..1500 {
        let len = rng.next_u64() % 30;
        let mut input = String::new();
        for _ in 0..len {
            input.push_str(TOKENS[rng.next_u64() as usize % TOKENS.len()]);
            input.push(' ');
        }
        compile_without_panic(input.as_bytes()).unwrap();
    }
    for _ in 0..500 {
        let len = (rng.next_u64() % 64) as usize;
        compile_without_panic(&rng.bytes(len)).unwrap();
    }
}

#[test]
fn front_fuzz_smoke_deep_nesting_is_a_clean_error() {
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
        let input = format!("x = {}1{}\n", open.repeat(1000), close.repeat(1000));
        let err = pyvgc::compiler::compile_module(&input, "deep.py").unwrap_err();
        assert_eq!(err.message, "too many nested parentheses");
    }
    for prefix in ["-", "not ", "lambda: ", "~", "await "] {
        let input = format!("x = {}1\n", prefix.repeat(100_000));
        compile_without_panic(input.as_bytes()).unwrap();
        assert!(pyvgc::compiler::compile_module(&input, "deep.py").is_err());
    }
    let long_sum = format!("x = 1{}\n", "+1".repeat(100_000));
    let err = pyvgc::compiler::compile_module(&long_sum, "deep.py").unwrap_err();
    assert_eq!(err.kind, "RecursionError");
    let mut nested_ifs = String::new();
    for depth in 0..150 {
        nested_ifs.push_str(&"    ".repeat(depth));
        nested_ifs.push_str("if x:\n");
    }
    nested_ifs.push_str(&"    ".repeat(150));
    nested_ifs.push_str("pass\n");
    compile_without_panic(nested_ifs.as_bytes()).unwrap();
    let err = pyvgc::compiler::compile_module(&nested_ifs, "deep.py").unwrap_err();
    assert_eq!(
        (err.kind, err.message.as_str(), err.line),
        ("IndentationError", "too many levels of indentation", 102)
    );
    let mut nested_loops = String::new();
    for depth in 0..21 {
        nested_loops.push_str(&"    ".repeat(depth));
        nested_loops.push_str(&format!("for x{depth} in y:\n"));
    }
    nested_loops.push_str(&"    ".repeat(21));
    nested_loops.push_str("pass\n");
    let err = pyvgc::compiler::compile_module(&nested_loops, "deep.py").unwrap_err();
    assert_eq!(
        (err.message.as_str(), err.line),
        ("too many statically nested blocks", 21)
    );
}
