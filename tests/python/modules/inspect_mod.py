# inspect: predicates, signature() text and binding, getmembers, getdoc, generator states.
import inspect, functools
def plain(a, b=2, *args, c, d=4, **kw): pass
def posonly(x, y=None, /, z=0, *, w): pass
def annotated(n: int, s: str = 'x') -> list: pass
def gen():
    yield 1
class Shape:
    """A shape.

    With a longer description.
    """
    def __init__(self, sides, name='polygon'): pass
    def area(self, scale=1.0): pass
    @classmethod
    def make(cls, n): pass
    @staticmethod
    def helper(p, q): pass
for f in (plain, posonly, annotated, gen, Shape, Shape(3).area, Shape.area, Shape.make, Shape.helper, lambda *a, **k: 0,
          functools.partial(plain, 1, c=3)):
    print(inspect.signature(f))
sig = inspect.signature(plain)
print(repr(sig), list(sig.parameters), sig.parameters['b'].default, sig.parameters['args'].kind, str(sig.parameters['kw']))
ba = sig.bind(1, 2, 3, c=5, e=6)
print(ba.arguments, ba.args, ba.kwargs)
ba.apply_defaults()
print(ba.arguments)
try:
    inspect.signature(posonly).bind(1, w=2, x=3)
except TypeError as e:
    print('TypeError', e)
print(inspect.isfunction(plain), inspect.isfunction(len), inspect.isclass(Shape), inspect.ismethod(Shape(3).area),
      inspect.isbuiltin(len), inspect.isgeneratorfunction(gen), inspect.isgenerator(gen()), inspect.ismodule(inspect),
      inspect.isroutine(Shape.helper), inspect.isabstract(Shape))
print([name for name, _ in inspect.getmembers(Shape, inspect.isfunction)], inspect.getdoc(Shape))
print(inspect.getfullargspec(plain))
g = gen()
print(inspect.getgeneratorstate(g), end=' ')
next(g)
print(inspect.getgeneratorstate(g), end=' ')
g.close()
print(inspect.getgeneratorstate(g))
print(inspect.cleandoc('''
    First line
        indented
    last'''))
