# Return values and exceptions passing through finally, and exception replaced in finally.
def f(flag):
    try:
        if flag:
            raise ValueError("from try")
        return "normal"
    finally:
        print("finally for", flag)
print(f(False))
try:
    f(True)
except ValueError as e:
    print("caught", e)
def replaced():
    try:
        raise ValueError("first")
    finally:
        raise TypeError("second")
try:
    replaced()
except TypeError as e:
    print(e, "context:", e.__context__)
