-- Trigonometric functions rounded through string.format so the last ulp of libm does not matter.
local function r(x) return string.format("%.6f", x) end
print(r(math.sin(0)), r(math.sin(math.pi / 2)), r(math.sin(math.pi / 6)), r(math.sin(-math.pi / 2)))
print(r(math.cos(0)), r(math.cos(math.pi)), r(math.cos(math.pi / 3)))
print(r(math.tan(math.pi / 4)), r(math.atan(1)), r(math.atan(1, -1)), r(math.atan(-1, -1)))
print(r(math.asin(1)), r(math.acos(0)), r(math.acos(1)), r(math.atan(0, -1)))
local sum = 0
for i = 0, 359 do sum = sum + math.sin(math.rad(i)) ^ 2 end
print(r(sum), r(math.deg(math.pi)), r(math.rad(180)))
