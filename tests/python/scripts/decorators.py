# Decorators with functools.wraps, decorator factories, class decorators, *args/**kwargs
# forwarding, keyword-only arguments, default mutable pitfalls and function attributes.
import functools
import time


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        result = fn(*args, **kwargs)
        print(f"{fn.__name__}({', '.join(parts)}) -> {result!r}")
        return result
    wrapper.calls = 0
    return wrapper


def repeat(times):
    def deco(fn):
        @functools.wraps(fn)
        def inner(*a, **k):
            return [fn(*a, **k) for _ in range(times)]
        return inner
    return deco


def register(registry):
    def deco(cls):
        registry[cls.__name__.lower()] = cls
        return cls
    return deco


@trace
def add(a, b=10, *, scale=1):
    return (a + b) * scale


@repeat(3)
def greet(name, punct="!"):
    return f"hi {name}{punct}"


REG = {}


@register(REG)
class Plugin:
    """A plugin."""


@register(REG)
class Other(Plugin):
    pass


add(1)
add(1, 2)
add(1, b=5, scale=3)
print(add.__name__, add.__doc__, add.__wrapped__.__name__, hasattr(add, "calls"))
print(greet("bob"), greet("amy", punct="?"))
print(sorted(REG), REG["plugin"].__doc__, issubclass(REG["other"], Plugin))


def collect(first, *rest, sep=", ", **opts):
    return sep.join(map(str, (first,) + rest)) + (f" {opts}" if opts else "")


print(collect(1), collect(1, 2, 3), collect("a", "b", sep="-"), collect(0, x=1, y=2))
args = [4, 5, 6]
kw = {"sep": "|", "z": 9}
print(collect(*args, **kw), collect(*"xyz"))
try:
    add(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    collect()
except TypeError as e:
    print("TypeError:", e)
try:
    add(1, scale=2, bogus=3)
except TypeError as e:
    print("TypeError:", e)


def append_to(x, acc=[]):
    acc.append(x)
    return acc


print(append_to(1), append_to(2), append_to(3, []))


class cached_property_demo:
    def __init__(self):
        self.hits = 0

    @functools.cached_property
    def expensive(self):
        self.hits += 1
        return sum(range(1000))


d = cached_property_demo()
print(d.expensive, d.expensive, d.hits)


def timed(fn):
    def w(*a):
        t0 = time.perf_counter()
        r = fn(*a)
        elapsed = time.perf_counter() - t0
        return r, elapsed >= 0
    return w


@timed
def slow_sum(n):
    return sum(i * i for i in range(n))


print(slow_sum(1000))
compose = lambda *fs: functools.reduce(lambda f, g: lambda x: g(f(x)), fs)
print(compose(lambda x: x + 1, lambda x: x * 2, str)(5))
print((lambda *a, **k: (a, k))(1, 2, k=3))
counter = 0


def bump():
    global counter
    counter += 1
    return counter


print(bump(), bump(), counter)
