# keys/values/items views are live, iterable, and keys/items support set operations.
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["d"] = 4
print(list(k), list(v), list(it), len(k))
print("a" in k, 4 in v, ("b", 2) in it)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}), sorted(it & {("a", 1)}))
for key, value in d.items():
    print(key, value)
print(list(reversed(d)), list(reversed(d.values())))
