# Numeric literals: underscores, bases, exponents, and their repr.
print(1_000_000, 0x_ff, 0o17, 0b1010, 0B11, 0XAB)
print(1e3, 1.5e-3, 2E10, .5, 5., 1_0.0_1)
print(10**20, 0xFFFFFFFFFFFFFFFFFF)
print(-0, -0.0, +3, -(-4))
print(type(1e3).__name__, type(10**30).__name__)
print(1 if 0.1 + 0.2 == 0.3 else 0, 0.1 + 0.2)
