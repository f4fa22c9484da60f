# The depth reached before RecursionError is close to the limit, and the program recovers.
import sys
sys.setrecursionlimit(3000)
deepest = 0
def probe(n):
    global deepest
    deepest = n
    probe(n + 1)
try:
    probe(1)
except RecursionError:
    pass
print(2900 < deepest <= 3000)
sys.setrecursionlimit(1000)
try:
    probe(1)
except RecursionError:
    print(900 < deepest <= 1000)
