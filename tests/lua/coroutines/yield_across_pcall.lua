-- Lua 5.4 can yield across pcall, and errors after a resume are still caught by that pcall.
local co = coroutine.create(function()
  local ok, err = pcall(function()
    local v = coroutine.yield("yielded inside pcall")
    error("failed with " .. v, 0)
  end)
  coroutine.yield(ok, err)
  return "end"
end)
print(coroutine.resume(co))
print(coroutine.resume(co, "value"))
print(coroutine.resume(co))
print(coroutine.status(co))
local gen = coroutine.wrap(function()
  for _, v in ipairs({ "a", "b" }) do
    local ok = pcall(coroutine.yield, v)
  end
  return "done"
end)
print(gen(), gen(), gen())
