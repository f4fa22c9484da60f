# Fibonacci numbers far past 64 bits, and a few identities on them.
a, b = 0, 1
fibs = []
for i in range(200):
    fibs.append(a)
    a, b = b, a + b
print(fibs[90], fibs[93], fibs[100], fibs[199])
print(all(fibs[i] + fibs[i + 1] == fibs[i + 2] for i in range(198)))
print(fibs[150] * fibs[152] - fibs[151] ** 2)
