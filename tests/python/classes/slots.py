# __slots__ restricts attributes to the listed names.
class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Point(1, 2)
p.x = 10
print(p.x, p.y, Point.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    Point.__new__(Point).x
except AttributeError as e:
    print("AttributeError:", e)
