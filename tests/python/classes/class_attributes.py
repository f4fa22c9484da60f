# Class attributes are shared until shadowed; mutation through the class is seen by all instances.
class Config:
    defaults = {"debug": False}
    level = 1
a, b = Config(), Config()
a.level = 5
Config.level = 2
print(a.level, b.level, Config.level)
a.defaults["debug"] = True
print(b.defaults, Config.defaults is a.defaults)
del a.level
print(a.level)
Config.new_attr = "added later"
print(b.new_attr, sorted(k for k in vars(Config) if not k.startswith("__")))
setattr(Config, "level", 9)
print(getattr(b, "level"), Config.__name__, Config.__qualname__, Config.__module__)
