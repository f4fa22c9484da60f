# Uncaught AttributeError on an int.
x = 10
print(x.real)
print(x.foo)
