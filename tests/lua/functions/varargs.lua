-- Varargs: ... in calls, table constructors and multiple assignment; nils inside are preserved.
local function count(...) return select("#", ...) end
print(count(), count(nil), count(1, nil), count(nil, nil, nil))
local function pass(...) return ... end
print(pass(1, 2, 3), pass())
print((pass(1, 2, 3)))
local function first_two(...)
  local a, b = ...
  return a, b
end
print(first_two(9), first_two(7, 8, 9))
local function wrap(...) return { ... }, select("#", ...) end
local t, n = wrap(1, nil, 3, nil)
print(n, t[1], t[2], t[3])
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(1, 2, 3, 4, 5), sum())
local function fixed_and_var(a, b, ...) return a, b, select("#", ...) end
print(fixed_and_var(1), fixed_and_var(1, 2, 3, 4))
print(pcall(select, 0, "a"))
