# Integer loops that the JIT compiles: sums, overflow into big ints mid-loop, floor division
# and modulo of every sign, bit operations.


def sum_squares(n):
    s = 0
    i = 0
    while i < n:
        s += i * i
        i += 1
    return s


def grows_past_64_bits(n):
    # The product overflows i64 part-way through: the compiled loop must exit, never wrap.
    x = 1
    i = 0
    while i < n:
        x = x * 3 + i
        i += 1
    return x


def floor_ops(n):
    acc = 0
    i = -n
    while i < n:
        acc += i // 7 + i % 7 + (i * 5) // 3 - (i % 4)
        if i % 5 == 0:
            acc -= i // -3
        i += 1
    return acc


def bits(n):
    h = 0
    i = 0
    while i < n:
        h = (h ^ (i * 2654435761)) & 0xFFFFFFFF
        h = h | (i & 3)
        i += 1
    return h


def shrinking_back(n):
    # Big ints come back to small ones: the loop keeps working either way.
    x = 2**70
    i = 0
    out = 0
    while i < n:
        x = x // 2 + 1
        out += x % 1000
        i += 1
    return out, x


print(sum_squares(5000))
print(sum_squares(3037000))
print(grows_past_64_bits(3000) % 1000000007)
print(floor_ops(4000))
print(bits(5000))
print(shrinking_back(3000))
