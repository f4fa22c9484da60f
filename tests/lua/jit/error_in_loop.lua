-- An error raised inside a hot loop is caught by pcall; the loop state before it is kept.
local progress = 0
local ok, msg = pcall(function()
  for i = 1, 10000 do
    progress = i
    if i == 7777 then error("stopped at " .. i) end
  end
end)
print(ok, msg, progress)
local caught, sum = 0, 0
for i = 1, 5000 do
  local ok2 = pcall(function()
    if i % 1000 == 0 then error("every thousandth") end
    sum = sum + i
  end)
  if not ok2 then caught = caught + 1 end
end
print(caught, sum)
local t = { 1, 2, 3 }
local reached = 0
local ok3, msg3 = pcall(function()
  local s = 0
  for i = 1, 5000 do
    reached = i
    s = s + t[(i % 4) + 1]
  end
  return s
end)
-- Only the kind of error is printed: how the nil operand is named differs between implementations.
print(ok3, msg3:find("attempt to perform arithmetic on a nil value", 1, true) ~= nil, reached)
