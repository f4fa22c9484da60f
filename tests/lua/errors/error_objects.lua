-- Any value can be an error object; tables pass through unchanged (no position is added).
local err = { code = 404, msg = "not found" }
local ok, e = pcall(function() error(err) end)
print(ok, e == err, e.code, e.msg)
local ok2, e2 = pcall(error, setmetatable({}, { __tostring = function() return "custom error" end }))
print(ok2, tostring(e2))
local ok3, e3 = pcall(function() error(true) end)
print(ok3, e3, type(e3))
local ok4, e4 = pcall(function() error(3.5) end)
print(ok4, e4, math.type(e4))
