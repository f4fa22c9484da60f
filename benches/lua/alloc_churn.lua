-- alloc_churn: many short-lived objects (two instances, a tuple-like and a
-- list-like table per step) with a ring of 256 medium-lived survivors, to
-- stress the allocator and collector rather than arithmetic.
-- arg[1] = steps (default 1000000).
local Point = {}
Point.__index = Point

function Point.new(x, y)
  return setmetatable({ x = x, y = y }, Point)
end

local function churn(n)
  local ring = {}
  local s = 0
  for i = 0, n - 1 do
    local p = Point.new(i % 1000, i * 7 % 1000)
    local q = Point.new(p.x + 1, p.y + 2)
    local t = { p.x + q.y, { p.y, q.x } }
    s = (s + t[1] + t[2][2]) % 1000000007
    ring[i % 256 + 1] = q
  end
  for k = 1, 256 do
    local q = ring[k]
    if q ~= nil then
      s = (s + q.x * 3 + q.y) % 1000000007
    end
  end
  return s
end

local n = tonumber(arg and arg[1]) or 1000000
print(string.format("%d", churn(n)))
