# &, |, ^, ~, << and >> on positive, negative and big ints.
for a, b in [(12, 10), (-12, 10), (12, -10), (-12, -10), (2 ** 70 + 5, 2 ** 65 + 3), (-(2 ** 70), 255)]:
    print(a & b, a | b, a ^ b, ~a)
print(1 << 0, 1 << 10, 1 << 63, 1 << 64, 1 << 100, -1 << 70)
print(1024 >> 3, -1024 >> 3, -1 >> 100, (2 ** 100) >> 90, -(2 ** 100) >> 99)
print(0xFF ^ 0x0F, ~0, ~-1)
print((255).bit_length(), (-255).bit_length(), (0).bit_length(), (2 ** 100).bit_length())
print(bin(5 & -5), bin(-37 & 0xFF))
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
