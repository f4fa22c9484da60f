-- Arithmetic, constant folding and operand forms (register, constant, immediate, constant on the left).
local x, y, f = 7, -3, 2.5
print(x + y, x - y, x * y, x / y, x // y, x % y, x ^ 2, -x)
print(x + 1, x - 1, x * 2, x / 2, x // 2, x % 2, x ^ 0.5, 1 - x, 2 * x, 10 // x, 10 % x, 2 ^ x, 100 / x)
print(f + 1, 1 + f, f * f, f // 1, -f % 2, f % -2, 1.5 - f, 0.5 * x)
print(x + 1000, x - 40000, 40000 - x, x * 1e10, 1e300 * 1e10, -1e300 * 1e10)
print(7 // 2, 7.0 // 2, -7 // 2, 7 // -2, -7 % 3, 7 % -3, -7.5 % 3, 7.5 % -3, 3 % math.huge, -3 % math.huge)
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger, math.maxinteger * 2)
print(9007199254740993, 2^53, 2^63, -2^63, math.mininteger // -1, math.mininteger % -1)
print(1 / 0, -1 / 0, 0x10, 0xff, 0xffffffffffffffff, 0x7fffffffffffffff + 1, 1e2, .5, 3., 0x.8p1, 0x1p-2)
print(9223372036854775807, 9223372036854775808, -9223372036854775808, 123456789012345678901234567890)
print(3 | 5, 3 & 5, 3 ~ 5, ~0, 1 << 62, 1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 1 << -1, 2 >> -1, x << 2, 2 << x, x >> 1, 1 >> x)
print(x & 0xf, 0xf & x, x | 256, x ~ 1.0, 2.0 | 1, "3" + 4, "0x10" * 2, "1.5" * 2, 10 .. 20, 1.5 .. "|", -0.0 .. "", 2^63 .. "")
print(- - x, not not x, - -2, -(-2), ~~5, ~5, -(2^63), -math.mininteger, 2^-1, (-2)^2, -2^2)
local big = 1e15
print(big, big * 10, 1e100, 123.456, 0.1, 1/3, -1/3, 100 * 1.1, 2^24, 1e-5, 12345678901234.5)
local i = 3
i = i + 1; i = i * 3; i = i - 2; i = i // 3; i = 2 ^ i; print(i, math.type(i))
print(math.type(1), math.type(1.0), math.type(2^2), math.type(4 // 2), math.type(4.0 // 2), math.type(1e2))
print(1 == 1.0, 1 < 1.5, -1 < -0.5, 2^53 == 2^53 + 1, math.maxinteger + 0.0 == 2^63, "a" < "b", "abc" < "abd", "Z" < "a")
print(x < 10, x <= 7, x > 7, x >= 8, 10 > x, 7 >= x, -200 < x, x < 200, x < 7.5, 7.5 > x, x == 7, x ~= 7, x == 7.0, 7 == x)
local function cmp(a, b) return a < b, a <= b, a > b, a >= b, a == b, a ~= b end
print(cmp(1, 2)) print(cmp(2, 1)) print(cmp(1.0, 1)) print(cmp("a", "a")) print(cmp(-1, -128)) print(cmp(127, 128))
local t = {}
print(t == t, t ~= {}, nil == false, 0 == false, "1" == 1)
