-- Errors raised inside metamethods propagate to the caller's pcall like any other error.
local mt = {
  __add = function() error("add failed", 0) end,
  __index = function(_, k) error("no field " .. k, 0) end,
  __tostring = function() error("tostring failed", 0) end,
  __call = function() error({ reason = "call" }) end,
}
local t = setmetatable({}, mt)
print(pcall(function() return t + 1 end))
print(pcall(function() return t.missing end))
print(pcall(tostring, t))
local ok, e = pcall(t)
print(ok, e.reason)
print(pcall(function() return setmetatable({}, { __lt = function(a, b) return a.x < b.x end }) < {} end))
