# A small matrix class: operator overloading, __getitem__ with tuples, __iter__, __len__,
# __bool__, __hash__, classmethods, list comprehensions and zip(*rows).
class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
        self.n = len(self.rows)
        self.m = len(self.rows[0]) if self.rows else 0

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    @classmethod
    def zeros(cls, n, m):
        return cls([[0] * m for _ in range(n)])

    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]

    def __setitem__(self, ij, v):
        i, j = ij
        self.rows[i][j] = v

    def __add__(self, other):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])

    def __sub__(self, other):
        return self + other * -1

    def __mul__(self, other):
        if isinstance(other, (int, float)):
            return Matrix([[a * other for a in r] for r in self.rows])
        cols = list(zip(*other.rows))
        return Matrix([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])

    __rmul__ = __mul__

    def __matmul__(self, other):
        return self * other

    def __pow__(self, k):
        result = Matrix.identity(self.n)
        base = self
        while k:
            if k & 1:
                result = result * base
            base = base * base
            k >>= 1
        return result

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def __hash__(self):
        return hash(tuple(map(tuple, self.rows)))

    def __len__(self):
        return self.n

    def __iter__(self):
        return iter(self.rows)

    def __bool__(self):
        return any(any(r) for r in self.rows)

    def __neg__(self):
        return self * -1

    def transpose(self):
        return Matrix(zip(*self.rows))

    def __repr__(self):
        return f"Matrix({self.rows})"

    def __str__(self):
        w = max(len(str(x)) for r in self.rows for x in r)
        return "\n".join(" ".join(f"{x:>{w}}" for x in r) for r in self.rows)


a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0, 1], [1, 0]])
print(a + b, a * b, sep="\n---\n")
print(repr(a @ b), repr(2 * a), repr(a * 0.5))
print(a ** 5)
print(-a == a * -1, a == Matrix([[1, 2], [3, 4]]), a != b, len(a), bool(Matrix.zeros(2, 2)), bool(a))
print(list(a), a[1, 0], a.transpose())
fib = Matrix([[1, 1], [1, 0]]) ** 30
print(fib[0, 1])
s = {a, Matrix([[1, 2], [3, 4]]), b}
print(len(s))
m = Matrix.zeros(3, 3)
for i in range(3):
    for j in range(3):
        m[i, j] = (i + 1) * (j + 2)
print(m)
print(sum(sum(r) for r in m), [max(col) for col in zip(*m)])
print(a - b)
try:
    a + 1
except AttributeError as e:
    print("AttributeError:", e)
