-- Generic for with stateless iterators (function, state, control) and closure-based iterators.
local function range_iter(limit, i)
  if i < limit then return i + 1 end
end
local function range(n) return range_iter, n, 0 end
for i in range(5) do io.write(i, " ") end
print()
local function chars(s)
  local i = 0
  return function()
    i = i + 1
    if i <= #s then return i, s:sub(i, i) end
  end
end
for i, c in chars("lua") do io.write(i, c, " ") end
print()
local function evens(t)
  return function(tbl, i)
    i = i + 2
    if tbl[i] ~= nil then return i, tbl[i] end
  end, t, 0
end
for i, v in evens({ "a", "b", "c", "d", "e", "f" }) do io.write(i, v, " ") end
print()
local function fib_iter(max)
  local a, b = 0, 1
  return function()
    if a > max then return nil end
    local r = a
    a, b = b, a + b
    return r
  end
end
local fibs = {}
for v in fib_iter(100) do fibs[#fibs + 1] = v end
print(table.concat(fibs, ","))
for a, b, c in function(_, i) if i < 2 then return i + 1, "b", "c" end end, nil, 0 do print(a, b, c) end
