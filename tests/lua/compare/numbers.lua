-- Numeric comparisons are exact across integer and float, including huge and special values.
print(1 < 2, 2 < 1, 1 <= 1, 1 >= 2, 1 == 1.0, 1 ~= 1.0)
print(math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, math.maxinteger == 2^63)
print(math.mininteger == -2^63, math.mininteger < -2^63, math.mininteger <= -2^63)
print((1 << 53) + 1 > 2^53, (1 << 53) + 1 == 2^53 + 1)
print(-0.0 == 0, 0.5 < 1, -1 < -0.5, 3 > 2.999999)
print(math.huge > math.maxinteger, -math.huge < math.mininteger)
local big = 9007199254740993
print(big < 9007199254740994.0, big > 9007199254740992.0, big == 9007199254740992.0)
