# Accumulating floats in loops gives CPython's exact rounding at every step.
total = 0.0
for i in range(1, 1001):
    total += 1.0 / i
print(total)
prod = 1.0
for i in range(1, 30):
    prod *= 1.1
print(prod)
x = 1.0
for i in range(60):
    x /= 2
print(x, x * 2 ** 60)
print(sum(i * 0.001 for i in range(1000)))
