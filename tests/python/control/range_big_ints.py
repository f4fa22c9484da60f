# range() with bounds and lengths beyond 64 bits.
big = 10 ** 20
r = range(big, big + 10, 3)
print(r, len(r), list(r), r[1], r[-1], r[1:3], r[::-1], list(reversed(r)), big + 3 in r, big + 4 in r)
print(r.index(big + 6), r.count(big), r.start, r.stop, r.step, bool(range(big, big)), type(r).__name__)
print(range(-2**63, 2**63 - 1)[5], range(0, big) == range(big), hash(range(big, big + 1)) == hash(range(big, big + 1, 7)))
try:
    len(range(big))
except OverflowError as e:
    print("OverflowError:", e)
try:
    range(big)[big]
except IndexError as e:
    print("IndexError:", e)
for i in range(2**64, 2**64 + 3):
    print(i, end=" ")
print(type(iter(range(big))).__name__, sum(range(big, big + 5)))
print(range(big)[10**19:10**19 + 4:2], range(-big, big, 10**19), list(range(-big, big, 10**19))[:3])
