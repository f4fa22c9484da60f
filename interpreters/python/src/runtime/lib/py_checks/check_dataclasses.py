from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, InitVar, KW_ONLY
import dataclasses
from typing import ClassVar, List

@dataclass
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)
    count: ClassVar[int] = 0
p = Point(1, 2)
print(p, Point(3), Point(y=5, x=1), p == Point(1, 2), p != Point(2, 2), p.tags, Point.y, Point.count)
print([f.name for f in fields(p)], asdict(p), astuple(p), replace(p, y=9), is_dataclass(p), is_dataclass(Point), is_dataclass(1))
print(Point.__match_args__, Point.__hash__, Point.__doc__)
for bad in [lambda: Point(), lambda: Point(1, 2, [], 4), lambda: Point(1, z=3), lambda: Point(1, x=2), lambda: replace(p, z=1)]:
    try:
        bad()
    except TypeError as e:
        print(e)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e:
    print(e)

@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
v = Version(1, 2)
print(v < Version(1, 3), v >= Version(1, 2), sorted([Version(2), Version(1, 5), Version(1)]), hash(v) == hash((1, 2)))
try:
    v.major = 3
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    del v.minor
except FrozenInstanceError as e:
    print(e)
print({v: 1}[Version(1, 2)])

@dataclass
class Base:
    a: int
    b: str = 'b'
@dataclass
class Child(Base):
    c: float = 1.5
    def total(self):
        return self.a + self.c
ch = Child(1, 'x', 2.5)
print(ch, ch.total(), [f.name for f in fields(Child)], Child(7))

@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    scale: InitVar[int] = 2
    def __post_init__(self, scale):
        self.b = self.a * scale
print(WithPost(3), WithPost(3, 10), [f.name for f in fields(WithPost)])

@dataclass
class Opts:
    name: str
    _: KW_ONLY
    debug: bool = False
    level: int
print(Opts('x', level=3), Opts('y', debug=True, level=1))
for bad in [lambda: Opts('x'), lambda: Opts('x', 1, level=2)]:
    try:
        bad()
    except TypeError as e:
        print(e)

@dataclass(kw_only=True)
class K:
    a: int
    b: int = 2
print(K(a=1), K.__match_args__)

@dataclass(eq=False)
class NoEq:
    a: int
print(NoEq(1) == NoEq(1), NoEq.__hash__ is object.__hash__)

@dataclass(unsafe_hash=True)
class H:
    a: int
    b: list = field(default_factory=list, hash=False, compare=False, repr=False)
print(hash(H(1)) == hash((1,)), H(1), H(1) == H(1, [2]))

@dataclass
class Node:
    val: int
    children: List['Node'] = field(default_factory=list)
n = Node(1, [Node(2), Node(3, [Node(4)])])
print(n)
print(asdict(n))
n.children.append(n)
print(repr(n)[:40])

@dataclass(repr=False)
class R:
    a: int
    def __repr__(self):
        return 'custom'
print(R(1), dataclasses.fields(R)[0].type)
C = dataclasses.make_dataclass('C', [('x', int), ('y', int, field(default=5))])
print(C(1), C(1, 2) == C(1, 2))
match Point(1, 2):
    case Point(x, y):
        print('matched', x, y)
