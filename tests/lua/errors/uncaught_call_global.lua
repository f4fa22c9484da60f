-- Uncaught error: calling an undefined global function.
io.write("partial line then ")
missing_function(1, 2)
