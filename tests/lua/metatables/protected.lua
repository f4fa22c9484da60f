-- A __metatable field hides the metatable from getmetatable and protects it from setmetatable.
local t = setmetatable({}, { __metatable = "locked", __index = { x = 1 } })
print(getmetatable(t), t.x)
print(pcall(setmetatable, t, {}))
print(getmetatable("abc") == getmetatable("xyz"))
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
local plain = {}
print(setmetatable(plain, nil) == plain, getmetatable(plain))
