import pprint, random, collections, dataclasses, types
random.seed(11)
words = ['alpha', 'beta', 'gamma', 'delta', 'a fairly long string with spaces in it', '', 'x' * 30,
         'line one\nline two\n', 'tab\tsep']
def rnd(depth):
    r = random.random()
    if depth > 3 or r < 0.35:
        return random.choice([random.randint(-10**6, 10**6), random.random(), random.choice(words), None,
                              True, b'bytes' * random.randint(0, 6), 10**20])
    if r < 0.5:
        return [rnd(depth + 1) for _ in range(random.randint(0, 6))]
    if r < 0.6:
        return tuple(rnd(depth + 1) for _ in range(random.randint(0, 4)))
    if r < 0.7:
        return set(random.sample(range(100), random.randint(0, 8)))
    if r < 0.75:
        return frozenset(random.choice(words) for _ in range(random.randint(0, 4)))
    return {random.choice(words + ['k%d' % i for i in range(10)]): rnd(depth + 1) for _ in range(random.randint(0, 5))}
for i in range(60):
    o = rnd(0)
    w = random.choice([10, 20, 40, 60, 80])
    kw = {}
    if random.random() < 0.3: kw['indent'] = random.choice([0, 2, 4])
    if random.random() < 0.3: kw['compact'] = True
    if random.random() < 0.3: kw['sort_dicts'] = False
    if random.random() < 0.2: kw['depth'] = random.randint(1, 3)
    print(pprint.pformat(o, width=w, **kw))
@dataclasses.dataclass
class Point:
    x: int
    y: list
    name: str = 'pt'
d = {'first': list(range(30)), 'second': {'nested': tuple(range(12)), 'more': 'text ' * 20},
     'third': [Point(1, list(range(25))), Point(2, [])]}
pprint.pprint(d)
pprint.pprint(d, width=40, sort_dicts=False)
pprint.pp(d, width=50)
cs = collections.Counter('abracadabra pprint counters are sorted by count' * 2)
pprint.pprint(cs, width=30)
dd = collections.defaultdict(list, {'k%d' % i: list(range(i)) for i in range(8)})
pprint.pprint(dd, width=40)
od = collections.OrderedDict(('key%d' % i, i * 1000) for i in range(10))
pprint.pprint(od, width=40)
dq = collections.deque(range(40), maxlen=50)
pprint.pprint(dq, width=40)
pprint.pprint(collections.deque(range(40)), width=40)
ns = types.SimpleNamespace(a=list(range(20)), b='text', c={'x': 1})
pprint.pprint(ns, width=30)
pprint.pprint(bytearray(range(40)), width=30)
pprint.pprint(b'0123456789' * 5, width=20)
pprint.pprint([b'0123456789' * 5], width=20)
pprint.pprint(list(range(100)), compact=True, width=50)
pprint.pprint(10**40, underscore_numbers=True)
r = [1, 2]
r.append(r)
print(pprint.pformat(r).split(' with id=')[0])
print(pprint.isrecursive(r), pprint.isreadable([1, 'a']), pprint.isreadable([object]), pprint.saferepr({'b': 1, 'a': [2]}))
pprint.pprint({'a': 1, 2: 'b', (1, 2): None}, width=5)
class MyList(list):
    pass
class Loud(list):
    def __repr__(self):
        return 'Loud!' * 30
pprint.pprint(MyList(range(30)), width=30)
pprint.pprint(Loud(range(3)), width=30)
pprint.pprint({'long string key ' * 3: 'long string value ' * 5}, width=50)
for bad in [dict(indent=-1), dict(depth=0), dict(width=0)]:
    try:
        pprint.PrettyPrinter(**bad)
    except ValueError as e:
        print('ValueError', e)
