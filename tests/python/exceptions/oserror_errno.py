# OSError(errno, strerror, filename): attributes, str(), the errno subclasses; the warning and OSError classes.
import os
for e in [OSError(2, "No such file"), OSError(2, "No such file", "a.txt"), OSError("x"), OSError(13, "Permission denied", "f", None, "g"), OSError(99, "odd"), OSError(1, 2, 3, 4, 5, 6)]:
    print(type(e).__name__, repr(e), "|", str(e), "|", e.args, e.errno, e.strerror, e.filename, e.filename2)
try:
    open("/nonexistent/x.txt")
except FileNotFoundError as e:
    print(e, e.errno, e.strerror, e.filename, e.args)
try:
    os.rename("/nonexistent/a", "/nonexistent/b")
except OSError as e:
    print(type(e).__name__, e, e.filename, e.filename2)
try:
    os.listdir("/nonexistent")
except OSError as e:
    print(type(e).__name__, e)
class MyErr(OSError):
    def __init__(self, msg):
        super().__init__(5, msg)
m = MyErr("custom")
print(m, m.errno, m.args, isinstance(m, OSError))
for c in [ConnectionResetError, TimeoutError, BrokenPipeError, BlockingIOError, PendingDeprecationWarning, FutureWarning, ResourceWarning, SyntaxWarning, ImportWarning, UnicodeWarning, BytesWarning, EncodingWarning]:
    print(c.__name__, c.__mro__[1].__name__)
print(IOError is OSError, EnvironmentError is OSError)
try:
    raise FileExistsError(17, "File exists", "d")
except OSError as e:
    print(repr(e), e)
