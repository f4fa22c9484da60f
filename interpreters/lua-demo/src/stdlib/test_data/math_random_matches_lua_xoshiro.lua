print(math.randomseed(42))
print(math.random(1, 100), math.random(1, 100), math.random(10), math.random())
print(math.random(0), math.random(-5, 5), math.random(math.mininteger, math.maxinteger))
math.randomseed(7, 3)
local t = {}
for i = 1, 10 do t[i] = math.random(1000) end
print(table.concat(t, " "))
print(pcall(math.random, 2, 1), pcall(math.random, 1, 2, 3))
