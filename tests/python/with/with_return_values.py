# The value bound by `as` is whatever __enter__ returns; `with` works on objects that are their own manager.
class Selfish:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        self.closed = True
class Other:
    def __enter__(self):
        return 42
    def __exit__(self, *exc):
        pass
with Selfish() as s:
    print(type(s).__name__, hasattr(s, "closed"))
print(s.closed)
with Other() as v:
    print(v)
with Other():
    print("no target")
