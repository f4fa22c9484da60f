-- Integers round-trip exactly through strings; floats round-trip through %.17g.
local ints = { 0, 1, -1, 1000000007, math.maxinteger, math.mininteger }
for _, i in ipairs(ints) do
  local back = tonumber(tostring(i))
  io.write(tostring(back == i and math.type(back) == "integer"), " ")
end
print()
local floats = { 0.1, 1 / 3, 2^-30, 123.456, 1e300, 5e-324 }
for _, f in ipairs(floats) do io.write(tostring(tonumber(string.format("%.17g", f)) == f), " ") end
print()
print(tonumber(tostring(1 / 3)) == 1 / 3, tostring(1 / 3))
