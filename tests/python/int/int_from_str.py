# int() of strings with bases, signs, whitespace and underscores; error messages for bad input.
print(int("42"), int("  -17  "), int("+5"), int("1_000"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("0o777", 0), int("0b101", 0))
print(int("z", 36), int("10", 2), int("777", 8), int("-101", 2))
print(int("123456789012345678901234567890"), int("1" * 40, 2))
print(int(3.99), int(-3.99), int(True), int(1e20))
for bad in ["", "abc", "1.5", "1__0", "0x", " "]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("12", 2)
except ValueError as e:
    print("ValueError:", e)
try:
    int("10", 99)
except ValueError as e:
    print("ValueError:", e)
