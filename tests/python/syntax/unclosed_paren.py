# A SyntaxError: an unclosed parenthesis.
print("ok")
values = (1, 2,
print("never")
