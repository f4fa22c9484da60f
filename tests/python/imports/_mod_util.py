# Helper module imported by the imports/ programs (skipped by the runner: its name starts with "_").
print("_mod_util loaded")
GREETING = "hello"
counter = 0
def shout(s):
    return s.upper() + "!"
def bump():
    global counter
    counter += 1
    return counter
class Helper:
    def __repr__(self):
        return "Helper()"
_private = "hidden"
__all__ = ["shout", "GREETING", "Helper"]
