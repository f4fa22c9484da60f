# A list of a hundred thousand items: building, summing, slicing and sorting.
n = 100000
a = [i * 7 % 1000 for i in range(n)]
print(len(a), sum(a), a[12345], a[-1])
a.sort()
print(a[0], a[n // 2], a[-1], a.count(0))
b = a[::1000]
print(len(b), b[:10])
print(sorted(set(a))[:5], len(set(a)))
