# Large factorials and their digit sums exercise bigint multiplication and str().
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
for n in (0, 1, 5, 20, 21, 25, 50):
    print(n, fact(n))
f = fact(300)
print(len(str(f)), sum(int(d) for d in str(f)))
print(str(fact(100))[:20], str(fact(100))[-30:])
print(fact(30) // fact(28), fact(52) % 1000000007)
