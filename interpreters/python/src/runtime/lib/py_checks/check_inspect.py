import inspect
from inspect import signature, Parameter, Signature
import functools

def f0(): pass
def f1(a, b=2, *args, c, d=4, **kw): pass
def f2(a, /, b, *, c): pass
def f3(x: int, y: 'str' = 'hi', *rest: float, flag: bool = False) -> list: pass
def f4(a, b=None, /, c=[1, 2]): pass
def gen(n):
    yield n
class K:
    """Doc of K.

        Indented line.
    """
    def __init__(self, p, q=1): pass
    def meth(self, z, *, w=0): pass
    @staticmethod
    def st(u, v): pass
    @classmethod
    def cm(cls, t): pass
    def __call__(self, r, s=3): pass
class Plain: pass
for fn in (f0, f1, f2, f3, f4, gen, K, K(0).meth, K.meth, K.st, K.cm, K(1), Plain, lambda x, *y: 0,
           functools.partial(f1, 1, c=3), functools.partial(f2, 5)):
    s = signature(fn)
    print(str(s), [(p.name, str(p.kind), p.default is Parameter.empty) for p in s.parameters.values()])
print(repr(signature(f1)), repr(signature(f1).parameters['b']), signature(f3).return_annotation)
print(inspect.isfunction(f0), inspect.isfunction(len), inspect.isclass(K), inspect.isclass(K(0)),
      inspect.ismethod(K(0).meth), inspect.ismethod(K.meth), inspect.isbuiltin(len), inspect.isroutine(f0),
      inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(f0), inspect.isgenerator(gen(1)),
      inspect.ismodule(inspect), inspect.iscoroutinefunction(f0), inspect.isabstract(K))
g = gen(3)
print(inspect.getgeneratorstate(g))
next(g)
print(inspect.getgeneratorstate(g))
for _ in g: pass
print(inspect.getgeneratorstate(g))
g2 = gen(1); g2.close(); print(inspect.getgeneratorstate(g2))
print(repr(inspect.getdoc(K)), inspect.cleandoc('  a\n    b\n  c\n'))
print([n for n, v in inspect.getmembers(K, inspect.isfunction)])
b = signature(f1).bind(1, 2, 3, c=5, e=6)
print(b.arguments, b.args, b.kwargs)
b.apply_defaults()
print(b.arguments)
for args, kw in [((), {}), ((1, 2, 3), {}), ((1,), {'a': 2})]:
    try:
        signature(f2).bind(*args, **kw)
    except TypeError as e:
        print('TypeError', e)
print(inspect.getfullargspec(f1))
print(signature(f1).bind_partial(1).arguments)
print(Signature([Parameter('a', Parameter.POSITIONAL_ONLY), Parameter('b', Parameter.KEYWORD_ONLY, default=1)]))
print(inspect.unwrap(functools.wraps(f0)(lambda: 1)) is f0, signature(functools.wraps(f2)(lambda *a: 1)))
print(Parameter.KEYWORD_ONLY > Parameter.POSITIONAL_ONLY, Parameter.VAR_KEYWORD.name)
