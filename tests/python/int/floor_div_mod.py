# // and % round toward negative infinity, for ints and floats, all sign combinations.
for a in (7, -7, 0, 13, -13):
    for b in (3, -3, 5, -5):
        print(a, b, a // b, a % b, divmod(a, b))
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(10 ** 30 // -7, 10 ** 30 % -7, -(10 ** 30) // 7, -(10 ** 30) % 7)
print(-9223372036854775808 // -1, -9223372036854775808 % -1)
