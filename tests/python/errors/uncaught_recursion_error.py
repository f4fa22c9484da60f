# Unbounded recursion ends in RecursionError with CPython's message.
def forever(n):
    return forever(n + 1) + 1
print("about to recurse")
forever(0)
