# Nested comprehensions: flattening, matrix transpose, and multiple for/if clauses.
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([x for row in matrix for x in row])
print([[row[i] for row in matrix] for i in range(3)])
print([(x, y) for x in range(4) for y in range(x) if (x + y) % 2])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
print([c for w in ["ab", "cd"] for c in w if c != "c"])
