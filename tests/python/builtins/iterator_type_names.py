# Iterator objects carry CPython's class names; __slots__ restricts attributes (with mangled names).
its = [iter([1]), iter((1,)), iter("ab"), iter("é"), iter(b"a"), iter(bytearray(b"a")),
       iter(range(3)), iter({}), iter({}.values()), iter({}.items()), iter(set()),
       enumerate([]), zip(), map(str, []), filter(None, []), reversed([1]), reversed((1,)),
       reversed("ab"), reversed({1: 2}), reversed({1: 2}.values()), reversed({1: 2}.items()),
       reversed(range(3)), iter(lambda: 1, 1)]
for x in its:
    print(type(x).__name__, repr(x).startswith("<" + type(x).__name__ + " object at 0x"), iter(x) is x)
it = iter([1, 2])
print(list(it), type(it).__name__)
class P:
    __slots__ = ("x", "__y")
    def __init__(s):
        s.x = 1
        s.__y = 2
    def y(s):
        return s.__y
class Q(P):
    pass
class R(P):
    __slots__ = ["z"]
p = P()
print(p.x, p.y())
try:
    p.w = 1
except AttributeError as e:
    print(e)
q = Q()
q.w = 3
print(q.w)
r = R()
r.z = 1
try:
    object.__setattr__(r, "k", 1)
except AttributeError as e:
    print(e)
class S:
    __slots__ = ("a", "__dict__")
s = S()
s.b = 2
print(s.b)
