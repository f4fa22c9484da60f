-- Recursion: fib(25) makes a quarter of a million calls through the same function.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
print(fib(25))
local function sum_to(n) if n == 0 then return 0 end return n + sum_to(n - 1) end
local total = 0
for i = 1, 200 do total = total + sum_to(i) end
print(total)
