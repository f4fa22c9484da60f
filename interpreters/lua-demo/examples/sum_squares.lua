-- The JIT's first benchmark: a hot integer loop. Compare
--   lua-demo --stats examples/sum_squares.lua
--   lua-demo --no-jit examples/sum_squares.lua
local n = tonumber(arg and arg[1]) or 3000000
local sum = 0
for i = 1, n do
  sum = sum + i * i
end
print(string.format("sum of i*i for i = 1..%d is %d", n, sum))
