# Tuple-based multiple assignment: swaps, rotations, and Fibonacci with a pair.
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
x, y = 0, 1
seq = []
for _ in range(15):
    seq.append(x)
    x, y = y, x + y
print(seq)
pair = (1, "one")
num, word = pair
print(num, word, pair[::-1])
