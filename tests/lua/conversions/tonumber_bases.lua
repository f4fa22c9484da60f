-- tonumber with an explicit base (2..36): letters are digits, case-insensitive; invalid digits give nil.
print(tonumber("ff", 16), tonumber("FF", 16), tonumber("777", 8), tonumber("1010", 2), tonumber("z", 36))
print(tonumber("zz", 36), tonumber("10", 36), tonumber("  11  ", 2), tonumber("-ff", 16), tonumber("Lua", 36))
print(tonumber("8", 8), tonumber("2", 2), tonumber("1.5", 10), tonumber("", 10), tonumber("0x10", 16))
print(pcall(tonumber, "10", 1))
print(pcall(tonumber, "10", 37))
print(pcall(tonumber, 10, 16))
print(tonumber("7fffffffffffffff", 16), tonumber("10000000000000000", 16))
