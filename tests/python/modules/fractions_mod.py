# fractions.Fraction: construction from ints, strings and floats, exact arithmetic, mixed comparisons, hashing like equal numbers, rounding.
from fractions import Fraction as F
import math
a = F(1, 3); b = F("2/5"); c = F(0.75); d = F("1.25e-1")
print(a, b, c, d, repr(a), a + b, a - b, a * b, a / b, a // b, a % b, a ** 2, a ** -2, -a, abs(-a))
print(a + 1, 1 + a, a * 2.0, a < b, a == F(2, 6), F(4, 2) == 2, F(1, 2) == 0.5, hash(F(1, 2)) == hash(0.5), hash(F(3)) == hash(3))
print(hash(F(1, 3)), float(a), int(F(-7, 2)), round(F(5, 2)), round(F(7, 2)), round(F(1, 3), 2), math.floor(F(-7, 2)), math.ceil(F(7, 2)))
print(F(math.pi).limit_denominator(100), sorted([F(1, 2), F(1, 3), 0.4]), sum([F(1, n) for n in range(1, 5)]))
print(F(3, 4).numerator, F(3, 4).denominator, F(6, -4), max(F(1, 2), F(2, 3)))
