# io.StringIO: write, getvalue, seek, read, readline, iteration.
import io
s = io.StringIO()
s.write("line one\n")
s.write("line two\n")
print(s.write("three"), repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read(4)), repr(s.read()))
r = io.StringIO("a\nb\nc\n")
print([line.strip() for line in r], io.StringIO("x\ny").readlines())
b = io.BytesIO(b"bytes data")
print(b.read(5), b.getvalue())
