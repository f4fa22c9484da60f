-- A field that is usually present becomes nil for some iterations, failing a guard in the loop.
local items = {}
for i = 1, 4000 do
  if i % 97 == 0 then items[i] = { name = "n" .. i } else items[i] = { name = "n" .. i, weight = i % 10 } end
end
local total, missing = 0, 0
for i = 1, #items do
  local w = items[i].weight
  if w then total = total + w else missing = missing + 1 end
end
print(total, missing)
