# Conway's game of life on a small torus, printing generations.
W, H = 12, 8
cells = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2), (8, 4), (9, 4), (10, 4)}
def step(cells):
    counts = {}
    for (x, y) in cells:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    key = ((x + dx) % W, (y + dy) % H)
                    counts[key] = counts.get(key, 0) + 1
    return {c for c, n in counts.items() if n == 3 or (n == 2 and c in cells)}
def show(cells):
    return "\n".join("".join("#" if (x, y) in cells else "." for x in range(W)) for y in range(H))
for gen in range(4):
    print(f"generation {gen}:")
    print(show(cells))
    cells = step(cells)
for _ in range(40):
    cells = step(cells)
print(len(cells), sorted(cells)[:4])
