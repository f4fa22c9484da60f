# alloc_churn: many short-lived objects (two instances, a tuple and a list per
# step) with a ring of 256 medium-lived survivors, to stress the allocator and
# collector rather than arithmetic. argv[1] = steps (default 1000000).
import sys


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


def churn(n):
    ring = [None] * 256
    s = 0
    for i in range(n):
        p = Point(i % 1000, i * 7 % 1000)
        q = Point(p.x + 1, p.y + 2)
        t = (p.x + q.y, [p.y, q.x])
        s = (s + t[0] + t[1][1]) % 1000000007
        ring[i % 256] = q
    for q in ring:
        if q is not None:
            s = (s + q.x * 3 + q.y) % 1000000007
    return s


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    print("%d" % churn(n))


main()
