local function f(level) error("boom", level) end
local function g(level) f(level) end
print(pcall(g, 1))
print(pcall(g, 2))
print(pcall(g, 0))
print(pcall(error))
print(select(2, pcall(error, {code = 1})).code)
print(pcall(error, 42))
print(pcall(error, "direct"))
print(pcall(function() error("x", 1) end))
print(pcall(function() assert(false) end))
print(pcall(function() assert(1 == 2, "math") end))
print(type(select(2, pcall(function() assert(nil, {}) end))))
print(select("#", assert(1, 2, 3)))
