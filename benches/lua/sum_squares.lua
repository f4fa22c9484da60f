-- sum_squares: sum of j*j over a range, kept below 2^53 by a modulus so that
-- Lua 5.4 integers, LuaJIT doubles and Python ints all agree.
-- arg[1] = number of terms (default 10000000).
local function sum_squares(n)
  local s = 0
  for i = 0, n - 1 do
    local j = i % 1000003
    s = (s + j * j) % 1000000007
  end
  return s
end

local n = tonumber(arg and arg[1]) or 10000000
print(string.format("%d", sum_squares(n)))
