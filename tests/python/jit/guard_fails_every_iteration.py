# Values alternate type every iteration, so any type guard fails constantly.
vals = [1, 2.5, "s", None, [1], 3]
out = []
acc = 0
for i in range(6000):
    v = vals[i % len(vals)]
    if isinstance(v, int):
        acc += v
    elif isinstance(v, float):
        acc += int(v * 2)
    elif isinstance(v, str):
        acc += len(v)
    else:
        acc -= 1
print(acc)
x = 0
for i in range(5000):
    x = x + 1 if i % 2 else x + 1.0
print(x, type(x).__name__)
