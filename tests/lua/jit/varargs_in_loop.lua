-- Vararg functions, select and table.pack/unpack called from hot loops.
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + select(i, ...) end
  return s
end
local total = 0
for i = 1, 3000 do total = total + sum(i, i, 1) end
print(total)
local packed = 0
for i = 1, 3000 do
  local p = table.pack(i, nil, i)
  packed = packed + p.n + p[3]
end
print(packed)
local function pass(...) return ... end
local last = 0
for i = 1, 4000 do last = last + select(-1, pass(1, 2, i)) end
print(last)
