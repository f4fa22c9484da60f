-- Bit manipulation in loops: population count, bit reversal of a byte, and parity.
local function popcount(x)
  local n = 0
  while x ~= 0 do
    x = x & (x - 1)
    n = n + 1
  end
  return n
end
local function reverse8(b)
  local r = 0
  for _ = 1, 8 do
    r = (r << 1) | (b & 1)
    b = b >> 1
  end
  return r
end
print(popcount(0), popcount(255), popcount(-1), popcount(math.mininteger), popcount(0x5555))
print(reverse8(1), reverse8(0x0F), reverse8(0xA5))
local total = 0
for i = 0, 1023 do total = total + (popcount(i) & 1) end
print("odd parity among 0..1023:", total)
