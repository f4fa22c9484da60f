# fib: naive recursive Fibonacci, the seed paper's "Recursion (Fibonacci 40)" row.
# argv[1] = n (default 30); argv[2] = iterations (default 1). With more than one
# iteration its CPU time (time.process_time) goes to stderr as "iter K SECONDS" (warmup table).
import sys
import time


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    iters = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    r = 0
    for k in range(1, iters + 1):
        t0 = time.process_time()
        r = fib(n)
        if iters > 1:
            sys.stderr.write("iter %d %.6f\n" % (k, time.process_time() - t0))
    print("%d" % r)


main()
