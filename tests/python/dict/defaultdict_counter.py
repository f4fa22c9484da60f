# collections.defaultdict and Counter in common use.
from collections import defaultdict, Counter
dd = defaultdict(list)
for word in "one two three four five six".split():
    dd[len(word)].append(word)
print(dict(dd), dd[10], len(dd))
c = Counter("mississippi")
print(c.most_common(2), c["s"], c["z"], sorted(c.elements())[:5])
c.update("sss")
print(c["s"], (c + Counter("pp"))["p"], sorted((c - Counter("iiii")).items()))
dd2 = defaultdict(int)
for n in [1, 2, 1, 3, 1]:
    dd2[n] += 1
print(sorted(dd2.items()))
