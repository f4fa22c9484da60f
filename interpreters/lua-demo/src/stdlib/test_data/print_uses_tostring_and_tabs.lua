print(1, 1.0, -0.0, 1e100, 2^63, nil, true, "s")
print(setmetatable({}, {__tostring = function() return "obj" end}), (setmetatable({}, {__name = "My"}) ~= nil))
print()
print(pcall(print, setmetatable({}, {__tostring = function() return {} end})))
