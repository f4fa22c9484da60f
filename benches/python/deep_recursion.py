# deep_recursion: non-tail recursion 10000 frames deep, repeated. Exercises
# frame push/pop and stack growth rather than arithmetic.
# argv[1] = repetitions (default 100).
import sys

DEPTH = 10000


def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1


def main():
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    sys.setrecursionlimit(DEPTH + 1000)
    s = 0
    for r in range(reps):
        s = s + down(DEPTH - r % 7)
    print("%d" % s)


main()
