-- An upvalue is closed when its scope ends; closures then keep the last value.
local fns = {}
do
  local v = "before"
  fns.get = function() return v end
  v = "after"
end
print(fns.get())
local function make()
  local list = {}
  for i = 1, 3 do
    local sq = i * i
    list[i] = function() sq = sq + 1; return sq end
  end
  return list
end
local l = make()
print(l[1](), l[1](), l[2](), l[3](), l[3]())
local function recursive_closure()
  local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
  return fact
end
print(recursive_closure()(10))
