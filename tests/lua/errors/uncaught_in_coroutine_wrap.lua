-- An error inside a coroutine.wrap generator propagates to the caller uncaught.
local gen = coroutine.wrap(function()
  coroutine.yield(1)
  error("generator broke")
end)
print(gen())
print(gen())
