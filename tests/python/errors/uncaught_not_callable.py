# Calling a non-callable value.
handlers = {"a": len}
print(handlers["a"]("xyz"))
handlers["b"] = "not a function"
handlers["b"]("x")
