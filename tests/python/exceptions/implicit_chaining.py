# An exception raised in an except block gets __context__ set to the one being handled.
try:
    try:
        [][1]
    except IndexError:
        {}["missing"]
except KeyError as e:
    print(type(e).__name__, type(e.__context__).__name__, e.__cause__)
def cleanup_fails():
    try:
        raise ValueError("original")
    finally:
        pass
try:
    cleanup_fails()
except ValueError as e:
    print("finally without raise keeps", e, e.__context__)
