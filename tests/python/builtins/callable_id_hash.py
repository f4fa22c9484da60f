# callable, id stability, and hash on ints/strings/tuples equality (not values).
x = [1]
y = x
print(id(x) == id(y), id(x) == id([1]), callable(len), callable(lambda: 0), callable("s"), callable(int))
print(hash(1) == hash(1.0), hash(7), hash(-1) == hash(-2), hash((1, 2)) == hash((1, 2)), hash("a") == hash("a"))
print(hash(True), hash(0.5) == hash(0.5), hash(None) == hash(None))
try:
    hash([])
except TypeError as e:
    print("TypeError:", e)
