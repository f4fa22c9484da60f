# The accumulator changes type from int to float in the middle of a hot loop.
acc = 0
for i in range(6000):
    if i == 3000:
        acc += 0.5
    else:
        acc += i
print(acc, type(acc).__name__)
vals = [1] * 2500 + [1.5] * 2500 + [2] * 2500
s = 0
for v in vals:
    s = s * 0.5 + v
print(s)
