# Conway's game of life on a small torus: sets of tuples, nested comprehensions, string joins,
# while loops with break/else, and tuple unpacking.
def neighbours(cell, w, h):
    x, y = cell
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            if dx or dy:
                yield ((x + dx) % w, (y + dy) % h)


def step(live, w, h):
    counts = {}
    for c in live:
        for n in neighbours(c, w, h):
            counts[n] = counts.get(n, 0) + 1
    return {c for c, n in counts.items() if n == 3 or (n == 2 and c in live)}


def show(live, w, h):
    return "\n".join("".join("#" if (x, y) in live else "." for x in range(w)) for y in range(h))


W, H = 8, 6
glider = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)}
live = set(glider)
seen = {}
gen = 0
while gen < 40:
    key = frozenset(live)
    if key in seen:
        print(f"cycle: generation {gen} repeats {seen[key]}")
        break
    seen[key] = gen
    live = step(live, W, H)
    gen += 1
else:
    print("no cycle")
print(show(live, W, H))
print(len(live), sorted(live)[:3], min(live), max(live, key=lambda c: (c[1], c[0])))
blinker = {(1, 0), (1, 1), (1, 2)}
b2 = step(blinker, 5, 5)
print(sorted(b2), step(b2, 5, 5) == blinker)
grid = [[(x * y) % 3 for x in range(4)] for y in range(3)]
print(grid, [row.count(0) for row in grid], sum(map(sum, grid)))
flat = [v for row in grid for v in row if v]
print(flat, sorted(set(flat)), {v: flat.count(v) for v in set(flat)})
a, *rest = flat
*init, z = flat
print(a, rest, init, z)
(p, q), r = (1, 2), 3
print(p, q, r)
for i, (x, y) in enumerate(sorted(glider)):
    print(i, x, y, end="; ")
print()
