# Uncaught ZeroDivisionError inside a nested call.
def ratio(a, b):
    return a / b
def report(values):
    for v in values:
        print(ratio(10, v))
report([5, 2, 0, 1])
