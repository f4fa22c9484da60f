# A small matrix class with operators, determinant, transpose, identity and fractions.
from fractions import Fraction
class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        self.n, self.m = len(rows), len(rows[0])
    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])
    def __add__(self, o):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, o.rows)])
    def __mul__(self, o):
        if isinstance(o, Matrix):
            cols = list(zip(*o.rows))
            return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
        return Matrix([[a * o for a in r] for r in self.rows])
    __rmul__ = __mul__
    def __eq__(self, o):
        return isinstance(o, Matrix) and self.rows == o.rows
    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]
    def transpose(self):
        return Matrix(list(zip(*self.rows)))
    def det(self):
        if self.n == 1:
            return self.rows[0][0]
        if self.n == 2:
            (a, b), (c, d) = self.rows
            return a * d - b * c
        return sum((-1) ** j * self.rows[0][j] * self.minor(0, j).det() for j in range(self.m))
    def minor(self, i, j):
        return Matrix([r[:j] + r[j + 1:] for k, r in enumerate(self.rows) if k != i])
    def __pow__(self, k):
        result = Matrix.identity(self.n)
        base = self
        while k:
            if k & 1:
                result = result * base
            base = base * base
            k >>= 1
        return result
    def __repr__(self):
        return "Matrix(" + repr(self.rows) + ")"
    def __str__(self):
        width = max(len(str(v)) for r in self.rows for v in r)
        return "\n".join(" ".join(str(v).rjust(width) for v in r) for r in self.rows)
a = Matrix([[2, 0, 1], [1, 3, 2], [1, 1, 1]])
print(a)
print(a.det(), a.transpose(), a * Matrix.identity(3) == a, (a + a)[1, 1], 2 * a == a + a)
fib = Matrix([[1, 1], [1, 0]]) ** 90
print(fib[0, 1])
h = Matrix([[Fraction(1, i + j + 1) for j in range(3)] for i in range(3)])
print(h.det(), h * 6)
