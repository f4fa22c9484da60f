-- Shifts are logical; shifting by 64 or more gives 0; a negative count shifts the other way.
print(1 << 0, 1 << 1, 1 << 62, 1 << 63, 1 << 64, 1 << 100)
print(-1 >> 1, -1 >> 63, -1 >> 64, 256 >> 4, 256 >> -4, 1 << -1)
print(3 << 62, math.mininteger >> 63)
print(0xFF >> 4 << 4, 1 << 2 + 1)
for i = 60, 66 do io.write(tostring(1 << i), " ") end
print()
