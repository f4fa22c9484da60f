-- generators: a four-stage lazy pipeline (source, map, filter, running sum)
-- built from coroutines, the Lua counterpart of generators.py.
-- arg[1] = items (default 1000000).
local yield, wrap = coroutine.yield, coroutine.wrap

local function numbers(n)
  return wrap(function()
    for i = 0, n - 1 do
      yield(i)
    end
  end)
end

local function squares(src)
  return wrap(function()
    for x in src do
      yield(x * x % 1000003)
    end
  end)
end

local function evens(src)
  return wrap(function()
    for x in src do
      if x % 2 == 0 then
        yield(x)
      end
    end
  end)
end

local function running(src)
  return wrap(function()
    local s = 0
    for x in src do
      s = (s + x) % 1000000007
      yield(s)
    end
  end)
end

local n = tonumber(arg and arg[1]) or 1000000
local count, last = 0, 0
for v in running(evens(squares(numbers(n)))) do
  count = count + 1
  last = v
end
print(string.format("%d %d", count, last))
