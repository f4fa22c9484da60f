-- Coroutines left suspended and unreachable are collected, their stacks reused: more of them
-- than the collector's coroutine trigger (1000), each abandoned mid-body after one yield.
local s = 0
for i = 1, 1200 do
  local co = coroutine.wrap(function(a) coroutine.yield(a); return 0 end)
  s = s + co(i)
end
print(s)
-- A few finish normally in between, and one is still resumable at the end.
local keep = coroutine.create(function(x) while true do x = x + coroutine.yield(x) end end)
print(coroutine.resume(keep, 1))
for i = 1, 5 do print(coroutine.resume(keep, i)) end
