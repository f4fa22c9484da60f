# Name resolution: local, enclosing, global, builtin; shadowing builtins.
x = "global"
def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()
print(outer())
def local_only():
    x = "local"
    return x
print(local_only(), x)
def shadow():
    len = lambda s: 42
    return len("abc")
print(shadow(), len("abc"))
def reads_global():
    return x.upper()
print(reads_global())
try:
    def broken():
        print(y)
        y = 1
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
