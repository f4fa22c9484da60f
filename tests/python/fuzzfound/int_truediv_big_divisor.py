# Found by the differential fuzzer (fuzz/src/py_gen.rs): int / int where the divisor has more
# than 53 bits was truncated to an integer quotient before conversion (1 / 2**64 gave 0.0,
# (2**63 - 1) / (2**62 + 1) gave 1.0). Run in a loop so the JIT sees it too.
cases = [(-1, 2**63), (1, 2**64), (3, 2**63 + 1), (1, 10**20), (7, -(2**70)),
         (2**63 - 1, 2**62 + 1), (2**64, 2**63 + 1), (10**20, 7**30), (2**64 + 1, 10**20),
         (-(2**63), 2**64 + 1), (0, 2**65), (10**40, 3**50)]
for i in range(3):
    for p, q in cases:
        print(p / q, -p / q, q / (p | 1))
