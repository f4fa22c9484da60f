# A SyntaxError inside an f-string expression.
name = "x"
print(f"{name!z}")
