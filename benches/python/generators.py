# generators: a four-stage lazy pipeline (source, map, filter, running sum)
# built from generators; lua/generators.lua uses coroutines for the same.
# argv[1] = items (default 1000000).
import sys


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def squares(src):
    for x in src:
        yield x * x % 1000003


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def running(src):
    s = 0
    for x in src:
        s = (s + x) % 1000000007
        yield s


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    count = 0
    last = 0
    for v in running(evens(squares(numbers(n)))):
        count += 1
        last = v
    print("%d %d" % (count, last))


main()
