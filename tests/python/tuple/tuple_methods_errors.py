# count/index on tuples, concatenation with a list is an error, and tuple of a dict.
t = (1, 2, 1, 3, 1)
print(t.count(1), t.index(3), t.index(1, 1), t[1:4].count(1))
try:
    (1, 2) + [3]
except TypeError as e:
    print("TypeError:", e)
print(tuple({"a": 1, "b": 2}), tuple({"a": 1}.items()), (1, 2) * 0, len(()))
