-- Hot while and repeat loops with loop-carried state and early exits.
local n, steps = 0, 0
while n < 100000 do
  n = n + (steps % 5) + 1
  steps = steps + 1
end
print(n, steps)
local i, found = 0, nil
repeat
  i = i + 1
  if i * i > 30000000 then found = i end
until found
print(found)
local a, b = 1071, 462
local iters = 0
for _ = 1, 3000 do
  local x, y = a + _, b
  while y ~= 0 do x, y = y, x % y; iters = iters + 1 end
end
print(iters)
