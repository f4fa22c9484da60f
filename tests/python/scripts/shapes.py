# Abstract base classes, inheritance, super(), __str__/__repr__, class attributes, isinstance
# dispatch, math, sorting by multiple keys, and properties with setters.
import math
from abc import ABC, abstractmethod


class Shape(ABC):
    count = 0

    def __init__(self, name):
        self.name = name
        Shape.count += 1

    @abstractmethod
    def area(self):
        ...

    def perimeter(self):
        raise NotImplementedError(f"{type(self).__name__}.perimeter")

    def __str__(self):
        return f"{self.name} with area {self.area():.2f}"

    def __repr__(self):
        return f"<{type(self).__name__} {self.name}>"


class Circle(Shape):
    def __init__(self, r):
        super().__init__("circle")
        self.r = r

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h, name="rect"):
        super().__init__(name)
        self._w, self._h = w, h

    @property
    def w(self):
        return self._w

    @w.setter
    def w(self, v):
        if v <= 0:
            raise ValueError(f"width must be positive, got {v}")
        self._w = v

    def area(self):
        return self._w * self._h

    def perimeter(self):
        return 2 * (self._w + self._h)


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s, "square")


class Triangle(Shape):
    def __init__(self, a, b, c):
        super().__init__("triangle")
        self.sides = (a, b, c)

    def area(self):
        a, b, c = self.sides
        s = (a + b + c) / 2
        return math.sqrt(s * (s - a) * (s - b) * (s - c))


shapes = [Circle(1.5), Rect(2, 3), Square(2), Triangle(3, 4, 5), Circle(0.5)]
for s in shapes:
    print(s)
print(shapes, Shape.count)
for s in sorted(shapes, key=lambda s: (type(s).__name__, -s.area())):
    try:
        p = s.perimeter()
        print(f"{s!r:<16} P={p:8.3f} A={s.area():8.3f}")
    except NotImplementedError as e:
        print(f"{s!r:<16} no perimeter: {e}")
print([type(s).__name__ for s in shapes if isinstance(s, Rect)], issubclass(Square, Shape))
print(Square.__mro__)
r = Rect(1, 1)
r.w = 5
print(r.area(), r.w)
try:
    r.w = -1
except ValueError as e:
    print("ValueError:", e)
try:
    Shape("x")
except TypeError as e:
    print("TypeError:", e)
total = sum(s.area() for s in shapes)
print(f"total {total:.4f}", round(total, 2), math.floor(total), math.ceil(total), math.isclose(total, 23.0, abs_tol=1))
print(math.hypot(3, 4), math.gcd(12, 18), math.lcm(4, 6), math.factorial(10), math.comb(10, 3), math.perm(5, 2))
print(math.degrees(math.pi), math.radians(180), math.log(math.e), math.log2(1024), math.log10(0.001), math.sqrt(2))
print(math.inf > 10 ** 100, math.isnan(math.nan), math.copysign(3, -0.0), math.fsum([0.1] * 10), math.trunc(-3.7))
