# math functions on floats with exact-looking results, and float attributes.
import math
print(math.sqrt(16), math.sqrt(2), math.pow(2, 0.5), math.exp(0), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), math.atan2(1, 1) * 4, math.hypot(3, 4), math.degrees(math.pi), math.radians(180))
print(math.fabs(-2), math.fmod(7, 3), math.fmod(-7, 3), math.copysign(1, -0.0), math.modf(3.75), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.floor(3.7), math.ceil(3.2), math.isclose(0.1 + 0.2, 0.3), math.fsum([0.1] * 10))
print((2.5).real, (2.5).imag, float.__name__, math.pi, math.e, math.tau)
