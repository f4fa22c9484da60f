-- table.insert appends or inserts by position; table.remove removes and returns, shifting elements.
local t = {}
table.insert(t, "a")
table.insert(t, "c")
table.insert(t, 2, "b")
table.insert(t, 1, "start")
print(#t, table.concat(t, ","))
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove({}), #t)
print(pcall(table.insert, t, 5, "x"))
print(pcall(table.insert, t, 1, 2, 3))
local q = {}
for i = 1, 5 do table.insert(q, i) end
while #q > 0 do io.write(table.remove(q, 1), " ") end
print()
local e = { 1 }
print(table.remove(e, 1), #e, table.remove(e, 1))
