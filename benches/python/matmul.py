# matmul: list-of-lists matrix product, the seed's 256/512/1024 matrix rows.
# Entries are multiples of 1/4 in [-5/4, 5/4], so every product and partial sum
# is exact in a double and the checksum does not depend on summation order.
# argv[1] = n (default 128).
import sys


def make(n, seed):
    return [[((i * 7 + j * 3 + seed) % 11 - 5) / 4.0 for j in range(n)] for i in range(n)]


def matmul(a, b, n):
    c = []
    for i in range(n):
        ai = a[i]
        row = [0.0] * n
        for k in range(n):
            aik = ai[k]
            bk = b[k]
            for j in range(n):
                row[j] = row[j] + aik * bk[j]
        c.append(row)
    return c


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 128
    c = matmul(make(n, 1), make(n, 2), n)
    total = 0.0
    for row in c:
        for x in row:
            total = total + x
    print("%.4f %.4f" % (total, c[n // 2][n // 3]))


main()
