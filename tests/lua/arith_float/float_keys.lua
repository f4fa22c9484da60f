-- Float keys with an exact integer value are normalised to integer keys.
local t = {}
t[1] = "one"
t[2.0] = "two"
t[3.5] = "three and a half"
print(t[1.0], t[2], t[3.5], #t)
t[2^53] = "big"
print(t[1 << 53])
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do print(k, math.type(k), t[k]) end
