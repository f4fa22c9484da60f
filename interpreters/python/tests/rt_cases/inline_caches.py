# Regression cases for the plain interpreter's inline caches and in-loop frames: attribute,
# method and global caches invalidated by class changes (values, methods, properties,
# __setattr__, deletions, __dict__ storage, polymorphic sites), class calls whose __init__ runs
# in the loop (defaults, errors, __new__, metaclasses), list subclasses overriding item access,
# and for loops over generators resumed in the loop (break, errors, StopIteration, recursion).
class A:
    x = 1
    def m(self): return "A.m"
class B(A):
    pass
def get(o): return o.x
def call(o): return o.m()
b = B()
out = []
for i in range(3): out.append(get(b))
A.x = 2
out.append(get(b))
B.x = 3
out.append(get(b))
del B.x
out.append(get(b))
b.x = 10
out.append(get(b))
del b.x
out.append(get(b))
for i in range(3): out.append(call(b))
A.m = lambda self: "new A.m"
out.append(call(b))
B.m = lambda self: "B.m"
out.append(call(b))
b.m = lambda: "inst m"
out.append(call(b))
del b.m
out.append(call(b))
# property added later
class P:
    def __init__(self): self.v = 1
def getv(o): return o.v
p = P()
out.append(getv(p)); out.append(getv(p))
P.v = property(lambda self: "prop")
out.append(getv(p))
del P.v
out.append(getv(p))
# setattr added later
def setv(o, x): o.v = x
for i in range(3): setv(p, i)
out.append(p.v)
log = []
P.__setattr__ = lambda self, k, v: log.append((k, v))
setv(p, 99)
out.append(p.v); out.append(log)
del P.__setattr__
setv(p, 100); out.append(p.v)
# new attribute transitions
class Q: pass
def mk(i):
    q = Q(); q.a = i; q.b = i * 2; return q
qs = [mk(i) for i in range(5)]
out.append([(q.a, q.b) for q in qs])
q = qs[0]; del q.a; q.a = 7; out.append((q.a, q.b, sorted(vars(q))))
# __dict__ switch
r = mk(3); d = r.__dict__; d["a"] = 42; out.append(getattr(r, "a")); r.c = 5; out.append(d)
# polymorphic site
class K1:
    def k(self): return 1
class K2:
    def k(self): return 2
class K3(K1):
    def k(self): return 3
class K4:
    k = staticmethod(lambda: 4)
class K5:
    k = 5
objs = [K1(), K2(), K3(), K4(), K1(), K2(), K3()]
out.append([o.k() for o in objs * 3])
out.append([K5().k for _ in range(3)])
# staticmethod and classmethod via attr
class S:
    @staticmethod
    def s(): return "s"
    @classmethod
    def c(cls): return cls.__name__
s = S()
out.append([s.s(), s.c(), s.s, ][0:2])
print(out)
# builtin methods
l = []
for i in range(5): l.append(i)
class L(list): pass
ll = L(); ll.append(1); ll.foo = 3; ll.append(2)
print(l, ll, ll.foo)
def ap(x, v): x.append(v)
ap(l, 1); ap(ll, 5); print(l, ll)
L.append = lambda self, v: list.insert(self, 0, v)
ap(ll, 9); print(ll)

class P:
    def __init__(self, x, y=2):
        self.x = x; self.y = y
ps = [P(i) for i in range(3)] + [P(1, 5)]
print([(p.x, p.y) for p in ps])
class R:
    def __init__(self):
        return 3
try:
    R()
except TypeError as e:
    print("TypeError", e)
class E:
    def __init__(self, v):
        if v: raise ValueError("bad %d" % v)
        self.v = v
try:
    E(0); E(5)
except ValueError as e:
    print("VE", e)
class N:
    def __new__(cls, *a):
        print("new", a); return super().__new__(cls)
    def __init__(self, a): print("init", a)
N(1); N(2)
class M(type):
    def __call__(cls, *a):
        print("meta call", a); return super().__call__(*a)
class W(metaclass=M):
    def __init__(self, a): self.a = a
print(W(4).a)
class Z:
    pass
print(type(Z()).__name__)
try:
    Z(1)
except TypeError as e:
    print(e)
class V:
    def __init__(self, *args, **kw): self.args = args; self.kw = kw
v = V(1, 2, k=3); print(v.args, v.kw)
class Rec:
    def __init__(self, n):
        self.child = Rec(n - 1) if n else None
r = Rec(5); d = 0
while r: r = r.child; d += 1
print(d)
P.__init__ = lambda self, x, y=0: setattr(self, "x", -x)
print(P(3).x)
class Q2(P): pass
print(Q2(4).x)

class L(list):
    def __getitem__(self, i): return 42
    def __setitem__(self, i, v): print("set", i, v)
l = L([1, 2, 3])
print(l[0])
l[1] = 5
print(list(l))

import sys
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"
print([x for x in count(5)])
t = 0
for x in count(10):
    t += x
print(t)
g = count(10)
for x in g:
    if x == 3:
        break
print(next(g), list(g))
def bad():
    yield 1
    raise StopIteration
try:
    for x in bad():
        print("got", x)
except RuntimeError as e:
    print("RuntimeError:", e, type(e.__cause__).__name__)
def boom():
    yield 1
    yield 1 // 0
try:
    for x in boom():
        print("b", x)
except ZeroDivisionError as e:
    print("ZDE", e)
def nested(n):
    for x in count(n):
        yield x * 2
def nested2(n):
    for x in nested(n):
        if x % 4 == 0:
            yield x
print(list(nested2(20)), sum(nested2(100)))
def selfref():
    for x in range(3):
        try:
            next(gg)
        except ValueError as e:
            yield str(e)
gg = selfref()
for m in gg:
    print(m)
def deep(n):
    if n:
        for x in deep(n - 1):
            yield x
    else:
        yield "bottom"
print(list(deep(50)))
def caught():
    for i in range(3):
        try:
            yield i
        except GeneratorExit:
            print("exit"); raise
c = caught()
for x in c:
    if x == 1: break
c.close()
import inspect
def state():
    yield inspect.getgeneratorstate(sg)
sg = state()
for s in sg: print(s)
print(inspect.getgeneratorstate(sg))
def rec_limit():
    def g(n):
        for x in g(n + 1):
            yield x
        yield n
    try:
        for x in g(0): pass
    except RecursionError:
        print("RecursionError")
rec_limit()
# Module attributes: the cached dict entry must see new values, deletions and other modules.
import math
import sys as _sys


def read_mod():
    return math.pyvgc_x


out = []
math.pyvgc_x = 1
for i in range(3):
    out.append(read_mod())
math.pyvgc_x = 5
out.append(read_mod())
del math.pyvgc_x
try:
    read_mod()
except AttributeError as e:
    out.append(str(e))
math.pyvgc_x = 9
out.append(read_mod())
for m in [math, _sys, math, _sys]:
    out.append(m.__name__)
out.append([math.sqrt(float(i)) for i in range(4)])
print(out)
