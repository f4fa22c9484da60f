# An exception raised and caught inside a hot loop, every few iterations.
def risky(i):
    if i % 7 == 0:
        raise ValueError(i)
    return i
ok = errors = 0
for i in range(7000):
    try:
        ok += risky(i)
    except ValueError as e:
        errors += 1
print(ok, errors)
d = {}
misses = 0
for i in range(5000):
    try:
        d[i % 50] += 1
    except KeyError:
        d[i % 50] = 1
        misses += 1
print(misses, d[0], d[49])
