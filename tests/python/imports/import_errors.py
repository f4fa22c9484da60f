# Importing a missing module raises ModuleNotFoundError with its name.
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e, e.name)
try:
    from _pkg import nothing_here
except ImportError as e:
    print("ImportError:", type(e).__name__)
