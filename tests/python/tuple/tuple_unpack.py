# Tuple packing and unpacking, returning several values, nested unpacking errors.
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 9, 1])
print(lo, hi, minmax("hello"))
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
(a, b), c = "xy", "z"
print(a, b, c)
