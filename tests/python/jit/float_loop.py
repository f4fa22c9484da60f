# A hot float loop: numerical integration and a recurrence.
def integrate(f, a, b, n):
    h = (b - a) / n
    s = 0.5 * (f(a) + f(b))
    for i in range(1, n):
        s += f(a + i * h)
    return s * h
print(integrate(lambda x: x * x, 0.0, 1.0, 5000))
x = 0.5
for _ in range(5000):
    x = 3.7 * x * (1.0 - x)
print(x)
