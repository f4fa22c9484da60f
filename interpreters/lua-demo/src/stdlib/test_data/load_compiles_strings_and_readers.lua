print(load("return 1 + 1")())
print(load("syntax error here"))
print(load("x = ", "=mychunk"))
print(load("x = ", "@file.lua"))
print(load("return ...", "c")(1, 2))
local parts = {"return ", "10", " * 2"}
local i = 0
print(load(function() i = i + 1; return parts[i] end)())
print(pcall(load, function() error("reader failed") end))
print(pcall(load, function() return {} end))
local env = {y = 5}
print(load("return y", "env", "t", env)(), load("y = 7; return y", "env", "t", env)(), env.y)
print(load("return 1", "b", "b"))
print(pcall(load))
print(load(string.rep("x", 70)))
print(load("a\nb"))
