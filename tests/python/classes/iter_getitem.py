# __iter__/__next__ iterators, iteration through __getitem__, __len__, __contains__, __reversed__.
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(5)), sum(Countdown(4)))
class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i
print(list(Squares()), 9 in Squares(), 7 in Squares())
class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        return self.cells.get(key, ".")
    def __setitem__(self, key, v):
        self.cells[key] = v
    def __delitem__(self, key):
        del self.cells[key]
    def __len__(self):
        return len(self.cells)
    def __contains__(self, key):
        return key in self.cells
g = Grid()
g[0, 0] = "X"
g[1, 2] = "O"
print(g[0, 0], g[5, 5], len(g), (1, 2) in g, (2, 2) in g)
del g[0, 0]
print(len(g))
class Seq:
    def __init__(self, items):
        self.items = items
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def __reversed__(self):
        return iter(["custom", "reversed"])
print(list(reversed(Seq([1, 2, 3]))), Seq([1, 2, 3])[1:], len(Seq("ab")))
