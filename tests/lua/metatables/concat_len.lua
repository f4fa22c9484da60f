-- __concat is used when either operand is not a string or number; __len overrides #.
local mt = {
  __concat = function(a, b)
    local function s(v) return type(v) == "table" and v.name or tostring(v) end
    return s(a) .. "+" .. s(b)
  end,
  __len = function(t) return 42 end,
}
local obj = setmetatable({ name = "obj" }, mt)
print(obj .. "str", "str" .. obj, obj .. 1, 1.5 .. obj, obj .. obj)
print("a" .. "b" .. obj)
print(#obj, #setmetatable({ 1, 2, 3 }, {}), rawlen(obj))
local sized = setmetatable({}, { __len = function() return 2.5 end })
print(#sized)
print(pcall(function() return {} .. "x" end))
