# Comprehensions inside functions see the function's locals and arguments.
def scale_all(values, factor):
    offset = 1
    return [v * factor + offset for v in values]
def pairs_below(n):
    return [(a, b) for a in range(n) for b in range(a, n) if a * b < n]
def matrix(n):
    return [[(i, j) for j in range(i)] for i in range(n)]
print(scale_all([1, 2, 3], 10), pairs_below(5), matrix(3))
