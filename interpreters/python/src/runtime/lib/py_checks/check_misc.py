import abc, copy, string, contextlib, io, types, sys

class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
    @abc.abstractmethod
    def name(self): ...
    def describe(self):
        return '%s %s' % (self.name(), self.area())
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
class Named(Sq):
    def name(self): return 'sq'
for cls in (Shape, Sq):
    try:
        cls(1) if cls is Sq else cls()
    except TypeError as e:
        print(e)
n = Named(3)
print(n.describe(), isinstance(n, Shape), issubclass(Named, Shape), sorted(Shape.__abstractmethods__), Named.__abstractmethods__)
class Reg(abc.ABC):
    pass
Reg.register(int)
print(isinstance(3, Reg), issubclass(int, Reg), isinstance('x', Reg), issubclass(bool, Reg))
class Hook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return True if hasattr(C, 'quack') else NotImplemented
class Duck:
    def quack(self): pass
print(isinstance(Duck(), Hook), isinstance(1, Hook))

class P:
    def __init__(self):
        self.items = [1, [2, 3]]
        self.d = {'k': (4, [5])}
a = P(); b = copy.copy(a); c = copy.deepcopy(a)
a.items[1].append(9); a.d['k'][1].append(6)
print(b.items, c.items, c.d, b.d is a.d, type(c).__name__)
lst = [1, [2]]; lst.append(lst)
dc = copy.deepcopy(lst); print(dc[2] is dc, dc[1] is not lst[1])
t = (1, 2, (3,)); print(copy.deepcopy(t) is t, copy.copy([1, 2]), copy.deepcopy({'a': {1, 2}}))
class WithHooks:
    def __init__(self, v): self.v = v
    def __copy__(self): return WithHooks(self.v + 1)
    def __deepcopy__(self, memo): return WithHooks(self.v + 100)
print(copy.copy(WithHooks(1)).v, copy.deepcopy(WithHooks(1)).v)
class L(list):
    pass
l2 = L([1, [2]]); l2.tag = 'x'
cl = copy.copy(l2); dl = copy.deepcopy(l2)
print(type(cl).__name__, cl, cl.tag, dl, dl[1] is l2[1], cl[1] is l2[1])

print(string.ascii_letters, string.digits, string.hexdigits, repr(string.punctuation), repr(string.whitespace))
print(string.capwords('hello   world  foo'), string.capwords('a-b c-d', '-'))
T = string.Template
print(T('$who likes $$ ${what}s').substitute(who='tim', what='kung pao'))
print(T('$who and $nobody').safe_substitute({'who': 1}))
for tpl, kw in [('$who', {}), ('bad $ here', {'who': 1}), ('line\n  $1', {})]:
    try:
        T(tpl).substitute(**kw)
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
print(T('$a ${b} $$').get_identifiers(), T('$a $').is_valid())
print(string.Formatter().format('{0}-{x}', 1, x=2))

@contextlib.contextmanager
def tag(name):
    print('<%s>' % name)
    try:
        yield name.upper()
    finally:
        print('</%s>' % name)
with tag('p') as v:
    print('inside', v)
try:
    with tag('q'):
        raise KeyError('boom')
except KeyError as e:
    print('caught', e)
@contextlib.contextmanager
def swallow():
    try:
        yield
    except ValueError:
        print('swallowed')
with swallow():
    raise ValueError('x')
print('after swallow')
@contextlib.contextmanager
def noyield():
    if False:
        yield
try:
    with noyield():
        pass
except RuntimeError as e:
    print(e)
with contextlib.suppress(ZeroDivisionError, KeyError):
    1 / 0
print('suppressed')
class Res:
    def close(self): print('closed')
with contextlib.closing(Res()):
    print('using')
with contextlib.nullcontext(5) as x:
    print('null', x)
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print('captured!')
print(repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    for i in range(3):
        stack.callback(print, 'cb', i)
    stack.enter_context(tag('x'))
    print('body')
@tag('deco')
def decorated():
    print('in decorated')
decorated()

s = io.StringIO('line1\nline2\nline3')
print(repr(s.readline()), repr(s.read(3)), s.tell(), repr(s.read()), repr(s.read()))
s.seek(0); print(list(s))
s = io.StringIO(); print(s.write('abc'), s.write('\ndef'), repr(s.getvalue()), s.tell())
s.seek(1); s.write('X'); print(repr(s.getvalue()))
print('to file', 42, file=s, sep='|'); print(repr(s.getvalue()))
s.close(); print(s.closed)
try:
    s.write('x')
except ValueError as e:
    print(e)
try:
    io.StringIO().write(5)
except TypeError as e:
    print(e)
b = io.BytesIO(b'ab\ncd'); print(b.readline(), b.read(), b.getvalue())
ns = types.SimpleNamespace(a=1, b='x'); ns.c = 3
print(ns, ns == types.SimpleNamespace(a=1, b='x', c=3), isinstance(len, types.BuiltinFunctionType))
print(isinstance(lambda: 0, types.FunctionType), type(sys) is types.ModuleType)
