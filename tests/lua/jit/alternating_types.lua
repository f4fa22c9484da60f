-- A guard that fails on every iteration: the value alternates between integer, float and string.
local values = { 1, 2.5, "3" }
local sum = 0
for i = 1, 6000 do
  local v = values[i % 3 + 1]
  sum = sum + v
end
print(sum, math.type(sum))
local kinds = { 0, 0, 0 }
for i = 1, 5000 do
  local v = (i % 2 == 0) and i or i + 0.0
  if math.type(v) == "integer" then kinds[1] = kinds[1] + 1 else kinds[2] = kinds[2] + 1 end
end
print(kinds[1], kinds[2])
