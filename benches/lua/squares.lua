-- squares: the sum of i*i over n terms, the plain loop the JIT issue measures.
-- The terms come in blocks of 100000 (block k sums i*i for i in k .. k+99999)
-- and only the block sums are reduced mod p, so every partial sum stays below
-- 2^53 and Lua 5.4 integers, LuaJIT doubles and Python ints all agree.
-- arg[1] = number of terms (default 100000000).
local function squares(n)
  local total, done, k = 0, 0, 0
  while done < n do
    local m = math.min(100000, n - done)
    local s = 0
    for i = k, k + m - 1 do
      s = s + i * i
    end
    total = (total + s) % 1000000007
    done = done + m
    k = k + 1
  end
  return total
end

local n = tonumber(arg and arg[1]) or 100000000
print(string.format("%d", squares(n)))
