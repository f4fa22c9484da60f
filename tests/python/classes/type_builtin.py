# type() with one argument returns the class; with three it creates one.
print(type(1), type("s"), type([]), type(None), type(type), type(len))
Point = type("Point", (object,), {"x": 0, "show": lambda self: f"Point({self.x})"})
p = Point()
p.x = 7
print(p.show(), Point.__name__, type(p) is Point)
Sub = type("Sub", (Point,), {})
print(Sub().show(), issubclass(Sub, Point), [c.__name__ for c in Sub.__mro__])
class Meta:
    pass
print(type(Meta), type(Meta()).__name__, Meta.__class__ is type)
