-- break exits only the innermost loop, including from inside nested ifs.
local found = {}
for i = 1, 5 do
  for j = 1, 5 do
    if i * j > 6 then break end
    if j == i then found[#found + 1] = i .. "," .. j end
  end
end
print(table.concat(found, " "))
local outer = 0
while true do
  outer = outer + 1
  repeat
    if outer > 2 then break end
  until true
  if outer >= 4 then break end
end
print(outer)
for _, v in ipairs({ 1, 2, 3, 4 }) do
  if v == 3 then break end
  io.write(v, " ")
end
print()
