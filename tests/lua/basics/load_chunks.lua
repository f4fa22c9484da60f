-- load compiles a string chunk; it sees globals, returns values, takes varargs, and reports syntax errors.
local f = load("return 1 + 2")
print(f())
print(load("local a, b = ... return a * b")(6, 7))
shared_global = "visible"
print(load("return shared_global")())
local q = string.format("%q", "round\ntrip \"\\\0")
print(load("return " .. q)() == "round\ntrip \"\\\0")
local bad, msg = load("return +")
print(bad, msg ~= nil)
local env = { x = 5 }
print(load("return x", "chunk", "t", env)())
local pieces, i = { "return ", "'pie", "ces'" }, 0
print(load(function() i = i + 1; return pieces[i] end)())
print(pcall(load("error('from loaded chunk', 0)")))
