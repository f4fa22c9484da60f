-- string.sub with positive, negative and out-of-range indices; len; rep with and without separator.
local s = "abcdefgh"
print(s:sub(2, 4), s:sub(-3), s:sub(-3, -2), s:sub(5), s:sub(0), s:sub(10), s:sub(3, 2))
print(s:sub(-100, 2), s:sub(2, 100), s:sub(math.mininteger, math.maxinteger))
print(string.len(""), string.len(s))
print(("ab"):rep(3), ("ab"):rep(3, "-"), ("ab"):rep(0), ("ab"):rep(-1), ("x"):rep(1, ","))
print(#string.rep("abc", 1000, ","))
