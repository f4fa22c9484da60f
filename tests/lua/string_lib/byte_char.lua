-- string.byte returns several values for a range; string.char builds strings from byte values.
print(string.byte("A"), string.byte("ABC", 2), string.byte("ABC", 1, 3), string.byte("ABC", -1))
print(string.byte("ABC", 10), select("#", string.byte("ABC", 10)), select("#", string.byte("")))
print(string.char(72, 105), string.char(), #string.char(0, 255))
print(pcall(string.char, 256))
print(pcall(string.char, -1))
local codes = { string.byte("Lua 5.4", 1, -1) }
print(#codes, table.concat(codes, ","))
print(string.char(table.unpack(codes)))
