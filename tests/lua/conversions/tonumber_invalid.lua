-- Strings that are not numerals give nil (fail), never an error or a partial number.
local inputs = { "", " ", "abc", "1a", "1 2", "0x", "1e", "e1", "--1", "+-1", "1..2", "inf", "nan", "0x1g", "1e1.5", "." }
local out = {}
for _, s in ipairs(inputs) do out[#out + 1] = tostring(tonumber(s)) end
print(table.concat(out, " "))
print(tonumber(nil), tonumber(true), tonumber({}), tonumber(print))
print(pcall(tonumber))
print(tonumber("+5"), tonumber("  +0x10  "), tonumber("1" .. string.rep("0", 30)))
