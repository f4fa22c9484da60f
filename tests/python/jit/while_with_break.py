# Hot while loops exiting by break at data-dependent points.
def first_square_over(limit):
    i = 0
    while True:
        if i * i > limit:
            break
        i += 1
    return i
print([first_square_over(n) for n in (0, 10, 1000, 10 ** 7)])
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print(steps)
