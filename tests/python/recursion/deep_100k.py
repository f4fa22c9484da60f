# With a raised recursion limit, recursion 100,000 deep works.
import sys
sys.setrecursionlimit(200000)
def depth(n):
    if n == 0:
        return 0
    return depth(n - 1) + 1
print(depth(100000))
def sum_list(items, i=0):
    return 0 if i == len(items) else items[i] + sum_list(items, i + 1)
print(sum_list(list(range(50000))))
