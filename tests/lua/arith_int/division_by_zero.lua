-- Integer // and % by zero are errors; float division by zero gives inf (never an error).
print(1 / 0, -1 / 0, 0 / 0 ~= 0 / 0)
print(1.0 // 0, 1 % 0.0 ~= 1 % 0.0)
local ok, msg = pcall(function(a, b) return a // b end, 10, 0)
print(ok, msg)
ok, msg = pcall(function(a, b) return a % b end, 10, 0)
print(ok, msg)
print(math.type(1 / 0), 1 / 0 == math.huge)
