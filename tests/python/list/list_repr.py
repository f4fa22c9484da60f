# repr of nested and self-referencing lists.
a = [1, "two", 3.0, None, True, [4, [5]], (6,), {"k": 7}]
print(a)
print(repr(a), str(a) == repr(a))
b = [1, 2]
b.append(b)
print(b)
print([[]], [[], []], [()], [""], ["'"])
