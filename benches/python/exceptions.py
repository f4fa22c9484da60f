# exceptions: a loop where a third of the calls raise from two frames down and
# are caught with a value attached. argv[1] = steps (default 1000000).
import sys


class Bad(Exception):
    def __init__(self, code):
        Exception.__init__(self)
        self.code = code


def inner(i):
    if i % 3 == 0:
        raise Bad(i % 17)
    return i % 5


def outer(i):
    return inner(i) + 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    s = 0
    caught = 0
    for i in range(n):
        try:
            s += outer(i)
        except Bad as e:
            s += e.code
            caught += 1
    print("%d %d" % (caught, s))


main()
