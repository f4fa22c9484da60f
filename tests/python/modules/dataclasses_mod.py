# dataclasses: generated __init__/__repr__/__eq__, defaults, field(default_factory), frozen, order, asdict.
from dataclasses import dataclass, field, asdict, astuple, replace
@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)
i = Item("pen", 1.5)
i.tags.append("office")
print(i, i == Item("pen", 1.5, ["office"]), asdict(i), astuple(i), replace(i, price=2))
@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
vs = sorted([Version(1, 2), Version(0, 9), Version(1, 0)])
print(vs, Version(1) < Version(1, 1), hash(Version(1, 2)) == hash(Version(1, 2)))
try:
    vs[0].major = 5
except Exception as e:
    print(type(e).__name__, e)
@dataclass
class Node:
    value: int
    children: list = field(default_factory=list, repr=False)
    def total(self):
        return self.value + sum(c.total() for c in self.children)
print(Node(1, [Node(2), Node(3, [Node(4)])]).total(), Node(5))
