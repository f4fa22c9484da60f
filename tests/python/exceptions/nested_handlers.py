# Exceptions propagate through nested functions and handlers; finally runs on the way out.
def level3():
    try:
        raise KeyError("deep")
    finally:
        print("level3 finally")
def level2():
    try:
        level3()
    except ValueError:
        print("not reached")
    finally:
        print("level2 finally")
def level1():
    try:
        level2()
    except KeyError as e:
        print("level1 caught", e)
        return "recovered"
print(level1())
