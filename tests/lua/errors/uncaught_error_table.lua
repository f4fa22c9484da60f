-- Uncaught error with a table error object that has no __tostring.
print("raising a table")
error({ code = 1 })
