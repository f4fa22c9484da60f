# Guards failing in compiled loops: a value changing type mid-loop, a list mutated while
# iterated, iteration over other iterables, and an exception in the middle of a hot loop.


def type_changes(n):
    x = 0
    for i in range(n):
        if i == n // 2:
            x = float(x)
        if i == n - 5:
            x = str(x)
            break
        x = x + 1
    return x


def every_iteration_fails(n):
    # The branch flips every time: guards fail on every iteration.
    t = 0
    for i in range(n):
        if i % 2:
            t += 3
        else:
            t -= 1
    return t


def list_iter(n):
    items = list(range(n))
    t = 0
    for v in items:
        t += v
        if v == n // 2:
            items.append(-1)
    return t


def other_iterables(n):
    d = {i: i * i for i in range(n)}
    t = 0
    for k in d:
        t += d[k]
    for k, v in d.items():
        t -= v
    for c in "abc" * n:
        t += ord(c)
    for e in enumerate(range(n)):
        t += e[0]
    return t


def raise_in_loop(n):
    t = 0
    i = 0
    try:
        while True:
            t += [1, 2, 3][i % 3]
            i += 1
            if i == n:
                t += {}["missing"]
    except KeyError as e:
        return t, repr(e)


def none_checks(n):
    t = 0
    v = None
    for i in range(n):
        if v is None:
            t += 1
        if i == n - 50:
            v = 0
        if v is not None:
            t += 2
    return t


print(type_changes(4000))
print(every_iteration_fails(5000))
print(list_iter(4000))
print(other_iterables(2000))
print(raise_in_loop(3000))
print(none_checks(3000))
