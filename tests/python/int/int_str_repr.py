# str/repr of ints, padding and alignment with format specs, signs.
for n in [0, 7, -7, 123456, -(10 ** 21)]:
    print(repr(n), str(n), f"[{n:>12}] [{n:<8}] [{n:^9}] [{n:+}] [{n: }] [{n:012}]")
print(f"{42:*^10}", f"{-42:=8}", f"{42:e}", f"{42:.2f}", f"{42:%}", f"{1234567:,d}")
