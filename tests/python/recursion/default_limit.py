# The default recursion limit stops runaway recursion with a catchable RecursionError.
import sys
print(sys.getrecursionlimit())
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError:", e)
def count(n):
    return 0 if n == 0 else 1 + count(n - 1)
print(count(900))
print("still running after the error")
