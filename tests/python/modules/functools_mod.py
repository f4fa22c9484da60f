# functools: reduce, partial, lru_cache, wraps, cmp_to_key, cache.
import functools
print(functools.reduce(lambda a, b: a * b, range(1, 8)), functools.reduce(lambda a, b: a + b, [], "init"))
base2 = functools.partial(int, base=2)
print(base2("1011"), base2.func is int, base2.keywords)
@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100), fib.cache_info().hits > 0)
def compare(a, b):
    return (a > b) - (a < b)
print(sorted([5, 2, 9, 1], key=functools.cmp_to_key(lambda a, b: compare(b, a))))
def deco(f):
    @functools.wraps(f)
    def w(*a):
        return f(*a)
    return w
@deco
def named():
    "docstring"
print(named.__name__, named.__doc__, named.__wrapped__.__name__)
