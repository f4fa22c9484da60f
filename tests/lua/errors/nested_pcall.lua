-- Errors propagate to the nearest pcall; an inner pcall stops them; rethrowing keeps the object.
local log = {}
local ok, msg = pcall(function()
  local inner_ok, inner_msg = pcall(function() error("inner", 0) end)
  log[#log + 1] = tostring(inner_ok) .. ":" .. inner_msg
  error("outer", 0)
end)
log[#log + 1] = tostring(ok) .. ":" .. msg
print(table.concat(log, " "))
local function rethrow()
  local ok2, e = pcall(error, { tag = "obj" })
  error(e)
end
local ok3, e3 = pcall(rethrow)
print(ok3, e3.tag)
local depth = 0
local function recurse(n)
  if n == 0 then error("bottom", 0) end
  local ok4, e4 = pcall(recurse, n - 1)
  depth = depth + 1
  error(e4 .. "<" .. n, 0)
end
print(pcall(recurse, 5))
print(depth)
