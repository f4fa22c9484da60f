-- Uncaught "bad argument" error from a library function.
print(string.rep("ab", 2))
print(string.rep())
