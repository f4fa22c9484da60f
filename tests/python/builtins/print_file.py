# print to sys.stdout explicitly, to a StringIO, and flush; sys.stdout.write returns the count.
import sys, io
print("to stdout", file=sys.stdout)
buf = io.StringIO()
print("to buffer", 1, 2, sep=",", file=buf)
print("second", file=buf, end="!")
print(repr(buf.getvalue()))
n = sys.stdout.write("written\n")
print(n)
print("flushed", flush=True)
