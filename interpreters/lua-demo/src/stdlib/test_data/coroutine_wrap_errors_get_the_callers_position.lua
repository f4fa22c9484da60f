local gen = coroutine.wrap(function() coroutine.yield(1); error("broke") end)
print(gen())
print(pcall(gen))
print(pcall(gen))
print(pcall(function() return gen() end))
local g2 = coroutine.wrap(function() error({code = 7}) end)
local ok, e = pcall(g2); print(ok, type(e), e.code)
local g3 = coroutine.wrap(function() error("lvl0", 0) end)
print(pcall(function() g3() end))
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local s = 0
for i in range(10) do s = s + i end
print(s)
