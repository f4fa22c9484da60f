# Large sets of ints: membership, set algebra sizes, sieve of Eratosthenes.
n = 5000
composites = set()
for i in range(2, n):
    if i not in composites:
        for j in range(i * i, n, i):
            composites.add(j)
primes = sorted(set(range(2, n)) - composites)
print(len(primes), primes[:10], primes[-3:])
evens = set(range(0, n, 2))
threes = set(range(0, n, 3))
print(len(evens & threes), len(evens | threes), len(evens ^ threes))
