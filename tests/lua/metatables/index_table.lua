-- __index as a table: lookups of missing keys fall through (possibly along a chain); present keys don't.
local defaults = { color = "red", size = 1 }
local obj = setmetatable({ size = 5 }, { __index = defaults })
print(obj.color, obj.size, obj.missing, rawget(obj, "color"))
defaults.shape = "circle"
print(obj.shape)
local a = { x = "a.x" }
local b = setmetatable({ y = "b.y" }, { __index = a })
local c = setmetatable({ z = "c.z" }, { __index = b })
print(c.x, c.y, c.z, c.w)
print(getmetatable(obj).__index == defaults, getmetatable({}), getmetatable(c) ~= getmetatable(b))
