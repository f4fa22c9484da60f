-- Function calls inside hot loops: Lua functions, builtins, varargs and methods.
local function sq(x) return x * x end
local function add3(a, b, c) return a + b + c end
local function count(...) return select("#", ...) end
local s = 0
for i = 1, 5000 do s = s + sq(i) + add3(i, 1, 2) + count(i, i, i) end
print(s)
local m = 0
for i = 1, 5000 do m = m + math.max(i % 17, 5) + math.abs(-i) % 3 end
print(m)
local Counter = {}
Counter.__index = Counter
function Counter:inc(by) self.n = self.n + by; return self end
local c = setmetatable({ n = 0 }, Counter)
for i = 1, 5000 do c:inc(i % 3) end
print(c.n)
