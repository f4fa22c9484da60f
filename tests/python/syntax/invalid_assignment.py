# A SyntaxError: cannot assign to a literal.
a = 1
1 = a
