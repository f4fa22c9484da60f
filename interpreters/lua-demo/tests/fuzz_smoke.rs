//! A short run of both fuzz targets inside `cargo test`, and the replay of committed crashers.
//!
//! The fuzz crate (`fuzz/`, run with `cargo xtask fuzz <target>`) explores for as long as it is
//! given; this file runs the same code on a fixed set of inputs so every test run checks it: the
//! parser on prefixes, mutations and token soup made from valid programs, and the JIT-against-
//! interpreter check on a few hundred generated programs from a fixed seed. The generator and the
//! check are the fuzz crate's own modules, included by path. Inputs that once failed live in
//! `tests/fuzz_failures/` and are replayed here. It does not run libFuzzer or measure coverage.

#[path = "../../../fuzz/src/differential.rs"]
mod differential;
#[path = "../../../fuzz/src/lua_gen.rs"]
mod lua_gen;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use lua_gen::XorShift;

/// How many generated programs the differential smoke test runs.
const N_PROGRAMS: u64 = 200;

/// Valid programs whose prefixes and mutations feed the parser.
fn seed_programs() -> Vec<Vec<u8>> {
    let mut programs: Vec<Vec<u8>> = vec![
        include_bytes!("../examples/mandelbrot.lua").to_vec(),
        include_bytes!("../examples/closures_tables.lua").to_vec(),
        br#"local s = [==[long ]] string]==] .. "esc\"\n\x41\u{48}\z
             more" .. 'q' -- comment
--[[ block
comment ]] goto done; ::done:: local a <const>, b <close> = 0x1p4, 3e-2
return function(...) local t = {...; n = select('#', ...), [1] = 2} return #t, t.n // 2 ~ 1 end
"#
        .to_vec(),
    ];
    let mut rng = XorShift(0x5eed_0001);
    for _ in 0..4 {
        programs.push(lua_gen::program(&rng.bytes(300)).into_bytes());
    }
    programs
}

/// Compiles `input`, turning a panic into an error that shows the input.
fn parse_without_panic(input: &[u8]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        let _ = lua_demo::compiler::compile(input, "fuzz");
    }))
    .map_err(|_| {
        format!(
            "the parser panicked on {:?}",
            String::from_utf8_lossy(input)
        )
    })
}

#[test]
fn fuzz_smoke_parser_survives_prefixes_of_valid_programs() {
    for (idx, program) in seed_programs().iter().enumerate() {
        // Every prefix of the hand-written programs; for the larger ones a stride keeps the
        // quadratic cost down while still cutting inside every kind of token now and then.
        let stride = if idx < 3 { 1 } else { 7 };
        for end in (0..=program.len()).step_by(stride) {
            parse_without_panic(&program[..end]).unwrap();
        }
    }
}

#[test]
fn fuzz_smoke_parser_survives_mutated_programs() {
    let mut rng = XorShift(0x5eed_0002);
    let programs = seed_programs();
    for round in 0..3000 {
        let mut input = programs[round % programs.len()].clone();
        for _ in 0..1 + rng.next_u64() % 4 {
            let at = (rng.next_u64() as usize) % (input.len() + 1);
            match rng.next_u64() % 3 {
                0 if at < input.len() => input[at] = rng.next_u64() as u8,
                1 if at < input.len() => {
                    input.remove(at);
                }
                _ => input.insert(
                    at,
                    b"()[]{}=.\"'\\-~<>#:;,\n\0\xff"[rng.next_u64() as usize % 22],
                ),
            }
        }
        parse_without_panic(&input).unwrap();
    }
}

#[test]
fn fuzz_smoke_parser_survives_token_soup_and_garbage() {
    const TOKENS: &[&str] = &[
        "local",
        "function",
        "end",
        "if",
        "then",
        "else",
        "elseif",
        "while",
        "do",
        "for",
        "in",
        "repeat",
        "until",
        "return",
        "break",
        "goto",
        "::",
        "and",
        "or",
        "not",
        "nil",
        "true",
        "false",
        "x",
        "y",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "=",
        "==",
        "~=",
        "<=",
        ">=",
        "<",
        ">",
        "<<",
        ">>",
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "^",
        "#",
        "&",
        "|",
        "~",
        "..",
        "...",
        ".",
        ":",
        ";",
        ",",
        "0",
        "1.5",
        "0x10",
        "0x1p-2",
        "1e",
        "3e+",
        "0x",
        "9223372036854775808",
        "\"s\"",
        "'\\z'",
        "\"\\x4\"",
        "\"\\u{110000}\"",
        "\"\\999\"",
        "[[",
        "]]",
        "[=[",
        "]=]",
        "--",
        "--[[",
        "<const>",
        "<close>",
        "\n",
        " ",
    ];
    let mut rng = XorShift(0x5eed_0003);
    for _ in 0..3000 {
        let len = rng.next_u64() % 40;
        let mut input = String::new();
        for _ in 0..len {
            input.push_str(TOKENS[rng.next_u64() as usize % TOKENS.len()]);
            input.push(' ');
        }
        parse_without_panic(input.as_bytes()).unwrap();
    }
    for _ in 0..2000 {
        let len = (rng.next_u64() % 64) as usize;
        parse_without_panic(&rng.bytes(len)).unwrap();
    }
    // Deep nesting must end in an error, not a stack overflow.
    for open in ["(", "{", "-", "not ", "function() ", "if x then "] {
        let input = format!("return {}", open.repeat(100_000));
        parse_without_panic(input.as_bytes()).unwrap();
    }
}

/// Runs the differential check on one program, turning a panic into a failure.
fn differential_without_panic(source: &str) -> Result<lua_demo::RunOutput, String> {
    match catch_unwind(AssertUnwindSafe(|| differential::check(source))) {
        Ok(result) => result,
        Err(_) => Err("lua-demo panicked (message above)".to_string()),
    }
}

/// The features generated programs may use: the library only if this lua-demo has all of it.
fn features() -> lua_gen::Features {
    if differential::runs_cleanly(lua_gen::LIBRARY_PROBE) {
        lua_gen::Features::ALL
    } else {
        eprintln!("note: lua-demo lacks library functions the generator uses; core Lua only");
        lua_gen::Features::CORE
    }
}

/// The generated program for `case` of the smoke run.
fn smoke_program(case: u64, features: lua_gen::Features) -> String {
    let mut rng = XorShift(0x5eed_0004 ^ case.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let len = 100 + (rng.next_u64() % 500) as usize;
    lua_gen::program_with(&rng.bytes(len), features)
}

#[test]
fn fuzz_smoke_jit_agrees_with_interpreter_on_generated_programs() {
    let features = features();
    let mut failures = Vec::new();
    let mut clean = 0;
    for case in 0..N_PROGRAMS {
        let source = smoke_program(case, features);
        match differential_without_panic(&source) {
            Ok(out) => clean += out.error.is_none() as u64,
            Err(difference) => failures.push(format!(
                "case {case} ({features:?}):\n{source}\n{difference}"
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {N_PROGRAMS} programs disagree; the first:\n{}",
        failures.len(),
        failures[0]
    );
    // Generated programs are meant to run to the end; if most stop at an error, the comparison
    // above only compared error messages and proved little.
    assert!(
        clean * 10 >= N_PROGRAMS * 9,
        "only {clean} of {N_PROGRAMS} generated programs ran without error"
    );
}

/// The bundled examples (the README's first command) agree across the three configurations and
/// run to the end. `sum_squares.lua` is left out: its three million iterations take many seconds
/// in the unoptimised interpreter of a debug build.
#[test]
fn fuzz_smoke_examples_agree_and_run_cleanly() {
    let examples = [
        ("mandelbrot.lua", include_str!("../examples/mandelbrot.lua")),
        (
            "closures_tables.lua",
            include_str!("../examples/closures_tables.lua"),
        ),
    ];
    for (name, source) in examples {
        let out = differential_without_panic(source).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(out.error, None, "{name} failed");
    }
}

/// Every file in `tests/fuzz_failures/`: `parse_*` files must not make the parser panic;
/// `diff_*.lua` files must pass the differential check. `open_*` files reproduce open bugs and
/// are replayed by their own `#[ignore]`d tests (none at the moment).
#[test]
fn fuzz_failures_replay() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_failures");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let bytes = std::fs::read(&path).unwrap();
        if name.starts_with("parse_") {
            parse_without_panic(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        } else if name.starts_with("diff_") {
            let source = String::from_utf8_lossy(&bytes);
            differential_without_panic(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}
