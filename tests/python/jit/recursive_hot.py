# A recursive function called many times (fib) becomes hot.
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20), [fib(i) for i in range(15)])
