# An uncaught KeyError with an int key.
table = {1: "one", 2: "two"}
print(table[1])
print(table[3])
