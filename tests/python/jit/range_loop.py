# for-range loops: steps, negative steps, empty ranges, nested loops, break and continue,
# and a range that ends at the largest small int.


def tri(n):
    t = 0
    for i in range(n):
        t += i
    return t


def stepped(a, b, c):
    t = 0
    count = 0
    for i in range(a, b, c):
        t += i * count
        count += 1
    return t, count


def nested(n):
    t = 0
    for i in range(n):
        for j in range(i % 17):
            t += i ^ j
    return t


def with_break(n):
    found = -1
    for i in range(n):
        if i * i > 40000000:
            found = i
            break
        if i % 3 == 0:
            continue
    return found


print(tri(10000))
print(stepped(0, 5000, 3))
print(stepped(5000, -5000, -7))
print(stepped(10, 0, 1))
print(nested(3000))
print(with_break(100000))
big = 0
for k in range(2**63 - 3000, 2**63 - 1):
    big += k & 0xFF
print(big)
