# Recursive generators (yield from) several hundred deep.
import sys
sys.setrecursionlimit(10000)
def nested(n):
    if n == 0:
        yield "bottom"
    else:
        yield n
        yield from nested(n - 1)
items = list(nested(500))
print(len(items), items[:3], items[-2:])
def inorder(t):
    if t:
        yield from inorder(t[0])
        yield t[1]
        yield from inorder(t[2])
t = None
for v in [5, 3, 8, 1, 4, 7, 9]:
    def insert(node, v):
        if node is None:
            return [None, v, None]
        if v < node[1]:
            node[0] = insert(node[0], v)
        else:
            node[2] = insert(node[2], v)
        return node
    t = insert(t, v)
print(list(inorder(t)))
