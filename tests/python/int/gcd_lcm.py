# Euclid's algorithm over ints and bigints, checked against math.gcd and math.lcm.
import math
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)
for a, b in [(12, 18), (17, 5), (0, 9), (-24, 36), (2 ** 80, 2 ** 70 * 3), (10 ** 30 + 7, 10 ** 15 + 1)]:
    print(a, b, gcd(a, b), math.gcd(a, b), math.lcm(a, b))
print(math.gcd(), math.gcd(5), math.gcd(12, 18, 27))
