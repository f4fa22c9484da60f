-- Floor division rounds toward minus infinity; modulo takes the sign of the divisor.
local pairs_ = { { 7, 3 }, { -7, 3 }, { 7, -3 }, { -7, -3 }, { 0, 5 }, { 6, 3 }, { -6, 3 }, { 1, 100 } }
for _, p in ipairs(pairs_) do
  local a, b = p[1], p[2]
  print(a, b, a // b, a % b, a == (a // b) * b + a % b)
end
print(math.mininteger // -1, math.mininteger % -1)
print(pcall(function() return 1 // 0 end))
print(pcall(function() return 1 % 0 end))
local zero = 0
print(pcall(function() return 5 // zero end))
