# Creation forms, lookup, assignment, insertion order, len, in, and KeyError.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d), d["a"], "c" in d, "z" in d, list(d))
print(dict(x=1, y=2), dict([("k", "v"), ("k2", "v2")]), dict({"a": 1}, b=2), dict(zip("abc", range(3))))
print({}, dict(), {1: "int", 1.5: "float", "s": "str", (1,): "tuple", None: "none", True: "bool"})
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
del d["a"]
d["a"] = 100
print(d)
