# A generator consumed in a hot loop, and a closure called in a hot loop.
def squares(n):
    for i in range(n):
        yield i * i
total = 0
for v in squares(6000):
    total += v
print(total)
def make_adder(k):
    def add(x):
        return x + k
    return add
add5 = make_adder(5)
x = 0
for _ in range(6000):
    x = add5(x) % 1000
print(x)
