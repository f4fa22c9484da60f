# iter() and next() by hand, StopIteration at the end, next with a default, iter(callable, sentinel).
it = iter([10, 20])
print(next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
counter = [0]
def tick():
    counter[0] += 1
    return counter[0]
print(list(iter(tick, 5)))
d = iter({"a": 1, "b": 2})
print(next(d), list(d))
