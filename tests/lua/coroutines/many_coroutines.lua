-- Many live coroutines at once, resumed round-robin, each keeping its own locals.
local workers = {}
for id = 1, 50 do
  workers[id] = coroutine.create(function()
    local acc = 0
    for step = 1, 10 do
      acc = acc + id * step
      coroutine.yield(acc)
    end
    return acc
  end)
end
local finished, total = 0, 0
while finished < #workers do
  for _, co in ipairs(workers) do
    if coroutine.status(co) == "suspended" then
      local ok, v = coroutine.resume(co)
      if coroutine.status(co) == "dead" then finished = finished + 1; total = total + v end
    end
  end
end
print(finished, total)
