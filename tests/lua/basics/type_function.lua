-- type() for every basic type, and type errors for its argument count.
print(type(1), type(1.5), type("s"), type({}), type(print), type(function() end))
print(type(nil), type(true), type(coroutine.create(function() end)))
print(type(type))
print(pcall(type))
local values = { 1, "x", true, {}, 2.5 }
local names = {}
for i = 1, #values do names[i] = type(values[i]) end
print(table.concat(names, ","))
