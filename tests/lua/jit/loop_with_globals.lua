-- Global variable reads and writes in a hot loop, and a global function replaced midway.
counter = 0
function step(x) return x + 1 end
for i = 1, 6000 do
  counter = step(counter)
  if i == 3000 then step = function(x) return x + 2 end end
end
print(counter)
limit = 5000
local s = 0
for i = 1, limit do s = s + i end
print(s)
