# A SyntaxError: assigning to a keyword.
None = 5
