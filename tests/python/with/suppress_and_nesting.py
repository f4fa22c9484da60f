# A suppressing context manager inside loops, and exit order of nested managers.
class Quiet:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        return et is ZeroDivisionError
results = []
for d in [1, 0, 2, 0]:
    with Quiet():
        results.append(10 // d)
print(results)
class Tag:
    def __init__(self, n): self.n = n
    def __enter__(self): print("open", self.n); return self
    def __exit__(self, *a): print("close", self.n)
with Tag(1), Tag(2), Tag(3):
    print("innermost")
