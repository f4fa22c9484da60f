# int / int true division is correctly rounded for ints of any size (round-half-even), as CPython's.
import random
random.seed(11)
acc = []
for i in range(20000):
    a = random.getrandbits(random.randint(1, 300)) * random.choice([1, -1])
    b = random.getrandbits(random.randint(1, 300)) + 1
    acc.append(repr(a / b))
print(len(acc), hash(tuple(acc)) == hash(tuple(acc)), "|".join(acc[::997]))
print((1 << 1100) // 3 / (1 << 60) if False else 1, 7 / (1 << 80), -(10 ** 40) / 7, 2 ** 64 / 3, 0 / -(2 ** 70))
try:
    print((10 ** 400) / 3)
except OverflowError as e:
    print("OverflowError:", e)
print(sum(a / b for a, b in [(10 ** 20 + 1, 3), (1, 10 ** 25), (2 ** 60 + 1, 2 ** 3)]))
