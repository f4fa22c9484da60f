# True division of ints always gives a float, correctly rounded even for big operands.
print(7 / 2, -7 / 2, 6 / 3, 1 / 3, 2 / 3, 10 ** 20 / 3, 1 / 10 ** 10)
print((2 ** 60 + 1) / 2 ** 60, 10 ** 30 / 10 ** 28, (10 ** 400) / (10 ** 399))
print(type(4 / 2).__name__, 0 / 5, -0 / 5)
try:
    print(10 ** 400 / 3)
except OverflowError as e:
    print("OverflowError:", e)
