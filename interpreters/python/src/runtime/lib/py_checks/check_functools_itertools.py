import functools, itertools, operator, heapq, bisect
from functools import reduce, partial, wraps, lru_cache, cache, cmp_to_key, total_ordering

print(reduce(operator.add, [1, 2, 3]), reduce(lambda a, b: a * b, [], 7))
try:
    reduce(operator.add, [])
except TypeError as e:
    print(e)
def f(a, b, c=3, *, d=4):
    return (a, b, c, d)
p = partial(f, 1, d=5)
print(p(2), p(2, 9), p.args, p.keywords, partial(p, 7)(), repr(partial(max, 1, k=2)).split(' at ')[0])
try:
    partial(5)
except TypeError as e:
    print(e)

def deco(fn):
    @wraps(fn)
    def inner(*a):
        "inner doc"
        return fn(*a)
    return inner
@deco
def named(x):
    "named doc"
    return x
print(named.__name__, named.__doc__, named.__wrapped__.__name__, named(3))

calls = []
@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x
for v in [1, 2, 1, 3, 2, 1, 1]:
    sq(v)
print(calls, sq.cache_info())
sq.cache_clear(); print(sq.cache_info())
@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
@cache
def fact(n):
    return 1 if n < 2 else n * fact(n - 1)
print(fact(30), fact.cache_info())
print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))

@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
print(V(1) <= V(2), V(3) >= V(2), V(1) > V(2), sorted([V(3), V(1)], key=lambda x: x.v)[0].v)
try:
    total_ordering(type('E', (), {}))
except ValueError as e:
    print(e)

class C:
    @functools.cached_property
    def val(self):
        print('computing')
        return 42
c = C(); print(c.val, c.val)

@functools.singledispatch
def show(x):
    return 'obj'
@show.register(int)
def _(x):
    return 'int'
@show.register
def _(x: list):
    return 'list'
print(show(1), show([1]), show('s'), show(True))

it = itertools
print(list(it.islice(it.count(5, 2), 4)), repr(it.count()), repr(it.count(1.5, 2)), repr(it.repeat('a', 2)))
print(list(it.repeat(1, 3)), list(it.islice(it.cycle('ab'), 5)), list(it.accumulate([1, 2, 3, 4])))
print(list(it.accumulate([1, 2, 3], operator.mul, initial=10)), list(it.chain('ab', [1])), list(it.chain.from_iterable(['xy', 'z'])))
print(list(it.compress('abcd', [1, 0, 1])), list(it.dropwhile(lambda x: x < 3, [1, 4, 1])), list(it.takewhile(lambda x: x < 3, [1, 4, 1])))
print(list(it.filterfalse(None, [0, 1, 2, 0])), list(it.starmap(pow, [(2, 3), (3, 2)])))
print([(k, list(g)) for k, g in it.groupby('aaabccaa')], [k for k, g in it.groupby([1, 1, 2])])
groups = it.groupby('aabb')
k1, g1 = next(groups); k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(it.islice('abcdefg', 2, None)), list(it.islice('abcdefg', 1, 6, 2)), list(it.islice('abc', 0)))
for args in [(-1,), (1, -2), (0, 5, 0)]:
    try:
        it.islice('abc', *args)
    except ValueError as e:
        print(e)
a, b = it.tee([1, 2, 3]); print(list(a), list(b))
print(list(it.zip_longest('ab', 'xyz', fillvalue='-')), list(it.product('ab', repeat=2)), list(it.product([1, 2], 'x')))
print(list(it.permutations('abc', 2)), len(list(it.permutations(range(5)))), list(it.combinations('abcd', 2)))
print(list(it.combinations_with_replacement('ab', 3)), list(it.pairwise('abcd')), list(it.combinations('ab', 3)))

print(operator.add(1, 2), operator.itemgetter(1)('abc'), operator.itemgetter(0, 2)('abc'), operator.attrgetter('real')(3))
print(repr(operator.itemgetter(1, 'a')), repr(operator.attrgetter('x.y')), repr(operator.methodcaller('f', 1, k=2)))
print(operator.methodcaller('upper')('ab'), operator.neg(3), operator.not_(0), operator.contains([1], 1), operator.abs(-3))
print(operator.countOf([1, 2, 1], 1), operator.indexOf('abc', 'c'), operator.length_hint([1, 2]), operator.truth([]))

h = []
for v in [5, 3, 8, 1, 9, 2, 7, 3, 3, 0]:
    heapq.heappush(h, v)
    print(h)
print([heapq.heappop(h) for _ in range(4)], h)
x = [9, 8, 7, 6, 5, 4, 3, 2, 1]; heapq.heapify(x); print(x)
print(heapq.heapreplace(x, 10), x, heapq.heappushpop(x, 0), heapq.heappushpop(x, 5), x)
print(heapq.nlargest(3, [5, 1, 8, 3]), heapq.nsmallest(2, 'dcba'), heapq.nlargest(2, ['a', 'bbb', 'cc'], key=len))
print(list(heapq.merge([1, 4, 7], [2, 5], [3, 6, 9])), list(heapq.merge([7, 4], [6, 5], reverse=True)))
print(list(heapq.merge(['a', 'bb'], ['c', 'dd'], key=len)))
try:
    heapq.heappop([])
except IndexError as e:
    print(e)
tasks = []
heapq.heappush(tasks, (2, 'b')); heapq.heappush(tasks, (1, 'a')); heapq.heappush(tasks, (2, 'a'))
print(tasks, heapq.heappop(tasks))

s = [1, 2, 2, 2, 5]
print(bisect.bisect_left(s, 2), bisect.bisect_right(s, 2), bisect.bisect(s, 9), bisect.bisect_left(s, 2, 2), bisect.bisect_right(s, 2, 0, 2))
bisect.insort(s, 3); bisect.insort_left(s, 2); print(s)
recs = [(1, 'a'), (3, 'b')]
print(bisect.bisect_left(recs, 2, key=lambda r: r[0]))
bisect.insort(recs, (2, 'c'), key=lambda r: r[0]); print(recs)
try:
    bisect.bisect([], 1, -1)
except ValueError as e:
    print(e)
