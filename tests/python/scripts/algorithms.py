# Classic algorithms: sorting implementations checked against sorted(), binary search, BFS/DFS
# on a graph dict, Dijkstra with heapq, memoised recursion, permutations and primes.
import heapq
from functools import lru_cache
from itertools import permutations
import random


def merge_sort(xs):
    if len(xs) <= 1:
        return xs[:]
    mid = len(xs) // 2
    left, right = merge_sort(xs[:mid]), merge_sort(xs[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    out.extend(left[i:]); out.extend(right[j:])
    return out


def quick_sort(xs):
    if len(xs) < 2:
        return list(xs)
    pivot, *rest = xs
    return quick_sort([x for x in rest if x < pivot]) + [pivot] + quick_sort([x for x in rest if x >= pivot])


def insertion_sort(xs):
    xs = list(xs)
    for i in range(1, len(xs)):
        key = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = key
    return xs


random.seed(7)
data = [random.randint(-50, 50) for _ in range(40)]
ref = sorted(data)
print(merge_sort(data) == ref, quick_sort(data) == ref, insertion_sort(data) == ref, ref[:8])


def bsearch(xs, target):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -(lo + 1)


print([bsearch(ref, t) for t in (ref[0], ref[-1], 1000, -1000)])
graph = {"a": {"b": 7, "c": 9, "f": 14}, "b": {"a": 7, "c": 10, "d": 15}, "c": {"a": 9, "b": 10, "d": 11, "f": 2},
         "d": {"b": 15, "c": 11, "e": 6}, "e": {"d": 6, "f": 9}, "f": {"a": 14, "c": 2, "e": 9}}


def bfs(start):
    seen, order, queue = {start}, [], [start]
    while queue:
        node = queue.pop(0)
        order.append(node)
        for n in sorted(graph[node]):
            if n not in seen:
                seen.add(n)
                queue.append(n)
    return order


def dfs(node, seen=None):
    seen = seen if seen is not None else []
    seen.append(node)
    for n in sorted(graph[node]):
        if n not in seen:
            dfs(n, seen)
    return seen


def dijkstra(src):
    dist = {src: 0}
    prev = {}
    pq = [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist.get(u, float("inf")):
            continue
        for v, w in graph[u].items():
            nd = d + w
            if nd < dist.get(v, float("inf")):
                dist[v] = nd
                prev[v] = u
                heapq.heappush(pq, (nd, v))
    return dist, prev


print(bfs("a"), dfs("a"))
dist, prev = dijkstra("a")
path, node = [], "e"
while node != "a":
    path.append(node)
    node = prev[node]
print(dict(sorted(dist.items())), "->".join(reversed(path + ["a"])))


@lru_cache(maxsize=None)
def partitions(n, k):
    if n == 0:
        return 1
    if n < 0 or k == 0:
        return 0
    return partitions(n - k, k) + partitions(n, k - 1)


print([partitions(n, n) for n in range(1, 15)], partitions(100, 100))


def primes(limit):
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytes(len(range(i * i, limit + 1, i)))
    return [i for i, p in enumerate(sieve) if p]


ps = primes(100)
print(len(ps), ps[-5:], sum(primes(10000)))
best = max(permutations("abcd"), key=lambda p: sum(ord(c) * i for i, c in enumerate(p)))
print("".join(best), sum(1 for p in permutations(range(5)) if all(abs(p[i] - i) != 0 for i in range(5))))
print(f"{2 ** 100:,}", pow(3, 200, 10 ** 9 + 7), (-7) // 2, (-7) % 3, divmod(-17, 5), 7 / -2)
