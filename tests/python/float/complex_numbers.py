# complex numbers: literals, complex(), arithmetic with int/float, abs, ==, hash, repr/str, format, errors, and a sweep of operator results.
z = 1 + 2j
print(z, 2j, -2j, 1j * 1j, (1 + 2j) * (3 - 4j), (1 + 2j) / (3 - 4j), z ** 2, z ** 0.5, z ** -1, 2 ** z)
print(complex(1, 2), complex(), complex("3+4j"), complex(" -1.5e3-2J "), complex(2), complex(1.5, -0.0), complex("j"), complex(1j, 1j))
print(abs(3 + 4j), z.real, z.imag, z.conjugate(), z == 1 + 2j, z != 1, 1 + 0j == 1, hash(1 + 0j) == hash(1), hash(z))
print(type(z), type(z).__name__, isinstance(z, complex), str(z), repr(-0.0 - 1j), complex(-0.0, 0.0), 0j, -0j)
print([z * k for k in range(3)], sum([1j, 2, 3.5]), bool(0j), bool(1j), -z, +z, z - 1, 1 - z, 2 * z, z / 2, 1 / z)
print(1e300j * 1e10, complex(float("inf"), float("nan")), (1 + 1j) ** 100, f"{z:.2f}", format(1.5 - 2j, "+.3e"))
try:
    z < z
except TypeError as e:
    print("TypeError:", e)
try:
    z // 2
except TypeError as e:
    print("TypeError:", e)
try:
    1 / 0j
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    complex("abc")
except ValueError as e:
    print("ValueError:", e)
d = {1 + 0j: "a", 2j: "b"}; print(d[1], d[2j], {1, 1 + 0j, 1.0})
vals = [0.0, -0.0, 1.0, -2.5, 0.1, 3.0, 1e-3, 7.25]
zs = [complex(a, b) for a in vals[::2] for b in vals[1::2]] + [2j, 1 + 1j, -1j]
out = []
for a in zs:
    for b in zs:
        row = [a + b, a - b, a * b]
        try:
            row.append(a / b)
        except ZeroDivisionError:
            row.append("zde")
        try:
            row.append(a ** b)
        except (ZeroDivisionError, OverflowError) as e:
            row.append(type(e).__name__)
        out.append(" ".join(map(repr, row)))
for a in zs:
    out.append(f"{abs(a)!r} {a ** 2!r} {a ** -3 if a else 0!r} {a ** 0.5!r} {2 ** a!r} {a * 3!r} {1.5 / a if a else 0!r} {hash(a)}")
print(len(out))
for line in out[::7]:
    print(line)
