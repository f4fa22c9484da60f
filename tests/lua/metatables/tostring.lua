-- __tostring is used by tostring, print and string.format("%s").
local P = { __tostring = function(p) return "Point(" .. p.x .. ", " .. p.y .. ")" end }
local p = setmetatable({ x = 1, y = 2 }, P)
print(p)
print(tostring(p), string.format("%s", p))
local tagged = setmetatable({}, { __tostring = function() return "tag" end })
print(tagged, #tostring(tagged))
