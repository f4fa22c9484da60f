# __call__ makes instances callable; callable() sees it.
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, *rest):
        return x * self.k + sum(rest)
double = Multiplier(2)
print(double(5), double(5, 1, 1), list(map(double, [1, 2, 3])), callable(double), callable(Multiplier))
class Counter:
    def __init__(self):
        self.calls = 0
    def __call__(self):
        self.calls += 1
        return self.calls
c = Counter()
c(); c(); print(c(), c.calls)
