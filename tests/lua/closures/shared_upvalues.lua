-- Closures created in the same scope share their upvalues: a write through one is seen by the other.
local function make_pair()
  local value = 0
  local function get() return value end
  local function set(v) value = v end
  return get, set
end
local get, set = make_pair()
print(get())
set(42)
print(get())
local get2, set2 = make_pair()
set2(7)
print(get(), get2())
local x = 1
local function read() return x end
x = 2
print(read())
local function bump() x = x + 10 end
bump()
print(x, read())
