-- rawget, rawset, rawequal and rawlen bypass metamethods.
local mt = {
  __index = function() return "from __index" end,
  __newindex = function() error("blocked") end,
  __eq = function() return true end,
  __len = function() return 99 end,
}
local t = setmetatable({ 1, 2, 3 }, mt)
local u = setmetatable({}, mt)
print(t.missing, rawget(t, "missing"), rawget(t, 1))
print(pcall(function() t.new = 1 end))
rawset(t, "new", "raw value")
print(t.new)
print(t == u, rawequal(t, u), rawequal(t, t))
print(#t, rawlen(t), rawlen("abcd"))
print(pcall(rawlen, 5))
print(pcall(rawset, t, nil, 1))
print(rawget(setmetatable({}, { __index = { a = 1 } }), "a"))
