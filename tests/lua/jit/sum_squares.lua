-- Hot loop: summing i*i over integers, then the same over floats.
local s = 0
for i = 1, 20000 do s = s + i * i end
print(s)
local f = 0.0
for i = 1, 20000 do f = f + i * 0.5 end
print(f)
local w, i = 0, 0
while i < 20000 do i = i + 1; w = w + i % 7 end
print(w)
