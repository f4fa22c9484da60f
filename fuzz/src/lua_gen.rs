//! A generator of valid, terminating Lua programs from arbitrary bytes, for differential testing.
//!
//! Every byte of the input is a choice (which statement, which operator, which constant); when the
//! input runs out every choice is 0, which always picks a leaf, so any input gives a program.
//! Programs use integers and floats (with wraparound, NaN and infinities), tables with array and
//! hash parts, strings, branches, numeric `for`, `while` and `repeat` loops with `break`, calls,
//! closures with upvalues, recursion, a metatable with `__index`, and `pcall` of code that raises.
//! They print their state as they go and at the end, so any difference in behaviour shows.
//!
//! Programs are well typed by construction: integer expressions never meet a zero divisor (`x //
//! (y | 1)`), bitwise operators only see integers, loops have constant, small trip counts, and
//! strings are cut to a few characters. This does not aim to produce errors other than the
//! `error()` calls it makes on purpose: the parser has its own fuzz target. Uses only std, so both
//! the fuzz crate and `cargo test` (interpreters/lua-demo/tests/fuzz_smoke.rs) can include it.

use std::fmt::Write;

/// Reads choices from the fuzz input; zeros once it is exhausted.
pub struct Choices<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Choices<'a> {
    pub fn new(data: &'a [u8]) -> Choices<'a> {
        Choices { data, pos: 0 }
    }

    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        b
    }

    /// A number in `0..n` (`n` at most 256).
    fn below(&mut self, n: usize) -> usize {
        self.byte() as usize % n
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.byte() as i64 % (hi - lo + 1))
    }
}

/// Integer locals every program declares.
const INTS: &[&str] = &["a", "b", "c", "d"];
/// Float locals every program declares.
const FLOATS: &[&str] = &["x", "y", "z"];
/// Maximum nesting of loops and branches.
const MAX_DEPTH: usize = 3;
/// Maximum expression depth.
const MAX_EXPR: usize = 3;
/// Statements per program, at most.
const MAX_STMTS: usize = 20;

/// Which parts of Lua programs may use beyond the core language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Features {
    /// The standard library: `setmetatable`, `pcall`, `error`, `tostring`, `string.*`, `math.*`.
    /// Without it programs use only operators, tables, functions and `print`.
    pub library: bool,
}

impl Features {
    pub const ALL: Features = Features { library: true };
    pub const CORE: Features = Features { library: false };
}

/// A Lua chunk that uses every library function generated programs may use; it runs without
/// error exactly when [`Features::ALL`] programs can run.
pub const LIBRARY_PROBE: &str = r#"local v = setmetatable({}, {__index = function(_, k) return k * 2 end})
local ok = pcall(error, "x")
local s = string.sub(string.upper(string.format("%.3f", 1.5) .. string.char(65) .. tostring(v[1])), -2)
local m = (string.byte(s, 1) or 0) + math.max(1, 2) + math.sqrt(math.abs(-4.0)) + math.floor(1.5)
print(ok, s, m + math.pi + math.maxinteger + math.mininteger)
"#;

/// The program the bytes `data` choose, using every feature.
pub fn program(data: &[u8]) -> String {
    program_with(data, Features::ALL)
}

/// The program the bytes `data` choose, using only `features`.
pub fn program_with(data: &[u8], features: Features) -> String {
    let mut g = Gen {
        lib: features.library,
        c: Choices::new(data),
        out: String::new(),
        indent: 1,
        budget: MAX_STMTS,
        int_loop_vars: Vec::new(),
        float_loop_vars: Vec::new(),
        loop_depth: 0,
        n_locals: 0,
    };
    g.prelude();
    // The body runs inside one outer loop, so every program has at least one hot loop.
    let n = g.c.range(2, 30);
    let _ = writeln!(g.out, "for it = 1, {n} do");
    g.int_loop_vars.push("it".into());
    g.loop_depth += 1;
    let stmts = 1 + g.c.below(8);
    for _ in 0..stmts {
        g.stmt(1);
    }
    g.loop_depth -= 1;
    g.int_loop_vars.pop();
    g.out.push_str("end\n");
    g.epilogue();
    g.out
}

struct Gen<'a> {
    /// Whether the standard library may be used.
    lib: bool,
    c: Choices<'a>,
    out: String,
    indent: usize,
    budget: usize,
    int_loop_vars: Vec<String>,
    float_loop_vars: Vec<String>,
    loop_depth: usize,
    n_locals: usize,
}

impl Gen<'_> {
    fn prelude(&mut self) {
        let mut init = String::new();
        for (k, name) in INTS.iter().enumerate() {
            let v = self.int_const();
            let _ = writeln!(
                init,
                "local {name} = {}",
                if k == 0 { "0".into() } else { v }
            );
        }
        for name in FLOATS {
            let v = self.float_const();
            let _ = writeln!(init, "local {name} = {v}");
        }
        self.out.push_str(&init);
        self.out.push_str(
            r#"local s = "s"
local t = {}
local h = {}
local lst = {}
local count = 0
local function bump(v) count = count + 1 return v + count end
local function make_adder(k) return function(v) return v + k end end
local add3 = make_adder(3)
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local function mix(p, q) return p * 0.5 - q end
"#,
        );
        if self.lib {
            self.out.push_str(
                r#"local function may_fail(v) if v % 7 == 3 then error("boom " .. v) end return v end
local V = setmetatable({}, {__index = function(_, k) return k * 2 end})
"#,
            );
        } else {
            self.out
                .push_str("local V = {}\nfor k = 0, 1023 do V[k] = k * 2 end\n");
        }
    }

    fn epilogue(&mut self) {
        self.out.push_str(
            r#"print(a, b, c, d)
print(x, y, z)
print(s, #t, #lst, count)
local sum = 0
for k = 1, 16 do sum = sum + (t[k] or 0) end
local hs = 0.0
for k = 0, 7 do hs = hs + (h["k" .. k] or 0.0) end
print(sum, hs)
"#,
        );
    }

    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn int_const(&mut self) -> String {
        match self.c.below(8) {
            0..=3 => self.c.range(-5, 100).to_string(),
            4 if self.lib => "math.maxinteger".into(),
            5 if self.lib => "math.mininteger".into(),
            4 => "9223372036854775807".into(),
            5 => "(-9223372036854775807 - 1)".into(),
            6 => format!("0x{:x}", 0x7fff_ffff_ffff_ff00u64 | self.c.byte() as u64),
            _ => (self.c.byte() as i64 * 1000).to_string(),
        }
    }

    fn float_const(&mut self) -> String {
        match self.c.below(8) {
            0..=2 => format!("{}.5", self.c.range(-5, 20)),
            3 => "0.1".into(),
            4 => "1e300".into(),
            5 => "-0.0".into(),
            6 if self.lib => "math.pi".into(),
            6 => "3.141592653589793".into(),
            _ => format!("{}.25", self.c.byte()),
        }
    }

    fn int_var(&mut self) -> String {
        let n = INTS.len() + self.int_loop_vars.len();
        let k = self.c.below(n);
        if k < INTS.len() {
            INTS[k].into()
        } else {
            self.int_loop_vars[k - INTS.len()].clone()
        }
    }

    fn float_var(&mut self) -> String {
        let n = FLOATS.len() + self.float_loop_vars.len();
        let k = self.c.below(n);
        if k < FLOATS.len() {
            FLOATS[k].into()
        } else {
            self.float_loop_vars[k - FLOATS.len()].clone()
        }
    }

    /// An expression whose value is always an integer.
    fn int_expr(&mut self, depth: usize) -> String {
        if depth >= MAX_EXPR {
            return match self.c.below(2) {
                0 => self.int_var(),
                _ => self.int_const(),
            };
        }
        let d = depth + 1;
        match self.c.below(28) {
            0..=3 => self.int_var(),
            4 | 5 => self.int_const(),
            6 => format!("({} + {})", self.int_expr(d), self.int_expr(d)),
            7 => format!("({} - {})", self.int_expr(d), self.int_expr(d)),
            8 => format!("({} * {})", self.int_expr(d), self.int_expr(d)),
            9 => format!("({} // ({} | 1))", self.int_expr(d), self.int_expr(d)),
            10 => format!("({} % ({} | 1))", self.int_expr(d), self.int_expr(d)),
            11 => format!("({} & {})", self.int_expr(d), self.int_expr(d)),
            12 => format!("({} | {})", self.int_expr(d), self.int_expr(d)),
            13 => format!("({} ~ {})", self.int_expr(d), self.int_expr(d)),
            14 => format!("({} << ({} & 15))", self.int_expr(d), self.int_expr(d)),
            15 => format!("({} >> ({} & 15))", self.int_expr(d), self.int_expr(d)),
            16 => format!("(- {})", self.int_expr(d)),
            17 => format!("(~{})", self.int_expr(d)),
            18 => "#s".into(),
            19 => "#t".into(),
            20 => format!("(t[({} & 15) + 1] or 0)", self.int_expr(d)),
            21 => format!("bump({})", self.int_expr(d)),
            22 => format!("add3({})", self.int_expr(d)),
            23 => format!("fib({} & 3)", self.int_expr(d)),
            24 => format!("V[{} & 1023]", self.int_expr(d)),
            25 if self.lib => format!("math.max({}, {})", self.int_expr(d), self.int_expr(d)),
            26 if self.lib => "(string.byte(s, 1) or 0)".into(),
            25 | 26 => format!("(V[{} & 1023] or 0)", self.int_expr(d)),
            _ => format!(
                "({} and {} or {})",
                self.cond(d),
                self.int_expr(d),
                self.int_expr(d)
            ),
        }
    }

    /// An expression whose value is always a float.
    fn float_expr(&mut self, depth: usize) -> String {
        if depth >= MAX_EXPR {
            return match self.c.below(2) {
                0 => self.float_var(),
                _ => self.float_const(),
            };
        }
        let d = depth + 1;
        match self.c.below(18) {
            0..=3 => self.float_var(),
            4 => self.float_const(),
            5 => format!("({} + {})", self.float_expr(d), self.float_expr(d)),
            6 => format!("({} - {})", self.float_expr(d), self.float_expr(d)),
            7 => format!("({} * {})", self.float_expr(d), self.float_expr(d)),
            8 => format!("({} / {})", self.float_expr(d), self.float_expr(d)),
            9 => format!("({} // {})", self.float_expr(d), self.float_expr(d)),
            10 => format!("({} + 0.0)", self.int_expr(d)),
            11 => format!("({} / 4)", self.int_expr(d)),
            12 if self.lib => format!("math.sqrt(math.abs({}))", self.float_expr(d)),
            13 if self.lib => format!("(math.floor({}) + 0.0)", self.float_expr(d)),
            12 => format!("({} ^ 0.5)", self.float_expr(d)),
            13 => format!("({} // 1.0)", self.float_expr(d)),
            14 => format!("mix({}, {})", self.float_expr(d), self.float_expr(d)),
            15 => format!("(h[\"k\" .. ({} & 7)] or 0.5)", self.int_expr(d)),
            16 => format!("(- {})", self.float_expr(d)),
            _ => format!("({} * {})", self.int_expr(d), self.float_expr(d)),
        }
    }

    fn cond(&mut self, depth: usize) -> String {
        let d = depth + 1;
        const CMP: &[&str] = &["<", "<=", ">", ">=", "==", "~="];
        let op = CMP[self.c.below(CMP.len())];
        match self.c.below(8) {
            0..=2 => format!("{} {op} {}", self.int_expr(d), self.int_expr(d)),
            3 => format!("{} {op} {}", self.float_expr(d), self.float_expr(d)),
            4 => format!("{} {op} {}", self.int_expr(d), self.float_expr(d)),
            5 => format!("({} & 1) == 0", self.int_expr(d)),
            6 if depth < MAX_EXPR => format!("not ({})", self.cond(d)),
            _ => format!("#s {op} {}", self.c.range(0, 12)),
        }
    }

    fn block(&mut self, depth: usize) {
        self.indent += 1;
        let n = 1 + self.c.below(3);
        for _ in 0..n {
            self.stmt(depth);
        }
        self.indent -= 1;
    }

    fn stmt(&mut self, depth: usize) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let nested = depth < MAX_DEPTH;
        match self.c.below(20) {
            0..=3 => {
                let v = INTS[self.c.below(INTS.len())];
                let e = self.int_expr(0);
                self.line(&format!("{v} = {e}"));
            }
            4..=5 => {
                let v = FLOATS[self.c.below(FLOATS.len())];
                let e = self.float_expr(0);
                self.line(&format!("{v} = {e}"));
            }
            6 => {
                let (k, v) = (self.int_expr(1), self.int_expr(1));
                self.line(&format!("t[({k} & 15) + 1] = {v}"));
            }
            7 => {
                let (k, v) = (self.int_expr(1), self.float_expr(1));
                self.line(&format!("h[\"k\" .. ({k} & 7)] = {v}"));
            }
            8 if self.lib => {
                let piece = match self.c.below(4) {
                    0 => format!("tostring({})", self.int_expr(1)),
                    1 => format!("string.format(\"%.3f\", {})", self.float_expr(1)),
                    2 => format!("string.char(65 + ({} & 25))", self.int_expr(1)),
                    _ => "string.upper(s)".into(),
                };
                self.line(&format!("s = string.sub(s .. {piece}, -12)"));
            }
            8 => {
                // Numbers concatenate as they print; the length check keeps strings short.
                let piece = match self.c.below(3) {
                    0 => self.int_expr(1),
                    1 => self.float_expr(1),
                    _ => "\"ab\"".into(),
                };
                self.line(&format!("s = s .. {piece}"));
                self.line("if #s > 12 then s = \"s\" .. #s end");
            }
            9 => {
                let (i, f) = (self.int_expr(1), self.float_expr(1));
                self.line(&format!("print({i}, {f})"));
            }
            10 if nested => {
                let c = self.cond(0);
                self.line(&format!("if {c} then"));
                self.block(depth + 1);
                match self.c.below(3) {
                    0 => {}
                    1 => {
                        self.line("else");
                        self.block(depth + 1);
                    }
                    _ => {
                        let c = self.cond(0);
                        self.line(&format!("elseif {c} then"));
                        self.block(depth + 1);
                    }
                }
                self.line("end");
            }
            11 if nested => {
                let var = format!("i{depth}");
                let (lo, hi) = (self.c.range(-3, 3), self.c.range(0, 8));
                let header = match self.c.below(4) {
                    0 => format!("for {var} = {lo}, {hi}, 2 do"),
                    1 => format!("for {var} = {hi}, {lo}, -1 do"),
                    _ => format!("for {var} = {lo}, {hi} do"),
                };
                self.line(&header);
                self.loop_body(depth, Some(var), false);
            }
            12 if nested => {
                let var = format!("q{depth}");
                let (lo, n) = (self.c.range(-4, 4), self.c.range(1, 8));
                self.line(&format!("for {var} = {lo}.5, {lo}.5 + {n} * 0.25, 0.25 do"));
                self.loop_body(depth, Some(var), true);
            }
            13 if nested => {
                self.n_locals += 1;
                let w = format!("w{}", self.n_locals);
                let n = self.c.range(0, 10);
                let c = self.cond(1);
                self.line(&format!("local {w} = 0"));
                self.line(&format!("while {w} < {n} and ({c}) do"));
                self.indent += 1;
                self.line(&format!("{w} = {w} + 1"));
                self.indent -= 1;
                self.loop_body(depth, None, false);
            }
            14 if nested => {
                self.n_locals += 1;
                let r = format!("r{}", self.n_locals);
                let n = self.c.range(1, 10);
                self.line(&format!("local {r} = 0"));
                self.line("repeat");
                self.indent += 1;
                self.line(&format!("{r} = {r} + 1"));
                self.indent -= 1;
                self.loop_depth += 1;
                self.block(depth + 1);
                self.loop_depth -= 1;
                let c = self.cond(1);
                self.line(&format!("until {r} >= {n} or ({c})"));
            }
            15 if self.loop_depth > 0 => {
                let c = self.cond(0);
                self.line(&format!("if {c} then break end"));
            }
            16 if self.lib => {
                let e = self.int_expr(1);
                self.line(&format!("local ok, err = pcall(may_fail, {e})"));
                self.line("if ok then c = c + 1 else s = string.sub(s .. #err, -12) end");
            }
            17 => {
                let e = self.int_expr(1);
                self.line(&format!("lst[#lst + 1] = {e}"));
            }
            18 => {
                let (p, q) = (self.c.below(INTS.len()), self.c.below(INTS.len()));
                let (p, q) = (INTS[p], INTS[q]);
                if p != q {
                    self.line(&format!("{p}, {q} = {q}, {p}"));
                }
            }
            _ => {
                let v = INTS[self.c.below(INTS.len())];
                let e = self.int_expr(1);
                self.line(&format!("{v} = {v} + {e}"));
            }
        }
    }

    /// The body of a loop whose header is already printed, then `end`.
    fn loop_body(&mut self, depth: usize, var: Option<String>, float: bool) {
        if let Some(v) = &var {
            if float {
                self.float_loop_vars.push(v.clone());
            } else {
                self.int_loop_vars.push(v.clone());
            }
        }
        self.loop_depth += 1;
        self.block(depth + 1);
        self.loop_depth -= 1;
        if var.is_some() {
            if float {
                self.float_loop_vars.pop();
            } else {
                self.int_loop_vars.pop();
            }
        }
        self.line("end");
    }
}

/// A xorshift64 generator, for reproducible pseudo-random inputs without dependencies.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// `len` pseudo-random bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }
}
