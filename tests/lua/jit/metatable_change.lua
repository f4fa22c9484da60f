-- A metatable (and its __index) is replaced in the middle of a hot loop.
local base1 = { value = 1 }
local base2 = { value = 100 }
local obj = setmetatable({}, { __index = base1 })
local sum = 0
for i = 1, 6000 do
  if i == 3000 then setmetatable(obj, { __index = base2 }) end
  if i == 4500 then base2.value = 1000 end
  sum = sum + obj.value
end
print(sum)
local mt = { __add = function(a, b) return a.n + b end }
local v = setmetatable({ n = 1 }, mt)
local total = 0
for i = 1, 4000 do
  if i == 2000 then mt.__add = function(a, b) return a.n * 2 + b end end
  total = total + (v + 1)
end
print(total)
