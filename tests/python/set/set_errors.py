# Unhashable members, and set comparisons that are not total orders.
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
a, b = {1, 2}, {2, 3}
print(a < b, a > b, a == b, sorted([{3}, {1}, {2}], key=min))
print({1, 2} == frozenset({1, 2}), set() == frozenset())
