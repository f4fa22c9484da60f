# File positions: seek/tell in text and binary modes, r+/w+/a+ reading back what was written.
import os, tempfile
d = tempfile.mkdtemp()
p = os.path.join(d, "f.txt")
with open(p, "w") as f:
    print(f.tell())
    f.write("hello\nworld\n")
    print(f.tell())
with open(p) as f:
    print(f.readline(), f.tell())
    f.seek(0)
    print(f.read(3), f.tell())
    print(f.seek(0, 2), f.tell())
with open(p, "rb") as f:
    f.seek(6)
    print(f.read(), f.tell())
    f.seek(-3, 2)
    print(f.read())
    f.seek(1); f.seek(2, 1); print(f.read(2))
with open(p, "r+") as f:
    f.seek(0); f.write("J"); f.seek(0); print(f.read())
with open(p, "a+") as f:
    f.write("x"); f.seek(0); print(repr(f.read()))
with open(p, "w+") as f:
    f.write("abc"); f.seek(0); print(f.read(), f.seekable(), f.readable(), f.writable())
os.remove(p); os.rmdir(d)
d = tempfile.mkdtemp()
p = os.path.join(d, "g.txt")
open(p, "w").close()
for mode, op in [("r", lambda f: f.write("x")), ("w", lambda f: f.read()), ("r", lambda f: f.seek(1, 1))]:
    try:
        with open(p, mode) as f:
            op(f)
    except (OSError, ValueError) as e:
        print(type(e).__name__, e, isinstance(e, OSError))
try:
    open(p).seek(-1)
except ValueError as e:
    print("ValueError:", e)
os.remove(p); os.rmdir(d)
# Universal newlines: text reads turn \r\n and \r into \n unless newline="" is given.
d = tempfile.mkdtemp()
p = os.path.join(d, "crlf.txt")
with open(p, "wb") as f:
    f.write(b"a,b\r\n1,2\r\nold mac\rend")
with open(p) as f:
    print(repr(f.read()))
with open(p) as f:
    print([line for line in f])
with open(p, newline="") as f:
    print(repr(f.read()))
with open(p, "rb") as f:
    print(f.read())
os.remove(p); os.rmdir(d)
