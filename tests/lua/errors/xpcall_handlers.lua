-- xpcall calls the handler with the error object and returns its result; extra arguments reach f.
print(xpcall(function(a, b) return a * b end, print, 6, 7))
print(xpcall(function() error("oops") end, function(m) return "handled: " .. m end))
print(xpcall(function() error({ code = 7 }) end, function(e) return e.code * 2 end))
print(xpcall(function() local x = nil; return x.field end, function(m) return "caught " .. m end))
local depth_seen
print(xpcall(function() error("deep") end, function(m)
  depth_seen = type(m)
  return m:upper()
end))
print(depth_seen)
print(pcall(xpcall))
