-- Equality: by value for numbers, strings, booleans, nil; by identity for tables and functions.
local a, b = {}, {}
local c = a
print(a == b, a == c, a ~= b)
local f = function() end
local g = function() end
print(f == f, f == g)
print("abc" == "a" .. "bc", 2 == 2.0, -0.0 == 0.0, math.mininteger == -9223372036854775808)
print(true == true, true == 1, false == nil)
local s1 = string.rep("x", 100)
local s2 = string.rep("xx", 50)
print(s1 == s2, rawequal(s1, s2), rawequal(a, c), rawequal(a, b))
