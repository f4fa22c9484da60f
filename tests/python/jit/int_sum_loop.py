# A hot loop summing ints: the simplest trace.
total = 0
for i in range(20000):
    total += i
print(total)
def sum_to(n):
    s = 0
    i = 0
    while i < n:
        s += i * 3 - 1
        i += 1
    return s
print(sum_to(15000), sum_to(10), sum_to(0))
