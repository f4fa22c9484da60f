# while on containers, emptying them, and conditions on objects with __len__.
work = ["a", "b", "c"]
while work:
    print("processing", work.pop())
d = {"k": 1}
while d:
    print(d.popitem())
class Bag:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
b = Bag(3)
while b:
    print("bag has", len(b))
    b.n -= 1
