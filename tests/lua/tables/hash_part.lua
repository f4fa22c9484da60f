-- Hash keys of every type: strings, numbers, booleans, tables and functions as keys.
local t = {}
local key_table, key_fn = {}, function() end
t.name = "field"
t["with space"] = 1
t[true] = "yes"
t[false] = "no"
t[key_table] = "table key"
t[key_fn] = "function key"
t[-5] = "negative"
t[0] = "zero"
t[1.5] = "float"
print(t.name, t["name"], t["with space"], t[true], t[false], t[key_table], t[key_fn])
print(t[-5], t[0], t[1.5], t[{}], t.missing)
t.name = nil
print(t.name)
local n = 0
for _ in pairs(t) do n = n + 1 end
print("entries:", n)
print(pcall(function() t[nil] = 1 end))
print(t[nil])
