-- Each iteration of a for loop gets a fresh loop variable, so closures capture distinct values.
local fns = {}
for i = 1, 3 do fns[i] = function() return i end end
print(fns[1](), fns[2](), fns[3]())
local gens = {}
for _, name in ipairs({ "a", "b", "c" }) do gens[#gens + 1] = function() return name end end
print(gens[1](), gens[2](), gens[3]())
local ws = {}
local j = 0
while j < 3 do
  j = j + 1
  local k = j
  ws[j] = function() k = k + 100; return k end
end
print(ws[1](), ws[1](), ws[2](), ws[3]())
local shared = {}
local s = 0
for i = 1, 3 do shared[i] = function() s = s + i; return s end end
print(shared[1](), shared[2](), shared[3]())
