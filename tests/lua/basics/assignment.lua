-- Multiple assignment: all expressions are evaluated before any assignment; extra values are dropped,
-- missing ones are nil.
local a, b, c = 1, 2
print(a, b, c)
a, b = b, a
print(a, b)
local x, y = 1, 2, 3
print(x, y)
local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local function three() return 1, 2, 3 end
local p, q, r, s = three()
print(p, q, r, s)
local u, v, w = three(), 10
print(u, v, w)
g1, g2 = "global", "too"
print(g1, g2)
local n = 5
n = n * 2 + 1
print(n)
