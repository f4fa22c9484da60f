-- Nested generic for loops, and iterating over a table of tables with sorted output.
local grid = { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9 } }
local diag, total = {}, 0
for i, row in ipairs(grid) do
  for j, v in ipairs(row) do
    total = total + v
    if i == j then diag[#diag + 1] = v end
  end
end
print(total, table.concat(diag, " "))
local inventory = { apples = { 3, 5 }, pears = { 1 }, figs = { 2, 2, 2 } }
local names = {}
for name in pairs(inventory) do names[#names + 1] = name end
table.sort(names)
for _, name in ipairs(names) do
  local sum = 0
  for _, c in ipairs(inventory[name]) do sum = sum + c end
  print(name, #inventory[name], sum)
end
