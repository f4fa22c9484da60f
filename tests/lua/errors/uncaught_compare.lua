-- Uncaught error: ordering a number against nil.
local limit
for i = 1, 3 do
  print(i)
  if i > limit then break end
end
