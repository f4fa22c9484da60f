-- After a raw lookup misses (an array hole, an absent string or float key), `__index` is
-- consulted from the table's metatable on, with the original table and key; a present field
-- is updated in place without `__newindex`, an absent one goes through it.

local base = { greet = "base", [2] = "two from base" }
local mid = setmetatable({ level = "mid" }, { __index = base })
local obj = setmetatable({ 1, nil, 3, own = "own" }, { __index = mid })

for i = 1, 3 do
  print(obj.own, obj.level, obj.greet, obj.missing)
  print(obj[1], obj[2], obj[3], obj[2.0], obj[4])
end

local seen = {}
local f = setmetatable({ 10, nil, 30 }, {
  __index = function(t, k)
    seen[#seen + 1] = tostring(k)
    return rawget(t, 1) + (type(k) == "number" and k or #k)
  end,
})
for i = 1, 2 do
  print(f[1], f[2], f[3], f.abc, f[2.5])
end
print(table.concat(seen, " "))
print(rawget(obj, 2), rawget(obj, "greet"))

local loop = {}
setmetatable(loop, { __index = loop })
print(pcall(function() return loop.anything end))

local a, b = {}, {}
setmetatable(a, { __index = b })
setmetatable(b, { __index = a })
print(pcall(function() return a.x end))

local log = {}
local rec = setmetatable({ x = 1 }, {
  __newindex = function(t, k, v)
    log[#log + 1] = k .. "=" .. tostring(v)
    rawset(t, k, v)
  end,
})
for i = 1, 3 do
  rec.x = rec.x + i
  rec["y" .. i] = i
end
rec.x = nil
rec.x = 5
print(rec.x, rec.y1, rec.y3, table.concat(log, " "))
