# list append and index in hot loops, with a bounds error at the end.
a = []
for i in range(8000):
    a.append(i * i % 101)
s = 0
for i in range(len(a)):
    s += a[i] * (1 if i % 2 else -1)
print(len(a), s)
for i in range(1, len(a)):
    a[i] = a[i] + a[i - 1]
print(a[-1], a[4000])
try:
    i = 0
    while True:
        s += a[i]
        i += 1
except IndexError as e:
    print("stopped at", i, e)
