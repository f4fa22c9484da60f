# __eq__ and __hash__: defining __eq__ alone makes instances unhashable; value objects in sets/dicts.
class Plain:
    pass
a, b = Plain(), Plain()
print(a == a, a == b, a != b, len({a, b, a}))
class Money:
    def __init__(self, amount, cur):
        self.amount, self.cur = amount, cur
    def __eq__(self, other):
        return isinstance(other, Money) and (self.amount, self.cur) == (other.amount, other.cur)
    def __hash__(self):
        return hash((self.amount, self.cur))
print(Money(5, "EUR") == Money(5, "EUR"), Money(5, "EUR") != Money(6, "EUR"), len({Money(1, "X"), Money(1, "X")}))
print({Money(2, "Y"): "found"}[Money(2, "Y")], Money(1, "X") == 5)
class EqOnly:
    def __eq__(self, other):
        return True
try:
    {EqOnly()}
except TypeError as e:
    print("TypeError:", e)
print(EqOnly.__hash__)
