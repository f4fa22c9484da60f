-- sqrt, exp and log (natural, base 2, base 10, any base); results rounded through %.10g to be portable.
local function r(x) return string.format("%.10g", x) end
print(math.sqrt(16), math.sqrt(2) == 2^0.5, r(math.sqrt(2)), math.sqrt(0), math.sqrt(math.huge))
print(math.sqrt(-1) ~= math.sqrt(-1))
print(math.exp(0), r(math.exp(1)), r(math.exp(-1)), r(math.exp(10)))
print(math.log(1), r(math.log(10)), math.log(8, 2), math.log(1024, 2), math.log(1000, 10), math.log(100, 10))
print(r(math.log(27, 3)), r(math.log(2, 4)), math.log(0), -math.log(0))
print(math.exp(math.log(5)) - 5 < 1e-12, math.type(math.sqrt(4)))
