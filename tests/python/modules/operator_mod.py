# operator: arithmetic functions, itemgetter, attrgetter, methodcaller.
import operator as op
print(op.add(2, 3), op.mul(4, 5), op.sub(1, 9), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.neg(4), op.pow(2, 8))
print(op.eq(1, 1), op.lt(1, 2), op.not_(0), op.contains([1, 2], 2), op.getitem("abc", 1), op.concat("a", "b"))
rows = [("b", 2, 9), ("a", 3, 1), ("c", 1, 5)]
print(sorted(rows, key=op.itemgetter(1)), op.itemgetter(0, 2)(rows[0]))
class P:
    def __init__(self, name): self.name = name
print([p.name for p in sorted([P("z"), P("m")], key=op.attrgetter("name"))], op.methodcaller("upper")("abc"))
