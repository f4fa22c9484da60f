-- Float arithmetic in hot loops; results printed with %.10f so the output is portable.
local x = 0.0
for i = 1, 10000 do x = x + 1 / i end
print(string.format("%.10f", x))
local pi4 = 0.0
for k = 0, 9999 do pi4 = pi4 + (k % 2 == 0 and 1 or -1) / (2 * k + 1) end
print(string.format("%.10f", pi4 * 4))
local v, dt = 0.0, 0.001
for _ = 1, 5000 do v = v + (9.81 - 0.1 * v) * dt end
print(string.format("%.10f", v))
