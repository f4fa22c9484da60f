//! Recursion through compiled code: a directly recursive Lua function gets a function-entry trace
//! whose recursive calls are `call_assembler`s of that same trace, and results, errors and
//! tracebacks stay those of the interpreter.

use lua_demo::run_source;
use metatrace::JitConfig;

fn jit(threshold: u32) -> JitConfig {
    JitConfig {
        verify: true,
        ..JitConfig::default().with_threshold(threshold)
    }
}

const FIB: &str = "
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(20), fib(7.0))
";

#[test]
fn recursive_fib_runs_a_function_trace_that_calls_itself() {
    let off = run_source(
        FIB.as_bytes(),
        "fib",
        JitConfig {
            enabled: false,
            ..jit(1)
        },
    );
    assert_eq!(String::from_utf8_lossy(&off.stdout), "6765\t13.0\n");
    for threshold in [1, 7, 50] {
        let out = run_source(FIB.as_bytes(), "fib", jit(threshold));
        assert_eq!(out.stdout, off.stdout, "threshold {threshold}");
        assert_eq!(out.error, None);
        assert!(
            out.traces
                .iter()
                .any(|(name, _)| name.starts_with("function_")),
            "threshold {threshold}: {:?}",
            out.traces
        );
        // The recursive case (a bridge, or the entry trace itself, depending on which call got
        // hot first) makes both calls into compiled code.
        assert!(
            out.traces
                .iter()
                .any(|(_, ops)| ops.contains("call_assembler: 2")),
            "threshold {threshold}: {:?}",
            out.traces
        );
    }
}

#[test]
fn recursion_deeper_than_the_call_depth_cap_gives_the_same_answer() {
    // 5000 levels: past the cap, calls run in the interpreter.
    let src = "
local function down(n)
  if n == 0 then return 0 end
  return down(n - 1) + 1
end
local s = 0
for r = 1, 30 do s = s + down(5000 - r) end
print(s)
";
    let expected = (1..=30).map(|r| 5000 - r).sum::<i64>().to_string() + "\n";
    for threshold in [1, 50] {
        let out = run_source(src.as_bytes(), "down", jit(threshold));
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    }
}

#[test]
fn an_error_inside_compiled_recursion_keeps_its_message_and_level() {
    // The error is raised at the bottom of the recursion, with level 2 naming the caller's
    // line: the caller's pc must still be readable through a `call_assembler` frame's link.
    let src = "
local function f(n)
  if n == 0 then error('bottom', 2) end
  return f(n - 1) + 1
end
local msg, fails = nil, 0
for i = 1, 200 do
  local ok, e = pcall(f, i % 13)
  if not ok then msg, fails = e, fails + 1 end
end
print(msg, fails)
";
    let off = run_source(
        src.as_bytes(),
        "err",
        JitConfig {
            enabled: false,
            ..jit(1)
        },
    );
    assert!(String::from_utf8_lossy(&off.stdout).contains(":4: bottom\t200"));
    for threshold in [1, 3, 20] {
        let out = run_source(src.as_bytes(), "err", jit(threshold));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&off.stdout),
            "threshold {threshold}"
        );
    }
}

#[test]
fn recursion_with_a_stack_overflow_in_compiled_code_reports_it() {
    let src = "
local function inf(n) return inf(n + 1) + 1 end
print(pcall(inf, 0))
";
    let off = run_source(
        src.as_bytes(),
        "so",
        JitConfig {
            enabled: false,
            ..jit(1)
        },
    );
    for threshold in [1, 50] {
        let out = run_source(src.as_bytes(), "so", jit(threshold));
        assert_eq!(out.stdout, off.stdout, "threshold {threshold}");
    }
    assert!(String::from_utf8_lossy(&off.stdout).contains("stack overflow"));
}
