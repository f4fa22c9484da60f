local cos = {}
for i = 1, 100 do
  cos[i] = coroutine.wrap(function() for j = 1, 3 do coroutine.yield(i * j) end end)
  cos[i]()
end
local s = 0
for i = 1, 100 do s = s + cos[i]() end
print(s)
