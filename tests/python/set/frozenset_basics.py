# frozenset is hashable and immutable; operations keep the left operand's type.
f = frozenset([3, 1, 2])
print(f, frozenset(), f | {4}, type(f | {4}).__name__, type({4} | f).__name__)
d = {f: "frozen"}
print(d[frozenset({1, 2, 3})], f == {1, 2, 3}, hash(f) == hash(frozenset([1, 2, 3])))
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print({frozenset({1}), frozenset({1})}, sorted(f))
