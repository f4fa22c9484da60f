# with statements: __enter__ value, __exit__ on normal exit and on exception, nesting, multiple items.
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("outer"), CM("inner") as i:
    print("both", i)
with CM("swallow", suppress=True):
    raise ValueError("swallowed")
print("after suppression")
try:
    with CM("pass-through"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", e)
