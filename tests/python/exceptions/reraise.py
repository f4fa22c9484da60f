# Bare raise re-raises the current exception; raising a class instantiates it.
def risky():
    raise RuntimeError("inner")
try:
    try:
        risky()
    except RuntimeError:
        print("handling and re-raising")
        raise
except RuntimeError as e:
    print("outer got", e)
try:
    raise IndexError
except IndexError as e:
    print(repr(e), e.args)
try:
    raise 5
except TypeError as e:
    print("TypeError:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
