-- Around 2^53 floats lose integer precision while integers do not; comparisons stay exact.
local f = 2^53
local i = 1 << 53
print(f, i, f == i, f + 1 == f, i + 1 == i)
print(i + 1, f + 2, math.type(f + 1))
print(math.tointeger(f), math.tointeger(f + 2))
print(i + 1 == f + 1, i + 1 > f, i + 1 < f + 2)
print(math.maxinteger + 0.0 == 2^63, math.maxinteger < 2^63, math.maxinteger + 0.0)
print(string.format("%.0f", 2^53 + 1), string.format("%d", i + 1))
