# sum_squares: sum of j*j over a range, kept below 2**53 by a modulus so that
# Lua 5.4 integers, LuaJIT doubles and Python ints all agree.
# argv[1] = number of terms (default 10000000).
import sys


def sum_squares(n):
    s = 0
    for i in range(n):
        j = i % 1000003
        s = (s + j * j) % 1000000007
    return s


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000000
    print("%d" % sum_squares(n))


main()
