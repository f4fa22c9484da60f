# The built-in exception hierarchy: catching by base class, and __mro__ of common exceptions.
checks = [(ZeroDivisionError, ArithmeticError), (KeyError, LookupError), (IndexError, LookupError),
          (FileNotFoundError, OSError), (UnicodeDecodeError, ValueError), (RecursionError, RuntimeError),
          (NotImplementedError, RuntimeError), (StopIteration, Exception), (KeyboardInterrupt, Exception),
          (KeyboardInterrupt, BaseException), (ModuleNotFoundError, ImportError), (bool, int), (TypeError, Exception)]
for sub, base in checks:
    print(sub.__name__, base.__name__, issubclass(sub, base))
print([c.__name__ for c in ZeroDivisionError.__mro__])
try:
    {}["k"]
except LookupError as e:
    print("caught as LookupError:", type(e).__name__, e)
try:
    1 / 0
except (TypeError, ArithmeticError) as e:
    print("tuple clause:", type(e).__name__)
