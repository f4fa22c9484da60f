-- Arithmetic and bitwise metamethods, tried on the left operand first, then on the right.
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({ x = x, y = y }, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__sub = function(a, b) return vec(a.x - b.x, a.y - b.y) end
V.__mul = function(a, b)
  if type(a) == "number" then return vec(a * b.x, a * b.y) end
  if type(b) == "number" then return vec(a.x * b, a.y * b) end
  return a.x * b.x + a.y * b.y
end
V.__div = function(a, b) return vec(a.x / b, a.y / b) end
V.__mod = function(a, b) return vec(a.x % b, a.y % b) end
V.__pow = function(a, b) return vec(a.x ^ b, a.y ^ b) end
V.__unm = function(a) return vec(-a.x, -a.y) end
V.__idiv = function(a, b) return vec(a.x // b, a.y // b) end
V.__band = function(a, b) return "band" end
V.__shl = function(a, b) return "shl " .. tostring(b) end
V.__bnot = function(a) return "bnot" end
V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), tostring(a - b), a * b, tostring(a * 2), tostring(2 * a))
print(tostring(b / 2), tostring(b % 2), tostring(a ^ 2), tostring(-a), tostring(b // 2))
print(a & 1, 1 & a, a << 3, ~a)
print(pcall(function() return a | 1 end))
