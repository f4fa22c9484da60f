-- Loops inside functions inside loops: returning from the middle of a loop ends the function.
local function find_first(t, pred)
  for i, v in ipairs(t) do
    if pred(v) then return i, v end
  end
  return nil
end
print(find_first({ 3, 8, 5, 12 }, function(v) return v % 2 == 0 end))
print(find_first({ 1, 3 }, function(v) return v > 5 end))
local results = {}
for n = 1, 4 do
  results[#results + 1] = select(2, find_first({ n, n * 2, n * 3 }, function(v) return v > 4 end)) or "none"
end
print(table.concat(results, " "))
