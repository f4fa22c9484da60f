-- A program touching every part of the Lua 5.4 syntax, used by the compiler tests.
local print, select, type, tostring = print, select, type, tostring
local a, b <const>, c = 1, 2.5, "three"
local big = 9223372036854775807
local wrap = 0xffffffffffffffff
local over = 9223372036854775808
local hexf = 0x1.8p3 + 0x.1 + 1e10 + .5 + 3. + 1E-3
local s = 'esc\a\b\f\n\r\t\v\\\"\'\z
           \x41\65\u{48}\u{7FFFFFFF}' .. [==[
long ]] string]==] .. "line\
continued"
--[[ long
comment ]] --[==[ another ]==]
local t = {1, 2, 3; x = 1, ["y"] = 2, [3 + 1] = 4, f = function(self, ...) return select('#', ...) end}
function t.m(self, n) return n * 2 end
function t:n(k) return self.x + k end
local u = t:n(1) + t.m(t, 2) + t:f(1, 2, 3)
local r = -2 ^ 2 + 2 ^ -1 + (2 ^ 3) ^ 2 + 2 ^ 3 ^ 2 + -a ^ 2
local cat = "a" .. "b" .. 1 .. 2.0 .. c
local bits = (a << 3 | 5) & ~0 ~ 7 >> 1
local cmp = a < b and b <= 3 and not (a > 2) and a >= 1 and a ~= 2 and a == 1
local idiv, fdiv, mod = 7 // 2, 7 / 2, -7 % 3
local len = #t + #"abc"
local function fact(n) if n <= 1 then return 1 else return n * fact(n - 1) end end
local function sum(...)
  local acc = 0
  for i = 1, select('#', ...) do acc = acc + select(i, ...) end
  return acc, ...
end
local packed = {sum(1, 2, 3)}
local x1, x2, x3 = sum(4), sum(5, 6)
local closures = {}
for i = 1, 3 do closures[i] = function() return i end end
for k, v in pairs(t) do closures[#closures + 1] = function() return k, v end end
local i = 0
while true do i = i + 1; if i > 10 then break end end
repeat local z = i; i = i - 1 until z < 5
do
  local n = 0
  ::top::
  n = n + 1
  if n < 3 then goto top end
  goto done
  ::done::
end
for j = 10, 1, -2 do i = i + j end
for j = 1.0, 2.0, 0.5 do i = i + j end
local m = setmetatable({}, {__index = function(_, k) return k end, __close = function() end})
do local cl <close> = m end
local function tail(n) if n == 0 then return "done" end return tail(n - 1) end
local o = {a = {b = {c = function() return 1 end}}}
o.a.b.c()
o["a"]["b"].d = 1
a, c = c, a
t[1], t[2] = t[2], t[1]
local vararg = function(...) local p, q = ...; return ... end
print(a, b, c, big, wrap, over, hexf, s, u, r, cat, bits, cmp, idiv, fdiv, mod, len, fact(5), #packed, x1, x2, x3,
  closures[1](), i, tail(3), vararg(1, 2, 3))
return t, o, m
