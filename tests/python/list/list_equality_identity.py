# Equality compares elements, identity compares objects; `in` uses == (and identity first).
nan = float("nan")
a = [nan]
print(a == a, [nan] == [nan], nan in a, a.count(nan), a.index(nan))
print([1, 2.0] == [1.0, 2], [1] is [1], [] == [], [[]] == [[]])
class Eq:
    def __eq__(self, other):
        print("compare")
        return True
e = Eq()
print(e in [1], [e] == [2])
