# Iteration follows insertion order, survives deletes and re-inserts; mutation during iteration fails.
d = {}
for k in ["one", "two", "three", "four"]:
    d[k] = len(k)
del d["two"]
d["two"] = 2
d["one"] = 11
print(list(d.items()))
try:
    for k in d:
        d[k + "!"] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
print(sorted(d.items(), key=lambda kv: kv[1]))
