# squares: the sum of i*i over n terms, the plain loop the JIT issue measures.
# The terms come in blocks of 100000 (block k sums i*i for i in k .. k+99999)
# and only the block sums are reduced mod p, so every partial sum stays below
# 2**53 and Lua 5.4 integers, LuaJIT doubles and Python ints all agree.
# argv[1] = number of terms (default 100000000).
import sys


def squares(n):
    total = 0
    done = 0
    k = 0
    while done < n:
        m = min(100000, n - done)
        s = 0
        for i in range(k, k + m):
            s += i * i
        total = (total + s) % 1000000007
        done += m
        k += 1
    return total


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000000
    print("%d" % squares(n))


main()
