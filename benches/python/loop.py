# loop: a counting loop, the seed paper's "Loop Execution (1B count)" row.
# argv[1] = how far to count (default 10000000). Prints the final counter.
import sys


def count_to(n):
    i = 0
    while i < n:
        i += 1
    return i


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000000
    print("%d" % count_to(n))


main()
