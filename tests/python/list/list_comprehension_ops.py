# Typical list processing: filter, map, sum, min, max, reversed, enumerate, zip.
data = [4, 8, 15, 16, 23, 42]
print(sum(data), min(data), max(data), sum(data) / len(data))
print([x for x in data if x % 2], [x * x for x in data])
print(list(reversed(data)), list(enumerate(data, 1))[:3])
print(list(zip(data, data[1:])), [b - a for a, b in zip(data, data[1:])])
evens = list(filter(lambda x: x % 2 == 0, data))
print(evens, any(x > 40 for x in data), all(x > 0 for x in data))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)], [v for row in matrix for v in row])
