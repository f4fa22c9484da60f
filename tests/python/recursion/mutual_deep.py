# Deep mutual recursion and recursion through methods with a raised limit.
import sys
sys.setrecursionlimit(50000)
def even(n):
    return True if n == 0 else odd(n - 1)
def odd(n):
    return False if n == 0 else even(n - 1)
print(even(20000), odd(20001))
class Node:
    def __init__(self, nxt):
        self.nxt = nxt
    def length(self):
        return 1 + (self.nxt.length() if self.nxt else 0)
head = None
for _ in range(20000):
    head = Node(head)
print(head.length())
