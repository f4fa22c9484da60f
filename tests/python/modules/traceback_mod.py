# traceback: format_exc inside a handler, format_exception of a caught exception with a chained
# cause, format_exception_only, print_exc to a StringIO.
import io
import traceback


def inner():
    raise KeyError("k")


def outer():
    try:
        inner()
    except KeyError as e:
        raise ValueError("wrapped") from e


try:
    outer()
except ValueError as e:
    text = traceback.format_exc()
    lines = text.splitlines()
    print(lines[0], "|", lines[-1])
    print([l for l in lines if l.startswith("  File")][-1].split(",")[-1])
    print("direct cause" in text, text.count("Traceback"))
    parts = traceback.format_exception(e)
    print(len(parts) > 3, parts[-1], end="")
    print(traceback.format_exception_only(e))
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print(buf.getvalue() == text)
print(traceback.format_exc().strip())
