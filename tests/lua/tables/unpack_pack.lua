-- table.unpack with ranges and nils; table.pack records n; select counts.
print(table.unpack({ 1, 2, 3 }))
print(table.unpack({ 1, 2, 3 }, 2), table.unpack({ 1, 2, 3 }, 2, 3))
print(table.unpack({ 1, nil, 3 }, 1, 3))
print(select("#", table.unpack({}, 1, 5)), table.unpack({}, 1, 0))
local p = table.pack("a", nil, "c", nil)
print(p.n, p[1], p[2], p[3], p[4])
local function sum(...)
  local s = 0
  for _, v in ipairs({ ... }) do s = s + v end
  return s
end
print(sum(table.unpack({ 1, 2, 3, 4, 5 })))
local t = table.move({ 1, 2, 3 }, 1, 3, 2)
print(table.concat(t, ","))
print(table.concat(table.move({ 1, 2, 3 }, 1, 3, 1, {}), ","))
