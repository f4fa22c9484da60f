# enumerate with start, zip of unequal lengths, zip strict, and unzip with zip(*).
names = ["ann", "bob", "cat"]
ages = [31, 25, 40, 99]
for i, name in enumerate(names, start=1):
    print(i, name)
for name, age in zip(names, ages):
    print(name, age)
print(list(zip())), print(list(zip("ab", [1, 2], (True, False))))
pairs = list(zip(names, ages))
ns, as_ = zip(*pairs)
print(ns, as_)
try:
    list(zip(names, ages, strict=True))
except ValueError as e:
    print("ValueError:", e)
print(dict(enumerate("xyz")), list(enumerate([], 5)))
