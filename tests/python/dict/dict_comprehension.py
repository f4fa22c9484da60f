# Dict comprehensions, inverting, grouping and counting.
squares = {n: n * n for n in range(6)}
print(squares)
inverse = {v: k for k, v in squares.items()}
print(inverse)
words = ["apple", "avocado", "banana", "blueberry", "cherry", "apricot"]
groups = {}
for w in words:
    groups.setdefault(w[0], []).append(w)
print(groups)
print({w: len(w) for w in words if len(w) > 5})
counts = {}
for ch in "abracadabra":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get))
