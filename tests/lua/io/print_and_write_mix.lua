-- print and io.write share stdout, so their output interleaves in program order.
for i = 1, 3 do
  io.write("[", i, "]")
  print(" line", i)
end
io.write("no newline at the end")
