# Duck typing and abstract base classes with abc.
from abc import ABC, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self):
        ...
    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"
class Circle(Shape):
    def __init__(self, r): self.r = r
    def area(self): return 3.14159 * self.r ** 2
class Rect(Shape):
    def __init__(self, w, h): self.w, self.h = w, h
    def area(self): return self.w * self.h
for s in [Circle(1), Rect(2, 3), Circle(0.5)]:
    print(s.describe())
try:
    Shape()
except TypeError as e:
    print("TypeError:", e)
print(sum(s.area() for s in [Rect(1, 1), Rect(2, 2)]))
