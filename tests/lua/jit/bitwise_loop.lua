-- Bitwise operations in hot loops: a xorshift generator and a checksum with shifts and masks.
local x = 88172645463325252
local acc = 0
for _ = 1, 5000 do
  x = x ~ (x << 13)
  x = x ~ (x >> 7)
  x = x ~ (x << 17)
  acc = acc ~ (x & 0xFFFF)
end
print(x, acc)
local crc = 0xFFFFFFFF
for i = 1, 4000 do
  crc = crc ~ (i & 0xFF)
  for _ = 1, 2 do
    if crc & 1 == 1 then crc = (crc >> 1) ~ 0xEDB88320 else crc = crc >> 1 end
  end
end
print(string.format("%08x", crc ~ 0xFFFFFFFF))
