local saved
local function f()
  local x = 1
  saved = function() x = x + 1; return x end
  error("fail")
end
print(pcall(f))
print(saved(), saved())
local function deep(n) if n == 0 then local y = 10; saved = function() return y end; error("deep") end deep(n - 1) end
print(pcall(deep, 20))
print(saved())
local t = {}
for i = 1, 3 do
  local ok = pcall(function() local v = i * 10; t[i] = function() return v end; error("e") end)
end
print(t[1](), t[2](), t[3]())
