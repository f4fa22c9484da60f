# Exceptions keep a __traceback__; sys.exc_info inside handlers; the with_traceback method.
import sys
try:
    raise ValueError("v")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None)
print(sys.exc_info())
e = ValueError("w")
print(e.__traceback__, e.with_traceback(None) is e)
