-- math.floor and math.ceil return integers when the result fits, floats otherwise.
local values = { 3.7, -3.7, 3.0, -0.5, 0.5, 5, -5, 2^53 + 0.0, 1e100, -1e100 }
for _, v in ipairs(values) do
  local f, c = math.floor(v), math.ceil(v)
  print(v, f, math.type(f), c, math.type(c))
end
print(math.floor(-0.0), math.ceil(-0.5))
print(pcall(math.floor, "2.5"), pcall(math.floor, {}))
