# Nested loops with break out of the inner one and a flag for the outer one.
found = None
for i in range(1, 10):
    for j in range(1, 10):
        if i * j == 42:
            found = (i, j)
            break
    if found:
        break
print(found)
table = []
for i in range(1, 5):
    row = []
    for j in range(1, 5):
        row.append(i * j)
    table.append(row)
for row in table:
    print(" ".join(f"{v:3}" for v in row))
