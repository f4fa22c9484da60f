-- exceptions: a loop where a third of the calls raise (error with a table
-- value) from two frames down and are caught by pcall.
-- arg[1] = steps (default 1000000).
local function inner(i)
  if i % 3 == 0 then
    error({ code = i % 17 })
  end
  return i % 5
end

local function outer(i)
  return inner(i) + 1
end

local n = tonumber(arg and arg[1]) or 1000000
local s, caught = 0, 0
for i = 0, n - 1 do
  local ok, v = pcall(outer, i)
  if ok then
    s = s + v
  else
    s = s + v.code
    caught = caught + 1
  end
end
print(string.format("%d %d", caught, s))
