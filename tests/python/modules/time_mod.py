# time: only monotonic properties are printed (values are not deterministic).
import time
a = time.time()
b = time.perf_counter()
c = time.monotonic()
x = sum(range(10000))
print(time.time() >= a, time.perf_counter() >= b, time.monotonic() >= c, type(a).__name__, x)
time.sleep(0.001)
print(time.perf_counter() > b)
