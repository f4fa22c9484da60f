-- nil and booleans: truthiness, not/and/or short-circuit results, type names.
print(nil, true, false)
print(type(nil), type(true), type(false))
print(not nil, not false, not true, not 0, not "")
print(nil == false, false == false, nil == nil)
print(nil and 1, false and 1, 0 and 1, "" and "yes")
print(nil or "default", false or nil, 0 or 1, false or false)
print(1 and 2 or 3, nil and 2 or 3, false or nil and 1)
local count = 0
local function bump() count = count + 1 return true end
local _ = false and bump()
local _ = true or bump()
print("short-circuit calls:", count)
local x
print("uninitialised local:", x)
print("undefined global:", undefined_global_name)
