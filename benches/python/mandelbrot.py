# mandelbrot: escape-time iteration over an n x n grid of the complex plane.
# Prints the number of points that stay bounded for 50 iterations and the
# total number of iterations. argv[1] = n (default 400).
import sys


def mandelbrot(n):
    inside = 0
    total = 0
    for y in range(n):
        ci = 2.0 * y / n - 1.0
        for x in range(n):
            cr = 2.0 * x / n - 1.5
            zr = 0.0
            zi = 0.0
            i = 0
            while i < 50 and zr * zr + zi * zi <= 4.0:
                tr = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = tr
                i += 1
            total += i
            if i == 50:
                inside += 1
    return inside, total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    print("%d %d" % mandelbrot(n))


main()
