-- Closures created and called inside hot loops, capturing fresh and shared upvalues.
local fns = {}
for i = 1, 3000 do fns[i] = function(x) return x + i end end
local s = 0
for i = 1, 3000 do s = s + fns[i](1) end
print(s)
local counter = 0
local function bump() counter = counter + 1 end
for _ = 1, 5000 do bump() end
print(counter)
local acc = 0
for i = 1, 4000 do
  local f = function() acc = acc + i % 5 end
  f()
end
print(acc)
