# Method calls in a hot loop, including a method redefined on the class midway.
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, k):
        self.n += k
        return self.n
c = Counter()
for i in range(5000):
    c.inc(i % 3)
print(c.n)
def inc_twice(self, k):
    self.n += 2 * k
    return self.n
Counter.inc = inc_twice
for i in range(5000):
    c.inc(1)
print(c.n)
