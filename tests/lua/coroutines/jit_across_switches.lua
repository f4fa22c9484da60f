-- Compiled code on both sides of coroutine switches: the main loop's trace resumes a coroutine
-- whose own loop (with a recursive call, compiled as a call into a function trace) yields every
-- iteration; later the coroutine is resumed from code that is not compiled yet (with
-- `--jit-threshold 1`; the counts are kept small for the stress suite).
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local co = coroutine.wrap(function()
  local s = 0
  for i = 1, 200 do
    s = s + fib(4)
    coroutine.yield(s)
  end
  return s
end)
local t = 0
for i = 1, 40 do t = t + co() end
print(t)
for j = 1, 6 do
  t = t + co()
  for i = 1, 10 do t = t + co() end
end
print(t)
