# Parsing CSV-like text by hand: splitting, type conversion, grouping with setdefault and
# defaultdict, sorting with itemgetter/attrgetter, statistics computed by hand and printed as a table.
from operator import itemgetter, attrgetter
from collections import defaultdict
import math

CSV = """city,country,population,area
Tokyo,Japan,13960000,2194
Delhi,India,16787941,1484
Shanghai,China,24870895,6341
Osaka,Japan,2753862,225
Mumbai,India,12442373,603
Beijing,China,21542000,16411
Kyoto,Japan,1475183,828"""

header, *rows = CSV.splitlines()
cols = header.split(",")
records = []
for line in rows:
    rec = dict(zip(cols, line.split(",")))
    rec["population"] = int(rec["population"])
    rec["area"] = float(rec["area"])
    rec["density"] = rec["population"] / rec["area"]
    records.append(rec)
print(records[0])
for r in sorted(records, key=itemgetter("density"), reverse=True)[:3]:
    print(f"{r['city']:<10}{r['density']:>12,.1f}")
by_country = defaultdict(list)
for r in records:
    by_country[r["country"]].append(r)
for country, rs in sorted(by_country.items(), key=lambda kv: -sum(r["population"] for r in kv[1])):
    pops = [r["population"] for r in rs]
    mean = sum(pops) / len(pops)
    sd = math.sqrt(sum((p - mean) ** 2 for p in pops) / len(pops))
    print(f"{country:<6} n={len(rs)} total={sum(pops):>11,} mean={mean:>14,.2f} sd={sd:.3e}")
print(sorted(records, key=itemgetter("country", "city"))[0]["city"], itemgetter(1, 3)("abcd"))


class City:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        return f"City({self.city})"


cities = [City(**r) for r in records]
print(sorted(cities, key=attrgetter("area"))[:3], attrgetter("country", "city")(cities[0]))
largest = {}
for c in cities:
    largest.setdefault(c.country, c)
    if c.population > largest[c.country].population:
        largest[c.country] = c
print(largest)
median = sorted(r["population"] for r in records)[len(records) // 2]
print(median, min(records, key=lambda r: abs(r["population"] - median))["city"])
table = [[r["city"], str(r["population"]), f"{r['area']:.0f}"] for r in records]
widths = [max(len(row[i]) for row in table) for i in range(3)]
for row in table[:3]:
    print(" | ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))
