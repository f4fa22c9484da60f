# +, *, in, comparison, equality, nested lists and aliasing.
a = [1, 2]
b = a + [3]
c = a * 3
print(a, b, c, 2 in a, 5 not in a, [] == [], [1, 2] < [1, 2, 0], [2] > [1, 9])
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 3] * 3
shared[1][1] = 5
print(shared)
x = [1, [2, 3]]
y = x[:]
y[1].append(4)
y[0] = 99
print(x, y)
print([1, 2, 3] == [1, 2, 3], [1, 2] != [2, 1], [[1]] == [[1]])
print(list(map(lambda v: v * 2, [1, 2, 3])), [*a, *b], [*"ab", 0])
