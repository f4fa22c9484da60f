# Decorators: simple wrappers, with arguments, stacked, and functools.wraps.
import functools
def shout(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper()
    return wrapper
def repeat(times):
    def deco(fn):
        def wrapper(*args):
            return [fn(*args) for _ in range(times)]
        return wrapper
    return deco
calls = []
def log(fn):
    def wrapper(*args):
        calls.append(fn.__name__)
        return fn(*args)
    return wrapper
@shout
def greet(name):
    """Say hi."""
    return f"hi {name}"
@repeat(3)
def roll(x):
    return x * 2
@log
@shout
def both(s):
    return s
print(greet("ann"), greet.__name__, greet.__doc__, roll(4), both("x"), calls)
def register(registry):
    def deco(fn):
        registry[fn.__name__] = fn
        return fn
    return deco
handlers = {}
@register(handlers)
def on_start():
    return "started"
print(list(handlers), handlers["on_start"]())
