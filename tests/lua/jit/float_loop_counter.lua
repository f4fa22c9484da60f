-- A numeric for loop with a float step, hot enough to compile, and float-to-integer conversions inside.
local n, s = 0, 0.0
for x = 0, 1000, 0.25 do
  n = n + 1
  s = s + x
end
print(n, s)
local ints = 0
for x = 1.0, 3000.0 do
  local i = math.tointeger(x)
  if i then ints = ints + i end
end
print(ints)
local floors = 0
for i = 1, 4000 do floors = floors + math.floor(i / 3) + (i // 7) end
print(floors)
