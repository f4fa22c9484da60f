# cmath basics on assorted complex and real arguments; numbers.Complex; negative bases to fractional powers.
import cmath, math, numbers
zs = [1 + 2j, -1, 0.5j, -3 - 4j, 1e-5 + 1j, 2.5, complex(0.9, 0.4), -0.0j]
for z in zs:
    print(z, cmath.sqrt(z), cmath.exp(z), cmath.phase(z), cmath.polar(z))
    if z != 0:
        print("  ", cmath.log(z), cmath.log10(z), cmath.log(z, 2))
    print("  ", cmath.sin(z), cmath.cos(z), cmath.tan(z), cmath.sinh(z), cmath.cosh(z), cmath.tanh(z))
print(cmath.rect(2, math.pi / 4), cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isfinite(1j), cmath.isnan(cmath.nanj), cmath.pi)
print(isinstance(1j, numbers.Complex), isinstance(1j, numbers.Real), isinstance(2, numbers.Complex))
print(cmath.sqrt(-1), cmath.sqrt(-4.0), cmath.exp(1j * math.pi))
print((-8) ** (1 / 3), (-2.0) ** 0.5, (-1) ** 2.5, 2 ** -1, (-8.0) ** 2.0)
