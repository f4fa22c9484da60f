# A SyntaxError: invalid syntax from two adjacent names.
print("fine")
x = 1 2
