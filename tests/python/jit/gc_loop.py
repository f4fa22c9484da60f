# Allocation-heavy compiled loops: collections are requested while traces run; the loop header
# exits to the interpreter, which collects, and compiled code continues.


class Node:
    def __init__(self, v, nxt):
        self.v = v
        self.nxt = nxt


def churn(n):
    keep = None
    t = 0
    for i in range(n):
        s = "item" + str(i)
        lst = [i, s, (i, s)]
        t += len(lst[1])
        if i % 100 == 0:
            keep = Node(i, keep)
    c = 0
    while keep is not None:
        c += keep.v
        keep = keep.nxt
    return t, c


print(churn(60000))
