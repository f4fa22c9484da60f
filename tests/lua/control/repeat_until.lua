-- repeat-until runs at least once, and its condition can see locals declared in the body.
local i = 0
repeat i = i + 1 until i >= 3
print(i)
local runs = 0
repeat runs = runs + 1 until true
print(runs)
local n = 0
repeat
  local done = n >= 4
  n = n + 1
until done
print(n)
local fns = {}
local j = 0
repeat
  j = j + 1
  local captured = j * 10
  fns[j] = function() return captured end
until captured >= 30
print(#fns, fns[1](), fns[2](), fns[3]())
