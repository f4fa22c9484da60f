# Built-in exceptions can be created and raised directly; their names and bases.
for cls in [ValueError, TypeError, KeyError, IndexError, AttributeError, NameError, ZeroDivisionError,
            RuntimeError, StopIteration, NotImplementedError, OverflowError, FileNotFoundError, AssertionError,
            ImportError, LookupError, ArithmeticError, UnicodeError, RecursionError, OSError, EOFError]:
    try:
        raise cls("msg")
    except Exception as e:
        print(cls.__name__, cls.__bases__[0].__name__, repr(e))
