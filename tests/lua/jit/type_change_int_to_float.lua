-- A loop variable changes from integer to float after many iterations, which must fail a type guard.
local x = 0
local trace = {}
for i = 1, 5000 do
  if i == 3000 then x = x + 0.5 end
  x = x + 1
  if i % 1000 == 0 then trace[#trace + 1] = tostring(x) .. ":" .. math.type(x) end
end
print(table.concat(trace, " "))
local y = 1
for i = 1, 4000 do
  if i > 2500 then y = y * 1.0 end
  y = y + i
end
print(y, math.type(y))
