# Sensor log analysis: parsing lines with split/partition, float formatting, min/max with keys,
# zip for deltas, running averages with a generator, statistics, and grouping by hour.
import statistics
from itertools import groupby

LOG = """08:05 21.5
08:35 21.9
09:10 22.4
09:40 23.8
10:15 25.1
10:45 24.7
11:20 26.0
11:55 -
12:30 27.3"""

readings = []
for line in LOG.splitlines():
    t, _, v = line.partition(" ")
    if v == "-":
        print(f"missing reading at {t}")
        continue
    h, m = map(int, t.split(":"))
    readings.append((h * 60 + m, float(v)))
print(len(readings), readings[:2])
deltas = [(b[1] - a[1]) / (b[0] - a[0]) * 60 for a, b in zip(readings, readings[1:])]
print([f"{d:+.2f}" for d in deltas])


def running_mean(values, n=3):
    window = []
    for v in values:
        window.append(v)
        if len(window) > n:
            window.pop(0)
        yield sum(window) / len(window)


print([round(x, 2) for x in running_mean(v for _, v in readings)])
temps = [v for _, v in readings]
print(statistics.mean(temps), statistics.median(temps), round(statistics.stdev(temps), 4), statistics.pvariance(temps))
hot = max(readings, key=lambda r: r[1])
print(f"peak {hot[1]}°C at {hot[0] // 60:02d}:{hot[0] % 60:02d}")
for hour, group in groupby(readings, key=lambda r: r[0] // 60):
    vals = [v for _, v in group]
    print(f"{hour:02d}h n={len(vals)} avg={sum(vals) / len(vals):5.2f} range={max(vals) - min(vals):.1f}")
fahrenheit = {f"{m // 60:02d}:{m % 60:02d}": round(c * 9 / 5 + 32, 1) for m, c in readings}
print(fahrenheit)
