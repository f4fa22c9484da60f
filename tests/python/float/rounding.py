# round() uses banker's rounding on ints-as-floats and correct decimal rounding with ndigits.
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 0.375, 123.456, -123.456]:
    print(v, round(v), round(v, 1), round(v, 2), round(v, -1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(2.5, 0))
print(round(1234.5678, -2), round(1e20, 2), round(0.1 + 0.2, 10))
import math
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), int(-2.5))
