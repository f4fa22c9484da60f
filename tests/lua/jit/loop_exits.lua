-- Leaving hot loops by break, return and goto at different iterations, many times over.
local function first_multiple(n, m)
  for i = 1, n do
    if i % m == 0 then return i end
  end
  return -1
end
local s = 0
for k = 1, 3000 do s = s + first_multiple(100, (k % 50) + 1) end
print(s)
local breaks = 0
for k = 1, 2000 do
  local i = 0
  while true do
    i = i + 1
    if i > k % 13 then break end
  end
  breaks = breaks + i
end
print(breaks)
local skipped = 0
for i = 1, 5000 do
  if i % 3 == 0 then goto continue end
  skipped = skipped + 1
  ::continue::
end
print(skipped)
