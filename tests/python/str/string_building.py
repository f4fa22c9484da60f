# Building strings by concatenation, join, and list accumulation give the same result.
parts = []
acc = ""
for i in range(200):
    piece = str(i * i % 97)
    parts.append(piece)
    acc += piece + ","
print(len(acc), acc[:60])
print(",".join(parts) + "," == acc)
words = "the rain in spain falls mainly on the plain".split()
print(" ".join(w.capitalize() for w in words))
print("".join(reversed("stressed")), "-".join(sorted(set("mississippi"))))
