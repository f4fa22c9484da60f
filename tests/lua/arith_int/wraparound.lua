-- Integer overflow wraps around (two's complement) in + - * and unary minus.
local max, min = math.maxinteger, math.mininteger
print(max, min)
print(max + 1 == min, min - 1 == max)
print(max + 1, min - 1)
print(max * 2, min * 2, max * max)
print(-min, -min == min)
print(max + max, min + min)
print(1 << 63, (1 << 63) - 1)
local acc = 1
for i = 1, 70 do acc = acc * 3 end
print(acc)
print(9223372036854775807, -9223372036854775807 - 1)
print(math.type(9223372036854775807), math.type(9223372036854775808))
