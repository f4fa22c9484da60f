# add, discard, remove, pop, clear, update, copy on sets of ints.
s = set()
for n in [5, 3, 5, 1]:
    s.add(n)
print(s, len(s), 3 in s, 4 not in s)
s.discard(99); s.discard(3); print(s)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
s.update([7, 8], {9})
print(s)
t = s.copy()
t.clear()
print(s, t)
total = 0
while s:
    total += s.pop()
print(total, s)
