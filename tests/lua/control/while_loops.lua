-- while loops: condition checked first, break leaves the innermost loop.
local i, s = 0, 0
while i < 10 do i = i + 1; s = s + i end
print(i, s)
local n = 27
local steps = 0
while n ~= 1 do
  if n % 2 == 0 then n = n // 2 else n = 3 * n + 1 end
  steps = steps + 1
end
print("collatz 27 steps:", steps)
while false do print("never") end
local k = 0
while true do
  k = k + 1
  if k >= 5 then break end
end
print(k)
