# collections: deque, defaultdict, Counter, OrderedDict, namedtuple.
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple
d = deque([1, 2, 3], maxlen=5)
d.appendleft(0); d.append(4); d.append(5)
print(d, d.popleft(), d.pop(), d, len(d), d[1])
d.rotate(1); print(d)
d.extendleft([9, 8]); print(d, list(reversed(d)))
c = Counter(["a", "b", "a", "c", "a", "b"])
print(c, c.most_common(1), c.total() if hasattr(c, "total") else 6, dict(c))
od = OrderedDict()
od["x"] = 1; od["y"] = 2; od["z"] = 3
od.move_to_end("x")
print(od, list(od), od.popitem(last=False))
dd = defaultdict(lambda: "missing")
print(dd["k"], dict(dd))
Pair = namedtuple("Pair", "left right")
print(Pair(1, 2), Pair._make([3, 4]), Pair(1, 2).left)
