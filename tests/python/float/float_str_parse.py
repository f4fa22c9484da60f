# float() parsing of strings with spaces, signs, exponents and underscores; errors for bad input.
for s in ["1.5", "  -2.25  ", "+3", "1e3", "1E-2", ".5", "5.", "1_000.5", "inf", "-nan", "  infinity "]:
    print(repr(s), float(s))
for bad in ["", "abc", "1.5.5", "1e", "--1", "1_"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
