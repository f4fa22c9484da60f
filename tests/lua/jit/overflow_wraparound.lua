-- Integer overflow inside a hot loop wraps around exactly as in the interpreter.
local x = math.maxinteger - 2500
local wraps = 0
for _ = 1, 5000 do
  local before = x
  x = x + 1
  if x < before then wraps = wraps + 1 end
end
print(x, wraps)
local h = 0
for i = 1, 5000 do h = h * 31 + i end
print(h)
local m = 1
for _ = 1, 3000 do m = m * 3 end
print(m)
