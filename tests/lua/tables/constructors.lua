-- Table constructors mixing positional, named and computed fields; a call at the end expands.
local function three() return 1, 2, 3 end
local t = { "a", "b", x = 1, ["y"] = 2, [10] = "ten", "c"; three() }
print(t[1], t[2], t[3], t[4], t[5], t[6], t.x, t.y, t[10])
local u = { three(), three() }
print(#u, u[1], u[2], u[4])
local v = { (three()) }
print(#v)
local w = { [1] = "explicit", "positional" }
print(w[1])
local k = "dyn"
local z = { [k .. "amic"] = true, [1 + 1] = "two", [2.0 + 1] = "three" }
print(z.dynamic, z[2], z[3])
local trailing = { 1, 2, 3, }
print(#trailing)
local nested = { { 1, 2 }, { 3, { 4, 5 } } }
print(nested[2][2][2])
