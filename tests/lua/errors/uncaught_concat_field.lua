-- Uncaught error: concatenating a missing field.
local config = { name = "demo" }
print("name: " .. config.name)
print("version: " .. config.version)
