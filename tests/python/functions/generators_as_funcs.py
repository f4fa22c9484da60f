# Functions returning functions that keep state: accumulators and memoizers.
def memoize(fn):
    cache = {}
    def inner(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    inner.cache = cache
    return inner
@memoize
def slow_square(n):
    print("computing", n)
    return n * n
print(slow_square(4), slow_square(4), slow_square(5), sorted(slow_square.cache.items()))
def accumulator(start):
    total = start
    def add(n):
        nonlocal total
        total += n
        return total
    return add
acc = accumulator(100)
print(acc(10), acc(-50), acc(0))
