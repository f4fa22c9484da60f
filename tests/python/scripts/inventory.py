# An inventory report: dataclasses, sorting with keys, f-string format specs, dict/list idioms.
from dataclasses import dataclass, field
from collections import defaultdict, Counter


@dataclass
class Item:
    name: str
    category: str
    price: float
    qty: int = 0
    tags: list = field(default_factory=list)

    @property
    def value(self):
        return self.price * self.qty


items = [
    Item("widget", "tools", 2.5, 10, ["metal"]),
    Item("gadget", "tools", 12.75, 3),
    Item("apple", "food", 0.4, 120, ["fresh", "red"]),
    Item("pear", "food", 0.55, 80),
    Item("hammer", "tools", 19.99, 2, ["metal", "heavy"]),
    Item("bread", "food", 2.2, 15),
]

print(items[0])
print(f"{'name':<10}|{'cat':^8}|{'price':>8}|{'qty':>5}|{'value':>10}")
print("-" * 45)
for it in sorted(items, key=lambda i: (-i.value, i.name)):
    print(f"{it.name:<10}|{it.category:^8}|{it.price:>8.2f}|{it.qty:>5d}|{it.value:>10,.2f}")

by_cat = defaultdict(list)
for it in items:
    by_cat[it.category].append(it)
for cat, its in sorted(by_cat.items()):
    total = sum(i.value for i in its)
    print(f"{cat}: {len(its)} items, total {total:.3f}, avg price {sum(i.price for i in its) / len(its):.4g}")

tags = Counter(t for it in items for t in it.tags)
print(tags.most_common(2), sorted(tags.elements()))
print({it.name: it.qty for it in items if it.qty > 10})
cheap, dear = [], []
for it in items:
    (cheap if it.price < 5 else dear).append(it.name)
print(cheap, dear)
print(max(items, key=lambda i: i.price).name, min(items, key=lambda i: i.qty).name)
print(Item("x", "y", 1.0) == Item("x", "y", 1.0), Item("x", "y", 1.0, 2) == Item("x", "y", 1.0))
print(f"{1234567.891:,.2f} {0.000123:.2e} {42:08b} {255:#x} {3.14159:+.3f} {50:%}")
print(f"{'left':*<12}{'right':*>12}{'mid':=^11}")
