-- Allocating small tables in a hot loop (candidates for allocation removal) and reading them back.
local function point(x, y) return { x = x, y = y } end
local sx, sy = 0, 0
for i = 1, 5000 do
  local p = point(i, -i)
  sx = sx + p.x
  sy = sy + p.y
end
print(sx, sy)
local kept = {}
for i = 1, 3000 do
  local p = point(i, i * i)
  if i % 1000 == 0 then kept[#kept + 1] = p end
end
print(#kept, kept[1].y, kept[3].x)
local len = 0
for i = 1, 3000 do len = len + #{ i, i, i } end
print(len)
