import random
for seed in [0, 1, 42, -7, 2**40 + 3, 3.5, True]:
    random.seed(seed)
    print([random.random() for _ in range(3)], [random.randint(1, 100) for _ in range(5)], random.randrange(10, 1000, 7))
    print(random.choice('abcdefg'), random.sample(range(100), 5), random.sample(range(10), 10), random.uniform(1, 2))
    xs = list(range(10)); random.shuffle(xs); print(xs)
    print(random.choices('abc', k=5), random.choices('abc', weights=[1, 5, 2], k=4), random.choices(range(4), cum_weights=[1, 2, 3, 10], k=3))
    print(random.gauss(0, 1), random.gauss(5, 2), random.normalvariate(1, 3), random.expovariate(2), random.triangular(0, 10, 7))
    print(random.getrandbits(1), random.getrandbits(70), random.randbytes(5), random.randrange(5), random.randrange(-5, 5))
    print(random.gammavariate(2.5, 1), random.gammavariate(0.5, 2), random.betavariate(2, 3), random.lognormvariate(0, 1))
    print(random.vonmisesvariate(1, 4), random.paretovariate(3), random.weibullvariate(1, 2), random.sample('abcdefghijklmnop', k=8, counts=None))
    print(random.sample(['x', 'y'], k=5, counts=[2, 3]))
st = random.getstate(); a = random.random(); random.setstate(st); print(a == random.random())
r = random.Random(123); print(r.random(), r.randint(0, 9), random.Random(123).random())
for bad in [lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(0, 5, 0), lambda: random.choice([]),
            lambda: random.sample(range(3), 4), lambda: random.randrange(1.5), lambda: random.choices('ab', [1, 2, 3]),
            lambda: random.sample({1: 2}, 1), lambda: random.getrandbits(-1)]:
    try:
        bad()
    except (ValueError, IndexError, TypeError) as e:
        print(type(e).__name__, e)
class MyRandom(random.Random):
    def random(self):
        return 0.5
print(MyRandom(1).uniform(0, 10), MyRandom(1).choices('abcd', k=3))
