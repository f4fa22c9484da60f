# String concatenation and slicing in hot loops.
s = ""
for i in range(3000):
    s += chr(97 + i % 26)
print(len(s), s[:30], s[-5:])
count = 0
for i in range(len(s) - 2):
    if s[i:i + 3] == "abc":
        count += 1
print(count)
parts = []
for i in range(4000):
    parts.append(str(i % 10))
print("".join(parts)[1000:1020])
