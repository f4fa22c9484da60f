# Comprehensions over thousands of items produce the same result as loops.
n = 20000
a = [i * i % 1013 for i in range(n)]
b = []
for i in range(n):
    b.append(i * i % 1013)
print(a == b, sum(a), len({v for v in a}), max(a))
pairs = {i: i * 2 for i in range(n)}
print(len(pairs), pairs[n - 1], sum(pairs.values()))
