-- table.sort with a Lua comparator on thousands of elements calls the comparator in a hot path.
local t = {}
local x = 7
for i = 1, 3000 do
  x = (x * 75 + 74) % 65537
  t[i] = { key = x, id = i }
end
local calls = 0
table.sort(t, function(a, b)
  calls = calls + 1
  if a.key ~= b.key then return a.key < b.key end
  return a.id < b.id
end)
local ok = true
for i = 2, #t do
  if t[i - 1].key > t[i].key then ok = false end
end
print(ok, t[1].key, t[#t].key, calls > 3000)
