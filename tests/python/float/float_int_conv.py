# int() truncates floats toward zero; float() of huge ints rounds or overflows.
for v in [2.9, -2.9, 1e15 + 0.5, 1e19, -1e19, 123.0]:
    print(v, int(v))
print(float(10 ** 20), float(-(10 ** 20)), float(2 ** 63), float(2 ** 64 - 1))
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(int(1e100))
