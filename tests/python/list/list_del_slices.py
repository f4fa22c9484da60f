# Deleting and replacing extended slices, and slice objects.
a = list(range(12))
del a[1::3]
print(a)
a[::2] = [x * 100 for x in a[::2]]
print(a)
s = slice(1, 6, 2)
print(a[s], s.start, s.stop, s.step, slice(3))
del a[-3:]
print(a)
a[2:5] = []
print(a)
print(a[slice(None, None, -1)])
