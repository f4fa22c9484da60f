-- Which math functions return integers and which floats, and how they print.
print(math.floor(1.5), math.ceil(1.5), math.abs(-1), math.max(1, 2), math.fmod(5, 2))
print(math.sqrt(9), math.exp(0), math.log(1), 2^2, 9 / 3)
print(3 // 1, 3.0 // 1, 7 % 2, 7.0 % 2, -7 // 2.0)
local function kind(x) return math.type(x) end
print(kind(math.floor(1.5)), kind(math.sqrt(9)), kind(3 // 1), kind(3.0 // 1))
