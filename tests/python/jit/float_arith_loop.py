# Float arithmetic in compiled loops: mandelbrot, a spectral-norm style dot product, mixed
# int/float operations, and division by zero raised from inside a hot loop.


def mandel(size):
    count = 0
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            zr = 0.0
            zi = 0.0
            i = 0
            while i < 50 and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            if i == 50:
                count += 1
    return count


def a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1)


def dot(n):
    s = 0.0
    for i in range(n):
        s += a(i, i + 1) * 0.5
    return s


def mixed(n):
    x = 0.0
    k = 1
    while k < n:
        x += k / 3 + 0.25 * k - k * 1.5
        k += 1
    return x


def divides(n):
    out = []
    d = n
    t = 0.0
    try:
        while True:
            t += 1.0 / d
            d -= 1
    except ZeroDivisionError as e:
        out.append(str(e))
    out.append(round(t, 6))
    return out


print(mandel(60))
print(dot(3000))
print(mixed(5000))
print(divides(3000))
print(1e308 * 10, -1e308 * 10)
