-- for k, v in next, t is the same as pairs; modifying existing fields during traversal is allowed.
local t = { a = 1, b = 2, c = 3, d = 4 }
local keys = {}
for k, v in next, t do
  keys[#keys + 1] = k
  t[k] = v * 10
end
table.sort(keys)
print(table.concat(keys, " "), t.a, t.b, t.c, t.d)
local arr = { 5, 6, 7 }
local s = 0
for _, v in next, arr, nil do s = s + v end
print(s)
