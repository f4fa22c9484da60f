# Keyword-only parameters after * and positional-only before /.
def kw(a, *, b, c=3):
    return a, b, c
print(kw(1, b=2), kw(1, c=0, b=5))
try:
    kw(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    kw(1)
except TypeError as e:
    print("TypeError:", e)
def pos(a, b, /, c, *, d):
    return a + b + c + d
print(pos(1, 2, 3, d=4), pos(1, 2, c=3, d=4))
try:
    pos(a=1, b=2, c=3, d=4)
except TypeError as e:
    print("TypeError:", e)
def mixed(x, /, y=2, *args, z, **kw):
    return x, y, args, z, kw
print(mixed(1, z=0), mixed(1, 5, 6, 7, z=8, x=9))
