# exc.__traceback__ and sys.exc_info()[2]: traceback objects, walk_tb/extract_tb/format_tb, with_traceback.
import sys, traceback
def inner(x):
    return 1 / x
def outer(x):
    return inner(x)
try:
    outer(0)
except ZeroDivisionError as e:
    tb = e.__traceback__
    print(type(tb).__name__, tb.tb_lineno, tb.tb_frame.f_code.co_name, tb.tb_next.tb_frame.f_code.co_name)
    print(tb.tb_next.tb_next.tb_lineno, tb.tb_next.tb_next.tb_next)
    print([(f.f_code.co_name, n) for f, n in traceback.walk_tb(tb)])
    for fs in traceback.extract_tb(tb):
        print(fs.name, fs.lineno, fs.line, fs.filename.endswith("tb.py"))
    print([item.splitlines()[0].replace(__file__, "FILE") for item in traceback.format_tb(tb)])
    t, v, tb2 = sys.exc_info()
    print(t.__name__, v, tb2.tb_lineno, len(traceback.extract_tb(tb2, limit=2)))
e = ValueError("w")
print(e.__traceback__, e.with_traceback(None) is e)
try:
    try:
        raise KeyError("k")
    except KeyError as k:
        saved = k.__traceback__
    raise RuntimeError("again").with_traceback(saved)
except RuntimeError as r:
    print([fs.lineno for fs in traceback.extract_tb(r.__traceback__)])
try:
    ValueError().with_traceback(5)
except TypeError as te:
    print("TypeError:", te)
