-- coroutine.isyieldable is false in the main thread and true inside a coroutine.
print(coroutine.isyieldable())
local co = coroutine.create(function() return coroutine.isyieldable() end)
print(coroutine.resume(co))
print(pcall(coroutine.yield, 1))
print(coroutine.wrap(function() return type(coroutine.running()) end)())
