-- Uncaught error raised with error() inside nested functions: the message has the raising position.
local function validate(x)
  if x < 0 then error("negative input: " .. x) end
  return x
end
local function process(list)
  local sum = 0
  for _, v in ipairs(list) do sum = sum + validate(v) end
  return sum
end
print(process({ 1, 2, 3 }))
print(process({ 1, -2, 3 }))
