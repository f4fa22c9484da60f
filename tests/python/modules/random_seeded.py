# random with a fixed seed reproduces CPython's Mersenne Twister sequences exactly.
import random
random.seed(12345)
print([random.random() for _ in range(3)])
print([random.randint(1, 100) for _ in range(10)])
print([random.randrange(0, 50, 5) for _ in range(5)], random.getrandbits(64))
items = list(range(10))
random.shuffle(items)
print(items, random.choice("abcdef"), random.uniform(1, 2))
random.seed(42)
print(random.sample(range(100), 5), random.choices("xyz", k=6))
r = random.Random(7)
print(r.random(), r.randint(0, 10 ** 12))
