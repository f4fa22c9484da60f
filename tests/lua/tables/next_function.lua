-- next walks a table: next(t) starts, next(t, last) ends with nil; an empty table gives nil at once.
print(next({}))
local t = { "only" }
print(next(t))
print(next(t, 1))
local seen = {}
local k, v = next({ a = 1, b = 2, c = 3 })
local src = { a = 1, b = 2, c = 3 }
k, v = next(src)
while k do
  seen[#seen + 1] = k .. "=" .. v
  k, v = next(src, k)
end
table.sort(seen)
print(table.concat(seen, " "))
print(pcall(next, {}, "missing"))
print(rawequal(next, pairs({})))
