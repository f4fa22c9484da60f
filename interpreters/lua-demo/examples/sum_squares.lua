-- The JIT's first benchmark: a hot integer loop. Compare
--   lua-demo --stats interpreters/lua-demo/examples/sum_squares.lua
--   lua-demo --no-jit interpreters/lua-demo/examples/sum_squares.lua
local n = 3000000
local sum = 0
for i = 1, n do
  sum = sum + i * i
end
print("sum of i*i for i = 1.." .. n .. " is " .. sum)
