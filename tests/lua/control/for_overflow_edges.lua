-- Integer for loops near the integer limits run the exact number of iterations and never wrap.
local max, min = math.maxinteger, math.mininteger
for i = max - 2, max do print(i) end
for i = min + 2, min, -1 do print(i) end
local n = 0
for _ = max - 1, max, 10 do n = n + 1 end
print("big step near max:", n)
n = 0
for _ = min, min + 5, max do n = n + 1 end
print("huge step:", n)
n = 0
for _ = 1, math.huge do n = n + 1; if n == 5 then break end end
print("float infinite limit with break:", n)
n = 0
for _ = 1, -math.huge do n = n + 1 end
print("minus infinity limit:", n)
n = 0
for _ = max, 2^63 do n = n + 1 end
print("limit beyond max:", n)
n = 0
for _ = 0, 3.5e18, 1e18 do n = n + 1 end
print("float step:", n)
