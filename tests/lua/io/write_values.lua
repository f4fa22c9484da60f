-- io.write writes strings and numbers without separators or newline; floats go through "%.14g", so
-- unlike print and tostring, 1.0 is written as "1" and -0.0 as "-0".
io.write("a", "b", 1, 2.5, -3, 1e100, "\n")
io.write(1.0, " ", -0.0, " ", 2^63, " ", math.mininteger, "\n")
io.write()
io.write("")
io.write(string.format("%5.2f|%d", 3.14159, 42), "\n")
print(io.write("chained ") == io.stdout)
io.write("x"):write("y"):write("\n")
print(pcall(io.write, {}))
print(pcall(io.write, nil))
