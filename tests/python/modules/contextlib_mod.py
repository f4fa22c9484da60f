# contextlib: contextmanager, suppress, closing, ExitStack, redirect_stdout.
import contextlib, io
@contextlib.contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")
with tag("div") as t:
    print("inside", t)
with contextlib.suppress(KeyError):
    {}["missing"]
print("suppressed")
class Res:
    def close(self):
        print("closed")
with contextlib.closing(Res()):
    print("using resource")
with contextlib.ExitStack() as stack:
    for n in ["a", "b"]:
        stack.enter_context(tag(n))
    print("body")
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
