# hasattr, getattr, setattr, delattr, vars, dir on instances, classes and modules.
import math
class Thing:
    kind = "thing"
    def __init__(self):
        self.a = 1
t = Thing()
setattr(t, "b", 2)
print(hasattr(t, "a"), hasattr(t, "zzz"), getattr(t, "b"), getattr(t, "c", None), getattr(Thing, "kind"))
delattr(t, "a")
print(vars(t), "kind" in dir(t), "b" in dir(t), "a" in dir(t))
print(getattr(math, "sqrt")(9), hasattr(math, "tau"), callable(getattr(t, "__init__")))
try:
    getattr(t, "missing")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(t, "missing")
except AttributeError as e:
    print("AttributeError:", e)
print(sorted(k for k in vars(Thing) if not k.startswith("__")))
