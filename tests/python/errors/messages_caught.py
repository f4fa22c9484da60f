# The exact messages of common runtime errors, caught and printed.
five = 5
key_s = "x"
key_0 = "0"
def attempt(label, f):
    try:
        f()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")
attempt("name", lambda: undefined_variable)
attempt("add", lambda: 1 + "a")
attempt("radd", lambda: "a" + 1)
attempt("sub", lambda: [] - [])
attempt("mul", lambda: [1] * [2])
attempt("attr", lambda: (5).foo)
attempt("attr str", lambda: "s".nope)
attempt("attr none", lambda: None.x)
attempt("index", lambda: [1, 2][5])
attempt("index tuple", lambda: (1,)[3])
attempt("index str", lambda: "ab"[9])
attempt("key", lambda: {"a": 1}["b"])
attempt("zero", lambda: 5 // 0)
attempt("zero float", lambda: 5.0 / 0)
attempt("value int", lambda: int("x1"))
attempt("unpack", lambda: [a for a, b in [(1, 2, 3)]])
attempt("call", lambda: five())
attempt("subscript", lambda: five[0])
attempt("unhashable", lambda: {[]: 1})
attempt("compare", lambda: 1 < "a")
attempt("neg", lambda: -"a")
attempt("float overflow", lambda: float(10 ** 400))
def assign_tuple():
    t = (1, 2)
    t[0] = 5
attempt("item assign", assign_tuple)
attempt("iter", lambda: iter(5))
attempt("len", lambda: len(3.5))
attempt("str index type", lambda: "abc"[key_s])
attempt("list index type", lambda: [1][key_0])
