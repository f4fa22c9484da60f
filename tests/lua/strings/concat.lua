-- Concatenation with .. is right associative and converts numbers (floats keep their ".0").
print("a" .. "b" .. "c", 1 .. 2, 1.0 .. "", -1 .. "", 2^63 .. "")
print("x" .. 10 // 3, "y" .. 10 / 4, 1e100 .. "")
local parts = {}
for i = 1, 5 do parts[#parts + 1] = i .. ":" .. i * i end
print(table.concat(parts, " "))
local s = ""
for i = 1, 10 do s = s .. string.char(64 + i) end
print(s, #s)
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. {} end))
print(pcall(function() return true .. "" end))
print(math.mininteger .. "|" .. math.maxinteger)
