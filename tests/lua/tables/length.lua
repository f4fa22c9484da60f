-- # on sequences built in different ways, and table.pack's n field for lists with nils.
local a = {}
for i = 1, 10 do a[i] = i end
print(#a)
for i = 10, 6, -1 do a[i] = nil end
print(#a)
local b = { n = 3, 1, 2, 3 }
print(#b, b.n)
local c = { "x", "y", [3] = "z" }
print(#c)
local d = table.pack(1, nil, 3)
print(d.n, d[1], d[2], d[3])
local s = { ("a"):byte(1, -1) }
print(#s)
