-- Register allocation and jump lists in larger expressions.
local obj = {v = 3}
function obj:m(x) return (x or 0) + self.v end
function obj:chain() return self end
local function f(...) return ... end
local function g(a, b) return a, b end
local t = {1, 2, 3, x = {y = {z = 5}}}
local a, b, c, d = 1, nil, false, "s"
print(obj:m(obj:m(obj:chain():m(1))), f(g(1, 2)), f(g(1, 2), 3), (f(g(1, 2))))
print(f(a and b, a or b, c or d, b and c, a and d or c), #{a or b, c or d, a or c}, #{a and 1 or 2, b or 3})
local k = {[a and "yes" or "no"] = 1, [d .. "x"] = 2}
print(k.yes, k.no, k.sx)
local function r1() return a and b end
local function r2() return b or c end
local function r3() return not a or (b and c) end
local function r4() return a < 2 and d == "s" or nil end
print(r1(), r2(), r3(), r4())
if a and (b or 0) < 3 or not d then print("branch1") elseif a == 1 and (d == "t" or c == false) then print("branch2") end
if (a or b) and (c or d) then print("branch3") end
if not (a and b) then print("branch4") end
local s = "a" .. f("b") .. "c" .. (b and "x" or "y") .. a .. t[1] .. obj.v .. d:rep(2) .. #t
print(s)
local n = ((a + 1) * (a + 2) - (a + 3) / (a + 4)) // ((a + 5) % (a + 6)) ^ (a - 1)
print(n)
local x = t and t.x and t.x.y and t.x.y.z
local y = t and t.nope and t.nope.z
print(x, y)
local e1 = 1.0
print(e1 == 1, e1 ~= 1, a == 1.0, a ~= -128, -128 == a - 129, 127 == a + 126, 128 == a + 127, a + 127 == 128)
print(nil == b, b == nil, true == (a == 1), d == "s", "s" == d, d ~= "t", c == false, false == c)
print(1 < a, a < 1, 2 > a, a >= -1, -1 <= a, 1.5 > a, a < 1.5, a <= 200, 200 >= a, a > -200)
local i = 1
while i < 10 and t[i] ~= nil do i = i + 1 end
print(i)
local cnt = 0
for j = 1, 5 do
  if j == 2 or j == 4 then goto next end
  cnt = cnt + j
  ::next::
end
print(cnt)
local acc = {}
for j = 1, 3 do acc[#acc + 1] = j > 1 and j < 3 and "mid" or j end
print(table.concat(acc, ","))
local u, v, w = f(1, 2, 3), f(4, 5)
print(u, v, w)
local p = {f(1, 2), f(3, 4)}
print(#p, p[1], p[2], p[3])
local q = {f(1, 2), (f(3, 4))}
print(#q, q[3])
local deep = f(f(f(f(f(f(f(f(1, 2), 3), 4), 5), 6), 7), 8), 9)
print(deep)
local z1, z2 = a > 0, a < 0
local z3 = a > 0 == true
local z4 = (a > 0) == (a < 0)
print(z1, z2, z3, z4)
local big = {}
for j = 1, 20 do big[j] = j end
local sum = big[1] + big[2] + big[3] + big[4] + big[5] + big[6] + big[7] + big[8] + big[9] + big[10]
  + big[11] * big[12] - big[13] // big[14] + big[15] % big[16] + big[17] ^ 0 + (big[18] | big[19]) + (big[20] & 4)
print(sum)
local m = {}
m[a], m[a + 1], m["k" .. a] = a, a + 1, a + 2
print(m[1], m[2], m.k1)
local o = {}
o.x, o.y = f(10, 20)
print(o.x, o.y)
local function swap3(x1, x2, x3) return x3, x2, x1 end
local s1, s2, s3 = swap3(swap3(1, 2, 3))
print(s1, s2, s3)
print(select('#', f()), select('#', (f())), select('#', f(nil)), select('#', nil, f()))
print(not 1 == 2, -2 ^ 2, 2 ^ -1, 2 ^ 3 ^ 2, 1 .. 2 .. 3, 1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 2 * 3 % 4, 7 // 2 * 2)
print(1 << 2 + 1, 1 | 2 ~ 3 & 4, "a" .. "b" == "ab", 1 < 2 == true, #"abc" + 1, -#"ab", not nil and 1 or 2, ~5 ~ 3, - - -2)
print(2 ^ 2 ^ 0.5 == 2 ^ (2 ^ 0.5), -3 % 5, (-3) % 5, -3 ^ 2, 2 - -2, 2 - - 2, "1" + "2" * "3", 10 - 2 - 3, 64 / 4 / 2, 2 ^ -2 ^ 2)
local pa, pb, pc = 5, 3, 2
print(pa - pb - pc, pa / pb / pc, pa ^ pb ^ pc, pa .. pb .. pc, pa < pb == (pb < pc), pa > pb and pb > pc, pa % pb ^ pc)
