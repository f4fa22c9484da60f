-- __eq (only between two tables), __lt and __le; results are converted to booleans.
local mt = {}
mt.__eq = function(a, b) return a.v == b.v end
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function new(v) return setmetatable({ v = v }, mt) end
local x, y, z = new(1), new(2), new(1)
print(x == z, x ~= z, x == y, x < y, y < x, x <= z, y >= x, y > x)
print(x == 1, rawequal(x, z))
local other = setmetatable({ v = 1 }, { __eq = function() return true end })
print(x == other, other == x)
local truthy = setmetatable({}, { __lt = function() return "yes" end, __le = function() return nil end })
print(truthy < truthy, truthy <= truthy)
local list = { new(5), new(3), new(9), new(1) }
table.sort(list)
for _, item in ipairs(list) do io.write(item.v, " ") end
print()
print(pcall(function() return x < 1 end))
