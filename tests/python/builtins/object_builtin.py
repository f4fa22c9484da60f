# object(), super() and property/staticmethod/classmethod used as plain callables.
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object())
def getx(self):
    return self._x
class C:
    x = property(getx)
    s = staticmethod(lambda: "static")
    c = classmethod(lambda cls: cls.__name__)
    def __init__(self):
        self._x = 3
print(C().x, C.s(), C().s(), C.c(), C().c())
class D(C):
    def __init__(self):
        super().__init__()
        self._x *= 2
print(D().x, D.c())
