-- Ordering different types (or tables without metamethods) is an error; equality never is.
local function try(f)
  local ok, msg = pcall(f)
  print(ok, msg)
end
try(function() return 1 < "2" end)
try(function() return "1" < 2 end)
try(function() return {} < {} end)
try(function() return nil < 1 end)
try(function() return 1 <= nil end)
try(function() return true > false end)
print({} == {}, nil == false, 1 == "1", print == print)
local t = {}
print(t == t, t ~= {}, "x" == "x")
