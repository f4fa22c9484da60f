-- Inside a coroutine: nested native calls hit the C-stack limit as an error (not a crash),
-- deep Lua recursion works, and a hot loop (compiled when the JIT is on) yields between
-- iterations.
local function nest(d)
  local ok, err = pcall(nest, d + 1)
  if not ok then
    if d > 0 then error(err, 0) end
    return err
  end
  return err
end

local co = coroutine.create(function()
  local err = nest(0)
  coroutine.yield(string.find(tostring(err), "stack overflow") ~= nil)
  local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
  coroutine.yield(depth(500))
  local s = 0.0
  for i = 1, 200 do
    s = s + i * 0.5
    if i % 50 == 0 then coroutine.yield(s) end
  end
  return "done"
end)
while true do
  local ok, v = coroutine.resume(co)
  print(ok, v)
  if coroutine.status(co) == "dead" then break end
end

-- A coroutine resumed from inside deeply nested pcalls still sees the C-stack limit.
local function at_depth(d, f)
  if d == 0 then return f() end
  local ok, v = pcall(at_depth, d - 1, f)
  return v
end
print(at_depth(40, function()
  local c = coroutine.wrap(function() local e = nest(0); return string.find(tostring(e), "overflow") ~= nil end)
  return c()
end))
