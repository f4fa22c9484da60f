# isinstance and issubclass with tuples of types, bool/int, and user classes.
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), isinstance(3, (str, int)), isinstance(True, int))
print(isinstance("s", str), isinstance([], (tuple, dict)), isinstance(None, type(None)), isinstance(int, type))
print(issubclass(B, (str, A)), issubclass(bool, (int,)), issubclass(A, object), issubclass(type, object))
try:
    isinstance(3, 4)
except TypeError as e:
    print("TypeError:", e)
try:
    issubclass(3, int)
except TypeError as e:
    print("TypeError:", e)
