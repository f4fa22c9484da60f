# A SyntaxError: unterminated string literal.
s = "ok"
t = "not closed
