-- table.sort with the default < order and with comparators (descending, by field, multi-key).
local nums = { 5, 2, 8, 1, 9, 3, 7, 4, 6, 0 }
table.sort(nums)
print(table.concat(nums, " "))
table.sort(nums, function(a, b) return a > b end)
print(table.concat(nums, " "))
local floats = { 3.5, -1, 2, 0.25, 100 }
table.sort(floats)
print(table.concat(floats, " "))
local people = { { name = "ann", age = 30 }, { name = "bob", age = 25 }, { name = "cid", age = 30 }, { name = "dan", age = 20 } }
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
for _, p in ipairs(people) do io.write(p.name, ":", p.age, " ") end
print()
local big = {}
for i = 1, 200 do big[i] = (i * 7919) % 211 end
table.sort(big)
local ok = true
for i = 2, #big do if big[i - 1] > big[i] then ok = false end end
print("sorted 200:", ok, big[1], big[200])
-- Which pair gets compared first depends on the sort algorithm, so only the failure itself is printed.
print((pcall(table.sort, { 1, "x", 2 })))
