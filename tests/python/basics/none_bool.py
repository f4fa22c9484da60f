# None and bool: identity, truthiness of many values, bool arithmetic and repr.
print(None is None, None == None, None is not None)
print(type(None).__name__, type(True).__name__)
values = [0, 1, -1, 0.0, 0.5, "", "a", [], [0], (), (0,), {}, {1: 2}, set(), None, True, False, range(0), range(1)]
for v in values:
    print(repr(v), bool(v))
print(True + True, True * 10, False - 1)
print(True == 1, False == 0, True == 1 == 1)
print(isinstance(True, int), issubclass(bool, int))
print(not None, not 0, not "x")
print(None or "default", 0 or [] or "last", 1 and 2, 0 and 2)
print(str(True), repr(False), int(True), float(False))
print(True & False, True | False, True ^ True, ~True)
print(hash(True) == hash(1), {True: "a", 1: "b"})
