-- Calls, varargs, multiple results, closures and upvalues, methods, tail calls.
local function multi() return 1, 2, 3 end
local function none() end
local function count(...) return select('#', ...) end
print(multi())
print((multi()))
print(multi(), 10)
print(10, multi())
print(({multi()})[3], #{multi(), multi()}, #{multi(), (multi())}, #{none(), none()})
print(count(), count(nil), count(nil, nil), count(multi()), count(multi(), nil), count(none()))
local a, b, c, d = multi()
print(a, b, c, d)
a, b, c, d = 0, multi()
print(a, b, c, d)
a, b = multi(), 5
print(a, b)
local function pass(...) return ... end
print(pass(1, nil, 3))
print(select(2, pass("a", "b", "c")))
print(select(-1, pass("a", "b", "c")))
local function va(x, ...)
  local p, q = ...
  local t = {...}
  local u = {..., "end"}
  return x, p, q, #t, u[1], u[2], u[3], select("#", ...)
end
print(va(1)) print(va(1, 2)) print(va(1, 2, 3, 4))
local function adder(n) return function(m) n = n + m; return n end end
local add = adder(10)
print(add(1), add(2), add(3))
local function pair()
  local v = 0
  return function() v = v + 1; return v end, function() return v end
end
local inc, get = pair()
inc(); inc()
print(get())
local fns = {}
for i = 1, 3 do local j = i * 10; fns[i] = function() return i, j end end
print(fns[1](), fns[2](), fns[3]())
local fs2 = {}
local k = 1
while k <= 3 do local kk = k; fs2[k] = function() return kk end; k = k + 1 end
print(fs2[1](), fs2[2](), fs2[3]())
local rep = {}
local m = 0
repeat local mm = m; rep[#rep + 1] = function() return mm end; m = m + 1 until mm >= 2
print(rep[1](), rep[2](), rep[3]())
local function outer()
  local x = 1
  local function mid()
    local function inner() x = x + 1; return x end
    return inner
  end
  return mid(), function() return x end
end
local inner, peek = outer()
inner(); inner()
print(peek())
local obj = {name = "obj", n = 0}
function obj:bump(by) self.n = self.n + (by or 1); return self end
function obj.static(v) return v * 2 end
obj:bump():bump(5)
print(obj.n, obj.static(21), obj["static"](1))
local nested = {a = {b = {}}}
function nested.a.b.f(x) return x + 1 end
function nested.a.b:g(x) return self == nested.a.b, x end
print(nested.a.b.f(1), nested.a.b:g(2))
local function fact(n, acc) if n <= 1 then return acc end return fact(n - 1, acc * n) end
print(fact(20, 1))
local function loop(n) if n == 0 then return "bottom" end return loop(n - 1) end
print(loop(100000))
local function sumlist(...)
  local s = 0
  for _, v in ipairs({...}) do s = s + v end
  return s
end
print(sumlist(1, 2, 3, 4, 5), sumlist())
local function strarg(s) return "<" .. s .. ">" end
local function tabarg(t) return #t end
print(strarg"x", strarg'y', strarg[[z]], tabarg{1, 2, 3}, ("ab"):rep(3))
local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local x, y = 1, 2
x, y = y, x
print(x, y)
local arr = {1, 2, 3}
arr[1], arr[3] = arr[3], arr[1]
print(arr[1], arr[2], arr[3])
local up = {v = 1}
local function setter() up, up.v = {v = 5}, 7 end
local old = up
setter()
print(old.v, up.v)
print(pcall(function(...) return ... end, 1, 2))
print(table.unpack({1, 2, 3}))
local function ret_many() return table.unpack({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) end
print(ret_many())
local function tailvar(...) return select('#', ...), ... end
print(tailvar(nil, nil))
