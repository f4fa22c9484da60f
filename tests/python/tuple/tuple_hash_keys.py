# Tuples as dict keys and set members; tuples containing lists are unhashable.
grid = {}
for x in range(3):
    for y in range(3):
        grid[(x, y)] = x * 3 + y
print(grid[(1, 2)], grid[2, 0], (1, 1) in grid, len(grid))
seen = {(1, 2), (2, 1), (1, 2)}
print(sorted(seen), len(seen))
print(hash((1, 2)) == hash((1, 2)), (1, 2) == (1.0, 2.0))
try:
    {([1], 2): "x"}
except TypeError as e:
    print("TypeError:", e)
