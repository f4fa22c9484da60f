-- Uncaught error: indexing a nil local.
local t = nil
print("start")
print(t.x)
