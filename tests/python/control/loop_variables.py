# Loop variables keep their last value after the loop; loops over changing lists.
for i in range(3):
    pass
print(i)
for ch in "abc":
    pass
print(ch)
items = [1, 2, 3]
for x in items:
    if x == 1:
        items.append(4)
print(items)
count = 0
for _ in range(1000):
    count += 1
print(count)
