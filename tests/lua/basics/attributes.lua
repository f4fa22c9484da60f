-- Lua 5.4 local attributes: <const> values and <close> variables closed in reverse order on block exit.
local limit <const> = 10
print(limit * 2)
local function closer(name)
  return setmetatable({}, { __close = function(_, err) print("close", name, err) end })
end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local nothing <close> = nil
  print("in block")
end
print("after block")
local function early()
  local c <close> = closer("c")
  return "returned"
end
print(early())
local ok, msg = pcall(function()
  local d <close> = closer("d")
  error("boom", 0)
end)
print(ok, msg)
for i = 1, 2 do
  local e <close> = closer("loop" .. i)
  if i == 2 then break end
end
print("done")
