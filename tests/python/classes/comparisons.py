# Rich comparisons, reflected comparisons, functools.total_ordering, and sorting instances.
import functools
@functools.total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))
vs = [Version(s) for s in ["1.10", "1.2", "1.2.1", "0.9", "2.0"]]
print(sorted(vs), max(vs), Version("1.0") <= Version("1.0"), Version("2.0") > Version("1.9"), Version("1") >= Version("2"))
class Only:
    def __init__(self, v):
        self.v = v
    def __gt__(self, other):
        print("gt called")
        return self.v > other.v
print(Only(1) < Only(2))
try:
    Only(1) <= Only(2)
except TypeError as e:
    print("TypeError:", e)
