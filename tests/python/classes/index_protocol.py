# __index__ on user classes: list and str indexing, range(), bin/hex, and IntEnum members used
# as indices; str indexed by a non-int gives CPython's 3.11 message.
from enum import IntEnum


class Idx:
    def __init__(self, i):
        self.i = i

    def __index__(self):
        return self.i


class Pos(IntEnum):
    FIRST = 0
    LAST = -1


data = ["a", "b", "c", "d"]
print(data[Idx(1)], "xyz"[Idx(2)], data[Pos.LAST], data[Pos.FIRST], (1, 2, 3)[Idx(-1)])
print(list(range(Idx(3))), hex(Idx(255)), bin(Idx(5)), Pos.LAST + 1, Pos.FIRST == 0, sorted(Pos))
for bad in ("1", 1.5, None):
    try:
        "abc"[bad]
    except TypeError as e:
        print("TypeError:", e)
try:
    data["x"]
except TypeError as e:
    print("TypeError:", e)
d = {}
print(divmod(7, 2), divmod(-7.5, 2))
try:
    divmod(1.5, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
