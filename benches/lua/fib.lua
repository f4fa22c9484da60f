-- fib: naive recursive Fibonacci, the seed paper's "Recursion (Fibonacci 40)" row.
-- arg[1] = n (default 30); arg[2] = iterations (default 1). With more than one
-- iteration each one's time goes to stderr as "iter K SECONDS" (warmup table;
-- os.clock is CPU time, the only sub-second clock standard Lua has).
local function fib(n)
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

local n = tonumber(arg and arg[1]) or 30
local iters = tonumber(arg and arg[2]) or 1
local r = 0
for k = 1, iters do
  local t0 = os.clock()
  r = fib(n)
  if iters > 1 then
    io.stderr:write(string.format("iter %d %.6f\n", k, os.clock() - t0))
  end
end
print(string.format("%d", r))
