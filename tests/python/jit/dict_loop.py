# dict reads and writes in hot loops, with keys of mixed types.
d = {}
for i in range(6000):
    d[i % 97] = d.get(i % 97, 0) + i
print(len(d), d[0], d[96], sum(d.values()))
words = ["alpha", "beta", "gamma", "delta", "eps"] * 1000
counts = {}
for w in words:
    if w in counts:
        counts[w] += 1
    else:
        counts[w] = 1
print(counts)
mixed = {}
for i in range(3000):
    key = i if i % 3 else str(i)
    mixed[key] = i
print(len(mixed), mixed["0"], mixed[1])
