-- Branches taken alternately or in irregular patterns inside a hot loop.
local a, b, c = 0, 0, 0
for i = 1, 9000 do
  if i % 2 == 0 then a = a + 1
  elseif i % 3 == 0 then b = b + i
  else c = c - 1 end
end
print(a, b, c)
local state = 1
local transitions = 0
for _ = 1, 6000 do
  if state == 1 then state = 2
  elseif state == 2 then state = 3
  else state = 1; transitions = transitions + 1 end
end
print(state, transitions)
local x = 12345
local ones = 0
for _ = 1, 5000 do
  x = (x * 1103515245 + 12345) % 2147483648
  if x & 65536 ~= 0 then ones = ones + 1 end
end
print(x, ones)
