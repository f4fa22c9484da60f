# inf and nan: creation, comparison, arithmetic and repr.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, repr(inf), float("-inf"), float("Infinity"), float("NaN"))
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan, nan is nan)
print(inf + 1, inf - inf, inf * 0, inf * -1, 1 / inf, -1 / inf)
import math
print(math.isinf(inf), math.isnan(nan), math.isfinite(1.0), math.isfinite(inf))
print(math.inf == inf, math.nan != math.nan)
print(max(1.0, inf), min(-inf, 0.0), sorted([3.0, inf, -inf, 0.0]))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
