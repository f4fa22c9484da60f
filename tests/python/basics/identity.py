# is / is not with small ints, None, same objects, and fresh containers.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
e = ()
print(e is e, None is None)
t = (a, a)
print(t[0] is t[1])
s = "x"
print(s is s)
def f(): pass
g = f
print(f is g)
