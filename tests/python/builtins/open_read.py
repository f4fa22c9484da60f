# open() in text and binary mode on a data file next to the program; iteration, readline, read.
with open("_data.txt") as f:
    print(repr(f.readline()))
    rest = f.read()
print(len(rest), rest.count("\n"))
with open("_data.txt", encoding="utf-8") as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
with open("_data.txt", "rb") as f:
    data = f.read()
print(type(data).__name__, len(data), data[:12])
with open("_data.txt") as f:
    print(f.readlines()[-1])
try:
    open("does_not_exist.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
