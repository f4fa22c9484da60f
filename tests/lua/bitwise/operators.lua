-- Bitwise and, or, xor, not on 64-bit integers.
print(0xF0 & 0x3C, 0xF0 | 0x3C, 0xF0 ~ 0x3C, ~0, ~5)
print(-1 & 0xFF, 5 & -2, 6 | -8, -1 ~ 1)
print(0x7FFFFFFFFFFFFFFF & -1, math.mininteger | 1)
print(string.format("%x %x %x", 0xDEAD & 0xFF00, 0xBEEF | 0x0F0F, ~0xFF))
print(1 | 2 ~ 3 & 4, (1 | 2) ~ (3 & 4))
local x = 0
for i = 0, 62, 3 do x = x | (1 << i) end
print(x, string.format("%x", x))
