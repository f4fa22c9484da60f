-- __unm receives the operand (twice, as Lua passes it as both arguments) and can return anything.
local mt = { __unm = function(a) return "negated " .. a.label end }
local t = setmetatable({ label = "t" }, mt)
print(-t)
local num = setmetatable({ n = 5 }, { __unm = function(a) return setmetatable({ n = -a.n }, getmetatable(a)) end })
print((-num).n, (-(-num)).n)
print(pcall(function() return -{} end))
