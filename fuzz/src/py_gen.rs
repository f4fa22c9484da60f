//! A generator of valid, terminating, deterministic Python 3 programs from arbitrary bytes, for
//! differential testing of pyvgc's JIT and interpreter.
//!
//! Every byte of the input is a choice; when the input runs out every choice is 0, which always
//! picks a leaf, so any input gives a program. A program starts with a fixed preamble (a class
//! with a subclass, a function with a default, bounded recursion, a generator, a closure factory,
//! a function mutating a global) and then runs generated statements, either at module level or
//! inside `main()`: int arithmetic past 2**63 with negative floor division and modulo, floats
//! (including inf and nan), chained comparisons, strings, lists, dicts and tuples with their
//! methods, attribute writes that change an object's shape, `try`/`except` around code that
//! raises ZeroDivisionError, IndexError or KeyError, and bounded `for`/`while` loops with `break`
//! and `continue`. Loops print as they go and the program prints all its state at the end.
//!
//! Programs are well typed by construction: each variable keeps one type, integer divisors are
//! `(e | 1)` (never zero), stored integers are reduced modulo a constant so they cannot grow
//! without bound, lists and strings are never empty when indexed, and floats are never raised to a
//! power or converted to int without a finiteness check. Exceptions happen only inside the `try`
//! statements made for them. A "hot" loop of more than a thousand iterations (printing only now and
//! then) makes the default JIT threshold trip; [`Options::hot_loops`] turns it off for quick runs.
//! Uses only std so `cargo test` can include the file by path.

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

    /// One of `items`.
    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.below(items.len())]
    }
}

/// A small deterministic generator of fuzz inputs, for tests and seed loops.
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

    /// `n` pseudo-random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

/// What generated programs may contain beyond the always-present parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Loops of more than a thousand iterations, so the default JIT threshold is reached.
    pub hot_loops: bool,
}

impl Options {
    pub const FULL: Options = Options { hot_loops: true };
    pub const QUICK: Options = Options { hot_loops: false };
}

/// Integer variables every program defines.
const INTS: &[&str] = &["a", "b", "c", "d"];
/// Float variables every program defines.
const FLOATS: &[&str] = &["x", "y"];
/// Integer constants: small, near the 64-bit edges and past them.
const INT_CONSTS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "7",
    "-13",
    "255",
    "2**31 - 1",
    "2**62",
    "2**63 - 1",
    "-(2**63)",
    "2**64 + 1",
    "10**20",
    "-3",
];
/// Moduli that bound stored integers; negative ones give non-positive results.
const MODULI: &[&str] = &[
    "1000003",
    "-97",
    "2**63 + 5",
    "-(2**64)",
    "10**18",
    "2**65",
    "251",
];
/// Float constants, including ones that overflow to inf when multiplied.
const FLOAT_CONSTS: &[&str] = &[
    "0.5", "-1.25", "1e300", "3.0", "0.1", "-0.0", "1e-300", "2.5", "1e16",
];
/// Dictionary keys.
const KEYS: &[&str] = &["\"k0\"", "\"k1\"", "\"k2\"", "\"k3\""];
/// Maximum nesting of loops and branches.
const MAX_DEPTH: usize = 3;
/// Maximum expression depth.
const MAX_EXPR: usize = 3;
/// Lines of generated statements, at most (the preamble is extra).
const MAX_BODY_LINES: usize = 34;

/// The program the bytes `data` choose, with every feature.
pub fn program(data: &[u8]) -> String {
    program_with(data, Options::FULL)
}

/// The program the bytes `data` choose, limited by `options`.
pub fn program_with(data: &[u8], options: Options) -> String {
    let mut g = Gen {
        c: Choices::new(data),
        out: String::new(),
        indent: 0,
        loop_vars: Vec::new(),
        depth: 0,
        body_lines: 0,
        hot: false,
        used_hot: !options.hot_loops,
        hot_var: String::new(),
        in_loop: false,
    };
    g.preamble();
    let in_main = g.c.below(2) == 1;
    if in_main {
        g.line("def main():");
        g.indent += 1;
        g.line("global G");
    }
    g.init_vars();
    let n = 4 + g.c.below(10);
    for _ in 0..n {
        if g.body_lines >= MAX_BODY_LINES {
            break;
        }
        g.stmt();
    }
    g.line("print(a, b, c, d, x, y, s)");
    g.line("print(L, D, t, o.v, getattr(o, \"w\", None), G)");
    if in_main {
        g.indent -= 1;
        g.line("main()");
    }
    g.out
}

struct Gen<'a> {
    c: Choices<'a>,
    out: String,
    indent: usize,
    /// Loop variables in scope (ints).
    loop_vars: Vec<String>,
    depth: usize,
    body_lines: usize,
    /// Inside a loop that runs more than a thousand times: prints are thinned out.
    hot: bool,
    /// A hot loop was generated already (one per program keeps run time down).
    used_hot: bool,
    /// The hot loop's variable, which thins out its prints.
    hot_var: String,
    in_loop: bool,
}

impl Gen<'_> {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
        self.body_lines += 1;
    }

    fn preamble(&mut self) {
        let m = self.c.pick(MODULI);
        let fbody = self.int_expr_over(&["p", "q"], 2);
        let k = self.c.below(9) + 2;
        let text = format!(
            "import math
G = 0
class P:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def bump(self, d):
        self.v = (self.v + d) % 1000003
        return self.v
class Q(P):
    def get(self):
        return super().get() * 2 + 1
def f(p, q={k}):
    return ({fbody}) % ({m})
def rec(n):
    return n if n < 2 else (rec(n - 1) + rec(n - 2)) % 10007
def gen(n, k):
    for j in range(n):
        yield j * k - n
def mk(k):
    def inner(v):
        return (v * k + 1) % 99991
    return inner
def bump_g(v):
    global G
    G = (G + v) % 1000
    return G
"
        );
        self.out.push_str(&text);
    }

    fn init_vars(&mut self) {
        let ints: Vec<&str> = (0..4).map(|_| self.c.pick(INT_CONSTS)).collect();
        self.line(&format!(
            "a, b, c, d = {}, {}, {}, {}",
            ints[0], ints[1], ints[2], ints[3]
        ));
        let (f1, f2) = (self.c.pick(FLOAT_CONSTS), self.c.pick(FLOAT_CONSTS));
        self.line(&format!("x, y = {f1}, {f2}"));
        self.line("s = \"ab\"");
        self.line("L = [3, -1, 4]");
        self.line("D = {\"k0\": 1, \"k1\": -2}");
        self.line("t = (1, 2.5, \"z\")");
        let cls = self.c.pick(&["P", "Q"]);
        self.line(&format!("o = {cls}(5)"));
        self.line("h = mk(3)");
    }

    fn int_var(&mut self) -> String {
        let n = INTS.len() + self.loop_vars.len();
        let i = self.c.below(n);
        if i < INTS.len() {
            INTS[i].to_string()
        } else {
            self.loop_vars[i - INTS.len()].clone()
        }
    }

    /// An integer expression over the program's variables.
    fn int_expr(&mut self, depth: usize) -> String {
        let vars: Vec<String> = INTS
            .iter()
            .map(|s| s.to_string())
            .chain(self.loop_vars.iter().cloned())
            .collect();
        let vars: Vec<&str> = vars.iter().map(|s| s.as_str()).collect();
        self.int_expr_in(&vars, depth, true)
    }

    /// An integer expression over `vars` only (for function bodies).
    fn int_expr_over(&mut self, vars: &[&str], depth: usize) -> String {
        self.int_expr_in(vars, depth, false)
    }

    fn int_expr_in(&mut self, vars: &[&str], depth: usize, state: bool) -> String {
        if depth == 0 {
            return self.int_leaf(vars, state);
        }
        let d = depth - 1;
        match self.c.below(if state { 24 } else { 14 }) {
            0..=2 => self.int_leaf(vars, state),
            3 => format!(
                "({} + {})",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            4 => format!(
                "({} - {})",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            5 => format!(
                "({} * {})",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            6 => format!(
                "({} // ({} | 1))",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            7 => format!(
                "({} % ({} | 1))",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            8 => {
                let op = self.c.pick(&["&", "|", "^"]);
                format!(
                    "({} {op} {})",
                    self.int_expr_in(vars, d, state),
                    self.int_expr_in(vars, d, state)
                )
            }
            9 => format!(
                "({} << ({} % 8))",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            10 => format!("(-{})", self.int_expr_in(vars, d, state)),
            11 => format!("abs({})", self.int_expr_in(vars, d, state)),
            12 => {
                let f = self.c.pick(&["min", "max"]);
                format!(
                    "{f}({}, {})",
                    self.int_expr_in(vars, d, state),
                    self.int_expr_in(vars, d, state)
                )
            }
            13 => format!(
                "({} if {} else {})",
                self.int_expr_in(vars, d, state),
                self.cond_over(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            // The rest read program state: calls, containers, attributes.
            14 => format!("f({})", self.int_expr_in(vars, d, state)),
            15 => format!(
                "f({}, {})",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            16 => format!("rec({} % 8)", self.int_expr_in(vars, d, state)),
            17 => format!("h({})", self.int_expr_in(vars, d, state)),
            18 => format!("L[{} % len(L)]", self.int_expr_in(vars, d, state)),
            19 => format!(
                "sum(gen({} % 5, {} % 7))",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            20 => {
                let f = self.float_expr(d);
                format!("(int({f}) if abs({f}) < 1e15 else 7)")
            }
            21 => format!(
                "pow({}, {}, {})",
                self.int_expr_in(vars, d, state),
                self.c.below(6),
                self.c.pick(&["1000003", "97", "2**64 + 13"])
            ),
            22 => format!(
                "divmod({}, ({} | 1))[{}]",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state),
                self.c.below(2)
            ),
            _ => format!("len(str({}))", self.int_expr_in(vars, d, state)),
        }
    }

    fn int_leaf(&mut self, vars: &[&str], state: bool) -> String {
        let k = self.c.below(if state { 16 } else { 4 });
        match k {
            0 | 1 => vars[self.c.below(vars.len())].to_string(),
            // Constants like `2**63 - 1` are bracketed so they bind as one operand.
            2 | 3 => {
                let k = self.c.pick(INT_CONSTS);
                if k.bytes().all(|b| b.is_ascii_digit()) {
                    k.to_string()
                } else {
                    format!("({k})")
                }
            }
            4 => "len(L)".into(),
            5 => "len(s)".into(),
            6 => format!("D.get({}, 0)", self.c.pick(KEYS)),
            7 => "o.v".into(),
            8 => "o.get()".into(),
            9 => format!("getattr(o, \"{}\", -1)", self.c.pick(&["w", "z"])),
            10 => "G".into(),
            11 => "sum(L)".into(),
            12 => "t[0]".into(),
            13 => "len(D)".into(),
            14 => "s.find(\"b\")".into(),
            _ => vars[self.c.below(vars.len())].to_string(),
        }
    }

    fn float_expr(&mut self, depth: usize) -> String {
        let leaf = depth == 0 || self.c.below(4) == 0;
        if leaf {
            return match self.c.below(4) {
                0 | 1 => self.c.pick(FLOATS).to_string(),
                2 => self.c.pick(FLOAT_CONSTS).to_string(),
                _ => "t[1]".into(),
            };
        }
        let d = depth - 1;
        match self.c.below(10) {
            0 => format!("({} + {})", self.float_expr(d), self.float_expr(d)),
            1 => format!("({} - {})", self.float_expr(d), self.float_expr(d)),
            2 => format!("({} * {})", self.float_expr(d), self.float_expr(d)),
            3 => format!(
                "({} / (abs({}) + 1.0))",
                self.float_expr(d),
                self.float_expr(d)
            ),
            4 => format!("float({})", self.int_expr(d.min(1))),
            5 => format!("({} / ({} | 1))", self.int_expr(d.min(1)), self.int_expr(0)),
            6 => format!("({} * 0.5)", self.int_expr(d.min(1))),
            7 => format!("math.sqrt(abs({}))", self.float_expr(d)),
            8 => format!("round({}, {})", self.float_expr(d), self.c.below(4)),
            _ => format!(
                "({} {} {})",
                self.float_expr(d),
                self.c.pick(&["%", "//"]),
                self.c.pick(&["2.5", "-1.5", "0.75"])
            ),
        }
    }

    fn cond(&mut self, depth: usize) -> String {
        let vars: Vec<String> = INTS
            .iter()
            .map(|s| s.to_string())
            .chain(self.loop_vars.iter().cloned())
            .collect();
        let vars: Vec<&str> = vars.iter().map(|s| s.as_str()).collect();
        self.cond_over(&vars, depth, true)
    }

    fn cond_over(&mut self, vars: &[&str], depth: usize, state: bool) -> String {
        let d = depth.saturating_sub(1);
        let op = self.c.pick(&["<", "<=", ">", ">=", "==", "!="]);
        let k = self.c.below(if state { 14 } else { 3 });
        match k {
            0 => format!(
                "{} {op} {}",
                self.int_expr_in(vars, d, state),
                self.int_expr_in(vars, d, state)
            ),
            1 => {
                let op2 = self.c.pick(&["<", "<=", "!="]);
                format!(
                    "{} {op} {} {op2} {}",
                    self.int_expr_in(vars, d, state),
                    self.int_expr_in(vars, d, state),
                    self.int_expr_in(vars, d, state)
                )
            }
            2 => format!(
                "{} % {} == {}",
                vars[self.c.below(vars.len())],
                self.c.below(4) + 2,
                self.c.below(2)
            ),
            3 => format!("{} {op} {}", self.float_expr(d), self.float_expr(d)),
            4 => format!("{} {op} {}", self.int_expr(d), self.float_expr(d)),
            5 => format!("{} in L", self.int_expr(d)),
            6 => format!("{} in D", self.c.pick(KEYS)),
            7 => format!("\"{}\" in s", self.c.pick(&["a", "b", "A", "ba"])),
            8 if depth > 0 => format!("not ({})", self.cond(d)),
            9 if depth > 0 => format!("({} and {})", self.cond(d), self.cond(d)),
            10 if depth > 0 => format!("({} or {})", self.cond(d), self.cond(d)),
            11 => format!("isinstance(o, {})", self.c.pick(&["P", "Q"])),
            12 => format!("hasattr(o, \"{}\")", self.c.pick(&["w", "z"])),
            _ => format!("s {op} \"{}\"", self.c.pick(&["ab", "b", "AB", "a1"])),
        }
    }

    /// Something printable of any type.
    fn show(&mut self) -> String {
        match self.c.below(14) {
            0..=3 => self.int_expr(2),
            4 | 5 => self.float_expr(2),
            6 => self.cond(1),
            7 => "s".into(),
            8 => "L".into(),
            9 => "D".into(),
            10 => "t".into(),
            11 => format!("s[{} % len(s)]", self.int_expr(1)),
            12 => "L[1:3]".into(),
            _ => "sorted(D.items())".into(),
        }
    }

    fn print_stmt(&mut self) {
        let text = match self.c.below(6) {
            0 => format!(
                "print(f'{{{}}}|{{{}:{}}}|{{s!r}}')",
                self.int_expr(1),
                self.float_expr(1),
                self.c.pick(&[".3f", ".2e", "g", ""])
            ),
            1 => format!(
                "print(\"%d %s %r\" % ({}, s, {}))",
                self.int_expr(1),
                self.float_expr(1)
            ),
            2 => format!(
                "print(\"{{}}:{{:{}}}\".format({}, {}))",
                self.c.pick(&["x", ",", ">8", "b"]),
                self.show(),
                self.int_expr(1)
            ),
            3 => {
                let (p, q) = (self.show(), self.show());
                format!("print({p}, {q}, sep=\"/\")")
            }
            _ => {
                let n = 1 + self.c.below(3);
                let items: Vec<String> = (0..n).map(|_| self.show()).collect();
                format!("print({})", items.join(", "))
            }
        };
        if self.hot {
            // Print only now and then in a hot loop so the output stays small.
            let v = self.hot_var.clone();
            self.line(&format!("if {v} % 250 == 3:"));
            self.indent += 1;
            self.line(&text);
            self.indent -= 1;
        } else {
            self.line(&text);
        }
    }

    fn stmt(&mut self) {
        let compound = self.depth < MAX_DEPTH && self.body_lines + 4 < MAX_BODY_LINES;
        let k = self.c.below(if compound { 30 } else { 22 });
        match k {
            0..=2 => {
                let v = self.c.pick(INTS);
                let e = self.int_expr(MAX_EXPR);
                let m = self.c.pick(MODULI);
                self.line(&format!("{v} = ({e}) % ({m})"));
            }
            3 => {
                let v = self.c.pick(INTS);
                let op = self.c.pick(&["+=", "-="]);
                let e = self.int_expr(2);
                let m = self.c.pick(MODULI);
                self.line(&format!("{v} {op} ({e}) % ({m})"));
            }
            4 | 5 => {
                let v = self.c.pick(FLOATS);
                let e = self.float_expr(MAX_EXPR);
                let op = self.c.pick(&["=", "=", "+=", "*="]);
                self.line(&format!("{v} {op} {e}"));
            }
            6 | 7 => self.print_stmt(),
            8 => {
                let e = self.int_expr(2);
                self.line(&format!("L.append(({e}) % 1000)"));
                self.line("if len(L) > 6:");
                self.indent += 1;
                let which = self.c.pick(&["0", "", "-2"]);
                self.line(&format!("L.pop({which})"));
                self.indent -= 1;
            }
            9 => {
                let text = match self.c.below(6) {
                    0 => {
                        let (i, e) = (self.int_expr(1), self.int_expr(2));
                        format!("L[{i} % len(L)] = ({e}) % 10007")
                    }
                    1 => "L.sort()".into(),
                    2 => "L.reverse()".into(),
                    3 => format!("L = L[1:] + [{}]", self.int_var()),
                    4 => "L = [v * 3 % 101 - 50 for v in L if v % 3 != 0] or [5]".into(),
                    _ => format!("L.insert({}, len(s))", self.c.below(4)),
                };
                self.line(&text);
            }
            10 => {
                let key = self.c.pick(KEYS);
                let text = match self.c.below(4) {
                    0 => format!("D[{key}] = ({}) % 1000", self.int_expr(2)),
                    1 => format!("D[{key}] = D.get({key}, 0) + 1"),
                    2 => format!("D[\"k\" + str({} % 4)] = len(D)", self.int_var()),
                    _ => format!("D.pop({key}, None)"),
                };
                self.line(&text);
            }
            11 => {
                let text = match self.c.below(6) {
                    0 => format!("s = (s + str({} % 10))[-6:]", self.int_var()),
                    1 => "s = s.replace(\"a\", \"B\")".into(),
                    2 => format!("s = s.{}()", self.c.pick(&["upper", "lower", "swapcase"])),
                    3 => "s = s[1:] + s[0]".into(),
                    4 => "s = \"-\".join(sorted(s))[:7]".into(),
                    _ => format!(
                        "s = (s + {}[{} % 3])[-5:]",
                        self.c.pick(&["\"xyz\"", "\"aAb\""]),
                        self.int_var()
                    ),
                };
                self.line(&text);
            }
            12 => {
                let text = match self.c.below(4) {
                    0 => format!("t = ({}, {}, s)", self.int_var(), self.float_expr(1)),
                    1 => {
                        let (p, q) = (self.c.pick(INTS), self.c.pick(INTS));
                        format!("{p}, {q} = {q}, {p}")
                    }
                    2 => "x, y = y, x".into(),
                    _ => format!("t = t[:2] + ({},)", self.c.pick(&["s", "\"q\""])),
                };
                self.line(&text);
            }
            13 | 14 => {
                let text = match self.c.below(7) {
                    0 => format!("o.bump({})", self.int_expr(1)),
                    1 => {
                        let cls = self.c.pick(&["P", "Q"]);
                        format!("o = {cls}(({}) % 1000)", self.int_expr(1))
                    }
                    2 => format!("o.v = ({}) % 1000", self.int_expr(1)),
                    3 | 4 => {
                        let attr = self.c.pick(&["w", "z"]);
                        format!("o.{attr} = {}", self.int_var())
                    }
                    5 => "del o.w".into(),
                    _ => format!("h = mk({} % 10)", self.int_var()),
                };
                if text == "del o.w" {
                    self.line("if hasattr(o, \"w\"):");
                    self.indent += 1;
                    self.line(&text);
                    self.indent -= 1;
                } else {
                    self.line(&text);
                }
            }
            15 => {
                let text = match self.c.below(2) {
                    0 => format!("G = (G + {}) % 1000", self.int_expr(1)),
                    _ => format!("{} = bump_g({})", self.c.pick(INTS), self.int_expr(1)),
                };
                self.line(&text);
            }
            16..=18 => self.try_stmt(),
            19 if self.in_loop => {
                let cond = self.cond(1);
                let kw = self.c.pick(&["break", "continue"]);
                self.line(&format!("if {cond}:"));
                self.indent += 1;
                self.line(kw);
                self.indent -= 1;
            }
            19..=21 => {
                let v = self.c.pick(INTS);
                let text = match self.c.below(3) {
                    0 => format!(
                        "{v} = sum(v * v for v in L if v > {}) % 997",
                        self.int_var()
                    ),
                    1 => format!(
                        "{v} = len([j for j in gen({} % 6, 3) if j % 2])",
                        self.int_var()
                    ),
                    _ => format!("{v} = max(L) - min(L) + L.count({})", self.int_var()),
                };
                self.line(&text);
            }
            22..=25 => self.loop_stmt(),
            _ => self.if_stmt(),
        }
    }

    fn block(&mut self, min: usize, max: usize) {
        self.depth += 1;
        self.indent += 1;
        let n = min + self.c.below(max - min + 1);
        for i in 0..n {
            if i >= min && self.body_lines >= MAX_BODY_LINES {
                break;
            }
            self.stmt();
        }
        self.indent -= 1;
        self.depth -= 1;
    }

    fn try_stmt(&mut self) {
        let v = self.c.pick(INTS);
        let (body, exc) = match self.c.below(5) {
            0 => (
                format!(
                    "{v} = ({} // ({} % 3)) % 1000003",
                    self.int_expr(1),
                    self.int_var()
                ),
                "ZeroDivisionError",
            ),
            1 => (format!("{v} = L[{} % 9 - 4]", self.int_var()), "IndexError"),
            2 => (
                format!("{v} = D[\"k\" + str({} % 6)]", self.int_var()),
                "KeyError",
            ),
            3 => (
                format!("{v} = ({} % ({} % 2)) + 1", self.int_var(), self.int_var()),
                "ZeroDivisionError",
            ),
            _ => (
                format!("{v} = L[{} % 7] + D[{}]", self.int_var(), self.c.pick(KEYS)),
                "(IndexError, KeyError)",
            ),
        };
        self.line("try:");
        self.indent += 1;
        self.line(&body);
        self.indent -= 1;
        let named = self.c.below(2) == 0;
        if named {
            self.line(&format!("except {exc} as e:"));
        } else {
            self.line(&format!("except {exc}:"));
        }
        self.indent += 1;
        if named && !self.hot {
            self.line("print(\"caught\", type(e).__name__, e)");
        }
        let fallback = self.c.pick(INT_CONSTS);
        self.line(&format!("{v} = {fallback}"));
        self.indent -= 1;
        match self.c.below(4) {
            0 => {
                self.line("else:");
                self.indent += 1;
                self.line(&format!("{v} += 1"));
                self.indent -= 1;
            }
            1 => {
                self.line("finally:");
                self.indent += 1;
                self.line("G = (G + 1) % 1000");
                self.indent -= 1;
            }
            _ => {}
        }
    }

    fn loop_stmt(&mut self) {
        let lv = format!("i{}", self.loop_vars.len());
        let was_hot = self.hot;
        let was_in_loop = self.in_loop;
        let kind = self.c.below(6);
        let make_hot = !self.used_hot && self.depth == 0 && kind == 0;
        let trips = if self.hot {
            1 + self.c.below(3)
        } else {
            1 + self.c.below(9)
        };
        match kind {
            _ if make_hot => {
                self.used_hot = true;
                self.hot = true;
                self.hot_var = lv.clone();
                let n = 1001 + self.c.below(200) * 5;
                self.line(&format!("for {lv} in range({n}):"));
            }
            0..=2 => {
                let start = self.c.pick(&["", "-3, ", "2, "]);
                self.line(&format!("for {lv} in range({start}{trips}):"));
            }
            3 => {
                // The counter moves first so `continue` cannot skip it.
                self.line(&format!("{lv} = 0"));
                self.line(&format!("while {lv} < {trips}:"));
                self.indent += 1;
                self.line(&format!("{lv} += 1"));
                self.indent -= 1;
            }
            4 => {
                let k = self.c.below(5);
                self.line(&format!("for {lv} in gen({trips}, {k}):"));
            }
            _ => {
                let lw = format!("{lv}v");
                self.line(&format!("for {lv}, {lw} in enumerate(L[:{trips}]):"));
            }
        }
        self.loop_vars.push(lv.clone());
        if kind == 5 && !make_hot {
            self.loop_vars.push(format!("{lv}v"));
        }
        self.in_loop = true;
        self.block(1, 4);
        if !self.hot {
            // Every cool loop shows its state each time round.
            self.indent += 1;
            let show = self.show();
            self.line(&format!("print(\"{lv}\", {lv}, {show})"));
            self.indent -= 1;
        }
        if kind == 5 && !make_hot {
            self.loop_vars.pop();
        }
        self.loop_vars.pop();
        self.hot = was_hot;
        self.in_loop = was_in_loop;
    }

    fn if_stmt(&mut self) {
        let c = self.cond(2);
        self.line(&format!("if {c}:"));
        self.block(1, 3);
        if self.c.below(2) == 0 {
            let c2 = self.cond(1);
            self.line(&format!("elif {c2}:"));
            self.block(1, 2);
        }
        if self.c.below(2) == 0 {
            self.line("else:");
            self.block(1, 2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_input_gives_a_program_that_ends_with_the_state_print() {
        let mut rng = XorShift(7);
        for _ in 0..50 {
            let p = program(&rng.bytes(400));
            assert!(p.contains("print(L, D, t"));
        }
        assert!(program(&[]).contains("print(a, b, c, d"));
    }

    #[test]
    fn the_same_input_gives_the_same_program() {
        let data = XorShift(11).bytes(300);
        assert_eq!(program(&data), program(&data));
    }
}
