# Set and dict comprehensions with conditions and nested loops.
print({x % 7 for x in range(50) if x % 2})
print({(a, b) for a in range(3) for b in range(3) if a < b} == {(0, 1), (0, 2), (1, 2)})
print({k: v for k, v in zip("abc", range(3))})
print({n: [d for d in range(1, n + 1) if n % d == 0] for n in range(1, 10)})
print({word: len(word) for word in "the quick brown fox".split() if len(word) > 3})
