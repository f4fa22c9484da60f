# math: common functions and constants, integer functions, and domain errors.
import math
print(math.factorial(20), math.comb(10, 3), math.perm(5, 2), math.isqrt(10 ** 20 + 1), math.prod([1, 2, 3, 4]))
print(math.floor(2.7), math.ceil(2.1), math.trunc(-3.9), math.fabs(-1), math.gcd(48, 18), math.lcm(4, 6))
print(math.sqrt(2), math.exp(1), math.log(100, 10), math.log1p(0), math.expm1(0))
print(math.sin(math.pi / 2), math.cos(math.pi), math.tan(0), math.asin(1), math.acos(1), math.atan(1))
print(math.dist((0, 0), (3, 4)), math.hypot(1, 1), math.copysign(3, -1), math.remainder(10, 3))
for bad in [lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1)]:
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
