# Descriptors written in Python: __get__ on instance and class access, data descriptors (__set__,
# __delete__) win over instance attributes, __set_name__, and functools.cached_property.
import functools


class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, inst, owner=None):
        if inst is None:
            return self
        return getattr(inst, self.name, None)

    def __set__(self, inst, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name[1:]} must be int, not {type(value).__name__}")
        setattr(inst, self.name, value)

    def __delete__(self, inst):
        print("deleting", self.name)
        delattr(inst, self.name)


class Constant:
    def __init__(self, v):
        self.v = v

    def __get__(self, inst, owner=None):
        return ("const", self.v, inst is None)


class P:
    x = Typed()
    y = Typed()
    k = Constant(7)

    def __init__(self, x, y):
        self.x = x
        self.y = y

    @functools.cached_property
    def norm(self):
        print("computing norm")
        return (self.x ** 2 + self.y ** 2) ** 0.5


p = P(3, 4)
print(p.x, p.y, P.x.name, isinstance(P.x, Typed), p.k, P.k)
p.x = 6
print(p.x, vars(p))
try:
    p.y = "no"
except TypeError as e:
    print("TypeError:", e)
del p.x
print(p.x)
p.x = 3
print(p.norm, p.norm, "norm" in vars(p))
p.k = "shadow"
print(p.k)
