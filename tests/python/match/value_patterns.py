# Dotted names are value patterns (compared), bare names capture.
from enum import Enum
class Color(Enum):
    RED = "r"
    GREEN = "g"
class Const:
    LIMIT = 10
def check(v):
    match v:
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
        case Const.LIMIT:
            return "at limit"
        case _:
            return "other"
print(check(Color.RED), check(Color.GREEN), check(10), check(11), check("r"))
