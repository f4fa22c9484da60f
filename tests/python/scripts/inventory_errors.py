# Error handling in depth: finally ordering, re-raise, exception groups of handlers, else
# clauses, custom __str__, KeyError/IndexError messages, and an uncaught KeyError at the end.
import traceback
import sys


class AppError(Exception):
    code = 1

    def __str__(self):
        return f"[{self.code}] {super().__str__()}"


class NotFound(AppError):
    code = 404


def lookup(db, key):
    try:
        return db[key]
    except KeyError:
        raise NotFound(f"no such key: {key!r}")
    finally:
        print("lookup done", key)


db = {"a": 1, "b": [1, 2, 3]}
print(lookup(db, "a"))
try:
    lookup(db, "zz")
except AppError as e:
    print("caught", type(e).__name__, e, e.args, isinstance(e, NotFound))
    print(repr(e.__context__))


def f(n):
    try:
        if n == 0:
            raise ValueError("zero")
        elif n == 1:
            return "one"
        r = 10 / (n - 2)
    except ValueError as e:
        print("value error", e)
        return "handled"
    except ZeroDivisionError as e:
        print("zero division:", e)
        raise
    else:
        print("no error", r)
        return r
    finally:
        print("finally", n)


print(f(0), f(1), f(4))
try:
    f(2)
except ZeroDivisionError:
    print("re-raised")
for bad in (lambda: [1][5], lambda: {}["k"], lambda: int("x"), lambda: None.foo, lambda: "a" + 1, lambda: undefined_name):
    try:
        bad()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
try:
    raise AppError("base")
except NotFound:
    print("wrong")
except AppError as e:
    print("right", e)
errors = []
for x in ["1", "2", "three", "4", None]:
    try:
        errors.append(int(x))
    except (ValueError, TypeError) as e:
        errors.append(type(e).__name__)
print(errors)
try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("AssertionError:", e)
print(sys.exc_info()[0])
def deep(n):
    if n == 0:
        raise LookupError("bottom")
    deep(n - 1)
try:
    deep(3)
except LookupError as e:
    tb = traceback.format_exc()
    print(tb.splitlines()[0], tb.splitlines()[-1])
print(db["missing"])
