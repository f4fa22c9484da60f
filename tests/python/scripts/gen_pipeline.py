# Generator pipelines: yield, yield from, send, generator expressions, itertools, closures.
import itertools
from functools import reduce, partial, lru_cache


def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squared(src):
    yield from (x * x for x in src)


def chunks(it, size):
    it = iter(it)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


print(list(squared(evens(numbers(20)))))
print(list(chunks(range(10), 3)))


def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        x = yield avg
        if x is None:
            break
        total += x
        count += 1
        avg = total / count
    return avg


g = averager()
next(g)
for v in [10, 20, 30, 45]:
    print(g.send(v), end=" ")
print()
try:
    g.send(None)
except StopIteration as e:
    print("final", e.value)


def make_counter(start=0, step=1):
    count = start

    def inc():
        nonlocal count
        count += step
        return count
    return inc


c1, c2 = make_counter(), make_counter(100, 10)
print([c1() for _ in range(3)], [c2() for _ in range(3)])
print(list(itertools.accumulate([1, 2, 3, 4, 5])), list(itertools.accumulate([1, 2, 3, 4], lambda a, b: a * b)))
print(list(itertools.chain([1, 2], "ab", (3,))), list(itertools.repeat("x", 3)))
print(list(itertools.product("ab", [1, 2])), len(list(itertools.permutations(range(4), 2))))
print(list(itertools.combinations("abcd", 2)))
print([(k, list(g)) for k, g in itertools.groupby("aaabccdd")])
print(list(itertools.takewhile(lambda x: x < 4, itertools.count(1))), list(itertools.dropwhile(lambda x: x < 3, [1, 2, 3, 4, 1])))
print(list(itertools.zip_longest("abc", [1], fillvalue="-")), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(reduce(lambda a, b: a * b, range(1, 11)), reduce(lambda a, b: a + b, [], 0))
pow2 = partial(pow, 2)
print(pow2(10), [pow2(i) for i in range(5)])


@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), fib.cache_info().hits > 0)
gen = (i * i for i in range(5))
print(sum(gen), sum(gen), any(x > 3 for x in [1, 5]), all(x > 0 for x in []))
print(list(enumerate("abc", start=1)), dict(zip("abc", itertools.count())))
print(list(map(lambda x, y: x + y, [1, 2, 3], [10, 20, 30])), list(filter(None, [0, 1, "", "a", None])))
print(sorted(["b", "A", "c", "B"], key=str.lower), sorted([3, 1, 2], reverse=True))
