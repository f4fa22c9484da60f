# get, setdefault, pop, popitem, update, copy, clear, fromkeys.
d = {"x": 1}
print(d.get("x"), d.get("y"), d.get("y", 0))
print(d.setdefault("y", []), d.setdefault("x", 99), d)
d["y"].append(5)
print(d.pop("x"), d.pop("zz", "default"), d)
d.update({"a": 1, "b": 2}, c=3)
d.update([("d", 4)])
print(d, d.popitem(), d)
c = d.copy()
c["new"] = 1
print(d, c)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
c.clear()
print(c)
try:
    {}.pop("k")
except KeyError as e:
    print("KeyError:", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
