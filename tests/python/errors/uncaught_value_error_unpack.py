# An uncaught ValueError from unpacking too many values.
a, b = 1, 2
print(a, b)
a, b = [1, 2, 3]
