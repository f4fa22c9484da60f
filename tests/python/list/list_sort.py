# sort and sorted: stability, key functions, reverse, and tuples.
words = ["banana", "Apple", "cherry", "date", "Elderberry", "fig", "apple"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=len, reverse=True))
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "a"), (3, "c")]
pairs.sort()
print(pairs)
pairs.sort(key=lambda p: p[1])
print(pairs)
nums = [5, -3, 2, -8, 0, 7]
nums.sort(key=abs)
print(nums)
print(sorted(nums, key=lambda n: (n % 3, -n)))
records = [("ann", 30), ("bob", 25), ("cat", 30), ("dan", 25)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(range(20), key=lambda n: n % 5))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError:", e)
