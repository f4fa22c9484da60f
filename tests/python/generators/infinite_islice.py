# Infinite generators consumed with itertools.islice, takewhile and zip.
from itertools import islice, takewhile, count
def naturals():
    n = 0
    while True:
        yield n
        n += 1
def primes():
    found = []
    for n in count(2):
        if all(n % p for p in found):
            found.append(n)
            yield n
print(list(islice(naturals(), 5)), list(islice(primes(), 15)))
print(list(takewhile(lambda x: x < 30, (n * n for n in naturals()))))
print(list(zip("abc", naturals())), list(islice(primes(), 100, 103)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(list(islice(fib(), 10, 20)))
