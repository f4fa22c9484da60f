# Generates random.txt: "<seed> <case>\t<space-separated results>" from CPython 3.11's random.
import random
lines = []
for seed in [0, 1, 42, -42, 12345, 2**32, 2**64 + 7, 10**40]:
    def run(case, f):
        r = random.Random(seed)
        lines.append('%d %s\t%s' % (seed, case, ' '.join(str(x) for x in f(r))))
    run('random', lambda r: [repr(r.random()) for _ in range(5)])
    run('randint', lambda r: [r.randint(1, 100) for _ in range(10)])
    run('randrange', lambda r: [r.randrange(-50, 1000, 7) for _ in range(10)])
    run('getrandbits', lambda r: [r.getrandbits(k) for k in [1, 7, 32, 33, 64, 65, 200]])
    def sh(r):
        v = list(range(20)); r.shuffle(v); return v
    run('shuffle', sh)
    run('choice', lambda r: [r.choice(range(7)) for _ in range(10)])
    run('sample', lambda r: r.sample(range(100), 10))
    run('samplesmall', lambda r: r.sample(range(10), 4))
    run('uniform', lambda r: [repr(r.uniform(-2.0, 5.0)) for _ in range(3)])
    run('gauss', lambda r: [repr(r.gauss(1.0, 2.0)) for _ in range(5)])
    run('normalvariate', lambda r: [repr(r.normalvariate(0.0, 1.0)) for _ in range(3)])
    run('expovariate', lambda r: [repr(r.expovariate(1.5)) for _ in range(3)])
    run('triangular', lambda r: [repr(r.triangular(0.0, 10.0, 3.0)) for _ in range(3)])
    run('choices', lambda r: r.choices(range(7), k=5))
    run('bigrange', lambda r: [r.randrange(0, 10**30) for _ in range(3)])
open('random.txt', 'w').write('\n'.join(lines) + '\n')
