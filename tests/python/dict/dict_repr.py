# repr of dicts with string, number and nested values, and self-reference.
d = {"s": "it's", 1: [1, 2], 2.5: None, (1, "a"): {"in": True}}
print(d)
d["self"] = d
print(d)
print(str({}), repr({"": ""}))
