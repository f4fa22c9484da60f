-- String building in hot loops: concatenation, table.concat, string.rep and string.format.
local s = ""
for i = 1, 2000 do s = s .. (i % 10) end
print(#s, s:sub(1, 20), s:sub(-5))
local parts = {}
for i = 1, 3000 do parts[#parts + 1] = string.format("%03d", i % 1000) end
local joined = table.concat(parts, ",")
print(#joined, joined:sub(1, 23))
local count = 0
for i = 1, 3000 do
  local key = "item" .. i
  if key:sub(-1) == "7" then count = count + #key end
end
print(count)
local up = 0
for i = 1, 2000 do up = up + #string.upper("abc" .. i) end
print(up)
