-- Conditions, loops, break, goto, and/or values.
local function show(...) print(...) end
local a, b, n, f = 1, nil, 0, false
show(a and b, a or b, b or a, b and a, f or "d", f and "d", nil or false, false or nil, a and 2 or 3, b and 2 or 3)
show(not a, not b, not nil, not 0, a == 1 and "one" or "other", (a > 0) and (a < 2), not (a > 0 or b))
local c1 = a < 2
local c2 = not (a < 2)
local c3 = a and b == nil
local c4 = (b or f) == nil
show(c1, c2, c3, c4, a ~= nil and a ~= false)
for _, v in ipairs({0, 1, 2, 3, 4}) do
  if v == 0 then n = n + 1 elseif v == 1 then n = n + 10 elseif v < 3 then n = n + 100 else n = n + 1000 end
end
show(n)
if nil then show("nil") elseif false then show("false") else show("else") end
if 0 then show("zero is true") end
if "" then show("empty string is true") end
while false do show("never") end
local i = 0
while i < 5 do i = i + 1 end
repeat i = i - 2 until i < 0
show(i)
local s = 0
for k = 1, 10 do if k % 2 == 0 then goto continue end s = s + k ::continue:: end
show(s)
s = 0
for k = 10, 1, -3 do s = s * 10 + k end
show(s)
for k = 1, 0 do show("never") end
for k = 1.0, 2.0, 0.25 do io = k end
show(io)
for k = 3, 1 do show("never") end
for k = math.maxinteger - 2, math.maxinteger do s = k end
show(s)
for k = math.mininteger, math.mininteger + 2 do s = k end
show(s)
for k = 1, 3.7 do s = k end
show(s, math.type(s))
for k = -1, -3.2, -1 do s = k end
show(s)
local total = 0
for x = 1, 3 do
  for y = 1, 3 do
    if y > x then break end
    total = total + x * y
  end
end
show(total)
local depth = 0
while true do
  depth = depth + 1
  if depth > 3 then break end
  local inner = 0
  repeat inner = inner + 1; if inner == 2 then break end until false
  total = total + inner
end
show(total, depth)
do
  local k = 0
  ::again::
  k = k + 1
  if k < 5 then goto again end
  show("k", k)
end
local r = 0
repeat local z = r; r = r + 1 until z >= 3
show(r)
local words = {}
for idx, w in ipairs({"a", "b", "c"}) do words[#words + 1] = idx .. w end
show(table.concat(words, ","))
local keys = 0
for k, v in pairs({x = 1, y = 2, z = 3}) do keys = keys + v end
show(keys)
local function iter(state, ctl) if ctl < state then return ctl + 1, ctl * 2 end end
for a1, a2 in iter, 3, 0 do show(a1, a2) end
local x = 5
local y = x > 3 and x < 10 and "mid" or "out"
local z = (x > 10 or x < 0) and "out" or "in"
show(y, z, x > 3 and nil or "fallback", false and nil, nil and false)
local t = {}
t.v = x == 5
t.w = x ~= 5
t[1] = not x
show(t.v, t.w, t[1])
local count = 0
while count < 10 do
  count = count + 1
  if count == 3 then goto skip end
  if count == 7 then break end
  ::skip::
end
show(count)
