# Sorting floats and ints together, min/max with keys, and equality with -0.0.
vals = [3.5, -1, 2, 0.0, -0.0, 1e-300, -1e300, 7, 2.0]
print(sorted(vals))
print(sorted(vals, reverse=True))
print(max(vals), min(vals), max(vals, key=abs), min(vals, key=lambda v: (v > 0, v)))
print(0.0 == -0.0, repr(-0.0), str(0.0 * -1))
