# format() with specs for ints, floats, strings and objects with __format__.
print(format(1234.5678, ",.2f"), format(0.000123, ".2e"), format(42, "^10"), format("x", "*<5"), format(255, "o"))
print(format(-1, "+"), format(1, "+"), format(12, "=+6"), format(3, "c"), format(65, "c"))
class Temp:
    def __format__(self, spec):
        return "cold" if spec == "word" else "T" + spec
print(format(Temp(), "word"), format(Temp(), "x"), f"{Temp():abc}")
try:
    format(3, "z")
except ValueError as e:
    print("ValueError:", e)
