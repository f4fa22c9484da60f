# Word ladder search: BFS with deque, sets of strings, string slicing, dict of lists built with
# setdefault, generator of neighbours, and sorted output with lambda keys.
from collections import deque

WORDS = """cold cord card ward warm worm word wood good gold bold bolt boat coat cost
cast case cave gave give live love lave lake like bike bite kite kits hits hats""".split()
index = {}
for w in WORDS:
    for i in range(len(w)):
        index.setdefault(w[:i] + "_" + w[i + 1:], []).append(w)


def neighbours(word):
    for i in range(len(word)):
        for other in index[word[:i] + "_" + word[i + 1:]]:
            if other != word:
                yield other


def ladder(start, goal):
    prev = {start: None}
    queue = deque([start])
    while queue:
        w = queue.popleft()
        if w == goal:
            path = []
            while w is not None:
                path.append(w)
                w = prev[w]
            return path[::-1]
        for n in neighbours(w):
            if n not in prev:
                prev[n] = w
                queue.append(n)
    return None


for a, b in [("cold", "warm"), ("good", "bolt"), ("cast", "like"), ("kite", "hats"), ("cold", "bike")]:
    path = ladder(a, b)
    print(f"{a}->{b}:", " > ".join(path) if path else "no ladder", len(path) - 1 if path else "")
buckets = sorted(index.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:4]
print(buckets)
degree = {w: sum(1 for _ in neighbours(w)) for w in WORDS}
print(max(degree, key=lambda w: (degree[w], w)), sorted(w for w, d in degree.items() if d == 1))
print(sum(degree.values()) // 2, len(WORDS), len(index))
