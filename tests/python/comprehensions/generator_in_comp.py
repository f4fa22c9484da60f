# Comprehensions consuming generators and other comprehensions.
def gen(n):
    for i in range(n):
        yield i * 3
print([x + 1 for x in gen(5)], {x for x in gen(4)}, sum(x for x in gen(10) if x % 2))
words = ["alpha", "beta", "gamma", "delta"]
print(sorted({w[0]: [v for v in words if v[0] == w[0]] for w in words}.items()))
print([list(range(n)) for n in range(4)])
