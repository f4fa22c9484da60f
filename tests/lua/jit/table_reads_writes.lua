-- Array and hash reads and writes inside hot loops, including growth of the array part.
local t = {}
for i = 1, 5000 do t[i] = i * 2 end
local s = 0
for i = 1, #t do s = s + t[i] end
print(#t, s)
for i = 1, #t do t[i] = t[i] + t[#t - i + 1] end
print(t[1], t[2500], t[5000])
local h = {}
for i = 1, 3000 do h["k" .. (i % 100)] = (h["k" .. (i % 100)] or 0) + i end
print(h.k0, h.k1, h.k99)
local p = { x = 0, y = 0 }
for i = 1, 5000 do p.x = p.x + 1; p.y = p.y + p.x end
print(p.x, p.y)
local grid = {}
for i = 1, 50 do grid[i] = {} for j = 1, 50 do grid[i][j] = i + j end end
local diag = 0
for i = 1, 50 do diag = diag + grid[i][i] end
print(diag)
