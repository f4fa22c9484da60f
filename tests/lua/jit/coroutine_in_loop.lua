-- A generator coroutine resumed thousands of times from a hot loop, and a hot loop inside a coroutine.
local gen = coroutine.wrap(function()
  local i = 0
  while true do
    i = i + 1
    coroutine.yield(i * 3)
  end
end)
local s = 0
for _ = 1, 4000 do s = s + gen() end
print(s)
local co = coroutine.create(function(n)
  local t = 0
  for i = 1, n do
    t = t + i
    if i % 1000 == 0 then coroutine.yield(t) end
  end
  return "total", t
end)
local ok, v = coroutine.resume(co, 5000)
local checkpoints = { v }
while coroutine.status(co) == "suspended" do
  local _, a, b = coroutine.resume(co)
  checkpoints[#checkpoints + 1] = tostring(a) .. (b and (" " .. b) or "")
end
print(table.concat(checkpoints, ", "))
