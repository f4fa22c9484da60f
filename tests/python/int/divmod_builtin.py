# divmod on ints and bigints, and the identity q*b + r == a.
pairs = [(17, 5), (-17, 5), (17, -5), (-17, -5), (10 ** 25, 12345), (-(10 ** 25), 12345), (0, 9)]
for a, b in pairs:
    q, r = divmod(a, b)
    print(a, b, q, r, q * b + r == a)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
