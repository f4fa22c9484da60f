"""Data munging with csv, collections, itertools, json, statistics and operator."""
import csv
import io
import itertools
import json
import operator
import statistics
from collections import OrderedDict, defaultdict, namedtuple, deque, ChainMap

RAW = """date,region,product,units,price
2024-01-03,north,widget,12,2.50
2024-01-03,south,gadget,3,10.00
2024-01-04,north,gadget,7,9.50
2024-01-05,east,widget,20,2.25
2024-01-05,north,widget,5,2.50
2024-01-06,south,widget,9,2.40
2024-01-06,east,gizmo,1,99.99
2024-01-07,south,gadget,4,10.00
"""

Sale = namedtuple("Sale", "date region product units price")
sales = [Sale(r["date"], r["region"], r["product"], int(r["units"]), float(r["price"]))
         for r in csv.DictReader(io.StringIO(RAW))]
print(len(sales), sales[0], sales[-1]._asdict())

revenue = lambda s: s.units * s.price
by_region = defaultdict(float)
for s in sales:
    by_region[s.region] += revenue(s)
print({k: round(v, 2) for k, v in sorted(by_region.items())})

key = operator.attrgetter("product")
for product, group in itertools.groupby(sorted(sales, key=key), key=key):
    g = list(group)
    units = [s.units for s in g]
    print(f"{product:<7} n={len(g)} units={sum(units):3d} mean={statistics.mean(units):.2f} "
          f"median={statistics.median(units)} rev={sum(map(revenue, g)):8.2f}")

pairs = list(itertools.combinations(sorted({s.region for s in sales}), 2))
print(pairs, list(itertools.accumulate(s.units for s in sales)))
print(list(itertools.islice(itertools.cycle("abc"), 7)), list(itertools.chain.from_iterable([[1], [2, 3]])))
print(list(itertools.zip_longest("ab", [1, 2, 3], fillvalue="-")), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
daily = OrderedDict()
for date, group in itertools.groupby(sales, key=operator.attrgetter("date")):
    daily[date] = sum(revenue(s) for s in group)
window = deque(maxlen=3)
for date, rev in daily.items():
    window.append(rev)
    print(date, f"{rev:7.2f}", f"moving={sum(window) / len(window):7.2f}")
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(["region", "revenue", "share"])
total = sum(by_region.values())
for region, rev in sorted(by_region.items(), key=operator.itemgetter(1), reverse=True):
    w.writerow([region, f"{rev:.2f}", f"{rev / total:.1%}"])
print(out.getvalue(), end="")
report = {"total": round(total, 2), "regions": dict(sorted(by_region.items())), "top": max(sales, key=revenue)._asdict(),
          "stdev": round(statistics.stdev(s.units for s in sales), 4), "none": None, "flags": [True, False]}
text = json.dumps(report, indent=2, sort_keys=True)
print(text)
back = json.loads(text)
print(back == json.loads(json.dumps(report)), type(back["top"]["units"]).__name__, back["regions"]["east"])
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], dict(cm), sorted(cm))
print(json.dumps({"x": 1.0, "y": [1e20, 1e-7, float("inf") if False else 0.1]}, separators=(",", ":")))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [list(r) for r in itertools.product([0, 1], repeat=2)], list(itertools.permutations("ab")))
