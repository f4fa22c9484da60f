# Annotations are accepted and do not change behaviour; __annotations__ is a dict.
def area(width: float, height: float = 1.0) -> float:
    return width * height
x: int = 5
y: "str"
print(area(3, 4), area(2), x)
print(area.__annotations__)
class Point:
    x: int
    y: int = 0
print(Point.y, Point.__annotations__)
