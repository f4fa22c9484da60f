# collections.namedtuple: fields, indexing, _replace, _asdict, and repr.
from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(3, 4)
print(p, p.x, p[1], p._replace(x=10), p._asdict(), Point._fields, tuple(p))
x, y = p
print(x * y, p == (3, 4), isinstance(p, tuple), len(p))
Person = namedtuple("Person", "name age city", defaults=["nowhere"])
print(Person("Ann", 30), Person(name="Bo", age=2, city="Rome"))
