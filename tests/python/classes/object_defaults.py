# What object gives every class: __eq__ by identity, __ne__, __hash__, __str__ via __repr__, __dir__.
class E:
    pass
e = E()
print(e == e, e != E(), e.__eq__(1), hash(e) == hash(e), str(e) == repr(e))
print(isinstance(e, object), issubclass(E, object), E.__bases__, object.__bases__)
print("__init__" in dir(e), "__class__" in dir(E))
o = object()
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError:", e)
