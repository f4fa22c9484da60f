# pass, Ellipsis and docstrings as expression statements.
def f():
    """doc"""
    pass
class C:
    ...
print(f(), f.__doc__, ..., Ellipsis is ..., type(...).__name__)
print(C.__name__, C.__doc__)
