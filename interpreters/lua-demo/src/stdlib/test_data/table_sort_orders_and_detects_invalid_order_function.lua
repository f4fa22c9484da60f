local t = {5, 2, 8, 1, 9, 3}
table.sort(t); print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end); print(table.concat(t, " "))
local words = {"pear", "apple", "fig", "banana"}
table.sort(words); print(table.concat(words, " "))
table.sort(words, function(a, b) return #a < #b end); print(words[1], words[4])
print(pcall(table.sort, {3, "a", 1}))
print(pcall(function() table.sort({3, 2, 1, 5, 4, 7, 6, 9, 8, 10, 12, 11}, function(a, b) return true end) end))
local big = {}
for i = 1, 200 do big[i] = (i * 37) % 101 end
table.sort(big)
local ok = true
for i = 2, 200 do if big[i - 1] > big[i] then ok = false end end
print(ok, big[1], big[200])
local objs = {}
local mt = {__lt = function(a, b) return a.v < b.v end}
for i, v in ipairs({3, 1, 2}) do objs[i] = setmetatable({v = v}, mt) end
table.sort(objs); print(objs[1].v, objs[2].v, objs[3].v)
print(pcall(table.sort, {1, 2}, 3))
