-- To-be-closed variables on the less common paths: a generic for's closing value, an error
-- inside a handler replacing the error, nested functions unwinding through pcall, goto out of
-- a block, a value without __close (an error), and a closing value that is nil or false.
local log = {}
local function closer(name, fail)
  return setmetatable({}, { __close = function(_, err)
    log[#log + 1] = name .. ":" .. tostring(err)
    if fail then error(name .. " failed", 0) end
  end })
end

local function iter(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end, nil, nil, closer("for")
end
for i in iter(3) do
  if i == 2 then break end
end
for i in iter(2) do end
print(table.concat(log, " ")); log = {}

print(pcall(function()
  local a <close> = closer("a")
  local b <close> = closer("b", true)
  error("original", 0)
end))
print(table.concat(log, " ")); log = {}

local function inner()
  local x <close> = closer("x")
  local y = nil
  return y.field
end
local ok, msg = pcall(function()
  local outer <close> = closer("outer")
  inner()
end)
print(ok, (msg:gsub("^.-:%d+: ", "")))
print(table.concat(log, " ")); log = {}

do
  local g <close> = closer("g")
  goto out
end
::out::
print(table.concat(log, " ")); log = {}

print(pcall(function() local bad <close> = {} end))
do
  local n <close> = nil
  local f <close> = false
end
local function values()
  local v <close> = closer("v")
  return 1, 2, 3
end
print(values())
print(table.concat(log, " "))
