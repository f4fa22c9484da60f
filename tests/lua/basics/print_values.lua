-- print separates arguments with tabs, prints nothing-but-newline for no args, and uses tostring.
print()
print("a", "b", "c")
print(1, -1, 0, 1.0, -1.5, 123456789012)
print("with", nil, "in the middle")
print(true, false)
print("embedded\ttab", "x")
print(#"hello", ("x"):rep(3))
print(string.format("%s|%s", 1, 2.0))
