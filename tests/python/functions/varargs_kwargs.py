# *args and **kwargs: collecting, forwarding, and unpacking at call sites.
def f(*args, **kwargs):
    return args, sorted(kwargs.items())
print(f(), f(1, 2), f(a=1), f(1, b=2, a=3))
def wrapper(*args, **kwargs):
    return f(*args, extra=True, **kwargs)
print(wrapper(1, z=0))
def g(a, b, *rest, c=3, **opts):
    return a, b, rest, c, opts
print(g(1, 2), g(1, 2, 3, 4, c=5, d=6), g(*[1, 2, 3], **{"c": 0, "e": 1}))
try:
    g(1)
except TypeError as e:
    print("TypeError:", e)
try:
    g(1, 2, a=3)
except TypeError as e:
    print("TypeError:", e)
