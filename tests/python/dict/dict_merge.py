# | and |= merge dicts with the right operand winning; ** unpacking does the same.
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(a | b, b | a, {**a, **b}, {**b, "w": 0})
a |= b
print(a)
a |= [("q", 9)]
print(a)
try:
    a | [("k", 1)]
except TypeError as e:
    print("TypeError:", e)
