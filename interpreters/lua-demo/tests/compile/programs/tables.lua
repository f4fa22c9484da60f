-- Table constructors, indexing, metatables and operand order with metamethods.
local function f() return "x", "y", "z" end
local t = {1, 2, 3, n = "n", ["key"] = "value", [10] = 10, f(), [1.0 + 1] = "two?", 4}
print(#t, t[1], t[2], t[3], t[4], t[5], t[6], t.n, t.key, t[10])
local big = {}
for i = 1, 130 do big[i] = i end
local lit = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,
  41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,
  81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99,100,101,102,103,104,105,f()}
print(#lit, lit[50], lit[51], lit[100], lit[105], lit[106], lit[108])
local mixed = {[1] = "a", "b", [2] = "c"}
print(mixed[1], mixed[2])
local nested = {{1, {2, {3}}}, x = {y = {z = "deep"}}}
print(nested[1][2][2][1], nested.x.y.z, nested["x"]["y"].z)
local e = {}
e[1.0] = "float key"; e[2^53] = "big"
print(e[1], e[2^53], #e)
local sep = {1; 2; 3,}
print(#sep)
local keys = {}
keys[true] = 1; keys[false] = 0; keys["1"] = "s"; keys[1] = "i"
print(keys[true], keys[false], keys["1"], keys[1])
local V = {}
V.__index = V
V.__add = function(a, b) return "add(" .. tostring(type(a) == "table" and a.v or a) .. "," .. tostring(type(b) == "table" and b.v or b) .. ")" end
V.__sub = function(a, b) return "sub(" .. tostring(type(a) == "table" and a.v or a) .. "," .. tostring(type(b) == "table" and b.v or b) .. ")" end
V.__div = function(a, b) return "div" end
V.__shl = function(a, b) return "shl(" .. tostring(type(a) == "table" and a.v or a) .. "," .. tostring(type(b) == "table" and b.v or b) .. ")" end
V.__lt = function(a, b) return (type(a) == "table" and a.v or a) < (type(b) == "table" and b.v or b) end
V.__le = function(a, b) return (type(a) == "table" and a.v or a) <= (type(b) == "table" and b.v or b) end
V.__eq = function(a, b) return a.v == b.v end
V.__concat = function(a, b) return "cat" end
V.__len = function(a) return 99 end
V.__unm = function(a) return "neg" end
V.__call = function(self, x) return "called " .. tostring(x) end
V.__newindex = function(t, k, v) rawget(t, "log")[#rawget(t, "log") + 1] = k end
function V.get(self) return self.v end
local function new(v) return setmetatable({v = v, log = {}}, V) end
local p, q = new(1), new(2)
print(p + q, p + 1, 1 + p, p - 1, 1 - p, 2.5 - p, p - 2.5, p / 2, 1 << p, p << 1, p << q)
print(p < q, p <= q, p > q, p >= q, p < 5, 5 < p, p > 0, 0 > p, p <= 1, 1 >= p, p == q, p == new(1), p ~= new(1))
print(p .. "x", "x" .. p, #p, -p, p(7), p:get(), q.get(q))
p.newkey = 1; p[5] = 2
print(#p.log, p.log[1], p.log[2], rawget(p, "newkey"))
local proxy = setmetatable({}, {__index = function(t, k) return k .. "!" end})
print(proxy.abc, proxy[1], proxy.v)
local chain = setmetatable({}, {__index = setmetatable({mid = "m"}, {__index = {deep = "d"}})})
print(chain.mid, chain.deep, chain.none)
local s = "hello"
print(#s, s:rep(2), ("x"):rep(3), #"")
local counts = {}
for _, w in ipairs({"a", "b", "a", "c", "a"}) do counts[w] = (counts[w] or 0) + 1 end
print(counts.a, counts.b, counts.c, counts.d)
local t2 = {10, 20, 30}
t2[#t2 + 1] = 40
t2[#t2] = nil
print(#t2, t2[3])
local g = {}
g.a, g.b, g.c = 1, 2
print(g.a, g.b, g.c)
