# hex, oct, bin and format specs for bases, including negatives and bigints.
for n in [0, 1, 255, -255, 2 ** 64, -(2 ** 70) + 3]:
    print(hex(n), oct(n), bin(n))
print(format(255, "x"), format(255, "X"), format(255, "#x"), format(255, "08b"), format(-5, "b"))
print(f"{255:#o} {1234567:,} {1234567:_} {255:_b} {10**20:,}")
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
