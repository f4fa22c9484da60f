# Generator attributes and states, finally clauses run on close, and generators in classes.
import inspect
def g():
    try:
        yield 1
        yield 2
    finally:
        print("generator cleanup")
gen = g()
print(inspect.getgeneratorstate(gen))
next(gen)
print(inspect.getgeneratorstate(gen))
gen.close()
print(inspect.getgeneratorstate(gen))
class Tree:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t), 3 in t)
