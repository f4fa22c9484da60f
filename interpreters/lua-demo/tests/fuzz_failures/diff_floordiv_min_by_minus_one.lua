-- Found by the jit_vs_interp smoke run: lua-demo panicked here in every mode (fixed in Int::floordiv).
-- Lua 5.4 defines math.mininteger // -1 as math.mininteger (wraparound) and
-- math.mininteger % -1 as 0; lua5.4 prints "-9223372036854775808	0".
local m, d = -9223372036854775807 - 1, -1
print(m // d, m % d)
