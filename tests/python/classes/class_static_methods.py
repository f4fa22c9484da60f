# classmethod receives the class (subclass-aware), staticmethod receives nothing.
class Shape:
    sides = 0
    def __init__(self, size):
        self.size = size
    @classmethod
    def unit(cls):
        return cls(1)
    @classmethod
    def describe(cls):
        return f"{cls.__name__} with {cls.sides} sides"
    @staticmethod
    def area_of_square(n):
        return n * n
class Square(Shape):
    sides = 4
s = Square.unit()
print(type(s).__name__, s.size, Shape.describe(), Square.describe(), s.describe())
print(Shape.area_of_square(3), s.area_of_square(4))
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def parse(cls, text):
        return cls(*map(int, text.split("-")))
    def __repr__(self):
        return f"Date({self.y}, {self.m}, {self.d})"
print(Date.parse("2024-02-29"))
