# Conditional expressions, boolean operators returning operands, and `not` precedence.
for n in range(-2, 3):
    print(n, "pos" if n > 0 else "zero" if n == 0 else "neg")
print([] or {} or 0 or "x")
print("a" and "b" and "")
print(not 1 == 2, (not 1) == 2)
print(1 and 0 or 5)
a = None
print(a if a is not None else "fallback")
