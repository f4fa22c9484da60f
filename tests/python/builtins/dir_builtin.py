# dir() on classes lists attributes sorted, including inherited ones; dir() at module level.
class Base:
    def base_method(self): pass
class Child(Base):
    attr = 1
    def child_method(self): pass
names = [n for n in dir(Child) if not n.startswith("__")]
print(names)
import math
print([n for n in dir(math) if n.startswith("log")])
x_local = 1
print("x_local" in dir(), "Child" in dir())
