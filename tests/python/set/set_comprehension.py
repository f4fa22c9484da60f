# Set comprehensions and deduplication, printed via sorted for strings.
print({n % 5 for n in range(20)})
print({n * n for n in range(-3, 4)})
words = ["Apple", "apple", "APPLE", "banana", "Banana"]
print(sorted({w.lower() for w in words}))
print(sorted(set("hello world")))
seen = set()
unique = []
for x in [3, 1, 3, 2, 1, 4]:
    if x not in seen:
        seen.add(x)
        unique.append(x)
print(unique)
