-- Counter factories: every counter has its own state that survives between calls.
local function counter(start, step)
  local n = start
  return function()
    n = n + step
    return n
  end
end
local a = counter(0, 1)
local b = counter(100, -10)
print(a(), a(), a(), b(), b(), a())
local function memoize(f)
  local cache, calls = {}, 0
  return function(x)
    if cache[x] == nil then calls = calls + 1; cache[x] = f(x) end
    return cache[x], calls
  end
end
local sq = memoize(function(x) return x * x end)
print(sq(4), sq(4), sq(5))
local total = 0
for _ = 1, 1000 do total = a() end
print(total)
