import enum
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique, StrEnum

class C(Enum):
    A = 1
    B = 2
    C2 = 2
    def describe(self):
        return self.name.lower()
    @classmethod
    def first(cls):
        return cls.A
try:
    print(1 in C)
except TypeError as e:
    print(e)
print(C.A in C, list(C), C.__members__, C.C2, C.B.describe(), repr(C), type(C).__name__, C.first())
try:
    C.A = 3
except AttributeError as e:
    print(e)
print(C['A'], C(2), C.A.name, C.A.value, C.A is C(1), [m.name for m in reversed(C)], len(C), isinstance(C.A, C))
for bad in [lambda: C(3), lambda: C['Z']]:
    try:
        bad()
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
print(hash(C.A) == hash('A'), C.A == 1, C.A != C.B, C.A == C.A, sorted(C, key=lambda m: m.value))
try:
    C.A < C.B
except TypeError as e:
    print(e)
print(str(C.A), repr(C.A), format(C.A), '{:>6}|'.format(C.A), f'{C.A}')
d = {C.A: 'a'}; print(d[C.A], C.A.__class__ is C)

class E(int, Enum):
    A = 1
class S(str, Enum):
    A = 'x'
print(str(E.A), format(E.A), str(S.A), format(S.A), repr(S.A), E.A + 1, S.A.upper(), repr(E.A))

class Col(IntEnum):
    RED = 1
    GREEN = auto()
print(Col.RED, repr(Col.GREEN), Col.RED + 5, Col.RED < Col.GREEN, Col(2), format(Col.RED, '03d'), int(Col.GREEN), Col.RED == 1)

class F(Flag):
    R = auto()
    W = auto()
    X = auto()
print(str(F(0)), repr(F(0)), str(F.R | F.X), list(F), F.R in F.R | F.W, len(F.R | F.W), bool(F(0)), repr(F(7)), F.R | F.W | F.X == F(7))
print(F.R | F.W, F.R & F.W, repr(F.R ^ F.R), ~F.R, bool(F.R), list(F.R | F.X), F.W.value)
try:
    F(8)
except ValueError as e:
    print(repr(str(e)))

class IF(IntFlag):
    R = 1
    W = 2
print(str(IF.R | IF.W), repr(IF.R | IF.W), repr(~IF.R), IF(8), repr(IF(8)), IF.R | 4, IF.R + 1)

class A(Enum):
    X = auto()
    Y = auto()
class St(StrEnum):
    FOO = auto()
    BAR = 'bar'
print(A.X.value, A.Y.value, St.FOO, repr(St.FOO), St.BAR.upper(), St('bar'), St.FOO == 'foo')
An = Enum('Animal', 'ANT BEE')
print(An, list(An), list(Enum('N', [('a', 5)])), An.BEE.value, list(Enum('M', {'x': 'y'})))
try:
    @unique
    class U(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(e)

class Planet(Enum):
    EARTH = (5.976e+24, 6.37814e6)
    MARS = (6.421e+23, 3.3972e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH.mass, Planet.EARTH.value, round(Planet.MARS.gravity, 3), Planet((6.421e+23, 3.3972e6)))

class Coord(bytes, Enum):
    def __new__(cls, value, label):
        obj = bytes.__new__(cls, [value])
        obj._value_ = value
        obj.label = label
        return obj
    X = (0, 'P.X')
    Y = (1, 'P.Y')
print(Coord.Y.label, Coord.Y.value, Coord(1))

class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2
print(Shape.ALIAS_FOR_SQUARE, list(Shape), Shape(2), [n for n in Shape.__members__])

class Weekday(Enum):
    MON = 1
    TUE = 2
    def is_weekend(self):
        return False
for day in Weekday:
    match day:
        case Weekday.MON:
            print('monday', day.is_weekend())
        case _:
            print('other', day.value)
