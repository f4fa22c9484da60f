# enum: Enum members, values, iteration, lookup by value and name, auto, IntEnum, Flag.
from enum import Enum, IntEnum, auto, Flag
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
print(Color.RED, repr(Color.GREEN), Color(3), Color["RED"], Color.RED.name, Color.RED.value, list(Color))
print(Color.RED == Color.RED, Color.RED is Color(1), Color.RED == 1, len(Color), isinstance(Color.BLUE, Color))
class Step(Enum):
    FIRST = auto()
    SECOND = auto()
print(Step.FIRST.value, Step.SECOND.value)
class Prio(IntEnum):
    LOW = 1
    HIGH = 2
print(Prio.HIGH > Prio.LOW, Prio.LOW + 1, sorted([Prio.HIGH, Prio.LOW]))
class Perm(Flag):
    R = 4
    W = 2
    X = 1
print(Perm.R | Perm.W, bool(Perm.R & Perm.X), (Perm.R | Perm.W).value)
try:
    Color(9)
except ValueError as e:
    print("ValueError:", e)
