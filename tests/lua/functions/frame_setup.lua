-- Call frames: missing parameters are nil even where an earlier, deeper call left values in
-- the stack; extra arguments are dropped or kept as varargs; results are cut or padded to the
-- count the caller asks for; tail calls and vararg functions move frames.

local function three(a, b, c)
  return a, b, c
end

local function fill(x, y, z, w, v)
  local p, q, r = x * 2, y * 3, z * 4
  return p + q + r + w + v
end

for i = 1, 3 do
  print(fill(i, i, i, i, i))
  print(three(i))
  print(three())
  print(three(i, i + 1, i + 2, i + 3))
end

local function va(a, ...)
  local n = select("#", ...)
  return a, n, ...
end

print(va())
print(va(1))
print(va(1, 2))
print(va(1, nil, 3, nil))
print((va(1, 2, 3)))

local function tail_va(...)
  return va(...)
end

local function tail_fixed(a, b)
  return three(b, a)
end

print(tail_va(10, 20, 30))
print(tail_va())
print(tail_fixed(1, 2, 3))
print(tail_fixed(1))

local a, b, c, d, e = three(1, 2)
print(a, b, c, d, e)
local t = { three(4, 5, 6) }
print(#t, t[1], t[3])
t = { three(7), three(8, 9) }
print(#t, t[1], t[2], t[3])

local function count(...)
  return select("#", ...)
end
print(count(three(1, 2, 3)), count((three(1, 2, 3))), count(va(1, 2, 3)))

local function deep(n, ...)
  if n == 0 then
    return select("#", ...), ...
  end
  return deep(n - 1, n, ...)
end
print(deep(5))

local function rec(n, acc)
  if n == 0 then
    return acc
  end
  local x, y = three(n)
  return rec(n - 1, acc + n + (y or 0) + (x and 1 or 0))
end
print(rec(100, 0))
