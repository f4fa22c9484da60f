-- table.concat with separators and ranges; numbers are converted, other values are errors.
local t = { 1, "two", 3.5, "four" }
print(table.concat(t), table.concat(t, ", "), table.concat(t, "-", 2, 3))
print(table.concat({}), table.concat({}, "x"), table.concat(t, ",", 3, 2) == "")
print(pcall(table.concat, { 1, {}, 3 }))
print(pcall(table.concat, { 1, 2 }, ",", 1, 3))
local parts = {}
for i = 1, 100 do parts[i] = i % 10 end
print(table.concat(parts))
