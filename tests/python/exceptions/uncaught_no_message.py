# An uncaught exception without arguments prints just the class name.
class Stop(Exception):
    pass
print("start")
raise Stop
