-- Functions are values: stored in tables, passed, returned, and compared by identity.
local function apply(f, ...) return f(...) end
local function compose(f, g) return function(...) return f(g(...)) end end
local function map(t, f)
  local out = {}
  for i, v in ipairs(t) do out[i] = f(v) end
  return out
end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(apply(inc, 1), apply(math.max, 3, 9, 4), compose(inc, dbl)(5), compose(dbl, inc)(5))
print(table.concat(map({ 1, 2, 3 }, dbl), " "))
local ops = { add = function(a, b) return a + b end, mul = function(a, b) return a * b end }
local names = {}
for name in pairs(ops) do names[#names + 1] = name end
table.sort(names)
for _, name in ipairs(names) do print(name, ops[name](6, 7)) end
print(inc == inc, inc == dbl, type(apply))
