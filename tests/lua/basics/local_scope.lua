-- Block scoping and shadowing of locals; globals are separate from locals of the same name.
x = "global x"
local x = "local x"
print(x, _ENV.x)
do
  local x = "inner x"
  print(x)
  do
    local x = x .. " shadowed"
    print(x)
  end
  print(x)
end
print(x)
local y = 1
local y = y + 1
print(y)
local function f()
  local x = "function x"
  return x
end
print(f(), x)
for x = 1, 2 do print("loop x", x) end
print("after loop", x)
