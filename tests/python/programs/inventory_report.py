# A CSV-like inventory report: parsing, grouping, dataclasses, formatted table output.
from dataclasses import dataclass
DATA = """sku,name,category,qty,price
A100,Widget,tools,12,2.50
A101,Gadget,tools,0,12.00
B200,Apple,food,140,0.35
B201,Bread,food,8,2.10
C300,Novel,books,5,9.99
C301,Atlas,books,2,25.00"""
@dataclass
class Item:
    sku: str
    name: str
    category: str
    qty: int
    price: float
    @property
    def value(self):
        return self.qty * self.price
lines = DATA.splitlines()
header = lines[0].split(",")
items = []
for line in lines[1:]:
    row = dict(zip(header, line.split(",")))
    items.append(Item(row["sku"], row["name"], row["category"], int(row["qty"]), float(row["price"])))
by_cat = {}
for it in items:
    by_cat.setdefault(it.category, []).append(it)
print(f"{'category':<10}{'items':>6}{'units':>7}{'value':>10}")
for cat in sorted(by_cat):
    group = by_cat[cat]
    print(f"{cat:<10}{len(group):>6}{sum(i.qty for i in group):>7}{sum(i.value for i in group):>10.2f}")
print("out of stock:", [i.name for i in items if i.qty == 0])
print("most valuable:", max(items, key=lambda i: i.value))
