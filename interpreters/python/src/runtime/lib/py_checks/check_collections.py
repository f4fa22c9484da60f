import collections
from collections import namedtuple, deque, defaultdict, Counter, OrderedDict, ChainMap

P = namedtuple('P', 'x y')
p = P(1, 2)
print(p, p.x, p[1], p._fields, p._asdict(), P._make([3, 4]), p._replace(x=5), len(p), p == (1, 2))
x, y = p
print(x, y, P(y=2, x=1), hash(p) == hash((1, 2)), isinstance(p, tuple))
Q = namedtuple('Q', ['a', 'b', 'c'], defaults=[0, 1])
print(Q(5), Q(5, c=9), Q._field_defaults)
R = namedtuple('R', 'a, class, _b', rename=True)
print(R._fields)
for bad in [lambda: P(1), lambda: P(1, 2, 3), lambda: P(1, z=2), lambda: P(1, x=2), lambda: P._make([1]),
            lambda: p._replace(z=1), lambda: namedtuple('T', 'a a'), lambda: namedtuple('T', 'a _b'),
            lambda: namedtuple('T', 'a def'), lambda: namedtuple('1T', 'a')]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], d.pop(), d.popleft(), d)
d.extendleft([9, 8]); print(d)
d.rotate(2); print(d)
d.rotate(-1); print(d)
print(list(reversed(d)), 3 in d, d.count(9), d.index(1))
d.remove(9); print(d)
m = deque(range(10), maxlen=3); print(m, m.maxlen)
m.appendleft(-1); print(m)
m.extend([7, 8]); print(m)
q = deque()
for i in range(1000):
    q.append(i)
    if i % 3 == 0:
        q.popleft()
print(len(q), q[0], q[-1], sum(q))
for i in range(200):
    q.appendleft(i)
print(len(q), q[0], q[-1], q[200], sum(q))
print(deque([1, 2]) == deque([1, 2]), deque([1]) == [1], deque([1, 2]) < deque([1, 3]), deque() , bool(deque()))
for bad in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[5], lambda: deque([1]).remove(2),
            lambda: deque([], -1)]:
    try:
        bad()
    except (IndexError, ValueError) as e:
        print(type(e).__name__, e)
print(d + deque([5]), d * 2)

dd = defaultdict(list)
dd['a'].append(1); dd['b']; dd['a'].append(2)
print(dd, dd['a'], len(dd), dict(dd), 'c' in dd)
di = defaultdict(int, {'x': 1}); di['y'] += 5; print(di, repr(defaultdict()))
try:
    defaultdict()['k']
except KeyError as e:
    print('KeyError', e)
try:
    defaultdict(5)
except TypeError as e:
    print('TypeError', e)

c = Counter('abracadabra')
print(c, c['a'], c['z'], c.most_common(2), sorted(c.elements()), c.total())
c2 = Counter(a=1, b=5)
print(c + c2, c - c2, c | c2, c & c2, +Counter(a=-1, b=2), -Counter(a=-1, b=2))
c.update('aaz'); print(c)
c.subtract({'a': 10}); print(c)
del c['nope']; print(Counter(), Counter({'x': 2}) == Counter(x=2), Counter(a=1) <= Counter(a=2))
c3 = Counter(a=3); c3 += Counter(a=-5, b=1); print(c3)
words = 'the cat the dog the end cat'.split()
print(Counter(words).most_common())

od = OrderedDict()
od['b'] = 1; od['a'] = 2; od['c'] = 3
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od = OrderedDict.fromkeys('abcde')
od.move_to_end('b'); print(list(od))
od.move_to_end('d', last=False); print(list(od), repr(OrderedDict()))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
try:
    OrderedDict().popitem()
except KeyError as e:
    print('KeyError', e)

cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm.get('z', 0), cm.new_child({'a': 0})['a'], cm.parents)
cm['z'] = 9; print(cm)
