# Indexing and slicing with negative indices, steps, out-of-range bounds and reversal.
s = "Hello, World"
print(s[0], s[-1], s[4], s[-5])
print(s[0:5], s[7:], s[:5], s[-5:], s[:-7], s[:])
print(s[::2], s[1::3], s[::-1], s[-1:-6:-1], s[10:2:-2], s[100:], s[-100:3])
print(s[5:5] == "", s[8:3], repr(s[20:30]))
for i in range(0, len(s), 4):
    print(i, repr(s[i:i + 4]))
try:
    s[50]
except IndexError as e:
    print("IndexError:", e)
