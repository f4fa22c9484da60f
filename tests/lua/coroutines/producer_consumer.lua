-- A producer/filter/consumer pipeline built from coroutines.
local function producer(items)
  return coroutine.create(function()
    for _, item in ipairs(items) do coroutine.yield(item) end
  end)
end
local function receive(prod)
  local ok, value = coroutine.resume(prod)
  return ok and value or nil
end
local function filter(prod, pred)
  return coroutine.create(function()
    while true do
      local v = receive(prod)
      if v == nil then return end
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local pipeline = filter(producer({ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }), function(v) return v % 3 ~= 0 end)
local got = {}
while true do
  local v = receive(pipeline)
  if v == nil then break end
  got[#got + 1] = v
end
print(table.concat(got, " "))
