# Lambdas created in comprehensions capture the comprehension variable late; defaults bind early.
late = [lambda: i for i in range(3)]
early = [lambda i=i: i for i in range(3)]
print([f() for f in late], [f() for f in early])
adders = {n: (lambda x, n=n: x + n) for n in range(3)}
print({k: f(10) for k, f in adders.items()})
