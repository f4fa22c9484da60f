-- tonumber on strings: decimal, hex (including hex floats), exponents, surrounding whitespace.
local inputs = { "10", "  42  ", "-7", "3.25", "1e3", "1E-2", ".5", "5.", "0x1F", "0XfF", "-0x10",
  "0x1p4", "0x.8", "1e+2", "\t\n12\n", "9223372036854775807", "9223372036854775808", "0x7fffffffffffffff",
  "0xffffffffffffffff", "-9223372036854775808" }
for _, s in ipairs(inputs) do
  local n = tonumber(s)
  print(string.format("%q", s), n, math.type(n))
end
