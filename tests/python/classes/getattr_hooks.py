# __getattr__ is called only for missing attributes; __setattr__ and __delattr__ intercept all.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self.target, name)
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        setattr(self.target, name, value)
    def __delattr__(self, name):
        self.log.append("del " + name)
class T:
    x = 1
t = T()
p = Proxy(t)
print(p.x, p.target is t)
p.y = 5
print(t.y, p.y)
del p.y
print(p.log)
class Dyn:
    def __getattr__(self, name):
        if name.startswith("get_"):
            return lambda: name[4:]
        raise AttributeError(f"no {name}")
print(Dyn().get_thing())
try:
    Dyn().other
except AttributeError as e:
    print("AttributeError:", e)
